#!/bin/sh
# Integration tests of su-exec --init (issue 4), run as root from the repo root:
#
#	sh tests/init.sh ./su-exec
#
# Most runs make su-exec PID 1 of a new PID namespace (unshare --pid); the
# others run it as a subreaper in the host's. Every run has fixture databases
# mounted over /etc/passwd and /etc/group in a private mount namespace, and is
# wrapped in timeout: a hang is a failure, never a stuck test. Prints one
# line per test and, last, "init: N passed, N failed"; exits non-zero on any
# failure. The small helpers (sigcount, zombies, faultinj) are built with $CC.

umask 022
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
CC=${CC:-cc}
TESTS=$(cd "$(dirname "$0")" && pwd)

n=0 passed=0 failed=0

pass() {
	n=$((n + 1)) passed=$((passed + 1))
	echo "ok $n - $1"
}

fail() {	# fail WHAT EXPECTED GOT
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1: expected [$2], got [$(printf '%s' "$3" | tr '\n' '|' | cut -c1-400)]"
}

check() {	# check WHAT EXPECTED GOT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "$2" "$3"; fi
}

finish() {
	echo "init: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# The fixtures go over /etc, then COMMAND runs in place of the shell.
MOUNT='mount --bind "$0/passwd" /etc/passwd && mount --bind "$0/group" /etc/group &&
exec "$@"'

# in_ns SECONDS COMMAND...: COMMAND as PID 1 of a new PID namespace. When
# timeout stops unshare, --kill-child takes the namespace with it.
in_ns() {
	t=$1
	shift
	timeout -k 1 "$t" unshare --pid --fork --mount-proc --kill-child sh -c "$MOUNT" "$dir" "$@"
}

# in_host SECONDS COMMAND...: COMMAND in the host's PID namespace.
in_host() {
	t=$1
	shift
	timeout -k 1 "$t" unshare --mount --propagation private sh -c "$MOUNT" "$dir" "$@"
}

# poll TRIES PAUSE CMD...: CMD until it succeeds, at most TRIES times PAUSE apart.
poll() {
	tries=$1 pause=$2
	shift 2
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep "$pause"
	done
}

# init_of PID: the topmost su-exec ($SU_COMM) below PID, the init (its child is deeper).
init_of() {
	poll 250 0.02 first_su_exec "$1"
}

first_su_exec() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		if [ "$(cat /proc/"$c"/comm 2>/dev/null)" = "$SU_COMM" ]; then
			echo "$c"
			return 0
		fi
		first_su_exec "$c" && return 0
	done
	return 1
}

# child_of PID NAME: the child of PID whose name is NAME (once it has exec'd).
child_of() {
	poll 250 0.02 named_child "$1" "$2"
}

named_child() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		[ "$(cat /proc/"$c"/comm 2>/dev/null)" = "$2" ] && echo "$c" && return 0
	done
	return 1
}

# wait_lines FILE N: up to five seconds for FILE to have N lines.
wait_lines() {
	poll 500 0.01 has_lines "$1" "$2"
}

has_lines() {
	[ "$(wc -l <"$1" 2>/dev/null || echo 0)" -ge "$2" ]
}

# wait_state PID STATE: up to five seconds for /proc/PID/stat to show STATE (R, S, T...).
wait_state() {
	poll 500 0.01 in_state "$1" "$2"
}

in_state() {
	[ "$(state "$1")" = "$2" ]
}

state() {
	awk '{ print $3 }' /proc/"$1"/stat 2>/dev/null
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

setup() {
	SU=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	SU_COMM=$(basename "$1" | cut -c1-15) # the kernel keeps 15 bytes of the name
	dir=$(mktemp -d) || exit 1
	trap 'rm -rf "$dir"' EXIT
	trap 'exit 130' INT TERM
	chmod 755 "$dir" # the helpers run as the fixture user
	printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'app:x:1234:1234:app:/home/app:/bin/sh' \
		>"$dir/passwd"
	printf '%s\n' 'root:x:0:' 'app:x:1234:' 'extra:x:2000:app' >"$dir/group"
	for tool in timeout unshare script bash awk "$CC"; do
		command -v "$tool" >/dev/null || fail "prerequisite: $tool" "installed" "missing"
	done
	for helper in sigcount zombies faultinj; do
		out=$("$CC" -O2 -o "$dir/$helper" "$TESTS/$helper.c" 2>&1) ||
			fail "build tests/$helper.c" "built" "$out"
	done
	[ -x "$SU" ] || fail "su-exec binary" "an executable $1" "none"
	[ "$failed" -eq 0 ] || finish
}

# Exit codes 0..255 come back as they are; a signal N as 128+N.
exit_status() {
	bad= i=0
	while [ "$i" -le 255 ]; do
		in_ns 10 "$SU" --init app sh -c "exit $i" </dev/null >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq "$i" ] || bad="$bad $i:$rc"
		i=$((i + 1))
	done
	check "exit codes 0..255 pass through (code:got)" "" "$bad"
	bad=
	for sig in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 24 25 26 27 29 30 31 34 50 64; do
		in_ns 10 "$SU" --init app sh -c "ulimit -c 0; kill -$sig \$\$" </dev/null >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq $((128 + sig)) ] || bad="$bad $sig:$rc"
	done
	check "a child killed by signal N gives 128+N (signal:got)" "" "$bad"
}

