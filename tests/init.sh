#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Integration tests of su-exec --init, run as root (make check-init):
#
#	sh tests/init.sh [SU_EXEC SU_EXEC_STATIC]
#
# SU_EXEC defaults to the repo's ./su-exec (the static build runs the rows
# without subreaper prctls too); the helpers tests/sigcount, tests/zombies and
# tests/faultinj are built by the Makefile. Most runs make su-exec PID 1 of a
# new PID namespace (unshare --pid); the others run it as a subreaper in the
# host's. Every run has fixture databases mounted over /etc/passwd and
# /etc/group in a private mount namespace, and is wrapped in timeout: a hang
# is a failure, never a stuck test. A process the test waits for says it is
# ready (a line on a fifo, after its trap is set); no fixed sleep stands in
# for that. TAP output (lib.sh); exits non-zero on any failure.

TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/lib.sh"
sealed_env

# poll TRIES PAUSE CMD...: CMD until it succeeds, at most TRIES times PAUSE
# apart. Only for a state in /proc, which no process can announce.
poll() {
	tries=$1 pause=$2
	shift 2
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep "$pause"
	done
}

# children PID: PID's children, as its threads list them (one of the two
# globs of a suite that otherwise runs with set -f; chain_run has the other).
children() {
	set +f
	cat /proc/"$1"/task/*/children 2>/dev/null
	set -f
}

# init_of PID: the topmost su-exec ($SU_COMM) below PID, the init (its child
# is deeper). Called once the child said it is ready, so the tree is there.
init_of() {
	for c in $(children "$1"); do
		if [ "$(cat /proc/"$c"/comm 2>/dev/null)" = "$SU_COMM" ]; then
			echo "$c"
			return 0
		fi
		init_of "$c" && return 0
	done
	return 1
}

# wait_state PID STATE: up to ten seconds for /proc/PID/stat to show STATE (R, S, T...).
wait_state() {
	poll 1000 0.01 in_state "$1" "$2"
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
	work_dir su-exec-init # the helpers run as the fixture user
	dir=$W
	# Every run (ns_run) has the fixtures over /etc/passwd and /etc/group.
	cp "$TESTS/fixtures/init/passwd" "$TESTS/fixtures/init/group" "$dir/"
	NS_FLAGS="-f $dir/passwd $dir/group"
	# The fifos a waited-for process says "ready" into; it runs as app.
	mkfifo -m 666 "$dir/ready" "$dir/gready" "$dir/pipe"
	missing=0
	require_tools timeout unshare script bash awk prlimit mkfifo head
	need_built "su-exec su-exec-static tests/sigcount tests/zombies tests/faultinj" "$SU" "$SU_STATIC" \
		"$TESTS/sigcount" "$TESTS/zombies" "$TESTS/faultinj" ||
		missing=1
	[ "$missing" -eq 0 ] || finish init
	# The helpers run as app: copies in the work folder, which app can reach
	# (the tree may sit in a folder only root can).
	mkdir -m 755 "$dir/bin"
	cp "$TESTS/sigcount" "$TESTS/zombies" "$dir/bin/"
	SIGCOUNT=$dir/bin/sigcount ZOMBIE_MAKER=$dir/bin/zombies
}

# Exit codes 0..255 come back as they are; a signal N as 128+N. All 256
# codes through one PID namespace whose PID 1 is a shell, so su-exec --init
# is a subreaper there; as PID 1 itself, the codes a rule picks: both ends,
# every bit alone, su-exec's own 125-127 and their neighbours; and every
# signal.
ALL_CODES='i=0
while [ $i -le 255 ]; do
	"$0" --init app sh -c "exit $i" </dev/null >/dev/null 2>&1
	rc=$?
	[ $rc -eq $i ] || printf " %s:%s" $i $rc
	i=$((i + 1))
done'

exit_status() {
	out=$(ns_run -p -t 60 -- sh -c "$ALL_CODES" "$SU" 2>&1)
	check "exit codes 0..255 pass through a subreaper init (code:got)" "0 " "$? $out"
	bad=
	for i in 0 255 1 2 4 8 16 32 64 128 124 125 126 127 129; do
		ns_run -p -t 10 -- "$SU" --init app sh -c "exit $i" </dev/null >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq "$i" ] || bad="$bad $i:$rc"
	done
	check_empty "exit codes by rule pass through the init as PID 1 (code:got)" "$bad"
	bad=
	for sig in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 24 25 26 27 29 30 31 34 50 64; do
		ns_run -p -t 10 -- "$SU" --init app sh -c "ulimit -c 0; kill -$sig \$\$" </dev/null >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq $((128 + sig)) ] || bad="$bad $sig:$rc"
	done
	check_empty "a child killed by signal N gives 128+N (signal:got)" "$bad"
}

# start WHAT...: WHAT in the background, its stdout read line by line
# through $dir/pipe into $dir/out; waits for the first line (ready) and sets
# bg and init.
start() {
	: >"$dir/out"
	"$@" >"$dir/pipe" 2>"$dir/err" </dev/null &
	bg=$!
	exec 4<"$dir/pipe"
	init=
	next_line && init=$(init_of "$bg")
}

# next_line: the next line of the background run, waited for at most ten
# seconds (a bound no loaded machine reaches; reaching it fails the test).
next_line() {
	nl_line=$(timeout 10 sh -c 'IFS= read -r l && printf "%s\n" "$l"' <&4) || return 1
	printf '%s\n' "$nl_line" >>"$dir/out"
}

# finish_bg: the status of the background run, and the rest of its output.
# The run has ended, so what it wrote is in the pipe already: one second is
# plenty. Only an orphan it left (no subreaper to end it) holds the pipe open,
# and it writes nothing the rows read.
finish_bg() {
	wait "$bg"
	rc=$?
	timeout 1 cat <&4 >>"$dir/out"
	exec 4<&-
}

# signals PID SIG...: each sent to PID; after each, the next line (the
# child saying it got it) is waited for. Stops at the first one missing.
signals() {
	sg_pid=$1
	shift
	[ -n "$sg_pid" ] || return 1
	for sg; do
		kill -"$sg" "$sg_pid" && next_line || return 1
	done
}

# lines: what the background run's child printed after its ready line.
lines() {
	sed 1d "$dir/out" | tr '\n' ' ' | sed 's/ $//'
}

TRAPPER='trap "exit 3" QUIT; trap "exit 42" TERM; trap "exit 10" USR1; trap "exit 11" HUP
sleep 1000 & echo ready; wait'

forwarding() {
	start ns_run -p -t 10 -- "$SU" --init app sh -c "$TRAPPER"
	[ -n "$init" ] && kill -TERM "$init"
	finish_bg
	check "SIGTERM sent to PID 1 reaches a trapping child, whose code comes back" 42 "$rc"

	# sigcount ends at signal 64, the last of the list.
	start ns_run -p -t 30 -- "$SU" --init app "$SIGCOUNT" 10000
	sigs=$(sed -n 's/^ready //p' "$dir/out")
	signals "$init" $sigs
	finish_bg
	check "each catchable signal reaches the child exactly once, in order" "0 $sigs" "$rc $(lines)"

	# musl keeps 32-34 for itself and its sigfillset leaves them out; glibc 32-33.
	# Not as PID 1, which the kernel shields from signals it has at SIG_DFL.
	# Had the init not blocked one, it would die of it before passing on 64.
	start ns_run -t 10 -- "$SU" --init -r 32:0 -r 33:0 -r 34:0 app "$SIGCOUNT" 10000
	[ -n "$init" ] && kill -32 "$init" && kill -33 "$init" && kill -34 "$init"
	signals "$init" USR1 64
	finish_bg
	check "the init blocks the libc's own signals 32-34 too (dropped with -r)" "0 10 64" "$rc $(lines)"

	for sig in TSTP:20 TTIN:21 TTOU:22; do
		start ns_run -p -t 10 -- "$SU" --init app "$SIGCOUNT" 10000
		signals "$init" "${sig%:*}"
		st=$(state "$init")
		[ "$st" = T ] || st="not stopped"
		signals "$init" 64
		finish_bg
		check "SIG${sig%:*} reaches the child; the init itself does not stop" \
			"not stopped 0 ${sig#*:} 64" "$st $rc $(lines)"
	done
}

rewrite() {
	start ns_run -p -t 10 -- "$SU" --init --rewrite=sigterm:quit app sh -c "$TRAPPER"
	[ -n "$init" ] && kill -TERM "$init"
	finish_bg
	check "--rewrite=sigterm:quit delivers SIGTERM as SIGQUIT" 3 "$rc"

	# The child lists what it gets, so a SIGTERM let through shows whatever
	# the order; 40 comes after both (real-time signals go last), and 64 ends it.
	start ns_run -p -t 10 -- "$SU" --init -r TERM:0 -r 1:USR1 app "$SIGCOUNT" 10000
	[ -n "$init" ] && kill -TERM "$init" && kill -HUP "$init"
	next_line && signals "$init" 40 64
	finish_bg
	check "-r TERM:0 drops SIGTERM; -r 1:USR1 (repeated -r) delivers SIGHUP as SIGUSR1" \
		"0 10 40 64" "$rc $(lines)"
}

# The child has a process group of its own and signals go to all of it. The
# grandchild says it is ready into the fifo $0; on USR1 the child waits for
# it when they share the group, so both lines are written before the init
# ends the rest. Their sleeps, which only keep them alive, ignore USR1: a
# sleep that died of it could end a wait before the trap.
PGROUP='sh -c "trap \"echo grandchild got USR1; exit 0\" USR1; (trap \"\" USR1; exec sleep 1000) &
echo >\"\$0\"; wait" "$0" &
gc=$!
read -r _ <"$0"
read -r pid comm state ppid pgrp rest </proc/$$/stat
read -r ipid icomm istate ippid ipgrp rest </proc/$PPID/stat
if [ "$pgrp" = "$$" ] && [ "$ipgrp" != "$pgrp" ]; then
	echo own group
	trap "echo child got USR1; wait $gc; exit 0" USR1
else
	echo shared group
	trap "echo child got USR1; exit 0" USR1
fi
(trap "" USR1; exec sleep 1000) & echo ready; wait'

pgroup() {
	start ns_run -p -t 10 -- "$SU" --init --pgroup app sh -c "$PGROUP" "$dir/gready"
	next_line
	[ -n "$init" ] && kill -USR1 "$init"
	finish_bg
	check "--pgroup: the child leads its own group, and a signal reaches the whole group" \
		"0 child got USR1 grandchild got USR1 own group ready" \
		"$rc $(sort "$dir/out" | tr '\n' ' ' | sed 's/ $//')"

	start ns_run -p -t 10 -- "$SU" --init app sh -c "$PGROUP" "$dir/gready"
	next_line
	[ -n "$init" ] && kill -USR1 "$init"
	finish_bg
	check "without --pgroup: the child shares the init's group and alone gets the signal" \
		"0 child got USR1 ready shared group" \
		"$rc $(sort "$dir/out" | tr '\n' ' ' | sed 's/ $//')"
}

stop_continue() {
	start ns_run -p -t 20 -- "$SU" --init app sh -c 'echo started; exec sleep 30'
	child=$(children "$init")
	child=${child%% *}
	got=
	if [ -n "$init" ] && [ -n "$child" ]; then
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


# 100 runs as PID 1, each a namespace of its own, under one timeout.
COALESCE='bad=0 i=0
while [ $i -lt 100 ]; do
	unshare --pid --fork --kill-child "$0" --init app \
		sh -c "true & true & true & true & true & true & true & exit 3" </dev/null >/dev/null 2>&1
	[ $? -eq 3 ] || bad=$((bad + 1))
	i=$((i + 1))
done
echo $bad'

reaping() {
	out=$(ns_run -p -t 30 -- "$SU" --init app sh -c "$ZOMBIES" "$ZOMBIE_MAKER" 1000 2>&1)
	check "1000 orphaned zombies are reaped by the init as PID 1" "0 " "$? $out"
	out=$(ns_run -t 30 -- "$SU" --init app sh -c "$ZOMBIES" "$ZOMBIE_MAKER" 1000 2>&1)
	check "1000 orphaned zombies are reaped by the init as a subreaper, silently" "0 " "$? $out"
	out=$(ns_run -t 60 -- sh -c "$COALESCE" "$SU" 2>&1)
	check "100 runs with coalescing SIGCHLDs: no hang, the child's status each time" "0 0" "$? $out"
}

# A grandchild outlives the command, which exits 7 once the grandchild says
# (into the fifo $0) that it is ready. In OBEYS it is sigcount, which prints
# the signals it gets and ends 100 ms after the last; STUBBORN's ignores
# SIGTERM, and the command prints the time (ms) it exits at.
OBEYS='"$1" 100 "$0" & read -r _ <"$0"; exit 7'
STUBBORN='sh -c "trap \"\" TERM; sleep 1000 & echo >\"\$0\"; wait" "$0" &
read -r _ <"$0"; echo "exited at $(date +%s%3N)"; exit 7'

# timed NAME WHAT...: WHAT in the background, so that the shutdown runs
# (seconds of --grace) overlap the other tests; NAME is a word.
# timed_result NAME: waits for it; sets rc, out (stdout but the time, lines
# joined by |), ms (the time it took) and after (ms from the command's exit,
# the time it printed, to the end).
timed() {
	tname=$1 tn=$dir/timed-$1
	mkfifo -m 666 "$tn.fifo"
	shift
	(
		t0=$(now_ms)
		"$@" >"$tn.out" 2>"$tn.err" </dev/null
		echo "$? $(($(now_ms) - t0)) $(now_ms)" >"$tn.rc"
	) &
	eval "timed_pid_$tname=\$!"
}

timed_result() {
	tn=$dir/timed-$1
	eval "wait \"\$timed_pid_$1\""
	read -r rc ms end <"$tn.rc"
	out=$(grep -v '^exited at ' "$tn.out" | tr '\n' '|' | sed 's/|$//')
	exited=$(sed -n 's/^exited at //p' "$tn.out")
	after="no time from the command"
	[ -z "$exited" ] || after=$((end - exited))
}

# within MIN MAX [VALUE]: "in time" when MIN <= VALUE (default ms) < MAX.
within() {
	w=${3:-$ms}
	case $w in
	*[!0-9]* | '') echo "$w" ;;
	*) if [ "$w" -ge "$1" ] && [ "$w" -lt "$2" ]; then echo "in time"; else echo "${w}ms"; fi ;;
	esac
}

# The shutdown runs, started first. Their bounds: --grace=N is measured
# from the command's exit, and each limit sits seconds from the next grace
# it could be mistaken for, so load cannot make a correct init miss it.
shutdown_start() {
	timed obeys ns_run -p -t 30 -- "$SU" --init --grace=10 app sh -c "$OBEYS" "$dir/timed-obeys.fifo" \
		"$SIGCOUNT"
	timed grace1 ns_run -p -t 30 -- "$SU" --init --grace=1 app sh -c "$STUBBORN" "$dir/timed-grace1.fifo"
	timed grace0 ns_run -p -t 30 -- "$SU" --init --grace=0 app sh -c "$STUBBORN" "$dir/timed-grace0.fifo"
	timed default ns_run -p -t 30 -- "$SU" --init app sh -c "$STUBBORN" "$dir/timed-default.fifo"
	# The caller shares the init's process group: it must not get the SIGTERM,
	# which would be pending before the init's exit let the caller go on.
	timed caller ns_run -t 30 -- sh -c 'trap "echo caller got TERM" TERM
"$0" --init --grace=10 app sh -c "$1" "$2" "$3"; echo "init exited $?"; echo caller done' \
		"$SU" "$OBEYS" "$dir/timed-caller.fifo" "$SIGCOUNT"
	timed host1 ns_run -t 30 -- "$SU" --init --grace=1 app sh -c "$STUBBORN" "$dir/timed-host1.fifo"
}

shutdown_check() {
	timed_result obeys
	check "as PID 1: a grandchild gets SIGTERM, the child's status comes back, well within --grace=10" \
		"7 [15] in time" "$rc [$out] $(within 0 8000)"
	timed_result grace1
	check "as PID 1: a grandchild ignoring SIGTERM is killed 1 s after the command exits (--grace=1)" \
		"7 [] in time" "$rc [$out] $(within 1000 4000 "$after")"
	timed_result grace0
	check "as PID 1: --grace=0 kills the rest at once, well before a second" \
		"7 [] in time" "$rc [$out] $(within 0 900 "$after")"
	timed_result default
	check "as PID 1, no --grace: a grandchild ignoring SIGTERM is killed 5 s (the default) after the child exits" \
		"7 [] in time" "$rc [$out] $(within 5000 9000 "$after")"
	timed_result caller
	check "as a subreaper: the grandchild gets SIGTERM, the caller does not" \
		"0 [15|init exited 7|caller done] in time" "$rc [$out] $(within 0 8000)"
	timed_result host1
	check "as a subreaper: a grandchild ignoring SIGTERM is killed 1 s after the command exits (--grace=1)" \
		"7 [] in time" "$rc [$out] $(within 1000 4000 "$after")"
	check_empty "as a subreaper, nothing on stderr (no warning)" "$(cat "$dir/timed-host1.err" 2>&1)"
}

# In a pty, bash -m: its own group is the terminal's foreground; a background job reading the
# terminal gets SIGTTIN and stops, which bash's wait reports (it returns on a stop under -m).
JOBS='read -r pid comm state ppid pgrp sid tty tpgid rest </proc/$$/stat
read -r ipid icomm istate ippid ipgrp rest </proc/$PPID/stat
[ "$pgrp" = "$$" ] && [ "$tpgid" = "$pgrp" ] && [ "$ipgrp" != "$pgrp" ] && echo foreground
cat &
wait %1
jobs
kill %1'

job_control() {
	printf '%s\n' "$JOBS" >"$dir/jobs.sh"
	out=$(ns_run -t 20 -- script -qec "exec $SU --init --pgroup app bash -m $dir/jobs.sh" /dev/null 2>&1 |
		tr -d '\r')
	case $out in
	foreground*Stopped*cat*) pass "job control in a pty: the child's group is the foreground, a background job stops" ;;
	*) fail "job control in a pty" "foreground, then a Stopped cat job" "$out" ;;
	esac

	# ^C in the pty, typed once sigcount says it is ready: the child in the
	# init's group gets the kernel's SIGINT and no copy. sigcount ends 500 ms
	# after it, time enough for a copy the init would send at once.
	out=$( (await_ready "$dir/ready" >/dev/null; printf '\003') |
		ns_run -t 20 -- script -qec "exec $SU --init app $SIGCOUNT 500 $dir/ready" /dev/null 2>&1 |
		tr -d '\r^C')
	check "^C in a pty without --pgroup: the child gets SIGINT once" "2" "$out"
	out=$( (await_ready "$dir/ready" >/dev/null; printf '\003') |
		ns_run -t 20 -- script -qec "exec $SU --init -g app $SIGCOUNT 500 $dir/ready" /dev/null 2>&1 |
		tr -d '\r^C')
	check "^C in a pty with --pgroup: the child, the foreground, gets SIGINT once" "2" "$out"

	# ^Z at an interactive shell stops the job, the init with its command, and
	# the shell says so; continued, the command runs again.
	for bin in "$SU" "$SU_STATIC"; do
		for g in "" "-g "; do
			out=$( (sleep 1; printf '%s --init %sapp sleep 1000\n' "$bin" "$g"; sleep 1.5
				printf '\032'; sleep 1; printf 'jobs\n'; sleep 0.3
				printf 'kill -CONT %%1; sleep 1; jobs; kill -KILL %%1; exit\n') |
				ns_run -t 20 -- script -qec "bash --norc --noprofile -i" /dev/null 2>&1 |
				tr -d '\r' | grep -o -e 'Stopped' -e 'Running' | uniq | paste -sd' ' -)
			check "${bin##*/} --init ${g}sleep at an interactive shell: ^Z stops the job, CONT runs it" \
				"Stopped Running" "$out"
		done
	done

	# The terminal comes back to the caller's group after -g, however the
	# command ends: the caller's read gets the line typed, not EIO.
	echo 'kill -KILL $$' >"$dir/selfkill.sh"
	for bin in "$SU" "$SU_STATIC"; do
		for cmd in true false "sh $dir/selfkill.sh" /nonexistent; do
			out=$(printf 'typed\n' | ns_run -t 20 -- script -qec \
				"sh -c '$bin --init -g app $cmd 2>/dev/null; read -r x; echo \"read \$? \$x\"'" \
				/dev/null 2>&1 | tr -d '\r' | grep '^read ')
			check "${bin##*/} --init -g ${cmd##*/} in a pty: the terminal is the caller's again" \
				"read 0 typed" "$out"
		done
	done
}

