#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# The test harness of every shell suite (POSIX sh), sourced by them.
#
# Output is TAP: one line per test, "ok N - what" or "not ok N - what:
# expected [...], got [...]", then a summary line and the plan "1..N" last,
# so `prove tests/*.sh` reads it as `make check` does. A suite that ran no
# test fails; a suite that cannot run here (not root) says so with the plan
# "1..0 # SKIP why", never by passing.
#
# The rest is for the suites that run su-exec: it always runs in a private
# mount namespace with fixture databases mounted over /etc/passwd and
# /etc/group (or a fixture directory over all of /etc), so the machine's own
# files are never read or touched. Those helpers use $W (the work directory)
# and $BB (the busybox root); fixture directories are $W/etc/NAME, and tests
# name them by NAME.

# sealed_env: what the suites that run su-exec start with (called right after
# sourcing this file): no globbing, a fixed umask, PATH and locale, so nothing
# of the caller's shell changes a row.
sealed_env() {
	set -f
	umask 022
	PATH=/usr/sbin:/usr/bin:/sbin:/bin
	LC_ALL=C
	export PATH LC_ALL
}

T_N=0
T_PASS=0
T_FAIL=0
T_SKIP=0

# What every identity row runs as the target user: the kernel's view of the
# process (real, effective, saved and fs ids; groups; capabilities), and the
# environment su-exec set (HOME) or passed through (FOO).
# Read by the shell itself, which is the command: no program to start per row.
OBSERVE='while IFS= read -r l; do
	case $l in Uid:* | Gid:* | Groups:* | CapPrm:* | CapEff:* | CapAmb:*) printf "%s\n" "$l" ;; esac
done </proc/self/status
printf "HOME=%s\nFOO=%s\n" "$HOME" "$FOO"'

# work_dir NAME: a fresh work directory in $W, one the fixture users can
# enter, removed however the suite ends.
work_dir() {
	W=$(mktemp -d "/tmp/$1.XXXXXX") || exit 1
	chmod 755 "$W"
	trap cleanup EXIT
	trap 'exit 1' HUP INT TERM
}

# Mounts only ever happen in private namespaces, so nothing is mounted under
# $W here; if something is, leave it rather than delete through it.
cleanup() {
	if grep -q " $W" /proc/self/mountinfo; then
		echo "# harness: something is mounted under $W; not removing it" >&2
	else
		rm -rf "$W"
	fi
}

# finish [NAME]: the summary and the plan; fails when a test failed or none ran.
finish() {
	[ "$T_N" -gt 0 ] || fail "${1:-tests}: at least one test ran" "a test" "none"
	t_skipped=
	[ "$T_SKIP" -eq 0 ] || t_skipped=", $T_SKIP skipped"
	echo "${1:-tests}: $T_PASS passed, $T_FAIL failed$t_skipped"
	echo "1..$T_N"
	[ "$T_FAIL" -eq 0 ]
	exit
}

# skip_all WHY: this suite cannot run here; TAP's plan for that, loudly.
skip_all() {
	echo "1..0 # SKIP $1"
	echo "SKIP: $1" >&2
	exit 0
}

# need_root NAME: skip_all unless root (Debian's package builds are not).
need_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "$1 needs root (run: sudo make check)"
}

# need_git_checkout DIR: skip_all unless DIR is the top of a git work tree,
# not a release tarball's tree (none, or one unpacked inside a checkout).
need_git_checkout() {
	ngc_dir=$(cd "$1" && pwd -P) && ngc_top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null) &&
		[ -n "$ngc_dir" ] && [ "$(cd "$ngc_top" && pwd -P)" = "$ngc_dir" ] ||
		skip_all "not a git checkout"
}

# need_built WHAT PATH...: a row saying each PATH is an executable that
# the Makefile built (WHAT names the make target); returns non-zero if one
# is missing, so the suite can stop after its rows.
need_built() {
	nb_target=$1 nb_missing=0
	shift
	for nb; do
		if [ -f "$nb" ] && [ -x "$nb" ]; then
			pass "prerequisite: $nb built"
		else
			fail "prerequisite: $nb built" "an executable (make $nb_target)" "none"
			nb_missing=1
		fi
	done
	return "$nb_missing"
}

