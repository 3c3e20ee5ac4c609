#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: bench/bench.sh [DIR]     (make bench; DIR defaults to build/bench)
#
# su-exec (dynamic, and static with musl) against the floor (bench/floor.c), gosu,
# setpriv and s6-setuidgid, and su-exec --init beside tini and dumb-init. One
# table, printed and written to DIR/results.md: per tool the stripped size;
# the instructions from start to exec (callgrind; the command is a missing
# file, so the tool exits and the count is written; user nobody, small
# fixture); the median wall time of `TOOL nobody TRUE` on the small fixture,
# all tools in one hyperfine run, and its ratio to the floor's; the median
# wall time resolving the last of 100,000 users (in 100 groups); and the peak
# RSS on both (bench/rss.c). A second table shows how su-exec-static's time
# grows with the files: the last user at 25,000, 50,000 and 100,000 users, one
# hyperfine run per size. A third checks su-exec-static, the binary the goals
# are for, against them: the bench exits 1 when one is missed (the tables are
# written all the same), 0 when every one is met. A fourth shows what
# su-exec-static's time on the small fixture is made of: the floor, the floor
# with the system calls su-exec's rules require, the floor with all of
# su-exec-static's (bench/syscalls.c, checked against it with strace), and
# su-exec-static, taking turns.
#
# Needs root. Every tool runs in a private mount namespace with the fixtures
# (bench/gen-db.sh, into DIR) bound over /etc/passwd and /etc/group: this
# machine's /etc is neither read by the tools nor touched. Each tool first
# shows it switched to the expected uid, gid and group count. Anything missing
# or failing stops the bench with a message naming it, before any table.
# Expects su-exec, su-exec-static, DIR/floor, DIR/true, DIR/rss,
# DIR/alternate and DIR/syscalls-{rules,all} built (make bench builds them).
# Paths must not contain whitespace.
set -eu

me=bench
SMALL_RUNS="--warmup 20 --runs 200"
# Rounds of bench/alternate: the floor and su-exec-static taking turns.
TURNS=1000
LARGE_RUNS="--warmup 5 --runs 50"
# The scaling table's sizes, smallest first; 100000 is the large fixture.
SCALE_USERS="25000 50000 100000"

die() { echo "$me: error: $*" >&2; exit 1; }
say() { echo "$me: $*" >&2; }

# The tools: id|label|kind|files whose stripped size is counted|command, in
# which @U is the user and @G its group; TRUE or a missing file is appended.
# kind: drop (switches, then execs in place), init-drop (forks; the child
# switches and execs), init (forks; the child execs), none (TRUE alone).
# s6-setuidgid is a chain of three programs, each exec'ing the next.
tools() {
	cat <<EOF
floor|floor (bench/floor.c)|drop|$B/floor|$B/floor @U
su-exec|su-exec|drop|./su-exec|./su-exec @U
su-exec-static|su-exec-static (musl)|drop|./su-exec-static|./su-exec-static @U
gosu|gosu|drop|$(command -v gosu)|gosu @U
setpriv|setpriv|drop|$(command -v setpriv)|setpriv --reuid=@U --regid=@G --init-groups
s6-setuidgid|s6-setuidgid|drop|$(command -v s6-setuidgid) $S6_LINKS|s6-setuidgid @U
su-exec-init|su-exec-static --init|init-drop|./su-exec-static|./su-exec-static --init @U
tini|tini -s|init|$(command -v tini)|tini -s --
dumb-init|dumb-init|init|$(command -v dumb-init)|dumb-init
true|TRUE alone|none|$B/true|
EOF
}

# The programs s6-setuidgid execs in turn, beside it.
s6_links() {
	d=$(dirname "$(command -v s6-setuidgid)")
	S6_LINKS="$d/s6-envuidgid $d/s6-applyuidgid"
}

# need COMMAND PACKAGE: remembers COMMAND as missing.
need() {
	command -v "$1" >/dev/null 2>&1 || missing="$missing $1 (package $2)"
}