init_identity() {
	out=$(ns_run -p -t 10 -- "$SU" --init app cat /proc/1/status 2>&1 |
		awk '/^(Uid|Gid|Groups|CapPrm|CapEff|CapAmb):/ { $1 = $1; print }' | tr '\n' ';')
	check "/proc/1/status: the init runs as the target uid, gid and groups, with no capability" \
		"Uid: 1234 1234 1234 1234;Gid: 1234 1234 1234 1234;Groups: 1234 2000;CapPrm: 0000000000000000;CapEff: 0000000000000000;CapAmb: 0000000000000000;" \
		"$out"
	# With --keep-caps the command has the capability; its init keeps none.
	out=$(ns_run -p -t 10 -- "$SU" --init -k net_bind_service app sh -c \
		'grep -h "^CapEff" /proc/1/status /proc/self/status' 2>&1 | tr '\n\t' '; ')
	check "--init -k net_bind_service: the init has no capability, the command has that one" \
		"CapEff: 0000000000000000;CapEff: 0000000000000400;" "$out"

	# The child gets the mask and ignored signals su-exec started with, and no fd of the init.
	observe='grep -E "^Sig(Blk|Ign)" /proc/self/status; ls /proc/self/fd'
	for mode in "" --init; do
		ns_run -p -t 10 -- env --block-signal=USR1 --ignore-signal=USR2,CHLD "$SU" $mode app \
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
		ns_run -p -t 10 -- sh -c 'sh -c "echo \$\$"; "$0" --init "$1" true; echo "$?"; sh -c "echo \$\$"' \
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
	out=$(ns_run -t 10 -- prlimit --nproc=1 "$SU" --init app sh -c 'echo ran' 2>&1)
	check "a failed fork exits 125" "125 su-exec: fork: Resource temporarily unavailable" "$? $out"
	out=$(ns_run -p -t 10 -- "$SU" --pgroup app true 2>&1)
	check "--pgroup without --init exits 125" "125 su-exec: --pgroup: needs --init" \
		"$? $(echo "$out" | sed -n '1s/ (try --help)$//p')"
	out=$(ns_run -p -t 10 -- "$SU" --init -r TERM:TREM app sh -c 'echo ran' 2>&1)
	check "a bad --rewrite exits 125" "125 su-exec: --rewrite: 'TREM': unknown signal" "$? $out"
	out=$(ns_run -p -t 10 -- "$SU" --init --grace=-1 app sh -c 'echo ran' 2>&1)
	check "a bad --grace exits 125" \
		"125 su-exec: --grace: '-1': not a number of seconds (0-86400)" "$? $out"

	ns_run -p -t 10 -- "$SU" --init app /nonexistent >"$dir/out" 2>"$dir/err"
	check "exec failure in the child: 127, and it says why, as exec mode does" \
		"127 su-exec: '/nonexistent': No such file or directory" "$? $(cat "$dir/out" "$dir/err")"
	ns_run -p -t 10 -- "$SU" --init app /etc/passwd >"$dir/out" 2>"$dir/err"
	check "a command that cannot be executed: 126, and it says why" \
		"126 su-exec: '/etc/passwd': Permission denied" "$? $(cat "$dir/out" "$dir/err")"
	ns_run -p -t 10 -- "$SU" -v --init app /nonexistent >"$dir/out" 2>"$dir/err"
	check "with -v the child says why on stderr" \
		"127 |su-exec: uid=1234 gid=1234 groups=1234,2000 HOME=/home/app|su-exec: '/nonexistent': No such file or directory" \
		"$? $(cat "$dir/out")|$(tr '\n' '|' <"$dir/err" | sed 's/|$//')"
}