# require_tools TOOL...: a row for each; sets missing=1 when one is not there.
require_tools() {
	for tool in "$@"; do
		if command -v "$tool" >/dev/null; then
			pass "prerequisite: $tool"
		else
			fail "prerequisite: $tool" "installed" "not found"
			missing=1
		fi
	done
}

pass() {
	T_N=$((T_N + 1))
	T_PASS=$((T_PASS + 1))
	printf 'ok %s - %s\n' "$T_N" "$1"
}

# skip WHAT WHY: a test that cannot run here, in TAP's words; never a pass.
skip() {
	T_N=$((T_N + 1))
	T_SKIP=$((T_SKIP + 1))
	printf 'ok %s - %s # SKIP %s\n' "$T_N" "$1" "$2"
	echo "SKIP: $1: $2" >&2
}

# fail WHAT EXPECTED GOT
fail() {
	T_N=$((T_N + 1))
	T_FAIL=$((T_FAIL + 1))
	printf 'not ok %s - %s: expected [%s], got [%s]\n' "$T_N" "$1" "$(oneline "$2")" "$(oneline "$3")"
}

# check WHAT EXPECTED GOT. EXPECTED is never empty: two values that both
# came out empty (a command that failed, a file not there) must not pass. A
# row that means "nothing" says so with check_empty.
check() {
	if [ -z "$2" ]; then
		fail "$1" "a non-empty expected value (check_empty for nothing)" "$3"
	elif [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "$2" "$3"
	fi
}

# check_empty WHAT GOT: GOT is nothing at all, as the row means.
check_empty() {
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1" "nothing" "$2"
	fi
}

# oneline TEXT [MAX]: newlines shown as \n, cut to MAX (300) characters so
# a 65536-group list stays readable. Short single lines, the names of most
# rows, are printed as they are without starting awk.
oneline() {
	case $1 in
	*"
"*) ;;
	*)
		if [ "${#1}" -le "${2:-300}" ]; then
			printf '%s' "$1"
			return
		fi
		;;
	esac
	printf '%s\n' "$1" | awk -v max="${2:-300}" '
	{ s = s (NR > 1 ? "\\n" : "") $0 }
	END { if (length(s) > max) s = substr(s, 1, max) "..."; printf "%s", s }'
}

# --- The namespace runner: every run of every suite that mounts goes here ---

# Seconds any namespaced run may take unless it says otherwise (-t): a row
# that hangs ends as a failure (timeout's 124), never as a stuck suite.
NS_LIMIT=30

# ns_run options for every run of a stretch of rows (-n, -p, -U), or of a
# suite (its one set of fixtures).
NS_FLAGS=

# The ip of -n: iproute2's, or busybox's.
NS_IP=$(command -v ip || echo busybox ip)

# The first process in the new namespaces: the mounts the options ask for,
# in their order, then COMMAND in its place. A mount that fails ends the run
# with 99 before the command starts, so no row passes on the machine's files.
NS_SETUP='root=
while :; do
	case $1 in
	-t) shift 2 ;;
	-p | -U) shift ;;
	-r) root=$2 && mount -t proc proc "$root/proc" && shift 2 || break ;;
	-e) mount --bind "$2" "$root/etc" && shift 2 || break ;;
	-f) mount --bind "$2" "$root/etc/passwd" && mount --bind "$3" "$root/etc/group" && shift 3 || break ;;
	-P) mount -t tmpfs none /proc && shift || break ;;
	-F) mkdir -p /proc/self/task/1 && : >/proc/self/task/1/status && shift || break ;;
	-n) '"$NS_IP"' link set lo up && echo 1024 >/proc/sys/net/ipv4/ip_unprivileged_port_start && shift || break ;;
	--) shift && exec "$@" ;;
	*) break ;;
	esac
done
echo "harness: cannot set up the namespace at: $*" >&2
exit 99'