check_tools() {
	missing=
	for t in unshare:util-linux setpriv:util-linux mount:mount valgrind:valgrind \
		hyperfine:hyperfine gosu:gosu tini:tini dumb-init:dumb-init \
		s6-setuidgid:s6 s6-envuidgid:s6 s6-applyuidgid:s6 strip:binutils \
		readelf:binutils awk:mawk sed:sed id:coreutils strace:strace; do
		need "${t%%:*}" "${t#*:}"
	done
	[ -z "$missing" ] || die "missing:$missing; install them (sh mk/deps.sh bench)"
	for f in su-exec su-exec-static "$B/floor" "$B/true" "$B/rss" "$B/alternate" \
		"$B/syscalls-rules" "$B/syscalls-all"; do
		[ -x "$f" ] || die "$f not built; run make bench"
	done
}

# subst TEMPLATE USER GROUP: the command line with @U and @G filled in.
subst() {
	printf '%s\n' "$1" | sed "s/@U/$2/g; s/@G/$3/g"
}

# ---- sizes (outside the namespace) ----

# Sums the stripped sizes of FILES into R/size.ID; R/linked.ID is static or
# dynamic (shared libraries are not counted).
measure_size() {
	id=$1; shift
	total=0 linked=static
	for f; do
		cp "$f" "$B/stripped/x"
		strip "$B/stripped/x" 2>/dev/null || die "$id: cannot strip $f (not a program?)"
		total=$((total + $(wc -c <"$B/stripped/x")))
		readelf -l "$f" | grep -q 'program interpreter' && linked=dynamic
	done
	rm -f "$B/stripped/x"
	echo "$total" >"$R/size.$id"
	echo "$linked" >"$R/linked.$id"
}

sizes() {
	mkdir -p "$B/stripped"
	while IFS='|' read -r id label kind files cmd; do
		# shellcheck disable=SC2086 # files is a list
		measure_size "$id" $files
	done <<EOF
$(tools)
EOF
}

# ---- inside the namespace ----

# check_identity ID EXPECTED CMD...: the tool must run a shell as the user.
check_identity() {
	id=$1 want=$2; shift 2
	# shellcheck disable=SC2016 # expanded by that shell
	got=$("$@" /bin/sh -c 'echo "$(id -u) $(id -g) $(id -G | wc -w)"' </dev/null 2>&1) ||
		die "$id failed: $* sh: $got"
	[ "$got" = "$want" ] ||
		die "$id switched to [uid gid ngroups] = [$got], expected [$want]: $*"
}

# Callgrind creates its file at start (0600, as root) but writes it at exit,
# after the switch: the first process's file is made 0666 ahead, and a child's
# is created in a 0777 directory without the sticky bit (where
# protected_regular would refuse nobody a file of root's).
CG_OPTS="--tool=callgrind --vgdb=no --dump-before=execve --combine-dumps=yes"

# A link of an exec chain: a wrapper bound over the program runs the real one
# under its own callgrind, which dumps before exec'ing the next link; without
# it, a program's count is lost when it execs.
wrap_link() {
	d=$1 link=$2
	name=$(basename "$link")
	cp "$link" "$d/real-$name"
	cat >"$d/wrap-$name" <<EOF
#!/bin/sh
f=$d/link-$name.\$\$
: >"\$f" && chmod 666 "\$f" || exit 125
exec valgrind $CG_OPTS --callgrind-out-file="\$f" $d/real-$name "\$@"
EOF
	chmod 755 "$d/wrap-$name"
	mount --bind "$d/wrap-$name" "$link" || die "cannot bind a wrapper over $link"
}

unwrap_links() {
	for link in $S6_LINKS; do
		umount "$link" || die "cannot unmount the wrapper over $link"
	done
}

# callgrind_run DIR CMD...: CMD under callgrind; the first process's pid goes
# to DIR/pid, and its counts to DIR/main.PID, made 0666 ahead.
callgrind_run() {
	d=$1; shift
	sh -c 'echo $$ >"$0/pid"; f=$0/main.$$
		: >"$f" && chmod 666 "$f" || exit 125
		exec valgrind '"$CG_OPTS"' --callgrind-out-file="$0/main.%p" "$@"' \
		"$d" "$@" </dev/null >/dev/null 2>"$d/stderr" || true
}