# Where the subreaper prctls are missing (qemu-user 7.2 says EINVAL to both;
# faultinj stands in for it here, on both builds), the init goes on without the
# flag: the command runs, gets a signal, its status comes back, and -v says so.
NO_SUBREAPER="prctl:PR_GET_CHILD_SUBREAPER EINVAL -- $TESTS/faultinj prctl:PR_SET_CHILD_SUBREAPER EINVAL --"

# sh -c "$CHAIN" "$CHAIN" N SIGCOUNT DIR: a chain N shells deep, each with a
# sigcount of its own (output in DIR/chain.K) that says ready on DIR/chain.fifo.
# Each shell dies of SIGTERM, which hands what is below it to the init. The
# top reads the N ready lines, then exits 7, leaving the chain to the init.
CHAIN='[ "$4" != ignore ] || trap "" TERM
if [ "$1" -gt 0 ]; then
	"$2" 1000 "$3/chain.fifo" >"$3/chain.$1" &
	TOP= sh -c "$0" "$0" $(($1 - 1)) "$2" "$3" "$4" &
fi
if [ -n "${TOP-}" ]; then
	exec 3<>"$3/chain.fifo"
	i=0
	while [ $i -lt "$1" ]; do read -r _ <&3; i=$((i + 1)); done
	exit 7