# start WHAT...: in_ns in the background, output in $dir/out; sets bg and init.
start() {
	: >"$dir/out"
	"$@" >"$dir/out" 2>"$dir/err" </dev/null &
	bg=$!
	init=
	wait_lines "$dir/out" 1 && init=$(init_of "$bg")
}

# finish_bg: the status of the background run.
finish_bg() {
	wait "$bg"
	rc=$?
}

TRAPPER='trap "exit 3" QUIT; trap "exit 42" TERM; trap "exit 10" USR1; trap "exit 11" HUP
echo ready; while :; do sleep 0.02; done'

forwarding() {
	start in_ns 10 "$SU" --init app sh -c "$TRAPPER"
	[ -n "$init" ] && kill -TERM "$init"
	finish_bg
	check "SIGTERM sent to PID 1 reaches a trapping child, whose code comes back" 42 "$rc"

	start in_ns 30 "$SU" --init app "$dir/sigcount" 1000
	sigs=$(sed -n 's/^ready //p' "$dir/out")
	lines=1
	for sig in $sigs; do
		[ -n "$init" ] && kill -"$sig" "$init"
		lines=$((lines + 1))
		wait_lines "$dir/out" "$lines" || break
	done
	finish_bg
	check "each catchable signal reaches the child exactly once, in order" \
		"0 $sigs" "$rc $(sed 1d "$dir/out" | tr '\n' ' ' | sed 's/ $//')"

	# musl keeps 32-34 for itself and its sigfillset leaves them out; glibc 32-33.
	# Not as PID 1, which the kernel shields from signals it has at SIG_DFL.
	start in_host 10 "$SU" --init -r 32:0 -r 33:0 -r 34:0 app "$dir/sigcount" 300
	for sig in 32 33 34 USR1; do
		[ -n "$init" ] && kill -"$sig" "$init"
		sleep 0.05
	done
	finish_bg
	check "the init blocks the libc's own signals 32-34 too (dropped with -r)" \
		"0 10" "$rc $(sed 1d "$dir/out" | tr '\n' ' ' | sed 's/ $//')"

	for sig in TSTP:20 TTIN:21 TTOU:22; do
		start in_ns 10 "$SU" --init app "$dir/sigcount" 300
		[ -n "$init" ] && kill -"${sig%:*}" "$init" && sleep 0.1
		st=$(state "$init")
		finish_bg
		check "SIG${sig%:*} reaches the child; the init itself does not stop" \
			"S 0 ${sig#*:}" "$st $rc $(sed 1d "$dir/out")"
	done
}

rewrite() {
	start in_ns 10 "$SU" --init --rewrite=sigterm:quit app sh -c "$TRAPPER"
	[ -n "$init" ] && kill -TERM "$init"
	finish_bg
	check "--rewrite=sigterm:quit delivers SIGTERM as SIGQUIT" 3 "$rc"

	start in_ns 10 "$SU" --init -r TERM:0 -r 1:USR1 app sh -c "$TRAPPER"
	[ -n "$init" ] && kill -TERM "$init" && sleep 0.3 && kill -HUP "$init"
	finish_bg
	check "-r TERM:0 drops SIGTERM; -r 1:USR1 (repeated -r) delivers SIGHUP as SIGUSR1" 10 "$rc"
}

