#!/bin/sh
# Shows that tests/faultinj makes the chosen call fail, and only that call:
# builds it with $CC and with $MUSL_CC -static, then runs the same table on
# both builds against setpriv(1) and gosu. Most rows need root.
#
# usage: sh tests/faultinj-selftest.sh   (CC, MUSL_CC and GOSU may be set)

CC=${CC:-cc}
MUSL_CC=${MUSL_CC:-musl-gcc}
GOSU=${GOSU:-/usr/sbin/gosu}
src=$(dirname "$0")/faultinj.c
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
chmod 755 "$dir"	# the non-root row runs faultinj as nobody
passed=0 failed=0 n=0
tab=$(printf '\t')

report() {	# report OK DESCRIPTION [OUTPUT]
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		[ -z "$3" ] || printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

skip() {
	echo "SKIP: $*"
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
	cmd=$(printf '%s' "$*" | sed "s|$dir/||g")
	report $ok "$cmd -> $want${pat:+, \"$pat\"}" "exit $rc: $out"
}

build() {	# build NAME COMPILER [FLAGS]
	name=$1 cc=$2
	shift 2
	if ! command -v "$cc" >/dev/null; then
		skip "$cc not found, $name not built"
		return 1
	fi
	out=$("$cc" -Wall -Wextra -O2 "$@" -o "$dir/$name" "$src" 2>&1)
	rc=$?
	ok=0
	[ -n "$out" ] || [ $rc != 0 ] || ok=1
	report $ok "$cc -Wall -Wextra -O2${*:+ $*} builds $name, no warnings" "$out"
	return $rc
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
	t '!0' "activate capabilities: Operation not permitted" -- \
		"$fi" capset EPERM -- setpriv --inh-caps=-all true
	# ERRNO 0: the call is skipped yet reports success; setpriv trusts it.
	t 0 "gid=0(root)" -- \
		"$fi" setresgid 0 -- setpriv --regid=65534 --clear-groups id
}

gosu_rows() {
	if [ ! -x "$GOSU" ]; then
		skip "$GOSU not found, gosu rows not run"
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
	if [ -x "$dir/exit32" ]; then	# foreign arch: killed by SIGSYS
		t 159 "" -- "$fi" setuid EPERM -- "$dir/exit32"
	fi
}

# A 32-bit i386 program that only calls exit(0), for the arch check.
# shellcheck disable=SC2016
if [ "$(uname -m)" = x86_64 ] &&
   printf '.globl _start\n_start: movl $1, %%eax\n xorl %%ebx, %%ebx\n int $0x80\n' |
   "$CC" -m32 -nostdlib -static -x assembler -o "$dir/exit32" - 2>/dev/null &&
   "$dir/exit32"; then
	:
else
	rm -f "$dir/exit32"
	skip "cannot build or run an i386 program, foreign-arch row not run"
fi

for name in faultinj faultinj-static; do
	case $name in
	faultinj) build $name "$CC" || continue ;;
	*) build $name "$MUSL_CC" -static || continue ;;
	esac
	fi=$dir/$name
	echo "# $name"
	usage_rows
	if [ "$(id -u)" != 0 ]; then
		skip "not root, setpriv, gosu and launcher rows not run for $name"
		continue
	fi
	setpriv_rows
	gosu_rows
	launcher_rows
done

echo "faultinj-selftest: $passed passed, $failed failed"
[ "$failed" = 0 ]
