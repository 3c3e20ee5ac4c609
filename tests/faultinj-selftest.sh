#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Shows that tests/faultinj makes the chosen call fail, and only that call:
# runs the same table on its two builds, made by the Makefile with $CC and
# with musl-gcc -static, against setpriv(1) and gosu. Most rows need root.
# (make check-caps; CI builds both with -Werror.)
#
# usage: sh tests/faultinj-selftest.sh [FAULTINJ FAULTINJ_STATIC]
#        (default tests/faultinj tests/faultinj-static; GOSU may be set)

LC_ALL=C
export LC_ALL
TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/lib.sh"
case $# in
0) set -- "$TESTS/faultinj" "$TESTS/faultinj-static" ;;
2) ;;
*)
	echo "usage: sh tests/faultinj-selftest.sh [FAULTINJ FAULTINJ_STATIC]" >&2
	exit 2
	;;
esac
GOSU=${GOSU:-/usr/sbin/gosu}
EXIT32=$TESTS/exit32
tab=$(printf '\t')
# Prints the errno of PR_GET_CHILD_SUBREAPER and PR_SET_CHILD_SUBREAPER (0: it worked).
SUBREAPER='import ctypes; c = ctypes.CDLL(None, use_errno=True); e = lambda r: ctypes.get_errno() if r else 0; print(e(c.prctl(37, ctypes.byref(ctypes.c_int()), 0, 0, 0)), e(c.prctl(36, 1, 0, 0, 0)))'

# report OK DESCRIPTION OUTPUT
report() {
	if [ "$1" = 1 ]; then
		pass "$2"
	else
		fail "$2" "as described" "$3"
	fi
}

# t STATUS PATTERN -- COMMAND...: STATUS is a number or '!0' (any failure);
# PATTERN must occur in stdout+stderr unless empty.
t() {
	want=$1 pat=$2
	shift 3
	out=$( { "$@"; } 2>&1)	# braces: a "Bad system call" note lands in out
	rc=$?
	ok=1
	case $want in
	'!0') [ "$rc" -ne 0 ] || ok=0 ;;
	*) [ "$rc" -eq "$want" ] || ok=0 ;;
	esac
	case $out in *"$pat"*) ;; *) ok=0 ;; esac
	cmd=$(printf '%s' "$*" | sed "s|$TESTS/||g")
	report $ok "$cmd -> $want${pat:+, \"$pat\"}" "exit $rc: $out"
}

usage_rows() {
	t 125 "faultinj: usage" -- "$fi" setuid EPERM true
	t 125 "faultinj: usage" -- "$fi" setuid EPERM --
	t 125 "'bogus': unknown system call" -- "$fi" bogus EPERM -- true
	t 125 "'PR_BOGUS': not a prctl" -- "$fi" prctl:PR_BOGUS EPERM -- true
	t 125 "'4294967296': not a prctl" -- "$fi" prctl:4294967296 EPERM -- true
	t 125 "'EBOGUS': not an errno" -- "$fi" setuid EBOGUS -- true
	t 125 "'4096': not an errno" -- "$fi" setuid 4096 -- true
	t 127 "No such file" -- "$fi" setuid EPERM -- /nonexistent
	# A PATH directory we may not search would make it EACCES, as in execvp.
	t 127 "No such file" -- env PATH=/usr/bin:/bin \
		"$fi" execve EPERM -- no-such-command-here
	t 126 "Permission denied" -- "$fi" setuid EPERM -- /etc/passwd
}