fi
wait'

# As a subreaper, the init signals every descendant once, however deep:
# deeper than any fixed walk, and while the shells above die of the first
# SIGTERM and their children come to the init. With the shells ignoring
# SIGTERM nothing comes to the init: the walk alone must reach the bottom
# (each shell then ends when its children have).
deep_chain() {
	for bin in "$SU" "$SU_STATIC"; do
		chain_run "$bin" 20 dies
		check "${bin##*/}: --init, not PID 1, a chain 60 deep: each of 60 gets SIGTERM once, well within --grace=20" \
			"7 [60x15] in time" "$rc [$got] $(within 0 10000)"
		chain_run "$bin" 2 ignore
		check "${bin##*/}: --init, not PID 1, a chain 60 deep ignoring SIGTERM: the walk reaches all 60, once" \
			"7 [60x15] in time" "$rc [$got] $(within 0 10000)"
	done
}

# chain_run SU_EXEC GRACE dies|ignore: sets rc, ms and got (how many of the
# sigcounts printed which signal, as COUNTxSIGNAL).
chain_run() {
	rm -rf "$dir/chain"
	mkdir -m 777 "$dir/chain" && mkfifo -m 666 "$dir/chain/chain.fifo"
	t0=$(now_ms)
	TOP=1 ns_run -t 30 -- "$1" --init --grace="$2" app sh -c "$CHAIN" "$CHAIN" 60 \
		"$SIGCOUNT" "$dir/chain" "$3" >/dev/null 2>"$dir/err" </dev/null
	rc=$? ms=$(($(now_ms) - t0))
	set +f
	got=$(cat "$dir"/chain/chain.[0-9]* 2>/dev/null | sort | uniq -c | awk '{ print $1 "x" $2 }' | paste -sd' ' -)
	set -f
}

