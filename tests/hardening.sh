#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: sh tests/hardening.sh [SU_EXEC...]   (default: ./su-exec ./su-exec-static)
#
# su-exec in the odd places containers start it: databases that are not
# files, a 16 KiB stack, hostile strings under -v, scripts without #!, a
# user namespace made by unshare -r, a file swapped after the exec. Every
# binary given (the dynamic and the static builds) runs every row, as root,
# in private mount namespaces over fixture files: the machine's /etc is never
# read or touched. A run that hangs is killed and fails its row.

TESTS=$(cd "$(dirname "$0")" && pwd)
FIX=$TESTS/fixtures
. "$TESTS/lib.sh"
sealed_env

# Every run here should end at once: one that hangs is stopped after 5 s.
NS_LIMIT=5

main() {
	need_root "the hardening suite"
	[ $# -ge 1 ] || set -- "$TESTS/../su-exec" "$TESTS/../su-exec-static"
	setup
	require_tools unshare timeout mount mkfifo readelf strace "${CC:-cc}"
	need_built "all static" "$@" || missing=1
	[ "${missing:-0}" -eq 0 ] || finish hardening
	for bin; do
		bin=$(cd "$(dirname "$bin")" && pwd)/${bin##*/}
		name=${bin##*/}
		PRE=
		databases
		small_stack
		verbose
		c1_controls
		cannot_run
		option_errors
		gosu_words
		no_shebang
		same_identity
		not_root
		setid_file
		pidfds
	done
	finish hardening
}

setup() {
	work_dir su-exec-hardening
	mkdir -p "$W/etc"
	printf 'ulimit -s 16 && exec env -i PATH=/usr/bin:/bin "$@"\n' >"$W/small-stack"
	# For setid_file: renames $SWAP_FROM over $SWAP_TO before main runs.
	printf '%s\n' '#include <stdio.h>' '#include <stdlib.h>' \
		'__attribute__((constructor)) static void swap(void)' \
		'{ const char *f = getenv("SWAP_FROM"), *t = getenv("SWAP_TO");' \
		'  if (f && t && rename(f, t) != 0) perror("swap");' \
		'  unsetenv("SWAP_FROM"); }' >"$W/swap.c"
	"${CC:-cc}" -shared -fPIC -o "$W/swap.so" "$W/swap.c" ||
		fail "building the preload helper" "built" "failed"
}

# over PASSWD GROUP ARG...: su-exec ARG... with those files as the databases,
# $PRE (words, may be empty) run in front of it.
over() {
	p=$1 g=$2
	shift 2
	ns_capture -f "$p" "$g" -- $PRE "$bin" "$@"
}

# expect_line WHAT STATUS LINE: the last run exited STATUS with exactly LINE
# on stderr and nothing on stdout.
expect_line() {
	check "$1" "$2 [$3] []" "$RC [$(cat "$W/err")] [$(cat "$W/out")]"
}

# A database that is not a regular file is refused at once, naming the file
# and what it is; a FIFO without a writer must not hang the open.
databases() {
	rm -f "$W/fifo"
	mkfifo "$W/fifo"
	over "$W/fifo" "$FIX/group" nobody true
	expect_refusal "$name: a FIFO without a writer as /etc/passwd" 125 \
		"/etc/passwd: is a FIFO, not a regular file"
	over "$FIX/passwd" "$W/fifo" nobody true
	expect_refusal "$name: a FIFO without a writer as /etc/group" 125 \
		"/etc/group: is a FIFO, not a regular file"
	over /dev/urandom "$FIX/group" nobody true
	expect_refusal "$name: /dev/urandom as /etc/passwd" 125 \
		"/etc/passwd: is a character device, not a regular file"
	over "$FIX/passwd" /dev/urandom nobody true
	expect_refusal "$name: /dev/urandom as /etc/group" 125 \
		"/etc/group: is a character device, not a regular file"
	mkdir -p "$W/etc/links" "$W/etc/none"
	cp "$FIX/passwd" "$W/etc/links/passwd.real"
	cp "$FIX/group" "$W/etc/links/group.real"
	ln -sf passwd.real "$W/etc/links/passwd"
	ln -sf group.real "$W/etc/links/group"
	ns_capture -e "$W/etc/links" -- "$bin" nobody id -u
	expect_output "$name: /etc/passwd and /etc/group as symlinks to files" 0 65534
	ns_capture -e "$W/etc/none" -- "$bin" 1234 id -u
	expect_output "$name: no databases at all: a numeric USER still runs" 0 1234
}

# sh -c "$DEEP" "$DEEP" N: a process tree N deep below it; it exits 4 a second
# later, leaving the tree to the init.
DEEP='if [ "$1" -eq 0 ]; then exec sleep 60; fi
TOP=no sh -c "$0" "$0" $(($1 - 1)) &
if [ -z "$TOP" ]; then sleep 1; exit 4; fi
wait'

# Under a 16 KiB stack limit with a small environment, as gosu and su-exec
# 0.3 run: no large buffer lives on the stack.
small_stack() {
	PRE="sh $W/small-stack"
	over "$FIX/passwd" "$FIX/group" games id -G
	expect_output "$name: a 16 KiB stack: exec" 0 "60 100"
	over "$FIX/passwd" "$FIX/group" --init games id -u
	expect_output "$name: a 16 KiB stack: --init" 0 5
	over "$FIX/passwd" "$FIX/group" -v nobody true
	expect_refusal "$name: a 16 KiB stack: -v" 0 "HOME=/nonexistent"
	# --init lists a tree 100 deep to SIGTERM it: on the heap, not a frame a level.
	over "$FIX/passwd" "$FIX/group" --init --grace=30 nobody sh -c "$DEEP" "$DEEP" 100
	expect_line "$name: a 16 KiB stack: --init stops a tree 100 deep at once" 4 ""
	over "$FIX/passwd" "$FIX/group" bogus true
	expect_refusal "$name: a 16 KiB stack: a refusal still says why" 125 "'bogus': no such user"
	PRE=
}

# -v prints what the databases hold escaped, and the whole group list.
verbose() {
	mkdir -p "$W/etc/verbose"
	{
		cat "$FIX/passwd"
		printf 'esc:x:2000:2000::/home/\033]0;owned\007\\x:/bin/sh\n'
	} >"$W/etc/verbose/passwd"
	over "$W/etc/verbose/passwd" "$FIX/group" -v esc true
	expect_refusal "$name: -v escapes control bytes and backslashes in HOME" 0 \
		'HOME=/home/\x1b]0;owned\x07\x5cx'
	# games: its gid 60 and 65535 more, the kernel's limit, each a 6-digit gid.
	awk 'BEGIN { for (i = 1; i <= 65535; i++) printf "g%d:x:%d:games\n", i, 100000 + i }' \
		>"$W/etc/verbose/group"
	over "$FIX/passwd" "$W/etc/verbose/group" -v games true
	check "$name: -v prints all 65536 groups, the last one too" "0 65536 165535" \
		"$RC $(tr ',' '\n' <"$W/err" | grep -c .) $(sed 's/.*,\([0-9]*\) HOME=.*/\1/' "$W/err")"
}

# C1 controls (0x80-0x9f, raw or as UTF-8 C2 80-C2 9F) and malformed UTF-8
# reach no terminal: from a database field, the spec, the command or an
# option, each byte is printed as \xNN; well-formed UTF-8 text is kept.
c1_controls() {
	{
		cat "$FIX/passwd"
		printf 'c1:x:2001:2001::/h/\302\2332J\233m\302\235\340\202\233/\303\251\346\227\245:/bin/sh\n'
	} >"$W/etc/verbose/passwd"
	over "$W/etc/verbose/passwd" "$FIX/group" -v c1 true
	expect_refusal "$name: -v escapes C1 controls and malformed UTF-8 in HOME, keeps UTF-8 text" 0 \
		"HOME=/h/\\xc2\\x9b2J\\x9bm\\xc2\\x9d\\xe0\\x82\\x9b/$(printf '\303\251\346\227\245')"
	over "$FIX/passwd" "$FIX/group" "$(printf 'x\302\2332Jy')" true
	expect_line "$name: a user name with C2 9B (CSI) is escaped" 125 \
		"su-exec: 'x\\xc2\\x9b2Jy': no such user"
	for mode in "" --init; do
		over "$FIX/passwd" "$FIX/group" $mode nobody "$(printf '/nonexistent/\302\2350;t\a\233')"
		expect_line "$name: ${mode:-exec mode}: a missing command with OSC is escaped" 127 \
			"su-exec: '/nonexistent/\\xc2\\x9d0;t\\x07\\x9b': No such file or directory"
	done
	over "$FIX/passwd" "$FIX/group" -i "--grace=$(printf '\2332J')" nobody true
	expect_line "$name: an option value with a raw C1 byte is escaped" 125 \
		"su-exec: --grace: '\\x9b2J': not a number of seconds (0-86400)"
	over "$FIX/passwd" "$FIX/group" "$(printf -- '-\233')" nobody true
	expect_line "$name: an unknown short option byte 0x9b is escaped" 125 \
		"su-exec: '-\\x9b': unknown option (try --help)"
	over "$FIX/passwd" "$FIX/group" "$(printf '\303\251\346\227\245')" true
	expect_line "$name: a user name in UTF-8 text is printed as it is" 125 \
		"su-exec: '$(printf '\303\251\346\227\245')': no such user"
}

# A command that cannot be run gets the same line and status in both modes.
cannot_run() {
	printf '#!/bin/sh\necho ran\n' >"$W/not-executable"
	chmod 644 "$W/not-executable"
	for mode in "" --init; do
		over "$FIX/passwd" "$FIX/group" $mode nobody /nonexistent
		expect_line "$name: ${mode:-exec mode}: a missing command" 127 \
			"su-exec: '/nonexistent': No such file or directory"
		over "$FIX/passwd" "$FIX/group" $mode nobody "$W/not-executable"
		expect_line "$name: ${mode:-exec mode}: a command without the x bit" 126 \
			"su-exec: '$W/not-executable': Permission denied"
	done
}

# Every error about an option names it by its long name, one way:
# "su-exec: --NAME: ['VALUE': ]reason". Row: expected line | arguments.
OPTION_ERRORS="su-exec: --rewrite: needs an argument (try --help)|-r
su-exec: --rewrite: needs an argument (try --help)|--rewrite
su-exec: --keep-caps: needs an argument (try --help)|-k
su-exec: --verbose: takes no argument (try --help)|--verbose=1
su-exec: --pgroup: needs --init (try --help)|-g nobody true
su-exec: --grace: needs --init (try --help)|--grace=1 nobody true
su-exec: --rewrite: 'BOGUS': unknown signal|-i -r BOGUS:TERM nobody true
su-exec: --rewrite: 'TERM': expected FROM:TO|-i --rewrite=TERM nobody true
su-exec: --grace: 'x': not a number of seconds (0-86400)|-i --grace x nobody true
su-exec: --grace: '86401': not a number of seconds (0-86400)|-i --grace=86401 nobody true
su-exec: --grace: '2147483648': not a number of seconds (0-86400)|-i --grace=2147483648 nobody true
su-exec: '-x': unknown option (try --help)|-x nobody true
su-exec: '--bogus': unknown option (try --help)|--bogus nobody true
su-exec: '--verb': unknown option (try --help)|--verb nobody true
su-exec: '--verb=1': unknown option (try --help)|--verb=1 nobody true
su-exec: '--keep': unknown option (try --help)|--keep net_bind_service nobody true
su-exec: '--=x': unknown option (try --help)|--=x nobody true
su-exec: '-\\x9b': unknown option (try --help)|-b$(printf '\233') nobody true"

option_errors() {
	each_row option_error <<END
$OPTION_ERRORS
END
}

# option_error LINE ARGS: su-exec ARGS is refused with exactly LINE.
option_error() {
	over "$FIX/passwd" "$FIX/group" $2
	expect_line "$name: $2" 125 "$1"
}

# gosu's -v (alone: the version) and -? (alone: the help).
gosu_words() {
	version=$("$bin" --version)
	over "$FIX/passwd" "$FIX/group" -v
	expect_output "$name: -v alone prints the version, as gosu" 0 "$version"
	over "$FIX/passwd" "$FIX/group" -?
	check "$name: -? alone prints the help, as gosu" "0 Usage: su-exec [OPTION]..." \
		"$RC $(head -n 1 "$W/out" | cut -c 1-26)"
	over "$FIX/passwd" "$FIX/group" -v nobody id -u
	check "$name: -v before USER stays --verbose" "0 65534 1" \
		"$RC $(cat "$W/out") $(grep -c '^su-exec: uid=65534 ' "$W/err")"
	over "$FIX/passwd" "$FIX/group" -v nobody
	expect_line "$name: -v with USER alone is still a usage error" 125 \
		"su-exec: missing COMMAND (try --help)"
}

# A script without #! is refused with 126 by every build, by path and by PATH.
no_shebang() {
	mkdir -p "$W/bin"
	printf 'echo ran\n' >"$W/bin/plain-script"
	printf '#!/bin/sh\necho ran\n' >"$W/bin/script"
	chmod 755 "$W/bin" "$W/bin/plain-script" "$W/bin/script"
	# The inner su-exec runs as nobody: a copy in the work folder, which any
	# user can reach (the tree may sit in a folder only root can).
	cp "$bin" "$W/bin/su-exec-as-nobody"
	over "$FIX/passwd" "$FIX/group" nobody "$W/bin/plain-script"
	expect_line "$name: a script without #! is refused" 126 \
		"su-exec: '$W/bin/plain-script': Exec format error"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/bin" "$W/bin/su-exec-as-nobody" nobody plain-script
	expect_line "$name: a script without #! found on PATH is refused" 126 \
		"su-exec: 'plain-script': Exec format error"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="/nonexistent::$W/bin" "$W/bin/su-exec-as-nobody" nobody script
	expect_output "$name: a script with #! is found on PATH" 0 ran
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/bin" "$W/bin/su-exec-as-nobody" nobody missing
	expect_line "$name: a command on no PATH entry" 127 "su-exec: 'missing': No such file or directory"
	# Denied on the way (126, as execvp): the message says where.
	mkdir -p -m 700 "$W/root-only"
	printf '#!/bin/sh\n' >"$W/bin/not-executable"
	chmod 644 "$W/bin/not-executable"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/root-only:$W/bin" "$W/bin/su-exec-as-nobody" nobody missing
	expect_line "$name: a PATH entry the user cannot search, nothing after it: 126, and which" 126 \
		"su-exec: 'missing': Permission denied: $W/root-only cannot be searched"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/root-only:$W/bin" "$W/bin/su-exec-as-nobody" --init nobody missing
	expect_line "$name: --init: the same, from the child" 126 \
		"su-exec: 'missing': Permission denied: $W/root-only cannot be searched"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/bin" "$W/bin/su-exec-as-nobody" nobody not-executable
	expect_line "$name: found on PATH but not executable: 126, and which file" 126 \
		"su-exec: 'not-executable': Permission denied: $W/bin/not-executable is not executable"
	over "$FIX/passwd" "$FIX/group" nobody env PATH="$W/root-only:/usr/bin:/bin" "$W/bin/su-exec-as-nobody" nobody id -u
	expect_output "$name: a PATH entry the user cannot search is passed by when a later one holds it" 0 65534
}

# A caller that is not root can only be what it is; when that fails, the
# message says what would have to change: each id from and to, and for the
# groups both lists (numeric specs and setpriv options with no fixture line).
not_root() {
	PRE="setpriv --reuid=4321 --regid=4322 --groups=60"
	over "$FIX/passwd" "$FIX/group" 4321:4322 id -G
	expect_line "$name: not root, with a group the runtime added: the groups from and to" 125 \
		"su-exec: '4321:4322': cannot change supplementary groups from 60 to 4322, not running as root (--keep-groups runs COMMAND with the groups it has)"
	PRE="setpriv --reuid=4321 --regid=4322 --groups=60,100,910"
	over "$FIX/passwd" "$FIX/group" 0:10 id -G
	expect_line "$name: not root, asking for root: uid and gid from and to" 125 \
		"su-exec: '0:10': cannot change uid 4321 to 0, gid 4322 to 10, not running as root"
	PRE="setpriv --reuid=4321 --regid=4322 --clear-groups"
	over "$FIX/passwd" "$FIX/group" 4321:4322 id -u
	expect_output "$name: not root, already exactly 4321:4322: runs" 0 4321
	PRE=
}

# Root in an unshare -r user namespace, where setgroups is denied: asking for
# exactly the identity it has runs; anything else is refused as before.
same_identity() {
	NS_FLAGS=-U
	for spec in root:root 0:0 root:0 0:root; do
		over "$FIX/passwd" "$FIX/group" "$spec" sh -c 'id -u; id -g; id -G'
		expect_output "$name: unshare -r: \"$spec\", the identity it has, runs" 0 "0
0
0"
	done
	over "$FIX/passwd" "$FIX/group" -v root:root true
	expect_refusal "$name: unshare -r: -v root:root" 0 "uid=0 gid=0 groups=0 HOME=/root"
	# root and 0 would add wheel, which root is a member of.
	for spec in root 0 "" nobody 0:60 root:daemon games; do
		over "$FIX/passwd" "$FIX/group" "$spec" id
		expect_line "$name: unshare -r: \"$spec\" is still refused" 125 \
			"su-exec: setgroups: Operation not permitted"
	done
	NS_FLAGS=
}

# The setuid self-check looks at the file the kernel ran, not at the path it
# was run by. A preloaded constructor swaps a plain copy over that path after
# the exec of a setuid one (dynamic builds only: a static one loads nothing).
setid_file() {
	mkdir -p "$W/swap"
	cp "$bin" "$W/swap/su-exec"
	chmod 4755 "$W/swap/su-exec"
	cp "$bin" "$W/swap/plain"
	if readelf -l "$bin" | grep -q INTERP; then
		ns_capture -f "$FIX/passwd" "$FIX/group" -- env LD_PRELOAD="$W/swap.so" \
			SWAP_FROM="$W/swap/plain" SWAP_TO="$W/swap/su-exec" "$W/swap/su-exec" nobody true
		expect_line "$name: a setuid copy swapped for a plain one after the exec is refused" \
			125 "su-exec: refusing to run with the setuid or setgid bit set"
		check "$name: the path now names the plain copy" 755 "$(stat -c %a "$W/swap/su-exec")"
	fi
	cp "$bin" "$W/swap/su-exec"
	cp "$bin" "$W/swap/plain"
	chmod 4755 "$W/swap/su-exec"
	ns_capture -P -- "$W/swap/su-exec" nobody true
	expect_line "$name: without /proc, the path run is checked: setuid refused" \
		125 "su-exec: refusing to run with the setuid or setgid bit set"
	ns_capture -P -f "$FIX/passwd" "$FIX/group" -- "$W/swap/plain" nobody id -u
	expect_output "$name: without /proc, a plain su-exec runs" 0 65534
}

# --init, not PID 1, signals what outlives the command through pidfds; with
# pidfd_open failing ENOSYS (an old kernel, a seccomp profile), through kill().
# Either way the sleep gets its SIGTERM at once, well before --grace=30.
# A pidfd call that fails for any reason but ESRCH (gone) falls back to kill():
# ENOSYS on an old kernel, EPERM from a seccomp profile refusing calls it does
# not know, EMFILE with no fd left. The grandchild must get SIGTERM at once,
# well before the 30 s grace (and the run's limit) would end it.
PIDFD_ROWS='- | pidfd_send_signal
pidfd_open:error=ENOSYS | kill
pidfd_open:error=EPERM | kill
pidfd_open:error=EMFILE | kill
pidfd_send_signal:error=EPERM | kill pidfd_send_signal
pidfd_send_signal:error=EMFILE | kill pidfd_send_signal'

pidfds() {
	each_row pidfd_row <<END
$PIDFD_ROWS
END
}

# pidfd_row INJECT WANT: one row of PIDFD_ROWS.
pidfd_row() {
	inject=$1 want=$2
	opt=
	[ "$inject" = - ] || opt="-e inject=$inject"
	PRE="strace -f -qq -o $W/trace -e trace=pidfd_open,pidfd_send_signal,kill $opt"
	over "$FIX/passwd" "$FIX/group" --init --grace=30 nobody sh -c 'sleep 60 & exit 3'
	PRE=
	sent=$(grep -o -E '(pidfd_send_signal|kill)\([0-9]+, SIGTERM' "$W/trace" |
		sed 's/(.*//' | sort -u | paste -sd' ' -)
	check "$name: --init${opt:+ with $inject}: SIGTERM reaches a grandchild through $want" \
		"3 $want" "$RC $sent"
}

main "$@"
