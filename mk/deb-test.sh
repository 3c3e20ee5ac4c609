#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: mk/deb-test.sh PRIVDROP_DEB
#
# As root: installs the built package into a fresh Debian bookworm root with
# `apt-get install ./privdrop_*.deb`, so its dependencies resolve from the
# mirror, runs `su-exec nobody id` and `man -w su-exec` there, removes it with
# `dpkg -r` and checks that no file of it is left.
#
# The root is debootstrap --variant=minbase plus man-db (minbase has no man),
# made once into build/deb-root/base from the mirror this machine's apt uses
# (mk/mirror.sh) and copied fresh for every run. Every command in it runs
# chrooted, in a private mount namespace holding its /proc; this machine's
# own files are never touched. rm -rf build/deb-root starts over.
set -u
umask 022
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
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

install_deb() {
	cp "$DEB" "$W/tmp/" && chmod 644 "$W/tmp/$(basename "$DEB")" || return
	cp /etc/resolv.conf "$W/etc/resolv.conf" 2>/dev/null
	in_root apt-get update -qq >"$DR/apt.log" 2>&1 &&
		in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			"/tmp/$(basename "$DEB")" >>"$DR/apt.log" 2>&1
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
	[ "$(id -u)" = 0 ] || { echo "SKIP: mk/deb-test.sh needs root (chroot, mounts)" >&2; exit 1; }
	version=$(cat "$ROOT/VERSION")
	check "the package's version is VERSION" "$version" "$(dpkg-deb --field "$DEB" Version)"
	make_base || { fail "a Debian root from debootstrap" "made" "failed"; finish deb; }
	if [ -e "$W" ] && grep -q " $W" /proc/self/mountinfo; then
		fail "the old work root" "nothing mounted under it" "a mount"; finish deb
	fi
	rm -rf --one-file-system "$W"
	cp -a "$DR/base" "$W" || { fail "a fresh copy of the root" "made" "failed"; finish deb; }
	trap cleanup EXIT

	install_deb
	check "apt-get install ./$(basename "$DEB") in a fresh root" 0 "$?"
	check "installed" "install ok installed" "$(in_root dpkg-query -W -f='${Status}' privdrop 2>&1)"
	ran=$(in_root su-exec nobody id 2>&1)
	echo "# su-exec nobody id: $ran"
	check "su-exec nobody id, as id nobody says" "$(in_root id nobody 2>&1)" "$ran"
	check "su-exec -V names VERSION and the libcap-ng it was built with" \
		"su-exec (privdrop) $version, libcap-ng $(pkg-config --modversion libcap-ng)" "$(in_root su-exec -V 2>&1)"
	check "man -w su-exec" /usr/share/man/man1/su-exec.1.gz "$(in_root man -w su-exec 2>&1)"
	check "man su-exec renders" yes \
		"$(in_root env MANPAGER=cat man su-exec 2>/dev/null | grep -q 'switch user and group' && echo yes || echo no)"

	in_root dpkg-query -L privdrop >"$DR/files" 2>&1
	check "dpkg -L lists /usr/bin/su-exec" yes "$(grep -qx /usr/bin/su-exec "$DR/files" && echo yes || echo no)"
	in_root dpkg -r privdrop >>"$DR/apt.log" 2>&1
	check "dpkg -r privdrop" 0 "$?"
	check "not installed after dpkg -r" "" "$(in_root dpkg-query -W -f='${db:Status-Status}' privdrop 2>/dev/null |
		grep -v '^not-installed$')"
	check "no file of the package left" "" "$(leftovers "$DR/files")"
	check "su-exec is gone from PATH" "" "$(in_root sh -c 'command -v su-exec' 2>&1)"
	finish deb
}

main "$@"