# sum_totals FILE...: the instructions of every part of these callgrind files.
sum_totals() {
	[ -e "$1" ] || return 0
	awk '/^totals:/ { s += $2; seen = 1 } END { if (seen) print s }' "$@"
}

# callgrind_count ID KIND DIR: for a tool that execs in place, its process and
# its chain's links (their files end in its pid); for an init, its one child.
callgrind_count() {
	id=$1 kind=$2 d=$3
	pid=$(cat "$d/pid")
	if [ "$kind" = drop ]; then
		sum_totals "$d"/*."$pid"
		return
	fi
	set --
	for f in "$d"/main.*; do
		[ "$f" = "$d/main.$pid" ] || set -- "$@" "$f"
	done
	[ $# = 1 ] || die "$id: expected the counts of one child in $d, found $#"
	sum_totals "$1"
}

# count_instructions ID KIND CMD...: instructions from start to the exec of a
# missing file, into R/instr.ID.
count_instructions() {
	id=$1 kind=$2; shift 2
	d=$B/callgrind/$id
	rm -rf "$d" && mkdir -p "$d" && chmod 0777 "$d"
	case $id in
	gosu)
		# callgrind asserts on Go's setuid, which signals every thread
		# (AllThreadsSyscall). lackey counts guest instructions too (within
		# 0.3% of callgrind on setpriv and su-exec) into a log opened
		# before the switch.
		valgrind --tool=lackey --vgdb=no --log-file="$d/lackey.log" "$@" /nonexistent \
			</dev/null >/dev/null 2>"$d/stderr" || true
		n=$(awk '/guest instrs:/ { gsub(",", "", $4); print $4; exit }' \
			"$d/lackey.log" 2>/dev/null) || n= ;;
	s6-setuidgid)
		for link in $S6_LINKS; do wrap_link "$d" "$link"; done
		callgrind_run "$d" "$@" /nonexistent
		unwrap_links
		n=$(callgrind_count "$id" "$kind" "$d") ;;
	*)
		callgrind_run "$d" "$@" /nonexistent
		n=$(callgrind_count "$id" "$kind" "$d") ;;
	esac
	case $n in
	'' | *[!0-9]*)
		tail -n 20 "$d/stderr" >&2
		die "no instruction count for $id (logs in $d)" ;;
	esac
	echo "$n" >"$R/instr.$id"
}

# run_hyperfine PREFIX RUNS USER GROUP KIND|ID...: every tool of these kinds (or
# ids) in one hyperfine run, TOOL USER TRUE; medians into R/PREFIX.ID.
run_hyperfine() {
	prefix=$1 runs=$2 u=$3 g=$4; shift 4
	kinds=" $* "
	set --
	while IFS='|' read -r id label kind files cmd; do
		case $kinds in *" $kind "* | *" $id "*) ;; *) continue ;; esac
		set -- "$@" -n "$id" "$(subst "$cmd" "$u" "$g") $TRUE"
	done <<EOF
$(tools)
EOF
	# What reading both databases costs at the least, in the same run.
	[ "$prefix" != wall-large ] || set -- "$@" -n cat "cat /etc/passwd /etc/group"
	# shellcheck disable=SC2086 # runs is a list of options
	hyperfine -N $runs --style basic --export-csv "$B/$prefix.csv" "$@" \
		>"$B/$prefix.log" 2>&1 || {
		tail -n 20 "$B/$prefix.log" >&2
		die "hyperfine failed (log: $B/$prefix.log)"
	}
	awk -F, -v dir="$R" -v p="$prefix" 'NR > 1 { print $4 > (dir "/" p "." $1) }' "$B/$prefix.csv"
}

# peak_rss ID PREFIX CMD...: the largest of three peak RSS (KiB) of CMD TRUE.
peak_rss() {
	id=$1 prefix=$2; shift 2
	max=0
	for _ in 1 2 3; do
		kib=$("$B/rss" "$@" "$TRUE" </dev/null) || die "$id failed: $* $TRUE"
		[ "$kib" -gt "$max" ] && max=$kib
	done
	echo "$max" >"$R/$prefix.$id"
}

# phase_small: identities, instructions, wall time and RSS on the small fixture.
phase_small() {
	say "small fixture: identities, instructions (callgrind), peak RSS"
	while IFS='|' read -r id label kind files cmd; do
		# shellcheck disable=SC2046 # cmd is a command line
		set -- $(subst "$cmd" nobody nogroup)
		case $kind in drop | init-drop) check_identity "$id" "65534 65534 1" "$@" ;; esac
		[ "$kind" = none ] || count_instructions "$id" "$kind" "$@"
		peak_rss "$id" rss-small "$@"
	done <<EOF
$(tools)
EOF
	say "small fixture: wall time (hyperfine $SMALL_RUNS, all tools in one run)"
	run_hyperfine wall-small "$SMALL_RUNS" nobody nogroup drop init-drop init none
	# hyperfine times one command's runs after another's, so the machine's
	# drift lands on one side of a ratio; the goal is judged on turns taken.
	same_syscalls "$B/syscalls-all" ./su-exec-static
	say "small fixture: the floor, bench/syscalls and su-exec-static taking turns ($TURNS rounds)"
	set -- "$B/floor" "$B/syscalls-rules" "$B/syscalls-all" ./su-exec-static
	"$B/alternate" "$TURNS" "$@" -- nobody "$TRUE" >"$B/turns" ||
		die "bench/alternate failed"
	i=1
	for p; do
		sed -n "${i}p" "$B/turns" >"$R/turns.${p##*/}"
		i=$((i + 1))
	done
}

