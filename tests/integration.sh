#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Integration tests of the built su-exec, run as root (make check-integration):
#
#	sh tests/integration.sh [SU_EXEC SU_EXEC_STATIC]
#
# The binaries default to the repo's ./su-exec and ./su-exec-static.
# Every run of su-exec is in a private mount namespace with fixture databases
# mounted over /etc/passwd and /etc/group (or over /etc), so the machine's own
# files are never used; the static build also runs in a bare busybox-static
# root. Each identity table row that resolves is also run by gosu and the two
# compared (fixtures/gosu-differences). TAP output (lib.sh); exits non-zero
# on any failure. As root a missing tool or binary is a failure, never a skip.

TESTS=$(cd "$(dirname "$0")" && pwd)
FIX=$TESTS/fixtures
. "$TESTS/lib.sh"
sealed_env

main() {
	need_root "the integration suite"
	case $# in
	0) set -- "$TESTS/../su-exec" "$TESTS/../su-exec-static" ;;
	2) ;;
	*)
		echo "usage: sh tests/integration.sh [SU_EXEC SU_EXEC_STATIC]" >&2
		exit 2
		;;
	esac
	setup "$1" "$2"
	prerequisites "$1" "$2" || finish integration
	make_fixtures
	for where in dyn busybox; do
		database_tables "$where"
		malformed_tables "$where"
		long_lines "$where"
		group_limit "$where"
		hostile_specs "$where"
		pid1 "$where"
	done
	for where in dyn static; do
		command_line "$where"
		exit_status "$where"
		exec_in_place "$where"
		setid_refused "$where"
		capabilities "$where"
		unprivileged "$where"
		login_env "$where"
		extra_groups "$where"
		dry_refusals "$where"
	done
	gosu_comparison
	host_untouched
	finish integration
}

# --add-groups adds to USER's groups from /etc/group, as strictly as GROUP;
# --keep-groups keeps what a runtime added (root) or what the caller holds
# (not root), never gid 0.
extra_groups() {
	su_run "$1" main "" --add-groups=daemon,2000 --add-groups=bin nobody sh -c "$OBSERVE"
	expect_identity "$1: --add-groups=daemon,2000 --add-groups=bin nobody: added to nobody's" \
		"65534 65534 1,2,2000,65534 /nonexistent"
	for bad in "nosuch|'nosuch': no such group" "bin,|'bin,': empty group name" \
		"4294967295|'4294967295': id out of range" "|'': empty group name"; do
		su_run "$1" main "" --add-groups="${bad%%|*}" nobody true
		expect_refusal "$1: --add-groups=${bad%%|*}: refused" 125 "--add-groups: ${bad#*|}"
	done
	runtime="setpriv --groups=0,10,44,2000" # root's own 0 and 10 (wheel), and what a runtime added
	su_run "$1" main "$runtime" nobody sh -c "$OBSERVE"
	expect_identity "$1: root given 44 and 2000, su-exec nobody: nobody's groups only" "65534 65534 65534 /nonexistent"
	su_run "$1" main "$runtime" --keep-groups nobody sh -c "$OBSERVE"
	expect_identity "$1: root given 44 and 2000, --keep-groups nobody: those kept, not root's own 0 and 10" \
		"65534 65534 44,2000,65534 /nonexistent"
	su_run "$1" main "$runtime" --dry-run --keep-groups nobody true
	check "$1: --dry-run --keep-groups nobody: the same groups" "exit 0, groups=44,2000,65534" \
		"exit $RC, $(sed -n '1s/.* \(groups=[^ ]*\) .*/\1/p' "$W/err")"
	user="setpriv --reuid=1000 --regid=1000 --groups=2000" # runAsUser 1000, supplementalGroups 2000
	su_run "$1" main "$user" 1000 true
	expect_refusal "$1: uid 1000 given 2000, su-exec 1000: refused, naming --keep-groups" 125 \
		"from 2000 to 1000, not running as root (--keep-groups runs COMMAND with the groups it has)"
	su_run "$1" main "$user" --keep-groups 1000 sh -c "$OBSERVE"
	expect_identity "$1: uid 1000 given 2000, --keep-groups 1000: runs with the groups it has" "1000 1000 2000 /"
	su_run "$1" main "setpriv --reuid=1000 --regid=1000 --groups=0,2000" --keep-groups 1000 true
	expect_refusal "$1: uid 1000 holding gid 0, --keep-groups 1000: gid 0 is never kept" 125 \
		"--keep-groups: the caller holds gid 0, which is never kept"
	su_run "$1" main "setpriv --reuid=1000 --regid=1000 --groups=0,2000" --keep-groups --add-groups=0 1000 sh -c "$OBSERVE"
	expect_identity "$1: uid 1000 holding gid 0, --keep-groups --add-groups=0 1000: asked for, so kept" \
		"1000 1000 0,2000 /"
}

