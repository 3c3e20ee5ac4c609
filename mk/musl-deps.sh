#!/bin/sh
# Usage: mk/musl-deps.sh BUILDDIR
#
# Prepares what `make static-musl` needs on a glibc system, into BUILDDIR/include
# and BUILDDIR/lib. musl-gcc ships no kernel headers, so linux/, asm/ and
# asm-generic/ are copied from linux-libc-dev. Debian's libcap-ng.a is built
# against glibc (it calls __printf_chk and friends) and cannot be linked with
# musl, so libcap-ng is rebuilt for musl from Debian's own source package.
# Where `cc` is already musl (Alpine), the system's libcap-ng.a is used and
# nothing is built. A second run finds everything in place and does nothing.
#
# The source comes through apt with a throw-away deb-src list, lists directory
# and config (-o/-c options), so the system's apt setup is never touched. apt
# checks the files against the archive's signed Sources index; dpkg-source -x
# checks the .dsc checksums again while unpacking.
#
# Environment: MUSL_CC (default musl-gcc).
set -eu

me=musl-deps
MUSL_CC=${MUSL_CC:-musl-gcc}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

say() { echo "$me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }

# run LOG CMD...: CMD's output goes to LOG, and is shown only if CMD fails.
run() {
	log=$1; shift
	if ! "$@" >"$log" 2>&1; then
		echo "$me: error: '$*' failed; last lines of $log:" >&2
		tail -n 25 "$log" >&2
		exit 1
	fi
}

need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found; install it: apt-get install $2"
}

# Prints "URI SUITE..." of the first deb entry of the system's Debian sources.
debian_mirror() {
	if [ -r /etc/apt/sources.list.d/debian.sources ]; then
		awk '
			function flush() {
				if (!done && types ~ /(^| )deb( |$)/ && uri != "" && suites != "") {
					print uri, suites; done = 1
				}
				types = uri = suites = ""
			}
			/^[ \t]*$/ { flush(); next }
			/^#/ { next }
			{
				key = tolower(substr($0, 1, index($0, ":")))
				val = substr($0, index($0, ":") + 1)
				if (key == "types:") types = val
				if (key == "uris:") { split(val, u, " "); uri = u[1] }
				if (key == "suites:") suites = val
			}
			END { flush() }
		' /etc/apt/sources.list.d/debian.sources
	elif [ -r /etc/apt/sources.list ]; then
		sed -n 's/\[[^]]*\]//; s/^deb[ \t]\{1,\}\([^ \t]*\)[ \t]\{1,\}\([^ \t]*\).*/\1 \2/p' \
			/etc/apt/sources.list | head -n 1
	fi
}

kernel_headers() {
	[ -e "$B/include/.kernel-headers" ] && return 0
	arch=$(gcc -print-multiarch 2>/dev/null || true)
	asm=/usr/include/$arch/asm
	if [ -z "$arch" ] || ! [ -d "$asm" ] || ! [ -r /usr/include/linux/capability.h ]; then
		die "kernel headers not found (/usr/include/linux, $asm); install them: apt-get install linux-libc-dev"
	fi
	say "copying kernel headers to $B/include"
	rm -rf "$B/include/linux" "$B/include/asm" "$B/include/asm-generic"
	cp -R /usr/include/linux /usr/include/asm-generic "$B/include/"
	cp -R "$asm" "$B/include/asm"
	: >"$B/include/.kernel-headers"
}

# Downloads and unpacks Debian's libcap-ng source into $W/src.
fetch_source() {
	# shellcheck disable=SC2046 # split "URI SUITE..." into words
	set -- $(debian_mirror)
	[ $# -ge 2 ] || die "no Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
	[ -r "$keyring" ] || die "$keyring missing; install it: apt-get install debian-archive-keyring"
	uri=$1; shift
	suites="$*"
	mkdir -p "$W/apt/lists/partial" "$W/src"
	for suite; do
		echo "deb-src [signed-by=$keyring] $uri $suite main"
	done >"$W/apt/sources.list"
	# Our private update must not run the system's update hooks.
	printf '#clear APT::Update::Pre-Invoke;\n#clear APT::Update::Post-Invoke;\n#clear APT::Update::Post-Invoke-Success;\n' \
		>"$W/apt/apt.conf"
	set -- -q -c "$W/apt/apt.conf" \
		-o Dir::Etc::SourceList="$W/apt/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$W/apt/lists" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=

	say "fetching libcap-ng source from $uri ($suites)"
	run "$W/apt-update.log" apt-get "$@" -o APT::Update::Error-Mode=any update
	(cd "$W/src" && run "$W/apt-source.log" apt-get "$@" source --download-only libcap-ng)
	for dsc in "$W"/src/libcap-ng_*.dsc; do break; done
	[ -e "$dsc" ] || die "apt-get source left no libcap-ng .dsc in $W/src"
	run "$W/dpkg-source.log" dpkg-source -x "$dsc" "$W/src/libcap-ng"
}

# Builds the static library with the package's own configure and make.
build_libcap_ng() {
	s=$W/src/libcap-ng
	say "building $(basename "$dsc" .dsc) with $MUSL_CC"
	# pthread.h is kept (the upstream default): its pthread_atfork hook
	# resets libcap-ng's cached thread id in a forked child, as in Debian's
	# and Alpine's builds. It costs 180 bytes: malloc is linked anyway.
	(cd "$s" && run "$W/configure.log" ./configure CC="$MUSL_CC" \
		CFLAGS="-Os -ffunction-sections -fdata-sections" \
		CPPFLAGS="-I$B/include" \
		--disable-shared --enable-static --without-python --without-python3)
	# AM_CFLAGS would add -fPIC, which only makes a static binary bigger.
	run "$W/make.log" make -C "$s/src" libcap-ng.la AM_CFLAGS=-D_GNU_SOURCE
	cp "$s/src/cap-ng.h" "$B/include/cap-ng.h.tmp"
	mv "$B/include/cap-ng.h.tmp" "$B/include/cap-ng.h"
	cp "$s/src/.libs/libcap-ng.a" "$B/lib/libcap-ng.a.tmp"
	mv "$B/lib/libcap-ng.a.tmp" "$B/lib/libcap-ng.a"
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
mkdir -p "$1/include" "$1/lib"
B=$(cd "$1" && pwd)

case $(cc -dumpmachine 2>/dev/null) in
*-musl*)
	lib=$(cc -print-file-name=libcap-ng.a)
	[ "$lib" != libcap-ng.a ] ||
		die "cc is musl but libcap-ng.a is missing; install it: apk add libcap-ng-dev libcap-ng-static linux-headers"
	exit 0
	;;
esac

[ -e "$B/include/.kernel-headers" ] && [ -e "$B/include/cap-ng.h" ] &&
	[ -e "$B/lib/libcap-ng.a" ] && exit 0

need "$MUSL_CC" musl-tools
need gcc gcc
need make make
need apt-get apt
need dpkg-source dpkg-dev

kernel_headers
if ! [ -e "$B/include/cap-ng.h" ] || ! [ -e "$B/lib/libcap-ng.a" ]; then
	W=$B/libcap-ng.work
	rm -rf "$W"
	mkdir -p "$W"
	fetch_source
	build_libcap_ng
	rm -rf "$W"
fi
say "done: $B/include, $B/lib"