# ns_run [OPTION...] -- COMMAND...: COMMAND in a private mount namespace, under
# a time limit. Fixtures are mounted in that namespace only: the machine's
# /etc is never read or touched. Options ($NS_FLAGS come first):
#   -t SECONDS       the limit instead of $NS_LIMIT; 0 (su_start's) execs
#                    unshare, keeping the pid, for a caller with a watchdog
#   -p               a new PID namespace, COMMAND its PID 1 with its own /proc;
#                    when the limit stops it, the whole namespace goes
#   -n               a new network namespace, loopback up, ports < 1024 privileged
#   -U               a new user namespace, root in it (unshare -r)
#   -r ROOT          later mounts go under ROOT (a chroot), a proc on ROOT/proc
#   -e DIR           DIR over the whole /etc
#   -f PASSWD GROUP  those files over /etc/passwd and /etc/group
#   -P               no /proc: an empty tmpfs over it
#   -F               after -P: a /proc listing one thread, as a made-up one would
# The status is COMMAND's, 124 when the limit ended it, 99 when a mount failed.
# Set NS_OUTER to words run in front of unshare (emulation's user namespace).
ns_run() {
	nr_limit=$NS_LIMIT nr_unshare="--mount --propagation private" nr_next=
	set -- $NS_FLAGS "$@"
	# The options are read here for unshare and timeout, and again by
	# NS_SETUP for the mounts: one list, so the two cannot disagree.
	for nr; do
		[ -z "$nr_next" ] || { nr_limit=$nr nr_next= && continue; }
		case $nr in
		-t) nr_next=limit ;;
		-p) nr_unshare="$nr_unshare --pid --fork --mount-proc --kill-child" ;;
		-n) nr_unshare="$nr_unshare --net" ;;
		-U) nr_unshare="-r $nr_unshare" ;;
		--) break ;;
		esac
	done
	[ "$nr_limit" -ne 0 ] || exec ${NS_OUTER-} unshare $nr_unshare sh -c "$NS_SETUP" ns "$@"
	timeout -k 1 "$nr_limit" ${NS_OUTER-} unshare $nr_unshare sh -c "$NS_SETUP" ns "$@"
}

# ns_capture [OPTION...] -- COMMAND...: ns_run, stdin empty, the output in
# $W/out and $W/err. Sets RC.
ns_capture() {
	ns_run "$@" </dev/null >"$W/out" 2>"$W/err"
	RC=$?
}

# Words run in front of /sbin/su-exec inside the busybox root, where PREFIX
# cannot reach (it runs before chroot): caps.sh puts faultinj there.
BB_PREFIX=