setpriv_rows() {
	t 0 "" -- setpriv --clear-groups --no-new-privs --inh-caps=-all true
	t '!0' "setgroups failed: Operation not permitted" -- \
		"$fi" setgroups EPERM -- setpriv --clear-groups id
	t '!0' "setgroups failed: Input/output error" -- \
		"$fi" setgroups 5 -- setpriv --clear-groups id
	t '!0' "disallow granting new privileges failed" -- \
		"$fi" prctl:PR_SET_NO_NEW_PRIVS EPERM -- setpriv --no-new-privs true
	t '!0' "disallow granting new privileges failed" -- \
		"$fi" prctl:38 EPERM -- setpriv --no-new-privs true
	# setpriv 2.38 always sets keepcaps; it never sets securebits unasked.
	t '!0' "keep process capabilities failed" -- \
		"$fi" prctl:PR_SET_KEEPCAPS EPERM -- setpriv --no-new-privs true
	t 0 "" -- "$fi" prctl:PR_SET_SECUREBITS EPERM -- setpriv --no-new-privs true
	# The option is matched by name too: the subreaper prctls, as qemu-user 7.2 lacks them.
	t 0 "22 0" -- "$fi" prctl:PR_GET_CHILD_SUBREAPER EINVAL -- python3 -c "$SUBREAPER"
	t 0 "0 22" -- "$fi" prctl:PR_SET_CHILD_SUBREAPER EINVAL -- python3 -c "$SUBREAPER"
	t '!0' "activate capabilities: Operation not permitted" -- \
		"$fi" capset EPERM -- setpriv --inh-caps=-all true
	# ERRNO 0: the call is skipped yet reports success; setpriv trusts it.
	t 0 "gid=0(root)" -- \
		"$fi" setresgid 0 -- setpriv --regid=65534 --clear-groups id
}

gosu_rows() {
	if [ ! -x "$GOSU" ]; then
		fail "prerequisite: gosu" "$GOSU (mk/deps.sh test installs it)" "not found"
		return
	fi
	t 0 "" -- "$GOSU" nobody true
	t '!0' "operation not permitted" -- "$fi" setgroups EPERM -- "$GOSU" nobody true
	t '!0' "" -- "$fi" setgid EPERM -- "$GOSU" nobody true
	t '!0' "" -- "$fi" setuid EPERM -- "$GOSU" nobody true
	# Go calls setgid/setuid, not the setres* forms: these do not touch it.
	t 0 "" -- "$fi" setresgid EPERM -- "$GOSU" nobody true
	t 0 "" -- "$fi" setresuid EPERM -- "$GOSU" nobody true
}

launcher_rows() {
	# The launcher's own exec gets through; the command's exec does not.
	t 0 "" -- "$fi" execve EPERM -- true
	t 126 "Operation not permitted" -- "$fi" execve EPERM -- sh -c /bin/true
	t 0 "NoNewPrivs:${tab}0" -- "$fi" setuid EPERM -- cat /proc/self/status
	t 0 "Seccomp:${tab}2" -- "$fi" setuid EPERM -- cat /proc/self/status
	t 0 "not privileged, setting no_new_privs" -- setpriv --reuid=65534 \
		--regid=65534 --clear-groups -- "$fi" setuid EPERM -- true
	t 0 "NoNewPrivs:${tab}1" -- setpriv --reuid=65534 --regid=65534 \
		--clear-groups -- "$fi" setuid EPERM -- cat /proc/self/status
	# A foreign arch is killed by SIGSYS; i386 is the one x86_64 can run.
	if [ "$(uname -m)" != x86_64 ]; then
		skip "foreign arch: an i386 program" "not an x86_64 machine"
	elif ! need_built tests/exit32 "$EXIT32"; then
		:
	elif ! "$EXIT32"; then
		skip "foreign arch: an i386 program" "this kernel runs no i386 program"
	else
		t 159 "" -- "$fi" setuid EPERM -- "$EXIT32"
	fi
}

need_built "tests/faultinj tests/faultinj-static" "$@" || finish faultinj-selftest
for fi; do
	echo "# ${fi##*/}"
	usage_rows
	if [ "$(id -u)" != 0 ]; then
		skip "${fi##*/}: setpriv, gosu and launcher rows" "they need root"
		continue
	fi
	setpriv_rows
	gosu_rows
	launcher_rows
done
finish faultinj-selftest