# --dry-run stops where the run would, with its message and status.
dry_refusals() {
	for args in "bogus true" "nobody:bogus true" "4294967296 true" "--add-groups=bogus nobody true" \
		"-k bogus nobody true" "--keep-caps= nobody true"; do
		su_run "$1" main "" $args
		want="exit $RC, $(cat "$W/err")"
		# Both must be a refusal with a message, or equal output proves nothing.
		[ "$RC" = 125 ] && [ -s "$W/err" ] || want="exit 125 with a message, not $want"
		su_run "$1" main "" --dry-run $args
		check "$1: --dry-run $args: the run's refusal" "$want" "exit $RC, $(cat "$W/err")"
	done
}

# The environment a root shell hands on, for the login rows.
ROOT_ENV="env -i USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb"

# sorted_out: the command's stdout, one variable a line, sorted.
sorted_out() {
	sort "$W/out" | tr '\n' ' '
}

# The variables USER's entry gives: by default none, with --login-env USER,
# LOGNAME and SHELL (not USER and LOGNAME for a user with no entry), and with
# --reset-env what setpriv --reset-env gives, PATH among them.
login_env() {
	su_run "$1" main "$ROOT_ENV" games env
	check "$1: su-exec games env: USER, LOGNAME and SHELL stay as they came" \
		"exit 0, HOME=/usr/games LOGNAME=root SHELL=/bin/bash TERM=dumb USER=root " "exit $RC, $(sorted_out)"
	su_run "$1" main "$ROOT_ENV" --login-env games env
	check "$1: --login-env games env: USER, LOGNAME and SHELL from its entry" \
		"exit 0, HOME=/usr/games LOGNAME=games SHELL=/usr/sbin/nologin TERM=dumb USER=games " "exit $RC, $(sorted_out)"
	su_run "$1" main "$ROOT_ENV" --login-env 4242 env
	check "$1: --login-env 4242 (no entry): no USER or LOGNAME, SHELL /bin/sh, HOME /" \
		"exit 0, HOME=/ SHELL=/bin/sh TERM=dumb " "exit $RC, $(sorted_out)"
	for user in games nobody root; do
		uid=$(awk -F: -v u="$user" '$1 == u { print $3 ":" $4 }' "$FIX/passwd")
		su_run "$(command -v setpriv)" main "$ROOT_ENV FOO=x" --reuid="${uid%:*}" --regid="${uid#*:}" \
			--init-groups --reset-env env
		want="exit $RC, $(sorted_out)"
		su_run "$1" main "$ROOT_ENV FOO=x" --reset-env "$user" env
		check "$1: --reset-env $user env: as setpriv --reset-env" "$want" "exit $RC, $(sorted_out)"
	done
	su_run "$1" main "env -i PATH=/nowhere" --reset-env nobody id -u
	expect_output "$1: --reset-env: the command is searched for in the login PATH" 0 65534
	su_run "$1" main "$ROOT_ENV" --reset-env --login-env games env
	want="exit $RC, $(sed -n '/^\(USER\|LOGNAME\|SHELL\|PATH\)=/p' "$W/out" | sort | tr '\n' ' ')"
	# The four variables, or the comparison below could pass on two empty lists.
	[ "$(sed -n '/^\(USER\|LOGNAME\|SHELL\|PATH\)=/p' "$W/out" | wc -l)" -eq 4 ] || want="4 variables, not $want"
	su_run "$1" main "$ROOT_ENV" --dry-run --reset-env games env
	check "$1: --dry-run --reset-env games: the variables the run sets" "$want" \
		"exit $RC, $(sed -n 3p "$W/err" | tr ' ' '\n' | grep -E '^(USER|LOGNAME|SHELL|PATH)=' | sort | tr '\n' ' ')"
}

setup() {
	work_dir su-exec-integration
	mkdir -p "$W/bin" "$W/etc" "$W/tmp"
	chmod 1777 "$W/tmp"
	BB=$W/root
	HOST_BEFORE=$(etc_state)
	cp "$1" "$W/bin/su-exec" 2>/dev/null
	cp "$2" "$W/bin/su-exec-static" 2>/dev/null
}

# prerequisites SU_EXEC SU_EXEC_STATIC: returns non-zero if anything is missing.
prerequisites() {
	missing=0
	require_tools unshare setpriv chroot mount busybox awk sed sort paste gosu timeout head
	need_built "su-exec su-exec-static" "$1" "$2" || missing=1
	[ "$missing" -eq 0 ] || return 1
	if sh "$TESTS/busybox-root.sh" "$BB" "$W/bin/su-exec-static"; then
		pass "prerequisite: busybox-static root built"
	else
		fail "prerequisite: busybox-static root built" "a root that runs" "see above"
		return 1
	fi
}

# Fixture directories, $W/etc/NAME. Big and binary ones are generated here.
make_fixtures() {
	fixture main passwd group
	fixture no-group passwd
	fixture no-passwd group
	fixture no-files
	fixture passwd-dir group && mkdir "$W/etc/passwd-dir/passwd"
	fixture group-dir passwd && mkdir "$W/etc/group-dir/group"
	fixture unreadable passwd group && chmod 000 "$W/etc/unreadable/passwd"
	malformed_passwd "$W/etc/malformed-passwd" "$W/malformed-passwd.table"
	malformed_group "$W/etc/malformed-group" "$W/malformed-group.table"
	long_lines_fixture "$W/etc/long-lines"
	many_groups_fixture "$W/etc/groups-65536" 65535
	many_groups_fixture "$W/etc/groups-65537" 65536
}

