#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: bench/gen-db.sh small|large DIR [USERS]
#
# Writes DIR/passwd and DIR/group, the same bytes on every run.
#
# small: a base system's ~600-byte passwd, and a ~29 KB group whose "users"
#   group has 5,000 members, none of them nobody: a reader must walk past
#   every member to learn that nobody is only in nogroup.
# large: 100,000 users and 100,000 groups, ~12.6 MB together. user000001..
#   user099999 are in 4 groups each; user100000 comes last in passwd and is in
#   100 groups spread evenly to the last line of group, so finding it and its
#   groups means reading both files to the end.
#   USERS (large only) sets the count instead, a multiple of 100 below 1,000,000:
#   the same shape, its last user in 100 groups (bench.sh's scaling table).
set -eu

small_passwd() {
	cat <<'END'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
END
}

small_group() {
	printf '%s\n' root:x:0: daemon:x:1: bin:x:2: sys:x:3: adm:x:4: tty:x:5: \
		disk:x:6: lp:x:7: mail:x:8: man:x:12: www-data:x:33: backup:x:34: list:x:38: \
		staff:x:50: games:x:60:
	awk 'BEGIN {
		printf "users:x:100:"
		for (i = 0; i < 5000; i++)
			printf "%su%04d", (i ? "," : ""), i
		printf "\n"
	}'
	echo nogroup:x:65534:
}

# User i has uid 100000+i and, as primary group, grp i (gid 200000+i).
large_passwd() {
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "user%06d:x:%d:%d:User %06d:/home/user%06d:/bin/sh\n",
				i, 100000 + i, 200000 + i, i, i
	}'
}

# Group i lists users i..i+3 of the first n-1 (wrapping); every (n/100)th
# group lists the last user instead of the fourth.
large_group() {
	awk -v n="$1" 'BEGIN {
		m = n - 1
		every = n / 100
		for (i = 1; i <= n; i++) {
			printf "grp%06d:x:%d:", i, 200000 + i
			for (k = 0; k < 3; k++)
				printf "user%06d,", (i - 1 + k) % m + 1
			printf "user%06d\n", i % every == 0 ? n : (i + 2) % m + 1
		}
	}'
}

usage() {
	echo "usage: $0 small|large DIR [USERS]" >&2
	exit 2
}

# check_users N: a multiple of 100, so the last user's 100 groups spread evenly,
# and at most six digits, the width of the names.
check_users() {
	case $1 in '' | 0* | *[!0-9]*) usage ;; esac
	if [ "$1" -gt 999900 ] || [ $(($1 % 100)) != 0 ]; then
		echo "$0: USERS must be a multiple of 100 below 1,000,000, not '$1'" >&2
		exit 2
	fi
}

[ $# = 2 ] || { [ $# = 3 ] && [ "$1" = large ]; } || usage
n=${3:-100000}
check_users "$n"
mkdir -p "$2"
case $1 in
small) small_passwd >"$2/passwd.tmp"; small_group >"$2/group.tmp" ;;
large) large_passwd "$n" >"$2/passwd.tmp"; large_group "$n" >"$2/group.tmp" ;;
*) usage ;;
esac
mv "$2/passwd.tmp" "$2/passwd"
mv "$2/group.tmp" "$2/group"