no_subreaper() {
	for bin in "$SU" "$SU_STATIC"; do
		name=${bin##*/}
		su_comm=$SU_COMM
		SU_COMM=$(printf '%s' "$name" | cut -c1-15)
		start ns_run -t 10 -- "$TESTS/faultinj" $NO_SUBREAPER "$bin" -v --init app sh -c "$TRAPPER"
		SU_COMM=$su_comm
		[ -n "$init" ] && kill -TERM "$init"
		finish_bg
		check "$name: no subreaper prctl: the command runs, SIGTERM reaches it, its code comes back" \
			"42 ready" "$rc $(cat "$dir/out")"
		check "$name: no subreaper prctl: -v says the init is no subreaper" \
			"su-exec: init: not a child subreaper, orphans pass it by: prctl(PR_GET_CHILD_SUBREAPER): Invalid argument" \
			"$(sed -n '2p' "$dir/err")"
	done
}

main() {
	need_root "the init suite"
	case $# in
	0) set -- "$TESTS/../su-exec" "$TESTS/../su-exec-static" ;;
	2) ;;
	*)
		echo "usage: sh tests/init.sh [SU_EXEC SU_EXEC_STATIC]" >&2
		exit 2
		;;
	esac
	SU_STATIC=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
	setup "$1"
	shutdown_start
	exit_status
	forwarding
	rewrite
	pgroup
	stop_continue
	reaping
	job_control
	init_identity
	failures
	no_subreaper
	deep_chain
	expect_exit
	parent_death
	shutdown_check
	finish init
}