# fixture NAME FILE...: $W/etc/NAME holding those files from fixtures/.
fixture() {
	name=$1
	shift
	mkdir "$W/etc/$name"
	for f; do
		cp "$FIX/$f" "$W/etc/$name/$f"
	done
}

# each_kind KINDS: "N KIND TEMPLATE" for every kind, numbered from 1. A
# kinds file is a table of one column (no template holds a |).
each_kind() {
	ek_n=0
	each_row kind_line <"$1"
}

kind_line() {
	ek_n=$((ek_n + 1))
	printf '%s %s\n' "$ek_n" "$1"
}

# fill TEMPLATE NAME ID [USERS]: the template with its fields filled in,
# \000 left as written. write: the same, as a line with real NUL bytes.
fill() {
	printf '%s\n' "$1" | sed -e "s/@NAME@/$2/g" -e "s/@ID@/$3/g" -e "s/@USERS@/${4:-}/g"
}
write() {
	printf '%b\n' "$(fill "$@")"
}

# malformed_passwd DIR TABLE: every kind of bad passwd line, for a name with
# only the bad line (o-KIND, uid 5000+n), before a good line for the same
# name and uid (v-KIND, 6000+n), and for root before root's line; and the
# table of what each must resolve to, for a caller with gid 7.
malformed_passwd() {
	mkdir "$1"
	echo 'root:x:0:' >"$1/group"
	kinds=$FIX/malformed-passwd.kinds
	{
		printf '\n   \n\t\n'
		each_kind "$kinds" | while read -r n kind template; do
			write "$template" "o-$kind" $((5000 + n))
			write "$template" root 0
		done
		echo 'root:x:0:0:root:/root:/bin/sh'
		each_kind "$kinds" | while read -r n kind template; do
			write "$template" "v-$kind" $((6000 + n))
			echo "v-$kind:x:$((6000 + n)):$((6000 + n))::/home/v-$kind:/bin/sh"
		done
	} >"$1/passwd"
	{
		echo '"root" | 0 0 0 /root | bad lines for root come first'
		echo '"0" | 0 0 0 /root | bad lines that parse loosely as uid 0 come first'
		echo '"16" | 16 7 7 / | 0x10 is not uid 16'
		each_kind "$kinds" | while read -r n kind template; do
			why="only a $kind line"
			echo "\"o-$kind\" | 125 \"o-$kind\" | $why"
			seen=$(fill "$template" "o-$kind" 0 | cut -d: -f1)
			case $seen in
			"o-$kind" | *\\*) ;;
			*) echo "\"$seen\" | 125 \"$seen\" | the name on a $kind line" ;;
			esac
			echo "\"$((5000 + n))\" | $((5000 + n)) 7 7 / | $why: no entry, caller gid"
			v=$((6000 + n))
			echo "\"v-$kind\" | $v $v $v /home/v-$kind | a $kind line before the good one"
			echo "\"$v\" | $v $v $v /home/v-$kind | a $kind line before the good one"
		done
	} >"$2"
}

# malformed_group DIR TABLE: every kind of bad group line, for a group with
# only the bad line (og-KIND, gid 7100+n) and before a good line for the same
# name (vg-KIND, 7400+n); the bad lines name m-KIND (uid and gid 7200+n) as a
# member. And the table of what each must resolve to.
malformed_group() {
	mkdir "$1"
	kinds=$FIX/malformed-group.kinds
	{
		echo 'root:x:0:0:root:/root:/bin/sh'
		each_kind "$kinds" | while read -r n kind template; do
			echo "m-$kind:x:$((7200 + n)):$((7200 + n))::/home/m-$kind:/bin/sh"
		done
	} >"$1/passwd"
	{
		printf '\n   \n\t\n'
		echo 'root:x:0:'
		each_kind "$kinds" | while read -r n kind template; do
			write "$template" "og-$kind" $((7100 + n)) "m-$kind"
		done
		each_kind "$kinds" | while read -r n kind template; do
			write "$template" "vg-$kind" $((7300 + n)) "m-$kind"
			echo "vg-$kind:x:$((7400 + n)):"
		done
	} >"$1/group"
	{
		echo '"root" | 0 0 0 /root | no bad line adds a group'
		echo '"0:16" | 0 16 16 /root | numeric GROUP needs no entry'
		each_kind "$kinds" | while read -r n kind template; do
			echo "\"0:og-$kind\" | 125 \"og-$kind\" | only a $kind line"
			seen=$(fill "$template" "og-$kind" 0 | cut -d: -f1)
			case $seen in
			"og-$kind" | *\\*) ;;
			*) echo "\"0:$seen\" | 125 \"$seen\" | the name on a $kind line" ;;
			esac
			m=$((7200 + n))
			echo "\"m-$kind\" | $m $m $m /home/m-$kind | named only on $kind lines"
			v=$((7400 + n))
			echo "\"0:vg-$kind\" | 0 $v $v /root | a $kind line before the good one"
		done
	} >"$2"
}