# syscall_names PROGRAM: the system calls PROGRAM makes (nobody TRUE), up to
# its exec of TRUE, by name, one a line.
syscall_names() {
	strace -qq -o "$B/strace" "$1" nobody "$TRUE" || die "$1 nobody $TRUE failed under strace"
	awk -F'(' '$1 == "execve" { n++ } n == 1 { print $1 }' "$B/strace"
}

# same_syscalls MODEL PROGRAM: bench/syscalls stands for su-exec-static only
# while it makes the same calls, in the same order.
same_syscalls() {
	syscall_names "$1" >"$B/strace.model"
	syscall_names "$2" >"$B/strace.program"
	[ -s "$B/strace.model" ] || die "no system calls read from strace for $1 (see $B/strace)"
	cmp -s "$B/strace.model" "$B/strace.program" ||
		die "$1 no longer makes $2's system calls (bench/syscalls.c): $(diff "$B/strace.model" "$B/strace.program" | tr '\n' ' ')"
}

# phase_large: the tools that resolve users, at 100,000 users; the floor too.
phase_large() {
	say "100,000 users: identities, peak RSS"
	while IFS='|' read -r id label kind files cmd; do
		case $kind in drop | init-drop) ;; *) continue ;; esac
		# shellcheck disable=SC2046 # cmd is a command line
		set -- $(subst "$cmd" user100000 grp100000)
		want="200000 300000 100"
		[ "$id" = floor ] && want="65534 65534 1"
		check_identity "$id" "$want" "$@"
		peak_rss "$id" rss-large "$@"
	done <<EOF
$(tools)
EOF
	say "100,000 users: wall time (hyperfine $LARGE_RUNS, all tools in one run)"
	run_hyperfine wall-large "$LARGE_RUNS" user100000 grp100000 drop init-drop
}

# phase_scale N: su-exec-static alone, resolving the last of N users.
phase_scale() {
	n=$1
	u=$(printf user%06d "$n") g=$(printf grp%06d "$n")
	say "$(thousands "$n") users: su-exec-static identity, wall time (hyperfine $LARGE_RUNS)"
	check_identity su-exec-static "$((100000 + n)) $((200000 + n)) 100" ./su-exec-static "$u"
	run_hyperfine "wall-scale-$n" "$LARGE_RUNS" "$u" "$g" su-exec-static
}