# The child has a process group of its own and signals go to all of it.
PGROUP='sh -c "trap \"echo grandchild got USR1; exit 0\" USR1; while :; do sleep 0.02; done" &
trap "echo child got USR1; sleep 0.3; kill \$! 2>/dev/null; exit 0" USR1
read -r pid comm state ppid pgrp rest </proc/$$/stat
read -r ipid icomm istate ippid ipgrp rest </proc/$PPID/stat
[ "$pgrp" = "$$" ] && [ "$ipgrp" != "$pgrp" ] && echo own group || echo shared group
sleep 0.2; echo ready; while :; do sleep 0.02; done'

pgroup() {
	start in_ns 10 "$SU" --init --pgroup app sh -c "$PGROUP"
	wait_lines "$dir/out" 1
	sleep 0.2
	[ -n "$init" ] && kill -USR1 "$init"
	finish_bg
	check "--pgroup: the child leads its own group, and a signal reaches the whole group" \
		"0 child got USR1 grandchild got USR1 own group ready" \
		"$rc $(sort "$dir/out" | tr '\n' ' ' | sed 's/ $//')"

	start in_ns 10 "$SU" --init app sh -c "$PGROUP"
	sleep 0.4
	[ -n "$init" ] && kill -USR1 "$init"
	finish_bg
	check "without --pgroup: the child shares the init's group and alone gets the signal" \
		"0 child got USR1 ready shared group" \
		"$rc $(sort "$dir/out" | tr '\n' ' ' | sed 's/ $//')"
}

stop_continue() {
	start in_ns 20 "$SU" --init app sh -c 'echo started; exec sleep 30'
	child=$(child_of "$init" sleep)
	got=
	if [ -n "$child" ]; then
		kill -TSTP "$init"
		wait_state "$child" T
		got="$(state "$child") $(state "$init")"
		kill -CONT "$init"
		wait_state "$child" S
		got="$got $(state "$child") $(state "$init")"
		kill -TERM "$init"
	fi
	finish_bg
	check "SIGTSTP stops the child, SIGCONT resumes it; the init keeps running" \
		"T S S S 143" "$got $rc"
}

# Run by the command: leave 1000 orphaned zombies, then wait until none is left with the init as parent.
ZOMBIES='"$0" 1000 || exit 90
i=0
while [ $i -lt 500 ]; do
	left=$(awk -v init=$PPID "\$3 == \"Z\" && \$4 == init" /proc/[0-9]*/stat 2>/dev/null | wc -l)
	[ "$left" -eq 0 ] && exit 0
	i=$((i + 1))
	sleep 0.01
done
echo "$left zombies left"
exit 1'

reaping() {
	out=$(in_ns 30 "$SU" --init app sh -c "$ZOMBIES" "$dir/zombies" 2>&1)
	check "1000 orphaned zombies are reaped by the init as PID 1" "0 " "$? $out"
	out=$(in_host 30 "$SU" --init app sh -c "$ZOMBIES" "$dir/zombies" 2>&1)
	check "1000 orphaned zombies are reaped by the init as a subreaper, silently" "0 " "$? $out"

	bad=0
	i=0
	while [ "$i" -lt 100 ]; do
		in_ns 5 "$SU" --init app sh -c 'true & true & true & true & true & true & true & exit 3' \
			</dev/null >/dev/null 2>&1
		[ $? -eq 3 ] || bad=$((bad + 1))
		i=$((i + 1))
	done
	check "100 runs with coalescing SIGCHLDs: no hang, the child's status each time" 0 "$bad"
}

# A grandchild outlives the command, which exits 7 after 0.3 s.
OBEYS='sh -c "trap \"echo grandchild got TERM; exit 0\" TERM; while :; do sleep 0.02; done" &
sleep 0.3; exit 7'
STUBBORN='sh -c "trap \"\" TERM; while :; do sleep 0.02; done" & sleep 0.3; exit 7'
# The same, printing the time (ms) it exits at.
STUBBORN_AT='sh -c "trap \"\" TERM; while :; do sleep 0.02; done" & sleep 0.3; date +%s%3N; exit 7'

# timed WHAT...: sets rc, out (stdout, lines joined by |) and ms, the time WHAT took.
timed() {
	t0=$(now_ms)
	"$@" >"$dir/out" 2>"$dir/err" </dev/null
	rc=$?
	ms=$(($(now_ms) - t0))
	out=$(tr '\n' '|' <"$dir/out" | sed 's/|$//')
}

# within MIN MAX: "in time" when MIN <= ms < MAX.
within() {
	if [ "$ms" -ge "$1" ] && [ "$ms" -lt "$2" ]; then echo "in time"; else echo "${ms}ms"; fi
}