# --- --expect-exit and --pdeathsig, on both builds ---

# expect_rc SU_EXEC OPTION... -- SCRIPT: the status of SU_EXEC --init
# OPTION... app sh -c SCRIPT, as PID 1.
expect_rc() {
	er_bin=$1
	shift
	er_opts=
	while [ "$1" != -- ]; do
		er_opts="$er_opts $1"
		shift
	done
	ns_run -p -t 10 -- "$er_bin" --init $er_opts app sh -c "$2" </dev/null >/dev/null 2>&1
	echo $?
}

expect_exit() {
	for bin in "$SU" "$SU_STATIC"; do
		name=${bin##*/}
		check "$name --init -e 143: a command exiting 143 (a JVM on SIGTERM) gives 0" \
			0 "$(expect_rc "$bin" -e 143 -- 'exit 143')"
		check "$name --init without -e: 143 comes back" 143 "$(expect_rc "$bin" -- 'exit 143')"
		check "$name --init -e 143: a status not listed (3) passes through" \
			3 "$(expect_rc "$bin" -e 143 -- 'exit 3')"
		check "$name --init -e 143 --expect-exit=3: repeated, each listed status gives 0" \
			"0 0" "$(expect_rc "$bin" -e 143 --expect-exit=3 -- 'exit 3') $(expect_rc "$bin" -e 143 --expect-exit=3 -- 'exit 143')"
		check "$name --init -e 143: a command killed by SIGTERM (128+15) gives 0" \
			0 "$(expect_rc "$bin" -e 143 -- 'kill -TERM $$')"
		bad=
		for v in 256 -1 x ''; do
			out=$("$bin" --init --expect-exit="$v" app true 2>&1)
			[ "$? $out" = "125 su-exec: --expect-exit: '$v': not an exit status (0-255)" ] ||
				bad="$bad [$v: $out]"
			out=$("$bin" --init -e "$v" app true 2>&1)
			[ "$? $out" = "125 su-exec: --expect-exit: '$v': not an exit status (0-255)" ] ||
				bad="$bad [-e $v: $out]"
		done
		check_empty "$name: a bad --expect-exit (256, -1, x, empty) exits 125 naming it" "$bad"
		out=$("$bin" -e 143 app true 2>&1)
		check "$name: --expect-exit without --init exits 125" \
			"125 su-exec: --expect-exit: needs --init (try --help)" "$? $out"
	done
}

# pdeath_run WHO SU_EXEC ARG...: a parent sh starts SU_EXEC ARG... nobody
# sigcount (as WHO: root, or nobody through setpriv) and waits. Once sigcount
# is ready, the parent is SIGKILLed and reaped: the kernel has sent any
# parent-death signal by then. Then signal 64 ends sigcount, sent to the
# parent's child: sigcount itself, or the init, which hands on what it has
# queued first (TERM before 64). Sets got: the signals sigcount printed.
pdeath_run() {
	pd_who=$1
	shift
	set -- "$@" nobody "$SIGCOUNT" 5000 "$dir/ready"
	[ "$pd_who" = root ] || set -- setpriv --reuid=nobody --regid=nogroup --init-groups "$@"
	: >"$dir/pd.out"
	sh -c '"$@" >"$0" 2>"$0.err" </dev/null & wait' "$dir/pd.out" "$@" &
	pd_parent=$!
	got="not ready"
	if await_ready "$dir/ready" >/dev/null; then
		pd_child=$(children "$pd_parent")
		pd_child=${pd_child%% *}
		kill -KILL "$pd_parent"
		wait "$pd_parent" 2>/dev/null # sh says "Killed"
		kill -64 "$pd_child"
		poll 1000 0.01 grep -qx 64 "$dir/pd.out"
		got=$(tr '\n' ' ' <"$dir/pd.out" | sed 's/ $//')
	fi
}

# pdeath_init_run SU_EXEC ARG...: as pdeath_run with --init, but the init is
# SIGKILLed, and the parent reaps it: the command's own parent-death signal.
pdeath_init_run() {
	: >"$dir/pd.out"
	sh -c '"$@" >"$0" 2>"$0.err" </dev/null & wait' "$dir/pd.out" "$@" nobody \
		"$SIGCOUNT" 5000 "$dir/ready" &
	pd_parent=$!
	got="not ready"
	if await_ready "$dir/ready" >/dev/null; then
		pd_init=$(children "$pd_parent")
		pd_init=${pd_init%% *} # the kernel's list ends in a space
		pd_child=$(children "$pd_init")
		kill -KILL "$pd_init"
		wait "$pd_parent" 2>/dev/null # sh says "Killed"
		kill -64 "$pd_child"
		poll 1000 0.01 grep -qx 64 "$dir/pd.out"
		got=$(tr '\n' ' ' <"$dir/pd.out" | sed 's/ $//')
	fi
}

parent_death() {
	if ! id nobody >/dev/null 2>&1 || ! command -v setpriv >/dev/null; then
		fail "--pdeathsig: prerequisites" "the user nobody and setpriv" "missing" # root-only: never a skip
		return
	fi
	# Run as nobody, su-exec must be where nobody can reach it.
	cp "$SU" "$SU_STATIC" "$dir/bin/"
	for bin in "$SU" "$SU_STATIC"; do
		name=${bin##*/}
		pdeath_run root "$bin" --pdeathsig=TERM
		check "$name --pdeathsig=TERM: the parent dies, the command gets SIGTERM" "15 64" "$got"
		pdeath_run root "$bin"
		check "$name without --pdeathsig: the parent dies, the command gets nothing" "64" "$got"
		pdeath_run nobody "$dir/bin/$name" --pdeathsig=usr1
		check "$name --pdeathsig=usr1 run as nobody (no privilege needed): the command gets SIGUSR1" \
			"10 64" "$got"
		pdeath_run root "$bin" --init --pdeathsig=TERM
		check "$name --init --pdeathsig=TERM: the parent dies, the init gets SIGTERM and forwards it" \
			"15 64" "$got"
		pdeath_run root "$bin" --init --pdeathsig=TERM -r TERM:HUP
		check "$name --init --pdeathsig=TERM -r TERM:HUP: the init's signal goes through --rewrite" \
			"1 64" "$got"
		pdeath_run root "$bin" --init
		check "$name --init without --pdeathsig: the parent dies, the command gets nothing" "64" "$got"
		pdeath_init_run "$bin" --init --pdeathsig=TERM
		check "$name --init --pdeathsig=TERM: the init is SIGKILLed, the command gets SIGTERM" \
			"15 64" "$got"
		pdeath_init_run "$bin" --init
		check "$name --init without --pdeathsig: the init is SIGKILLed, the command gets nothing" \
			"64" "$got"
		out=$("$bin" --pdeathsig=TREM app true 2>&1)
		check "$name: a bad --pdeathsig exits 125 naming it" \
			"125 su-exec: --pdeathsig: 'TREM': unknown signal" "$? $out"
		out=$("$bin" --pdeathsig=0 app true 2>&1)
		check "$name: --pdeathsig=0 exits 125" \
			"125 su-exec: --pdeathsig: '0': signal number out of range (1-64)" "$? $out"
	done
}

main "$@"