# Entered through unshare: fixtures over /etc/passwd and /etc/group, then PHASE
# with the ARGs.
in_namespace() {
	fixture=$1 phase=$2; shift 2
	if ! mount --bind "$B/$fixture/passwd" /etc/passwd ||
		! mount --bind "$B/$fixture/group" /etc/group; then
		die "cannot bind $B/$fixture over /etc/passwd and /etc/group"
	fi
	"$phase" "$@"
}

# scale_dir N: the fixture of N users, under B.
scale_dir() {
	if [ "$1" = 100000 ]; then echo large; else echo "users$1"; fi
}

# scale_fixtures: the sizes large is not, and every size's bytes into R/db-bytes.N.
scale_fixtures() {
	for n in $SCALE_USERS; do
		d=$B/$(scale_dir "$n")
		[ "$n" = 100000 ] || sh bench/gen-db.sh large "$d" "$n"
		p=$(wc -c <"$d/passwd")
		g=$(wc -c <"$d/group")
		echo $((p + g)) >"$R/db-bytes.$n"
	done
}

# ---- the report ----

# Every value the tables need must be there before a line is printed: a
# command substitution would swallow val's exit.
check_results() {
	while IFS='|' read -r id label kind files cmd; do
		set -- size linked wall-small rss-small
		[ "$kind" = none ] || set -- "$@" instr
		case $kind in drop | init-drop) set -- "$@" wall-large rss-large ;; esac
		for what; do val "$what" "$id" >/dev/null; done
	done <<EOF
$(tools)
EOF
	for n in $SCALE_USERS; do
		val db-bytes "$n" >/dev/null
		val "wall-scale-$n" su-exec-static >/dev/null
	done
	# The growth is measured above the floor: none there leaves nothing to compare.
	awk -v c="$(per10k "${SCALE_USERS%% *}")" 'BEGIN { exit !(c > 0) }' ||
		die "su-exec-static at ${SCALE_USERS%% *} users was no slower than the floor; rerun"
}

# val PREFIX ID: a measured value; a missing one is a bug, never a blank cell.
val() {
	[ -s "$R/$1.$2" ] || die "no $1 for $2 in $R"
	cat "$R/$1.$2"
}

bytes() { echo "$(thousands "$(cat "$@" | wc -c)")-byte"; }
kib() { awk -v b="$1" 'BEGIN { if (b < 1048576) printf "%.1f KiB", b / 1024; else printf "%.2f MiB", b / 1048576 }'; }
us() { awk -v s="$1" 'BEGIN { printf "%.0f µs", s * 1e6 }'; }
ms() { awk -v s="$1" 'BEGIN { f = s < 0.1 ? "%.2f ms" : "%.0f ms"; printf f, s * 1000 }'; }
# The kernel folds RSS counts per CPU in batches of 32 pages (6.2 on), so
# ru_maxrss reads 0 below 128 KiB.
rss() { if [ "$1" = 0 ]; then echo "< 128 KiB"; else echo "$1 KiB"; fi; }
thousands() {
	awk -v n="$1" 'BEGIN {
		while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
		print n s
	}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

table() {
	floor=$(val wall-small floor)
	echo "| tool | linked | stripped size | instructions to exec | wall time, small | × floor | wall time, 100,000 users | peak RSS, small | peak RSS, 100,000 users |"
	echo "|---|---|--:|--:|--:|--:|--:|--:|--:|"
	while IFS='|' read -r id label kind files cmd; do
		instr=— large=— rss_large=—
		[ "$kind" = none ] || instr=$(thousands "$(val instr "$id")")
		case $kind in drop | init-drop)
			large=$(ms "$(val wall-large "$id")")
			rss_large=$(rss "$(val rss-large "$id")") ;;
		esac
		small=$(val wall-small "$id")
		printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
			"$(val linked "$id")" "$(kib "$(val size "$id")")" "$instr" "$(ms "$small")" \
			"$(ratio "$small" "$floor")" "$large" "$(rss "$(val rss-small "$id")")" "$rss_large"
	done <<EOF
$(tools)
EOF
}

# per10k N: su-exec-static's median at N users less the floor's (small fixture),
# in ms per 10,000 users.
per10k() {
	awk -v m="$(val "wall-scale-$1" su-exec-static)" -v f="$(val wall-small floor)" -v n="$1" \
		'BEGIN { printf "%.3f", (m - f) * 1000 * 10000 / n }'
}

