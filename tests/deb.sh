#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: tests/deb.sh PRIVDROP_DEB   (make deb, after mk/deb.sh built it)
#
# As root: installs the built packages (privdrop, and libprivdrop0 and
# libprivdrop-dev found beside it) into a fresh Debian bookworm root with
# `apt-get install ./*.deb`, so their dependencies resolve from the mirror,
# together with a C compiler; runs `su-exec nobody id` and `man -w su-exec`
# there, builds examples/daemon.c and a small program that drops to nobody
# against the installed library with pkg-config and runs the latter, removes
# the packages with `dpkg -r` and checks that no file of them is left.
#
# The root is debootstrap --variant=minbase plus man-db (minbase has no man),
# made once into build/deb-root/base from the mirror this machine's apt uses
# (mk/mirror.sh) and copied fresh for every run. Every command in it runs
# chrooted, in a private mount namespace holding its /proc; this machine's
# own files are never touched. rm -rf build/deb-root starts over. TAP
# output (lib.sh).
set -u
umask 022
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
# Run with no package, as `prove tests/*.sh` does: there is nothing to test.
[ $# -eq 1 ] || skip_all "tests/deb.sh tests the package that make deb builds"
DR=$ROOT/build/deb-root
W=$DR/work

# in_root CMD...: CMD in the work root, with /proc, in its own mount namespace.
in_root() {
	unshare --mount --propagation private \
		sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$W" "$@"
}

make_base() {
	[ -f "$DR/base/.complete" ] && return
	mirror=$(sh "$ROOT/mk/mirror.sh" bookworm) || return
	echo "# making the Debian root once with debootstrap (log in $DR/debootstrap.log)"
	rm -rf --one-file-system "$DR/base"
	mkdir -p "$DR"
	debootstrap --variant=minbase --include=man-db bookworm "$DR/base" "$mirror" \
		>"$DR/debootstrap.log" 2>&1 || { tail -n 3 "$DR/debootstrap.log" >&2; return 1; }
	touch "$DR/base/.complete"
}

PACKAGES="privdrop libprivdrop0 libprivdrop-dev"

install_deb() {
	set --
	for d in $DEBS; do
		cp "$d" "$W/tmp/" && chmod 644 "$W/tmp/$(basename "$d")" || return
		set -- "$@" "/tmp/$(basename "$d")"
	done
	cp /etc/resolv.conf "$W/etc/resolv.conf" 2>/dev/null
	in_root apt-get update -qq >"$DR/apt.log" 2>&1 &&
		in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			"$@" gcc libc6-dev pkg-config >>"$DR/apt.log" 2>&1
}

# The three packages built together: libprivdrop0 and libprivdrop-dev beside privdrop.
find_debs() {
	DEBS=$DEB
	for p in libprivdrop0 libprivdrop-dev; do
		d=$(ls "$(dirname "$DEB")/${p}_$(dpkg-deb --field "$DEB" Version)_"*.deb 2>/dev/null | head -n 1)
		[ -n "$d" ] || { fail "$p's package beside $(basename "$DEB")" "found" "missing"; return 1; }
		DEBS="$DEBS $d"
	done
}

# Drops to nobody through the installed library, and prints what it became.
DROP_C='#include <stdio.h>
#include <unistd.h>
#include <privdrop.h>
int main(void)
{
	struct pd_error err;
	char line[256];

	if (pd_drop("nobody", NULL, &err) < 0) {
		pd_error_format(&err, line, sizeof(line));
		printf("%s\n", line);
		return 1;
	}
	printf("%u %u\n", (unsigned)getuid(), (unsigned)getgid());
	return 0;
}'

# Built against the installed library with pkg-config, as a user of it would.
library_checks() {
	cp "$ROOT/examples/daemon.c" "$W/tmp/daemon.c" && printf '%s\n' "$DROP_C" >"$W/tmp/drop.c"
	check "pkg-config --modversion privdrop" "$version" "$(in_root pkg-config --modversion privdrop 2>&1)"
	in_root sh -c 'cc -o /tmp/daemon /tmp/daemon.c $(pkg-config --cflags --libs privdrop)' >"$DR/cc.log" 2>&1
	check "examples/daemon.c builds with pkg-config --cflags --libs privdrop" "exit 0 []" "exit $? [$(cat "$DR/cc.log")]"
	in_root sh -c 'cc -o /tmp/drop /tmp/drop.c $(pkg-config --cflags --libs privdrop)' >"$DR/cc.log" 2>&1
	check "a program calling pd_drop builds" "exit 0 []" "exit $? [$(cat "$DR/cc.log")]"
	check "it runs against libprivdrop.so.0 and becomes nobody" \
		"$(in_root id -u nobody) $(in_root id -g nobody)" "$(in_root /tmp/drop 2>&1)"
	check "it is linked to the shared library" yes \
		"$(in_root ldd /tmp/drop 2>&1 | grep -q 'libprivdrop.so.0 => /.*/libprivdrop.so.0 ' && echo yes || echo no)"
}

# leftovers FILE: the paths listed in FILE that still exist and that no
# other package owns (shared folders such as /usr/bin stay, rightly).
leftovers() {
	while IFS= read -r p; do
		[ "$p" = /. ] && continue
		[ -e "$W$p" ] || [ -L "$W$p" ] || continue
		in_root dpkg-query --search "$p" >/dev/null 2>&1 || echo "$p"
	done <"$1"
}

main() {
	DEB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	[ -f "$DEB" ] || { fail "the package" "$1" "no such file"; finish deb; }
	[ "$(id -u)" = 0 ] || { echo "SKIP: tests/deb.sh needs root (chroot, mounts)" >&2; exit 1; }
	version=$(cat "$ROOT/VERSION")
	check "the package's version is VERSION" "$version" "$(dpkg-deb --field "$DEB" Version)"
	find_debs || finish deb
	make_base || { fail "a Debian root from debootstrap" "made" "failed"; finish deb; }
	if [ -e "$W" ] && grep -q " $W" /proc/self/mountinfo; then
		fail "the old work root" "nothing mounted under it" "a mount"; finish deb
	fi
	rm -rf --one-file-system "$W"
	cp -a "$DR/base" "$W" || { fail "a fresh copy of the root" "made" "failed"; finish deb; }
	trap cleanup EXIT

	install_deb
	check "apt-get install ./privdrop ./libprivdrop0 ./libprivdrop-dev in a fresh root" 0 "$?"
	for p in $PACKAGES; do
		check "$p installed" "install ok installed" "$(in_root dpkg-query -W -f='${Status}' "$p" 2>&1)"
	done
	ran=$(in_root su-exec nobody id 2>&1)
	echo "# su-exec nobody id: $ran"
	check "su-exec nobody id, as id nobody says" "$(in_root id nobody 2>&1)" "$ran"
	check "su-exec -V names VERSION, its architecture, glibc and the libcap-ng it was built with" \
		"su-exec (privdrop) $version, $(dpkg-architecture -qDEB_HOST_ARCH), glibc $(ldd --version |
			sed -n '1s/.* //p'), libcap-ng $(pkg-config --modversion libcap-ng)" "$(in_root su-exec -V 2>&1)"
	check "man -w su-exec" /usr/share/man/man1/su-exec.1.gz "$(in_root man -w su-exec 2>&1)"
	check "man su-exec renders" yes \
		"$(in_root env MANPAGER=cat man su-exec 2>/dev/null | grep -q 'switch user and group' && echo yes || echo no)"

	library_checks

	in_root dpkg-query -L $PACKAGES >"$DR/files" 2>&1
	check "dpkg -L lists /usr/bin/su-exec" yes "$(grep -qx /usr/bin/su-exec "$DR/files" && echo yes || echo no)"
	in_root dpkg -r $PACKAGES >>"$DR/apt.log" 2>&1
	check "dpkg -r $PACKAGES" 0 "$?"
	check_empty "not installed after dpkg -r" "$(in_root dpkg-query -W -f='${db:Status-Status}\n' $PACKAGES 2>/dev/null |
		grep -v '^not-installed$')"
	check_empty "no file of the package left" "$(leftovers "$DR/files")"
	check_empty "su-exec is gone from PATH" "$(in_root sh -c 'command -v su-exec' 2>&1)"
	finish deb
}

main "$@"
