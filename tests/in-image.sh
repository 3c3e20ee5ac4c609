#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# The integration table inside a container image, as root, against the
# image's own /etc/passwd and /etc/group: Dockerfile.test copies this file,
# tests/lib.sh and the static su-exec into each final image, and makes
#
#	sh /usr/local/lib/su-exec-test/in-image.sh NAME
#
# its command (NAME labels the lines). Like gosu's Dockerfile.test-*, the
# expected uid, gid and groups of a named user come from the image's own id(1);
# the image adds nobody to every group so that the group rows mean something.
# Needs nothing but a POSIX sh and the tools of busybox (id, awk, sed, sort,
# paste). Prints one line per test and, last, "NAME: N passed, N failed".

set -f
umask 022
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL

TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/lib.sh"

# lib.sh's check_row runs su-exec through su_exec_in, which on the host builds a
# mount namespace around it; here the image's own files are the fixture, so
# su-exec runs directly. WHERE, ETCDIR and PREFIX are ignored.
su_exec_in() {
	shift 3
	exec env HOME=/wrong FOO=passthrough su-exec "$@" </dev/null >"$W/out" 2>"$W/err"
}

main() {
	NAME=${1:-image}
	# Outside an image (prove tests/*.sh) there is nothing of its own to test.
	[ "$TESTS" = /usr/local/lib/su-exec-test ] ||
		skip_all "tests/in-image.sh runs inside the images of make check-container"
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: the container table needs root (the image's default user)"
		exit 0
	fi
	W=$(mktemp -d) || exit 1
	trap cleanup EXIT
	preconditions
	identities
	refusals
	capabilities
	finish "$NAME"
}

# row SPEC EXPECTED WHY: one row of the table, as in tests/fixtures/*.table.
row() {
	check_row "$NAME" - "" "$1" "$2" "$3"
}

# of USER: what su-exec USER must give, by the image's id(1): "uid gid groups
# HOME", groups sorted and comma-separated, HOME from the passwd entry.
of() {
	printf '%s %s %s %s\n' "$(id -u "$1")" "$(id -g "$1")" "$(id -G "$1" | tr ' ' '\n' |
		sort -n -u | paste -sd, -)" "$(home "$1")"
}

home() {
	awk -F: -v u="$1" '$1 == u { print ($6 == "" ? "/" : $6); exit }' /etc/passwd
}

# gid GROUP: a group's id, from the image's group file.
gid() {
	awk -F: -v g="$1" '$1 == g { print $3; exit }' /etc/group
}

# The rows below assume what every base image has: root, daemon and nobody
# (65534), nobody in every group (the Dockerfile does it), no uid 1000.
preconditions() {
	check "$NAME: su-exec is on PATH" /usr/local/bin/su-exec "$(command -v su-exec)"
	check "$NAME: nobody is uid 65534" 65534 "$(id -u nobody 2>&1)"
	check "$NAME: nobody is in every group" "$(cut -d: -f1 /etc/group | sort | paste -sd, -)" \
		"$(id -Gn nobody | tr ' ' '\n' | sort -u | paste -sd, -)"
	id 1000 >/dev/null 2>&1 && fail "$NAME: no uid 1000 in the image" "none" "$(id 1000)"
	root_home=$(home root) nobody_home=$(home nobody) nogroup=$(id -gn nobody)
	daemon_gid=$(gid daemon)
}

identities() {
	row "root" "$(of root)" "by name: the image's groups and home"
	row "0" "$(of root)" "uid 0 has an entry: its name gives the groups"
	row "" "$(of root)" "empty spec: the caller, root"
	row "root:" "$(of root)" "empty GROUP is the default"
	row "0:0" "0 0 0 $root_home" "with GROUP, the only group"
	row "root:root" "0 0 0 $root_home" ""
	row "0:root" "0 0 0 $root_home" ""
	row ":0" "0 0 0 $root_home" "empty USER is the caller"
	row "nobody" "$(of nobody)" "a member of every group"
	row "65534" "$(of nobody)" "by uid, the entry's name gives the groups"
	row "nobody:$nogroup" "65534 65534 65534 $nobody_home" "named GROUP: the only group"
	row "nobody:0" "65534 0 0 $nobody_home" ""
	row "daemon" "$(of daemon)" ""
	row "daemon:0" "$(id -u daemon) 0 0 $(home daemon)" ""
	row "1000" "1000 0 0 /" "no entry: the caller's gid, HOME=/"
	row "1000:1000" "1000 1000 1000 /" "no entry, numeric GROUP"
	row "1000:daemon" "1000 $daemon_gid $daemon_gid /" "no entry, named GROUP"
	row "1000:root" "1000 0 0 /" ""
	row "0:1000" "0 1000 1000 $root_home" "a gid no group has"
	row "root:1000" "0 1000 1000 $root_home" ""
	row "4294967294" "4294967294 0 0 /" "the largest uid"
}

refusals() {
	row "bogus" '125 "bogus"' "unknown user"
	row "0day" '125 "0day"' "all digits or a name: a name, unknown"
	row "0:bogus" '125 "bogus"' "unknown group"
	row "0:0day" '125 "0day"' "unknown group"
	row "bogus:0" '125 "bogus"' "unknown user with a GROUP"
	row "4294967295" '125 "4294967295"' "(uid_t)-1"
	row "4294967296" '125 "4294967296"' "2^32, not wrapped to 0"
	row "0:4294967295" '125 "4294967295"' "(gid_t)-1"
	row "-1" '125 "-1"' "a sign makes a name"
	row " 0" '125 " 0"' "a space makes a name"
	row "Root" '125 "Root"' "names match byte for byte"
}

# The container's root holds the engine's default capabilities, which include
# net_bind_service and setpcap but not sys_admin.
capabilities() {
	su_run - - "" --keep-caps=net_bind_service nobody sh -c \
		'grep -E "^Cap(Prm|Eff|Amb):" /proc/self/status | tr -s "\t " " " | paste -sd" " -; id -u'
	expect_output_ok "--keep-caps=net_bind_service nobody: that capability, nothing else" \
		"CapPrm: 0000000000000400 CapEff: 0000000000000400 CapAmb: 0000000000000400
65534"
	su_run - - "" --clear-bounding --keep-caps=net_bind_service nobody grep '^CapBnd:' /proc/self/status
	expect_output_ok "--clear-bounding --keep-caps=net_bind_service: the bounding set is that one" \
		"CapBnd:	0000000000000400"
	su_run - - "" --keep-caps=sys_admin nobody true
	expect_refusal "$NAME: --keep-caps=sys_admin, which the container does not hold: refused" 125 sys_admin
}

# expect_output_ok WHAT STDOUT: the last su_run exited 0, silently, printing STDOUT.
expect_output_ok() {
	if [ "$RC" -eq 0 ] && [ ! -s "$W/err" ]; then
		check "$NAME: $1" "$2" "$(cat "$W/out")"
	else
		fail "$NAME: $1" "$2" "$(got)"
	fi
}

main "$@"