scale_table() {
	echo "| users | passwd + group | wall time, su-exec-static | ms per 10,000 users, less the floor |"
	echo "|--:|--:|--:|--:|"
	for n in $SCALE_USERS; do
		printf '| %s | %s bytes | %s | %s |\n' "$(thousands "$n")" \
			"$(thousands "$(val db-bytes "$n")")" "$(ms "$(val "wall-scale-$n" su-exec-static)")" \
			"$(per10k "$n")"
	done
}

# verdict OK: PASS or FAIL.
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }

# goal_cell ID GOAL: the value and PASS/FAIL of one su-exec build on one goal.
goal_cell() {
	id=$1
	case $2 in
	size)
		v=$(val size "$id")
		echo "$(kib "$v") $(verdict $((v <= 114688)))" ;;
	instr)
		v=$(val instr "$id")
		echo "$(thousands "$v") $(verdict $((v <= 60000)))" ;;
	wall)
		v=$(val turns "$id") f=$(val turns floor)
		echo "$(ratio "$v" "$f") $(verdict "$(awk -v v="$v" -v f="$f" 'BEGIN { print (v <= 1.10 * f) }')")" ;;
	large)
		v=$(val wall-large "$id")
		echo "$(ms "$v") $(verdict "$(awk -v v="$v" 'BEGIN { print (v <= 0.005) }')")" ;;
	cat)
		v=$(val wall-large "$id") c=$(val wall-large cat)
		echo "$(ratio "$v" "$c") $(verdict "$(awk -v v="$v" -v c="$c" 'BEGIN { print (v <= 2.5 * c) }')")" ;;
	rss)
		s=$(val rss-small "$id") l=$(val rss-large "$id")
		echo "$((l - s)) KiB $(verdict $((l - s <= 256)))" ;;
	linear)
		lo=$(per10k "${SCALE_USERS%% *}") hi=$(per10k "${SCALE_USERS##* }")
		echo "$(ratio "$hi" "$lo") $(verdict "$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { print (hi <= 1.5 * lo) }')")" ;;
	esac
}

goals() {
	echo "| goal | target | su-exec-static |"
	echo "|---|---|---|"
	while IFS='|' read -r goal what target; do
		printf '| %s | %s | %s |\n' "$what" "$target" "$(goal_cell su-exec-static "$goal")"
	done <<'EOF'
size|stripped size|≤ 112 KiB
instr|instructions to exec|≤ 60,000
wall|wall time, small, taking turns with the floor|≤ 1.10× floor
large|wall time, 100,000 users|≤ 5 ms
cat|wall time, 100,000 users, × cat of both files|≤ 2.5×
rss|peak RSS, 100,000 users − small|≤ 256 KiB (bounded)
linear|ms per 10,000 users, 100,000 ÷ 25,000|≤ 1.5× (linear)
EOF
}

# turns_table: what su-exec-static's time on the small fixture is made of.
turns_table() {
	f=$(val turns floor)
	echo "| taking turns, small fixture | median | × floor |"
	echo "|---|--:|--:|"
	while IFS='|' read -r id what; do
		printf '| %s | %s | %s |\n' "$what" "$(us "$(val turns "$id")")" "$(ratio "$(val turns "$id")" "$f")"
	done <<'EOF'
floor|the floor: setgroups, setgid, setuid, exec
syscalls-rules|the floor with the system calls su-exec's rules require (bench/syscalls.c)
syscalls-all|the floor with all of su-exec-static's system calls (bench/syscalls.c, ALL)
su-exec-static|su-exec-static: those calls and its own code
EOF
}

machine() {
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	echo "$(date -u +%Y-%m-%d), $(uname -sm) $(uname -r), ${cpu:-unknown CPU}, $(nproc) cores"
}

versions() {
	printf 'gosu %s; %s; s6 %s; %s; %s; %s; %s' \
		"$(gosu --version | awk '{ print $1 }')" "$(setpriv --version)" \
		"$(dpkg-query -W -f '${Version}' s6 2>/dev/null || echo '?')" \
		"$(tini --version)" "$(dumb-init --version 2>&1)" \
		"$(hyperfine --version)" "$(valgrind --version)"
}