shutdown() {
	timed in_ns 30 "$SU" --init --grace=10 app sh -c "$OBEYS"
	check "as PID 1: a grandchild gets SIGTERM, the child's status comes back, well within --grace" \
		"7 [grandchild got TERM] in time" "$rc [$out] $(within 0 3000)"
	timed in_ns 30 "$SU" --init --grace=1 app sh -c "$STUBBORN"
	check "as PID 1: a grandchild ignoring SIGTERM is killed after --grace=1" \
		"7 [] in time" "$rc [$out] $(within 900 3000)"
	timed in_ns 30 "$SU" --init --grace=0 app sh -c "$STUBBORN"
	check "as PID 1: --grace=0 kills the rest at once" "7 [] in time" "$rc [$out] $(within 0 800)"
	default_grace

	# The caller shares the init's process group: it must not get the SIGTERM.
	timed in_host 30 sh -c 'trap "echo caller got TERM" TERM
"$0" --init --grace=10 app sh -c "$1"; echo "init exited $?"; sleep 0.2; echo caller done' \
		"$SU" "$OBEYS"
	check "as a subreaper: the grandchild gets SIGTERM, the caller does not" \
		"0 [grandchild got TERM|init exited 7|caller done] in time" "$rc [$out] $(within 0 3000)"
	timed in_host 30 "$SU" --init --grace=1 app sh -c "$STUBBORN"
	check "as a subreaper: a grandchild ignoring SIGTERM is killed after --grace=1" \
		"7 [] in time" "$rc [$out] $(within 900 3000)"
	check "as a subreaper, nothing on stderr (no warning)" "" "$(cat "$dir/err")"
}

# Without --grace, the init waits 5 s after the child exits before its SIGKILL.
default_grace() {
	timed in_ns 30 "$SU" --init app sh -c "$STUBBORN_AT"
	case $out in
	'' | *[!0-9]*) after="no time from the child: [$out]" ;;
	*) after=$(ms=$((t0 + ms - out)) && within 4500 7000) ;;
	esac
	check "as PID 1, no --grace: a grandchild ignoring SIGTERM is killed 5 s (the default) after the child exits" \
		"7 in time" "$rc $after"
}

# In a pty, bash -m: its own group is the terminal's foreground; a background job reading the
# terminal gets SIGTTIN and stops.
JOBS='read -r pid comm state ppid pgrp sid tty tpgid rest </proc/$$/stat
read -r ipid icomm istate ippid ipgrp rest </proc/$PPID/stat
[ "$pgrp" = "$$" ] && [ "$tpgid" = "$pgrp" ] && [ "$ipgrp" != "$pgrp" ] && echo foreground
cat &
sleep 0.3
jobs
kill %1'

job_control() {
	printf '%s\n' "$JOBS" >"$dir/jobs.sh"
	out=$(in_host 20 script -qec "exec $SU --init --pgroup app bash -m $dir/jobs.sh" /dev/null 2>&1 |
		tr -d '\r')
	case $out in
	foreground*Stopped*cat*) pass "job control in a pty: the child's group is the foreground, a background job stops" ;;
	*) fail "job control in a pty" "foreground, then a Stopped cat job" "$out" ;;
	esac

	# ^C in the pty: the child in the init's group gets the kernel's SIGINT and no copy.
	out=$( (sleep 1; printf '\003') |
		in_host 20 script -qec "exec $SU --init app $dir/sigcount 500" /dev/null 2>&1 | tr -d '\r^C')
	check "^C in a pty without --pgroup: the child gets SIGINT once" "2" "$(echo "$out" | sed 1d)"
	out=$( (sleep 1; printf '\003') |
		in_host 20 script -qec "exec $SU --init -g app $dir/sigcount 500" /dev/null 2>&1 | tr -d '\r^C')
	check "^C in a pty with --pgroup: the child, the foreground, gets SIGINT once" "2" "$(echo "$out" | sed 1d)"
}