# members FIRST LAST [EXTRA]: "uFIRST,...,uLAST[,EXTRA]", one long field.
members() {
	awk -v a="$1" -v b="$2" -v extra="${3:-}" 'BEGIN {
		for (i = a; i <= b; i++)
			printf "%su%d", (i > a ? "," : ""), i
		if (extra != "")
			printf ",%s", extra
	}'
}

# long_lines_fixture DIR: a 1 MB passwd line first; 100,000-member group
# lines, one before everything and one naming games last; both files end
# without a newline.
long_lines_fixture() {
	mkdir "$1"
	{
		printf 'gecos:x:8100:8100:%s:/home/gecos:/bin/sh\n' "$(awk 'BEGIN { while (i++ < 1000000) printf "g" }')"
		cat "$FIX/passwd"
		printf 'last:x:8200:8200::/home/last:/bin/sh'
	} >"$1/passwd"
	{
		printf 'big2:x:8001:%s\n' "$(members 1 100000)"
		cat "$FIX/group"
		printf 'big:x:8000:%s\n' "$(members 1 99999 games)"
		printf 'lastgrp:x:8300:last'
	} >"$1/group"
}

# many_groups_fixture DIR N: games (gid 60) is a member of N more groups.
many_groups_fixture() {
	mkdir "$1"
	cp "$FIX/passwd" "$1/passwd"
	{
		echo 'root:x:0:'
		echo 'games:x:60:'
		awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "g%d:x:%d:games\n", i, 100000 + i }'
	} >"$1/group"
}

# The tables: identity against the fixtures, and each database missing or
# unreadable. Row: TABLE | fixture directory | caller prefix.
DB_TABLES='identity | main |
caller-gid7 | main | setpriv --regid=7 --clear-groups
no-group | no-group |
no-passwd | no-passwd |
no-files | no-files |
passwd-dir | passwd-dir |
group-dir | group-dir |'

database_tables() {
	each_row database_table "$1" <<END
$DB_TABLES
END
}

# database_table WHERE TABLE ETCDIR PREFIX: one row of DB_TABLES.
database_table() {
	run_table "$1" "$3" "$4" "$FIX/$2.table"
}

# The caller has gid 7, so a bad line read as gid 0 cannot pass for the caller's gid.
malformed_tables() {
	run_table "$1" malformed-passwd "setpriv --regid=7 --clear-groups" "$W/malformed-passwd.table"
	run_table "$1" malformed-group "setpriv --regid=7 --clear-groups" "$W/malformed-group.table"
}

long_lines() {
	check_row "$1" long-lines "" gecos "8100 8100 8100 /home/gecos" "a 1 MB line"
	check_row "$1" long-lines "" root "0 0 0,10 /root" "lines after a 1 MB line"
	check_row "$1" long-lines "" games "5 60 60,100,8000 /usr/games" "last of 100,000 members"
	check_row "$1" long-lines "" 0:big "0 8000 8000 /root" "a group with 100,000 members"
	check_row "$1" long-lines "" last "8200 8200 8200,8300 /home/last" "last lines without a newline"
	check_row "$1" long-lines "" 0:lastgrp "0 8300 8300 /root" "last line without a newline"
}

# 65536 groups is the kernel's limit: all set; one more is refused, not truncated.
group_limit() {
	all=$(awk 'BEGIN { printf "60"; for (i = 1; i <= 65535; i++) printf ",%d", 100000 + i }')
	check_row "$1" groups-65536 "" games "5 60 $all /usr/games" "65536 groups"
	check_row "$1" groups-65537 "" games '125 ""' "65537 groups"
	check_row "$1" groups-65537 "" games:60 "5 60 60 /usr/games" "GROUP given: the memberships do not count"
}

# Specs no table can hold: huge, and with a newline that must not split the message.
hostile_specs() {
	long=$(awk 'BEGIN { while (i++ < 100000) printf "a" }')
	check_row "$1" main "" "$long" '125 ""' "a 100,000-byte name"
	long=$(awk 'BEGIN { while (i++ < 100000) printf "1" }')
	check_row "$1" main "" "$long" '125 ""' "a 100,000-digit id"
	check_row "$1" main "" "0:$long" '125 ""' "a 100,000-digit gid"
	check_row "$1" main "" "games
root" '125 ""' "a newline in the spec: still one message line"
}