report() {
	cat <<EOF
## make bench

$(machine). $(versions).

$(table)

Commands: \`TOOL nobody TRUE\` (TRUE: a static do-nothing program); setpriv
\`--reuid=nobody --regid=nogroup --init-groups\`; \`su-exec-static --init nobody TRUE\`;
\`tini -s -- TRUE\` and \`dumb-init TRUE\` as root, as an init would. Fixtures: small is
a $(bytes "$B/small/passwd") passwd and a $(bytes "$B/small/group") group with a
5,000-member group; 100,000 users is a $(bytes "$B/large/passwd") passwd and a
$(bytes "$B/large/group") group, resolving user100000, the last, in 100 groups
(setpriv: \`--regid=grp100000\`); \`cat /etc/passwd /etc/group\` over the same two
files, in the same run, takes $(ms "$(val wall-large cat)").
Wall times are hyperfine medians ($SMALL_RUNS; 100,000 users:
$LARGE_RUNS). The small goal is judged by bench/alternate instead: the floor and
su-exec-static run in turn, $TURNS rounds, medians $(ms "$(val turns floor)") and
$(ms "$(val turns su-exec-static)"), so the machine's drift falls on both alike. Instructions are callgrind's (gosu: lackey's), for an init the
child's, from start to its exec. Sizes count the program files, not shared libraries
(s6-setuidgid: its chain of three programs). Peak RSS is ru_maxrss, the largest of
three runs; the kernel counts it in steps of 128 KiB, so a growth of two steps is
noise, while holding either database would add megabytes.

$(scale_table)

Scaling: \`su-exec-static USER TRUE\` resolving the last user, in 100 groups, of
fixtures of the same shape (bench/gen-db.sh large DIR USERS); one hyperfine run per
size ($LARGE_RUNS). ms per 10,000 users is (median − the floor's median on the
small fixture) × 10,000 ÷ users. Linear passes when that cost at 100,000 users is at
most 1.5× the cost at 25,000 (a quadratic reader would give 4×).

$(goals)

$(turns_table)

Taking turns (bench/alternate, $TURNS rounds, a new order each round). The
rules' calls: /etc/passwd and /etc/group read by the tool itself, the switch read
back from the kernel; all of su-exec-static's add libcap-ng's constructor and
the setuid self-check, and strace checks they are its calls, in its order.
The gaps are the cost of each part on this machine.
EOF
}

main() {
	cd "$(dirname "$0")/.."
	B=${1:-build/bench}
	case $B in *[[:space:]]*) die "the path '$B' contains whitespace" ;; esac
	[ "$(id -u)" = 0 ] || die "needs root (private mount namespaces, switching users)"
	check_tools
	s6_links
	R=$B/results
	rm -rf "$R" "$B/results.md" && mkdir -p "$R"
	say "generating fixtures in $B/small and $B/large"
	sh bench/gen-db.sh small "$B/small"
	sh bench/gen-db.sh large "$B/large"
	say "generating fixtures of $SCALE_USERS users"
	scale_fixtures
	sizes
	unshare --mount --propagation private sh bench/bench.sh --in-namespace "$B" small phase_small
	unshare --mount --propagation private sh bench/bench.sh --in-namespace "$B" large phase_large
	for n in $SCALE_USERS; do
		unshare --mount --propagation private \
			sh bench/bench.sh --in-namespace "$B" "$(scale_dir "$n")" phase_scale "$n"
	done
	check_results
	report >"$B/results.md.tmp"
	mv "$B/results.md.tmp" "$B/results.md"
	cat "$B/results.md"
	missed=$(grep -c '^| .* FAIL |$' "$B/results.md" || :)
	[ "$missed" -eq 0 ] || die "$missed of su-exec-static's goals missed (the last table)"
}

if [ "${1:-}" = --in-namespace ]; then
	B=$2 R=$2/results TRUE=$2/true
	s6_links
	shift 2
	in_namespace "$@"
else
	main "$@"
fi