# su_exec_in WHERE ETCDIR PREFIX ARG...: become su-exec ARG..., run with
# HOME=/wrong and FOO=passthrough by ns_run. WHERE is dyn or static (that
# build in the host root), busybox (the static build in the busybox root,
# whose whole etc is the fixture directory), or the absolute path of a binary
# to run in the host root. PREFIX is empty or words run in front of su-exec
# (host) or chroot (busybox) after the mounts, e.g. setpriv options giving
# the caller's identity. On the host a fixture directory with both files has
# them mounted over /etc/passwd and /etc/group; any other (a file missing, or
# a directory in its place) goes over the whole /etc.
su_exec_in() {
	where=$1 etc=$W/etc/$2 prefix=$3
	shift 3
	case $where in
	dyn) set -- "$W/bin/su-exec" "$@" ;;
	static) set -- "$W/bin/su-exec-static" "$@" ;;
	busybox) set -- chroot "$BB" $BB_PREFIX /sbin/su-exec "$@" ;;
	/*) set -- "$where" "$@" ;;
	*) echo "harness: unknown place $where" >&2; exit 2 ;;
	esac
	if [ "$where" = busybox ]; then
		set -- -r "$BB" -e "$etc" -- $prefix "$@"
	elif [ -f "$etc/passwd" ] && [ -f "$etc/group" ]; then
		set -- -f "$etc/passwd" "$etc/group" -- $prefix "$@"
	else
		set -- -e "$etc" -- $prefix "$@"
	fi
	export HOME=/wrong FOO=passthrough # in the subshell of su_run or su_start
	ns_run "$@" </dev/null >"$W/out" 2>"$W/err"
}

# su_run WHERE ETCDIR PREFIX ARG...: su_exec_in and wait; RC, $W/out, $W/err.
su_run() {
	(su_exec_in "$@")
	RC=$?
}

# su_start WHERE ETCDIR PREFIX ARG...: su_exec_in in the background. Sets
# PID, the pid of unshare, which is the pid su-exec and the command get
# unless -p forks; the suite signals it, and waits with a watchdog.
su_start() {
	(NS_LIMIT=0 && su_exec_in "$@") &
	PID=$!
}

# identity FILE: what OBSERVE printed, as "uid gid groups HOME", groups
# comma-separated in the kernel's order, which is sorted (setgroups sorts
# them). Anything else wrong is appended, so it cannot match: real/effective/
# saved/fs ids that differ, capabilities left to a non-root uid, FOO not
# passed through. Parsed by the shell: it runs for every row.
identity() {
	id_uid= id_gid= id_groups= id_home= id_foo= id_odd= id_caps=
	while IFS= read -r id_line; do
		case $id_line in
		Uid:* | Gid:*)
			set -- $id_line
			[ "$3" = "$2" ] && [ "$4" = "$2" ] && [ "$5" = "$2" ] ||
				id_odd="$id_odd $1$2/$3/$4/$5"
			case $1 in
			Uid:) id_uid=$2 ;;
			*) id_gid=$2 ;;
			esac
			;;
		Groups:*)
			set -- ${id_line#Groups:}
			id_ifs=$IFS
			IFS=,
			id_groups="$*"
			IFS=$id_ifs
			;;
		Cap*)
			set -- $id_line
			case $2 in
			*[!0]*) id_caps="$id_caps $1$2" ;;
			esac
			;;
		HOME=*) id_home=${id_line#HOME=} ;;
		FOO=*) id_foo=${id_line#FOO=} ;;
		esac
	done <"$1"
	[ "$id_uid" = 0 ] || [ -z "$id_caps" ] || id_odd="$id_odd capabilities-left:$id_caps"
	[ "$id_foo" = passthrough ] || id_odd="$id_odd FOO=$id_foo"
	printf '%s %s %s %s%s\n' "$id_uid" "$id_gid" "${id_groups:--}" "$id_home" "$id_odd"
}

# got: what the last su_run produced, for a failure report.
got() {
	printf 'exit %s, stdout "%s", stderr "%s"' "$RC" "$(cat "$W/out")" "$(cat "$W/err")"
}

# message_ok FRAGMENT: stderr is one line, starts "su-exec: ", contains
# FRAGMENT, and does not claim "Success".
message_ok() {
	{
		IFS= read -r msg && ! IFS= read -r msg_more && [ -z "$msg_more" ]
	} <"$W/err" || return 1
	case $msg in
	*Success*) return 1 ;;
	"su-exec: "*"$1"*) return 0 ;;
	esac
	return 1
}

# expect_identity WHAT "uid gid groups HOME": the last su_run ran OBSERVE
# as exactly that identity, silently.
expect_identity() {
	if [ "$RC" -eq 0 ] && [ ! -s "$W/err" ]; then
		check "$1" "$2" "$(identity "$W/out")"
	else
		fail "$1" "$2" "$(got)"
	fi
}

# expect_output WHAT STATUS STDOUT: the last run exited STATUS, printed
# exactly STDOUT, and nothing on stderr.
expect_output() {
	check "$1" "exit $2, stdout \"$3\", stderr \"\"" "$(got)"
}

# expect_refusal WHAT STATUS FRAGMENT: the last su_run exited STATUS with one
# message line containing FRAGMENT, and printed nothing on stdout.
expect_refusal() {
	if [ "$RC" -eq "$2" ] && [ ! -s "$W/out" ] && message_ok "$3"; then
		pass "$1"
	else
		fail "$1" "exit $2, one stderr line \"su-exec: ...${3:+$3...}\"" "$(got)"
	fi
}

# check_row WHERE ETCDIR PREFIX SPEC EXPECTED [WHY]: one table row.
# EXPECTED is "uid gid groups HOME", or a status and a quoted fragment.
check_row() {
	what="$1: \"$(oneline "$4" 40)\" -> $(oneline "$5" 80)${6:+ ($6)}"
	expected=$5
	case $4 in
	-*) su_run "$1" "$2" "$3" -- "$4" sh -c "$OBSERVE" ;; # a spec, not an option
	*) su_run "$1" "$2" "$3" "$4" sh -c "$OBSERVE" ;;
	esac
	case $expected in
	*\"*)
		fragment=${expected#*\"}
		expect_refusal "$what" "${expected%% *}" "${fragment%\"*}"
		;;
	*) expect_identity "$what" "$expected" ;;
	esac
}

# run_table WHERE ETCDIR PREFIX TABLE: every row of TABLE, a file of rows
# "SPEC" | expected | why.
run_table() {
	each_row table_row "$1" "$2" "$3" <"$4" || fail "$1: table ${4##*/}" "rows" "none read"
}