command_line() {
	su_run "$1" main ""
	expect_refusal "$1: no arguments" 125 ""
	su_run "$1" main "" nobody
	expect_refusal "$1: a spec and no command" 125 ""
	for opt in -h --help; do
		su_run "$1" main "" "$opt"
		usage_ok "$1: $opt prints usage on stdout, exit 0"
	done
	for opt in -V --version; do
		su_run "$1" main "" "$opt"
		check "$1: $opt prints a version, exit 0" "exit 0, 1 line, no stderr" \
			"exit $RC, $(wc -l <"$W/out") line, $([ -s "$W/err" ] && echo stderr || echo no stderr)"
	done
	su_run "$1" main "" -v nobody true
	verbose_ok "$1: -v prints the plan on stderr"
	su_run "$1" main "" -v -- nobody true
	verbose_ok "$1: -v -- still prints the plan"
	su_run "$1" main "" -- nobody id -u
	expect_output "$1: -- ends the options" 0 65534
	su_run "$1" main "" -- -1 true
	expect_refusal "$1: after --, -1 is a user name" 125 "-1"
	su_run "$1" main "" nobody sh -c 'echo "$*"' sh -v --help -- x
	expect_output "$1: options after the spec belong to the command" 0 "-v --help -- x"
	su_run "$1" main "" nobody ls --help
	check "$1: nobody ls --help runs ls --help" "exit 0, Usage: ls" \
		"exit $RC, $(grep -o '^Usage: ls' "$W/out")"
	su_run "$1" main "" --bogus nobody true
	expect_refusal "$1: unknown long option" 125 "--bogus"
	su_run "$1" main "" -x nobody true
	expect_refusal "$1: unknown short option" 125 "-x"
	su_run "$1" main "env -u HOME" nobody sh -c 'echo "$HOME"'
	expect_output "$1: HOME is set when it was unset" 0 /nonexistent
}

usage_ok() {
	if [ "$RC" -eq 0 ] && grep -q 'Usage: su-exec' "$W/out" && [ ! -s "$W/err" ]; then
		pass "$1"
	else
		fail "$1" "exit 0, stdout with \"Usage: su-exec\", no stderr" "$(got)"
	fi
}

verbose_ok() {
	if [ "$RC" -eq 0 ] && [ ! -s "$W/out" ] && message_ok "65534" &&
		grep -q /nonexistent "$W/err"; then
		pass "$1"
	else
		fail "$1" "exit 0, one stderr line \"su-exec: ...65534.../nonexistent\"" "$(got)"
	fi
}

exit_status() {
	printf '#!/bin/sh\necho ran\n' >"$W/tmp/noexec"
	chmod 644 "$W/tmp/noexec"
	su_run "$1" main "" nobody "$W/tmp/noexec"
	expect_refusal "$1: a file without the x bit: 126" 126 "$W/tmp/noexec"
	su_run "$1" main "" nobody /
	expect_refusal "$1: a directory: 126" 126 "/"
	su_run "$1" main "" nobody /nonexistent/command
	expect_refusal "$1: a missing path: 127" 127 "/nonexistent/command"
	su_run "$1" main "" nobody no-such-command-here
	expect_refusal "$1: not found in PATH: 127" 127 "no-such-command-here"
	for status in 0 7 255; do
		su_run "$1" main "" nobody sh -c "exit $status"
		expect_output "$1: the command's status $status passes through" "$status" ""
	done
	path_search "$1"
}

# The PATH search runs as the new user: a directory only root may enter.
path_search() {
	mkdir -p "$W/private"
	printf '#!/bin/sh\necho ran\n' >"$W/private/prog"
	chmod 755 "$W/private/prog"
	chmod 700 "$W/private"
	su_run "$1" main "env PATH=$W/private:$PATH" 0 prog
	expect_output "$1: root finds a command in a root-only directory" 0 ran
	su_run "$1" main "env PATH=$W/private:$PATH" nobody prog
	expect_refusal "$1: nobody cannot search a root-only directory" 126 prog
	long_path_entries "$1"
}

# As execvp (glibc, musl) and gosu: a PATH entry that with '/' and the command
# is PATH_MAX (4096) bytes or more is skipped and the search goes on; with
# nothing found, 127. A command name past NAME_MAX is 126, as execvp says.
long_path_entries() {
	long=$(awk 'BEGIN { for (i = 0; i < 256; i++) printf "/aaaaaaaaaaaaaaa" }') # 4096 bytes
	for user in root nobody; do
		su_run "$1" main "env PATH=$long:$PATH" "$user" true
		expect_output "$1: $user: a 4096-byte PATH entry is skipped, true found after it" 0 ""
	done
	su_run "$1" main "env PATH=$long" nobody true
	expect_refusal "$1: PATH of only a 4096-byte entry: not found, 127" 127 \
		"'true': No such file or directory"
	su_run "$1" main "env PATH=$long:$PATH" nobody "$(printf '%0300d' 0)"
	expect_refusal "$1: a 300-byte command name: 126, as execvp" 126 "name too long"
}

# The command replaces su-exec: same pid, the target identity, and it gets
# the signals sent to that pid.
exec_in_place() {
	ready=$W/tmp/ready-$1
	mkfifo -m 666 "$ready"
	su_start "$1" main "" nobody sh -c "$(trapper "$ready")"
	if [ "$(await_ready "$ready")" != ready ]; then
		stop "$PID"
		wait "$PID"
		fail "$1: exec in place" "the command started" "$(got)"
		return
	fi
	check "$1: the pid started is the command, as nobody" "sh 65534" \
		"$(cat "/proc/$PID/comm") $(awk '$1 == "Uid:" { print $2 }' "/proc/$PID/status")"
	kill -TERM "$PID"
	watch_wait "$PID"
	check "$1: SIGTERM to that pid reaches the command" 42 "$RC"
}