identity() {
	out=$(in_ns 10 "$SU" --init app cat /proc/1/status 2>&1 |
		awk '/^(Uid|Gid|Groups|CapPrm|CapEff|CapAmb):/ { $1 = $1; print }' | tr '\n' ';')
	check "/proc/1/status: the init runs as the target uid, gid and groups, with no capability" \
		"Uid: 1234 1234 1234 1234;Gid: 1234 1234 1234 1234;Groups: 1234 2000;CapPrm: 0000000000000000;CapEff: 0000000000000000;CapAmb: 0000000000000000;" \
		"$out"
	# With --keep-caps the command has the capability; its init keeps none.
	out=$(in_ns 10 "$SU" --init -k net_bind_service app sh -c \
		'grep -h "^CapEff" /proc/1/status /proc/self/status' 2>&1 | tr '\n\t' '; ')
	check "--init -k net_bind_service: the init has no capability, the command has that one" \
		"CapEff: 0000000000000000;CapEff: 0000000000000400;" "$out"

	# The child gets the mask and ignored signals su-exec started with, and no fd of the init.
	observe='grep -E "^Sig(Blk|Ign)" /proc/self/status; ls /proc/self/fd'
	for mode in "" --init; do
		in_ns 10 env --block-signal=USR1 --ignore-signal=USR2,CHLD "$SU" $mode app \
			sh -c "$observe" >"$dir/out$mode" 2>&1 </dev/null
		echo "exit $?" >>"$dir/out$mode"
	done
	check "the child gets the starting mask and ignored signals (even CHLD) and no extra fd" \
		"$(cat "$dir/out")" "$(cat "$dir/out--init")"
}

failures() {
	# A new PID namespace hands out pids in order: between two shells su-exec
	# takes one, and its child would take another.
	for spec in nosuch app; do
		in_ns 10 sh -c 'sh -c "echo \$\$"; "$0" --init "$1" true; echo "$?"; sh -c "echo \$\$"' \
			"$SU" "$spec" >"$dir/out" 2>"$dir/err"
		{ read -r before; read -r rc; read -r after; } <"$dir/out"
		got="$rc $(cat "$dir/err") pids used: $((after - before - 1))"
		if [ "$spec" = nosuch ]; then
			check "a spec error exits 125 before any fork" \
				"125 su-exec: 'nosuch': no such user pids used: 1" "$got"
		else
			check "(that counting sees the fork of a good spec)" "0  pids used: 2" "$got"
		fi
	done
	# The init runs as app, so RLIMIT_NPROC applies to its fork.
	out=$(in_host 10 prlimit --nproc=1 "$SU" --init app sh -c 'echo ran' 2>&1)
	check "a failed fork exits 125" "125 su-exec: fork: Resource temporarily unavailable" "$? $out"
	out=$(in_ns 10 "$SU" --pgroup app true 2>&1)
	check "--pgroup without --init exits 125" "125 su-exec: '--pgroup': needs --init" \
		"$? $(echo "$out" | sed -n '1s/ (try --help)$//p')"
	out=$(in_ns 10 "$SU" --init -r TERM:TREM app sh -c 'echo ran' 2>&1)
	check "a bad --rewrite exits 125" "125 su-exec: --rewrite: 'TREM': unknown signal" "$? $out"
	out=$(in_ns 10 "$SU" --init --grace=-1 app sh -c 'echo ran' 2>&1)
	check "a bad --grace exits 125" \
		"125 su-exec: --grace: '-1': not a number of seconds (0-4294967294)" "$? $out"

	in_ns 10 "$SU" --init app /nonexistent >"$dir/out" 2>"$dir/err"
	check "exec failure in the child: 127, nothing on stdout or stderr" \
		"127 " "$? $(cat "$dir/out" "$dir/err")"
	in_ns 10 "$SU" --init app /etc/passwd >"$dir/out" 2>"$dir/err"
	check "a command that cannot be executed: 126, nothing on stdout or stderr" \
		"126 " "$? $(cat "$dir/out" "$dir/err")"
	in_ns 10 "$SU" -v --init app /nonexistent >"$dir/out" 2>"$dir/err"
	check "with -v the child says why on stderr" \
		"127 |su-exec: uid=1234 gid=1234 groups=1234,2000 HOME=/home/app|su-exec: '/nonexistent': No such file or directory" \
		"$? $(cat "$dir/out")|$(tr '\n' '|' <"$dir/err" | sed 's/|$//')"
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: init tests need root (run: sudo make check)"
		exit 0
	fi
	if [ $# -ne 1 ]; then
		echo "usage: sh tests/init.sh SU_EXEC" >&2
		exit 2
	fi
	setup "$1"
	exit_status
	forwarding
	rewrite
	pgroup
	stop_continue
	reaping
	shutdown
	job_control
	identity
	failures
	finish
}

main "$@"