# table_row WHERE ETCDIR PREFIX "SPEC" EXPECTED WHY: check_row of one row.
table_row() {
	unquote "$4"
	check_row "$1" "$2" "$3" "$UNQUOTED" "$5" "$6"
}

# --- The table reader: every table of every suite is read here --------------

# each_row FUNCTION [ARG...] <TABLE: FUNCTION ARG... FIELD... for each row of
# TABLE. Fields are split on | and lose the blanks around them; a field
# written "..." keeps its quotes (unquote takes them off where a column is
# meant exactly, spaces and all), so a literal "" stays "". Blank lines and
# lines starting with # are not rows. FUNCTION's stdin is empty: it cannot
# eat the table. Fails when TABLE has no row, so an empty or missing table
# cannot pass by testing nothing.
each_row() {
	er_rows=0
	while IFS= read -r er_line; do
		er_trim "$er_line"
		case $er_f in
		'' | '#'*) continue ;;
		esac
		er_rows=$((er_rows + 1))
		er_call "$er_line" "$@" </dev/null
	done
	[ "$er_rows" -gt 0 ]
}

# er_call LINE FUNCTION ARG...: FUNCTION ARG... and LINE's fields (the
# added | keeps an empty last field).
er_call() {
	er_rest="$1|"
	shift
	while [ -n "$er_rest" ]; do
		er_trim "${er_rest%%|*}"
		set -- "$@" "$er_f"
		er_rest=${er_rest#*|}
	done
	"$@"
}

# er_trim TEXT: TEXT without blanks at either end, in er_f (no subshell).
er_trim() {
	er_f=${1#"${1%%[![:space:]]*}"}
	er_f=${er_f%"${er_f##*[![:space:]]}"}
}

# unquote FIELD: what is between its first and last ", exactly, in UNQUOTED.
unquote() {
	UNQUOTED=${1#*\"}
	UNQUOTED=${UNQUOTED%\"*}
}

# Run by a command under --init, as sh -c "$ZOMBIES" HELPER N: leave N
# orphaned zombies (tests/zombies), then wait, polling /proc (a state no
# process announces), up to 30 s (an emulated CPU is slow), until none is
# left with the init as parent.
ZOMBIES='"$0" "$1" || exit 90
i=0
while [ $i -lt 600 ]; do
	left=$(awk -v init=$PPID "\$3 == \"Z\" && \$4 == init" /proc/[0-9]*/stat 2>/dev/null | wc -l)
	[ "$left" -eq 0 ] && exit 0
	i=$((i + 1))
	sleep 0.05
done
echo "$left zombies left"
exit 1'

# await_ready FIFO: the line a process writes into FIFO once it is ready
# (its trap set), which the test waits for instead of sleeping. Ten seconds
# is a bound a loaded machine cannot miss; missing it only fails the test.
await_ready() {
	timeout 10 head -n 1 "$1"
}

# wait_for FILE: up to ten seconds for FILE to appear. For mk/container.sh,
# whose example container writes a file of its own (a log, not a fifo); the
# 0.1 s pause is between looks at the file, and only a timeout fails.
wait_for() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1))
		[ "$i" -le 100 ] || return 1
		sleep 0.1
	done
}

# Run by itself, as `prove tests/*.sh` does: it is not a suite.
case ${0##*/} in
lib.sh) skip_all "tests/lib.sh is the harness the suites source" ;;
esac