# In a new PID namespace the command is PID 1 and still gets SIGTERM from
# outside (PID 1 gets only the signals it has a handler for).
pid1() {
	case $1 in
	busybox) ready=/tmp/ready-pid1 outside=$BB/tmp/ready-pid1 ;;
	*) ready=$W/tmp/ready-pid1-$1 outside=$ready ;;
	esac
	mkfifo -m 666 "$outside"
	NS_FLAGS=-p
	su_run "$1" main "" nobody sh -c 'echo $$'
	expect_output "$1: the command is PID 1" 0 1
	su_start "$1" main "" nobody sh -c "$(trapper "$ready")"
	NS_FLAGS=
	if [ "$(await_ready "$outside")" != ready ]; then
		stop "$PID"
		wait "$PID"
		fail "$1: PID 1" "the command started" "$(got)"
		return
	fi
	child=$(cat "/proc/$PID/task/$PID/children")
	child=${child%% *}
	check "$1: PID 1 is the command itself, as nobody" "sh 65534 1" \
		"$(cat "/proc/$child/comm") $(awk '$1 == "Uid:" { print $2 } $1 == "NSpid:" { print $NF }' "/proc/$child/status" | paste -sd' ' -)"
	kill -TERM "$child"
	watch_wait "$PID"
	check "$1: SIGTERM from outside reaches PID 1" 42 "$RC"
}

# trapper FIFO: a command that exits 42 on SIGTERM, says "ready" into FIFO
# once its trap is set, and waits. Its sleep only keeps it alive: wait
# returns as soon as the trapped signal comes.
trapper() {
	echo "sleep 1000 & trap 'kill \$!; exit 42' TERM; echo ready >$1; wait"
}

# watch_wait PID: wait for PID, killing it and its children if it is still
# there after ten seconds, a bound only a hang reaches. The watchdog looks
# every 0.1 s, so it ends with PID and no sleep of it outlives the test.
watch_wait() {
	(
		i=0
		while kill -0 "$1" 2>/dev/null; do
			i=$((i + 1))
			[ "$i" -le 100 ] || stop "$1"
			sleep 0.1
		done
	) &
	dog=$!
	wait "$1"
	RC=$?
	wait "$dog"
}

stop() {
	for c in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		kill -KILL "$c" 2>/dev/null
	done
	kill -KILL "$1" 2>/dev/null
}

# Installed setuid or setgid, su-exec refuses for every caller, and the
# command never runs. The copies sit in a directory only root and gid 65534
# can enter.
setid_refused() {
	bin=$W/bin/su-exec
	[ "$1" = static ] && bin=$W/bin/su-exec-static
	dir=$W/setid-$1
	mkdir "$dir"
	chgrp 65534 "$dir"
	chmod 710 "$dir"
	setid_control "$1" "$dir"
	nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	for mode in 4755 2755; do
		cp "$bin" "$dir/su-exec-$mode"
		chmod "$mode" "$dir/su-exec-$mode"
		refused_without_running "$1: mode $mode, caller root" "$dir/su-exec-$mode" main "" nobody
		refused_without_running "$1: mode $mode, caller nobody, spec 0" "$dir/su-exec-$mode" main "$nobody" 0
		refused_without_running "$1: mode $mode, caller nobody, spec root" "$dir/su-exec-$mode" main "$nobody" root
		su_run "$dir/su-exec-$mode" main "$nobody" --version
		expect_refusal "$1: mode $mode, caller nobody, --version: refused before any option" 125 \
			"refusing to run"
	done
	setid_by_descriptor "$1" "$dir/su-exec-4755"
}

# Run by a close-on-exec descriptor, the path the kernel records for the
# program is gone once it runs: the setuid bit must still be found.
setid_by_descriptor() {
	marker=$W/tmp/marker
	rm -f "$marker"
	su_run "$(command -v python3)" main "" -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CLOEXEC)
os.execve(fd, ["su-exec", "nobody", "sh", "-c", ": >" + sys.argv[2]], dict(os.environ))' "$2" "$marker"
	if [ -e "$marker" ]; then
		fail "$1: mode 4755 run by descriptor, caller root" "refused" "the command ran; $(got)"
	else
		expect_refusal "$1: mode 4755 run by descriptor, caller root" 125 "setuid or setgid bit"
	fi
}

# setid_control WHERE DIR: the setuid bit works there, or the tests above mean nothing.
setid_control() {
	cp "$(command -v id)" "$2/id-4755"
	chmod 4755 "$2/id-4755"
	check "$1: control: a setuid copy of id runs with euid 0 for nobody" 0 \
		"$(setpriv --reuid=65534 --regid=65534 --clear-groups "$2/id-4755" -u)"
}

