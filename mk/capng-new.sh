#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/capng-new.sh DIR [SUITE]
#
# Builds libcap-ng for the system's cc (glibc) from the source package of
# Debian's SUITE (trixie unless told) into DIR: DIR/include/cap-ng.h,
# DIR/lib/libcap-ng.a and DIR/VERSION (the upstream version), so that the
# unit tests and the caps suite can run against a libcap-ng other than the
# machine's (make check-capng-new). The library is static and built -fPIC:
# it links into su-exec, the unit tests and libprivdrop.so.0 alike, and
# nothing at run time can load the machine's libcap-ng in its place. The
# source is fetched once, through a private apt state kept in DIR
# (mk/apt-private.sh), and kept in DIR/src. Needs dpkg-dev and a cc.
set -eu

[ $# -ge 1 ] || { echo "usage: mk/capng-new.sh DIR [SUITE]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
suite=${2:-trixie}
mk=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)

# The source package, or where the mirror serves only its upstream tarball,
# that tarball, checked here against the hash in the signed Sources index.
fetch() {
	apt() { sh "$mk/apt-private.sh" "$out/apt" "$arch" "$suite" "$@"; }
	rm -rf "$out/src"
	mkdir -p "$out/src"
	apt update >"$out/log" 2>&1
	# dpkg-source warns that it has no key for the uploader's own signature.
	if (cd "$out/src" && apt source --download-only libcap-ng) >>"$out/log" 2>&1; then
		dsc=$(ls "$out"/src/libcap-ng_*.dsc | head -n 1)
		(cd "$out/src" && dpkg-source -x "$dsc" capng) >>"$out/log" 2>&1
		return
	fi
	orig=$(apt source --print-uris libcap-ng 2>>"$out/log" | awk '$2 ~ /\.orig\.tar\./ { print $2, $4 }')
	[ -n "$orig" ] || { echo "capng-new: no libcap-ng source in $suite (see $out/log)" >&2; exit 1; }
	set -- $orig
	(cd "$out/src" && echo "${2#SHA256:}  $1" | sha256sum -c -) >>"$out/log" 2>&1 ||
		{ echo "capng-new: $1 does not match the Sources index (see $out/log)" >&2; exit 1; }
	mkdir "$out/src/capng"
	tar -xf "$out/src/$1" -C "$out/src/capng" --strip-components=1
}

# 1 when a program with these lines compiles.
have() {
	printf '%s\n' "$@" >"$out/probe.c"
	if cc -c -o "$out/probe.o" "$out/probe.c" 2>/dev/null; then echo 1; else echo 0; fi
}

# What libcap-ng's configure.ac asks of the system, asked of it the same way:
# its two sources need nothing else, so neither autotools nor its configure
# (missing from an upstream tarball) is needed.
config_h() {
	for h in sys/xattr.h attr/xattr.h linux/securebits.h pthread.h sys/vfs.h linux/magic.h; do
		[ "$(have "#include <$h>")" = 0 ] ||
			echo "#define HAVE_$(echo "$h" | tr 'a-z/.' 'A-Z__') 1"
	done
	# configure.ac names this one without its folder.
	[ "$(have '#include <sys/syscall.h>')" = 0 ] || echo "#define HAVE_SYSCALL_H 1"
	echo "#define HAVE_DECL_PR_CAP_AMBIENT $(have '#include <sys/prctl.h>' 'int x = PR_CAP_AMBIENT;')"
	for d in VFS_CAP_REVISION_2 VFS_CAP_REVISION_3 CAP_EPOLLWAKEUP CAP_WAKE_ALARM CAP_BLOCK_SUSPEND \
		CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE; do
		echo "#define HAVE_DECL_$d $(have '#include <linux/capability.h>' "int x = $d;")"
	done
}

build() {
	src="$out/src/capng/src"
	# su-exec's own make variables stay out of this build: it is
	# libcap-ng's, with its own flags (src/Makefile.am's).
	unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS
	rm -rf "$out/obj"
	mkdir -p "$out/obj" "$out/include" "$out/lib"
	config_h >"$out/obj/config.h"
	for c in cap-ng lookup_table; do
		cc -O2 -g -fPIC -DPIC -D_GNU_SOURCE -ffile-prefix-map="$src=libcap-ng" -I"$out/obj" -I"$src" \
			-c -o "$out/obj/$c.o" "$src/$c.c" >>"$out/log" 2>&1
	done
	rm -f "$out/lib/libcap-ng.a.tmp"
	ar rcs "$out/lib/libcap-ng.a.tmp" "$out/obj/cap-ng.o" "$out/obj/lookup_table.o"
	cp "$src/cap-ng.h" "$out/include/"
	mv "$out/lib/libcap-ng.a.tmp" "$out/lib/libcap-ng.a"
	# The Debian revision (0.8.5-4) and any epoch are Debian's, not libcap-ng's.
	basename "$(ls "$out"/src/libcap-ng_*.orig.tar.* | head -n 1)" |
		sed 's/^libcap-ng_//; s/^[0-9]*://; s/\.orig\.tar\..*$//' >"$out/VERSION"
}

[ -e "$out/src/capng/src/cap-ng.c" ] || fetch
build
echo "capng-new: libcap-ng $(cat "$out/VERSION") from $suite in $out"