# refused_without_running WHAT WHERE ETCDIR PREFIX SPEC: exit 125 with a
# message, and the command (which would create a marker) did not run.
refused_without_running() {
	marker=$W/tmp/marker
	rm -f "$marker"
	su_run "$2" "$3" "$4" "$5" sh -c ": >$marker"
	if [ -e "$marker" ]; then
		fail "$1" "refused, command not run" "the command ran; $(got)"
	else
		expect_refusal "$1" 125 ""
	fi
}

# A non-root target keeps no capability, whatever the caller arranged.
capabilities() {
	check_row "$1" main "setpriv --inh-caps +net_bind_service --ambient-caps +net_bind_service" \
		nobody "65534 65534 65534 /nonexistent" "caller with an ambient capability"
	# With no_setuid_fixup the kernel keeps the capabilities across the uid
	# change: su-exec must drop them or refuse, never exec with them.
	su_run "$1" main "setpriv --securebits +no_setuid_fixup" nobody sh -c "$OBSERVE"
	if [ "$RC" -eq 125 ]; then
		expect_refusal "$1: caller with no_setuid_fixup: refused" 125 ""
	else
		expect_identity "$1: caller with no_setuid_fixup: no capability left" \
			"65534 65534 65534 /nonexistent"
	fi
}

# A caller that is not root: the same identity runs without a switch; any
# change is refused and the command does not run.
unprivileged() {
	same="setpriv --reuid=65534 --regid=65534 --groups=65534"
	for spec in 65534:65534 nobody 65534 :65534 ""; do
		check_row "$1" main "$same" "$spec" "65534 65534 65534 /nonexistent" \
			"caller 65534, gid 65534, groups 65534: nothing to change"
	done
	check_row "$1" main "setpriv --reuid=65534 --regid=65534 --clear-groups" 65534:65534 \
		"65534 65534 - /nonexistent" "caller 65534, gid 65534, no groups, as docker run --user may leave it"
	for spec in root 0 0:0 65534:0 1000:1000 games; do
		refused_without_running "$1: caller 65534 cannot become \"$spec\"" "$1" main "$same" "$spec"
	done
	refused_without_running "$1: caller 65534 with groups 65534,100 cannot drop 100" "$1" main \
		"setpriv --reuid=65534 --regid=65534 --groups=65534,100" 65534:65534
	check_row "$1" unreadable "$same" 65534:65534 '125 "/etc/passwd"' "passwd mode 000: cannot be read"
}

# --- Drop-in for gosu ---------------------------------------------------------

# Every row of DB_TABLES that resolves, run by su-exec and by gosu in one
# mount namespace, must give the same uid, gid, groups and HOME, except the
# differences fixtures/gosu-differences lists, which must be exactly as listed
# (that file says what is compared, and how).
gosu_comparison() {
	gosu=$(command -v gosu)
	cat >"$W/bin/both" <<EOF
#!/bin/sh
"$W/bin/su-exec" "\$@" >"$W/su.out" 2>"$W/su.err"
echo \$? >"$W/su.rc"
"$gosu" "\$@" >"$W/gosu.out" 2>"$W/gosu.err"
echo \$? >"$W/gosu.rc"
EOF
	chmod 755 "$W/bin/both"
	gosu_listed >"$W/gosu.listed"
	: >"$W/gosu.used"
	each_row gosu_table <<END
$DB_TABLES
END
	gosu_unused
}

# gosu_listed: fixtures/gosu-differences as TABLE, SPEC, FIELD, SU-EXEC,
# GOSU, one row a line, tab-separated; the spec exactly as quoted.
gosu_listed() {
	each_row gosu_listed_row <"$FIX/gosu-differences"
}

gosu_listed_row() {
	unquote "$2"
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$UNQUOTED" "$3" "$4" "$5"
}

# gosu_table TABLE ETCDIR PREFIX: each row of fixtures/TABLE.table that
# resolves (its expected result is not a refusal).
gosu_table() {
	each_row gosu_table_row "$@" <"$FIX/$1.table"
}

gosu_table_row() {
	case $5 in
	*\"*) return ;;
	esac
	unquote "$4"
	gosu_row "$1" "$2" "$3" "$UNQUOTED"
}

# gosu_row TABLE ETCDIR PREFIX SPEC
gosu_row() {
	su_run "$W/bin/both" "$2" "$3" "$4" sh -c "$OBSERVE"
	what="gosu: $1 \"$4\""
	if [ "$RC" -ne 0 ] || [ -s "$W/err" ]; then
		fail "$what" "su-exec and gosu run" "$(got)"
		return
	fi
	gosu_record su >"$W/su.record"
	gosu_record gosu >"$W/gosu.record"
	# Two records with no exit status would compare equal: neither ran.
	if ! grep -q '^exit	[0-9]' "$W/su.record" || ! grep -q '^exit	[0-9]' "$W/gosu.record"; then
		fail "$what" "an exit status from su-exec and gosu" "$(cat "$W/su.record" "$W/gosu.record")"
		return
	fi
	T=$1 S=$4 awk -F'\t' '$1 == ENVIRON["T"] && $2 == ENVIRON["S"] { print $3 "\t" $4 "\t" $5 }' \
		"$W/gosu.listed" >"$W/row.listed"
	if [ -s "$W/row.listed" ]; then
		printf '%s\t%s\n' "$1" "$4" >>"$W/gosu.used"
		what="$what differs only as gosu-differences lists"
	else
		what="$what: same exit, uid, gid, groups and HOME as su-exec"
	fi
	{
		IFS= read -r expected
		IFS= read -r differences
	} <<END
$(gosu_differences "$W/row.listed" "$W/su.record" "$W/gosu.record")
END
	if [ -n "$expected" ]; then
		check "$what" "$expected" "$differences"
	else
		check_empty "$what" "$differences"
	fi
}

# gosu_record su|gosu: "FIELD<tab>VALUE" lines from what that tool left:
# exit, and when it is 0, uid, gid, HOME, groups (gid and supplementary)
# and supplementary; parsed by the shell, as identity does.
gosu_record() {
	read -r gr_rc <"$W/$1.rc"
	printf 'exit\t%s\n' "$gr_rc"
	[ "$gr_rc" = 0 ] || return 0
	gr_sup= gr_home=
	while IFS= read -r gr_line; do
		case $gr_line in
		Uid:* | Gid:*)
			set -- $gr_line
			gr_id=$2
			[ "$3" = "$2" ] && [ "$4" = "$2" ] && [ "$5" = "$2" ] || gr_id="$2/$3/$4/$5"
			[ "$1" = Uid: ] && printf 'uid\t%s\n' "$gr_id" || printf 'gid\t%s\n' "$gr_id"
			[ "$1" = Uid: ] || gr_gid=$2
			;;
		Groups:*) gr_sup=${gr_line#Groups:} ;;
		HOME=*) gr_home=${gr_line#HOME=} ;;
		esac
	done <"$W/$1.out"
	printf 'HOME\t%s\n' "${gr_home:-\"\"}"
	printf 'groups\t%s\n' "$(with_gid "$gr_gid" $gr_sup)"
	set -- $gr_sup
	gr_ifs=$IFS
	IFS=,
	printf 'supplementary\t%s\n' "${*:--}"
	IFS=$gr_ifs
}

# with_gid GID GROUP...: GID put into the sorted GROUPs (the kernel sorts
# them), each once, comma-separated.
with_gid() {
	wg_gid=$1 wg_out= wg_last=
	shift
	for wg; do
		if [ -n "$wg_gid" ] && [ "$wg_gid" -le "$wg" ]; then
			[ "$wg_gid" -eq "$wg" ] || wg_out="$wg_out,$wg_gid"
			wg_gid=
		fi
		[ "$wg" = "$wg_last" ] || wg_out="$wg_out,$wg"
		wg_last=$wg
	done
	[ -z "$wg_gid" ] || wg_out="$wg_out,$wg_gid"
	printf '%s\n' "${wg_out#,}"
}

# gosu_differences LISTED MINE THEIRS: two lines, the differences LISTED
# expects and the ones found, as "FIELD: su-exec X, gosu Y; ...". Only
# exit counts when either tool failed; supplementary only when listed.
gosu_differences() {
	awk -F'\t' '
	FILENAME == ARGV[1] { listed[$1] = $1 ": su-exec " $2 ", gosu " $3; next }
	FILENAME == ARGV[2] { mine[$1] = $2; next }
	{ theirs[$1] = $2 }
	END {
		n = split("exit uid gid groups HOME supplementary", field, " ")
		for (i = 1; i <= n; i++) {
			f = field[i]
			if (f != "exit" && (mine["exit"] != 0 || theirs["exit"] != 0))
				continue
			if (f == "supplementary" && !(f in listed))
				continue
			if (f in listed)
				want = want (want == "" ? "" : "; ") listed[f]
			if (mine[f] != theirs[f])
				found = found (found == "" ? "" : "; ") f ": su-exec " mine[f] ", gosu " theirs[f]
		}
		print want
		print found
	}' "$@"
}

# gosu_unused: every row of gosu-differences names a row that was compared.
gosu_unused() {
	if [ ! -s "$W/gosu.listed" ]; then
		fail "gosu-differences: rows read" "rows" "none"
		return
	fi
	check_empty "gosu-differences: every row names a resolving row of its table" \
		"$(awk -F'\t' 'FILENAME == ARGV[1] { used[$1 "\t" $2] = 1; next }
		!(($1 "\t" $2) in used) { printf "%s \"%s\" %s; ", $1, $2, $3 }' \
		"$W/gosu.used" "$W/gosu.listed")"
}

# The machine's /etc/passwd and /etc/group, and what is mounted on /etc, are as they were.
etc_state() {
	cksum /etc/passwd /etc/group
	awk '$5 ~ /^\/etc(\/|$)/' /proc/self/mountinfo
}

host_untouched() {
	check "the host's /etc/passwd, /etc/group and /etc mounts are untouched" "$HOST_BEFORE" "$(etc_state)"
}

main "$@"
