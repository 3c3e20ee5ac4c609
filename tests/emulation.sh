#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# su-exec under qemu-user, as `docker buildx --platform` runs a RUN step, as
# root (make check-emulation; make check-emulation ARCH=arm64 for another
# architecture's static build):
#
#	[QEMU=qemu-aarch64-static ARCH=arm64] sh tests/emulation.sh \
#		[SU_EXEC_STATIC BINDPORT_STATIC UNIT_TESTS [BUSYBOX]]
#
# qemu-user runs a host thread of its own in every process, which never runs
# the program's code and keeps uid 0 (no libc broadcast reaches it), and
# qemu 7.2 has no subreaper prctls. Without QEMU, on x86_64, the amd64
# builds run under qemu-x86_64-static, which has both; with QEMU, the
# binaries are ARCH's (static, and BUSYBOX a busybox of ARCH, for the
# control row). Each runs once started by qemu directly, once through
# binfmt_misc. binfmt_misc is registered only in a user namespace of
# this suite's own (ids mapped 1:1), where the kernel (6.7 and later) gives a
# private instance: the machine's binfmt_misc is never changed. The fixture
# databases are mounted over /etc/passwd and /etc/group in a private mount
# namespace. TAP output (lib.sh); exits non-zero on any failure.

TESTS=$(cd "$(dirname "$0")" && pwd)
FIX=$TESTS/fixtures
. "$TESTS/lib.sh"
sealed_env

# Debian names it qemu-x86_64-static, Alpine qemu-x86_64.
FOREIGN=${QEMU:+yes}
QEMU=${QEMU:-$(command -v qemu-x86_64-static || echo qemu-x86_64)}
# Each row's name starts with the architecture when it is another's.
ARCH=${ARCH:+$ARCH }
# Seconds before a run that should have ended at once is killed.
LIMIT=20

main() {
	need_root "the emulation suite"
	[ -n "$FOREIGN" ] || [ "$(uname -m)" = x86_64 ] ||
		skip_all "same-arch emulation: qemu-x86_64-static needs an x86_64 machine"
	case $# in
	0) set -- "$TESTS/../su-exec-static" "$TESTS/bindport-static" "$TESTS/unit/check_privdrop" ;;
	3 | 4) ;;
	*)
		echo "usage: sh tests/emulation.sh [SU_EXEC_STATIC BINDPORT_STATIC UNIT_TESTS [BUSYBOX]]" >&2
		exit 2
		;;
	esac
	QEMU=$(command -v "$QEMU" || echo "$QEMU")
	setup "$@"
	missing=0
	require_tools "$QEMU" unshare timeout mount busybox
	need_built "su-exec-static tests/bindport-static tests/unit/check_privdrop" "$@" || missing=1
	[ "$missing" -eq 0 ] || finish emulation
	binfmt_prerequisite
	for mode in direct binfmt; do
		[ "$mode" = direct ] || [ "$BINFMT" = 1 ] || continue
		emulated "$mode"
		identities "$mode"
		capabilities "$mode"
		init_rows "$mode"
	done
	unit_tests "$3"
	finish emulation
}

setup() {
	work_dir su-exec-emulation
	mkdir -p "$W/bin" "$W/etc/app"
	cp "$FIX/emulation/passwd" "$FIX/emulation/group" "$W/etc/app/"
	cp "$1" "$W/bin/su-exec-static" 2>/dev/null
	cp "$1" "$W/bin/su-exec.qemu" 2>/dev/null
	cp "$2" "$W/bin/bindport" 2>/dev/null
	cp "$2" "$W/bin/bindport.qemu" 2>/dev/null
	cp "${4:-$(command -v busybox)}" "$W/bin/busybox.qemu" 2>/dev/null
	# binfmt-ns COMMAND...: COMMAND in a user namespace with ids 0-4294967294
	# mapped to themselves (so root there can still become any user), whose
	# private binfmt_misc runs *.qemu files under qemu. Its parent writes the
	# maps, then says go. The F flag opens qemu now, so it runs in any root.
	cat >"$W/binfmt-ns" <<END
go=\$(mktemp -u $W/go.XXXXXX) && mkfifo "\$go" || exit 99
unshare --user --mount --propagation private sh -c '
read -r _ <"\$0" && rm -f "\$0" &&
mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc &&
echo ":su-exec-emulation:E::qemu::$QEMU:F" >/proc/sys/fs/binfmt_misc/register ||
	{ echo "harness: no private binfmt_misc" >&2; exit 99; }
exec "\$@"' "\$go" "\$@" &
pid=\$!
# The maps are for the new namespace: wait (a state only /proc shows) until it is there.
i=0
while [ "\$(readlink /proc/\$pid/ns/user)" = "\$(readlink /proc/self/ns/user)" ] && [ \$i -lt 1000 ]; do
	i=\$((i + 1))
	sleep 0.01
done
echo "0 0 4294967295" >/proc/\$pid/uid_map && echo "0 0 4294967295" >/proc/\$pid/gid_map
echo go >"\$go"
wait \$pid
END
}

# in_binfmt [OPTION...] -- COMMAND...: ns_run in binfmt-ns's user namespace.
in_binfmt() {
	(NS_OUTER="sh $W/binfmt-ns" && ns_run -t "$LIMIT" "$@")
}

# A private binfmt_misc: a kernel before 6.7 has none, and the binfmt rows are
# then skipped, loudly (registering on the machine's is not done).
binfmt_prerequisite() {
	BINFMT=0
	out=$(in_binfmt -- cat /proc/sys/fs/binfmt_misc/su-exec-emulation 2>&1)
	case $out in
	*"interpreter $QEMU"*) BINFMT=1 ;;
	*) skip "${ARCH}binfmt: every row" "no private binfmt_misc in a user namespace here: $out" ;;
	esac
	check "${ARCH}binfmt: the machine's binfmt_misc has no su-exec-emulation entry" absent \
		"$([ -e /proc/sys/fs/binfmt_misc/su-exec-emulation ] && echo present || echo absent)"
}

# qemu_run MODE NS-OPTIONS ARG...: su-exec-static ARG... under qemu, started by it
# directly or through binfmt_misc (whose user namespace is made in front of
# unshare), by ns_run with NS-OPTIONS (words or empty) over the fixtures. Sets
# RC; the output is in $W/out and $W/err.
qemu_run() {
	mode=$1 r_opts=$2
	shift 2
	case $mode in
	direct) set -- "$QEMU" "$W/bin/su-exec-static" "$@" ;;
	binfmt) set -- "$W/bin/su-exec.qemu" "$@" ;;
	esac
	r_in=ns_run
	[ "$mode" = direct ] || r_in=in_binfmt
	(export HOME=/wrong FOO=passthrough && $r_in -t "$LIMIT" $r_opts -f "$W/etc/app/passwd" \
		"$W/etc/app/group" -- "$@" </dev/null >"$W/out" 2>"$W/err")
	RC=$?
}

# emulated MODE cmd...: cmd as run in MODE without su-exec (the command rows).
under() {
	case $1 in
	direct) echo "$QEMU $W/bin/$2" ;;
	binfmt) echo "$W/bin/$2.qemu" ;;
	esac
}

# The control: qemu's own thread is there, so these rows test what they say.
emulated() {
	qemu_run "$1" "" --version
	case $1 in
	direct) HOME=/ timeout "$LIMIT" "$QEMU" "$W/bin/busybox.qemu" cat /proc/self/status >"$W/out" ;;
	binfmt) in_binfmt -- "$W/bin/busybox.qemu" cat /proc/self/status >"$W/out" ;;
	esac
	check "$ARCH$1: control: a program under qemu has a second thread, qemu's" "Threads: 2" \
		"$(awk '$1 == "Threads:" { print $1, $2 }' "$W/out")"
}

identities() {
	qemu_run "$1" "" nobody true
	expect_output "$ARCH$1: su-exec nobody true" 0 ""
	qemu_run "$1" "" nobody id
	expect_output "$ARCH$1: su-exec nobody id" 0 "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)"
	qemu_run "$1" "" nobody sh -c "$OBSERVE"
	expect_identity "$ARCH$1: su-exec nobody: the kernel's ids, groups and capabilities" \
		"65534 65534 65534 /nonexistent"
	qemu_run "$1" "" app:app id
	expect_output "$ARCH$1: su-exec app:app id" 0 "uid=1234(app) gid=1234(app) groups=1234(app)"
	qemu_run "$1" "" app sh -c "$OBSERVE"
	expect_identity "$ARCH$1: su-exec app: the kernel's ids and both groups" "1234 1234 1234,2000 /home/app"
}

capabilities() {
	qemu_run "$1" -n -k net_bind_service nobody $(under "$1" bindport)
	expect_output "$ARCH$1: su-exec -k net_bind_service nobody binds port 80 (bindport under qemu too)" 0 \
		"bound 127.0.0.1:80, heard hello"
	qemu_run "$1" -n nobody $(under "$1" bindport)
	check "$ARCH$1: su-exec nobody without -k cannot bind port 80" \
		"exit 1, stdout \"bind 127.0.0.1:80: EACCES (Permission denied)\", stderr \"\"" "$(got)"
	qemu_run "$1" "" -b nobody grep -E '^Cap(Bnd|Amb)' /proc/self/status
	expect_output "$ARCH$1: su-exec -b nobody: an empty bounding set" 0 "$(printf 'CapBnd:\t0000000000000000\nCapAmb:\t0000000000000000')"
	qemu_run "$1" "" -n nobody grep NoNewPrivs /proc/self/status
	expect_output "$ARCH$1: su-exec -n nobody: no_new_privs" 0 "$(printf 'NoNewPrivs:\t1')"
	qemu_run "$1" "" -b -n -k net_bind_service app grep -E '^(Cap(Prm|Eff|Bnd|Amb)|NoNewPrivs)' /proc/self/status
	expect_output "$ARCH$1: su-exec -b -n -k net_bind_service app: only that capability, no_new_privs" 0 \
		"$(printf 'CapPrm:\t0000000000000400\nCapEff:\t0000000000000400\nCapBnd:\t0000000000000400\nCapAmb:\t0000000000000400\nNoNewPrivs:\t1')"
}

# The command signals its parent, the init, which forwards the signal back:
# it exits 42 on it, after stopping its sleep, which only keeps it waiting.
FORWARD='sleep 1000 & trap "kill \$!; exit 42" TERM; kill -TERM $PPID; wait'

init_rows() {
	qemu_run "$1" -p --init app sh -c 'echo "$PPID $(id -u)"; exit 7'
	expect_output "$ARCH$1: --init as PID 1: the command runs as app under it, its status comes back" 7 "1 1234"
	qemu_run "$1" -p --init app sh -c "$FORWARD"
	expect_output "$ARCH$1: --init as PID 1: a signal to the init reaches the command" 42 ""
	qemu_run "$1" "" --init app sh -c 'exit 7'
	expect_output "$ARCH$1: --init not as PID 1: the command's status comes back" 7 ""
	qemu_run "$1" "" --init app sh -c "$FORWARD"
	expect_output "$ARCH$1: --init not as PID 1: a signal to the init reaches the command" 42 ""
	qemu_run "$1" "" -v --init app true
	check "$ARCH$1: --init -v not as PID 1: says it is no subreaper, in a line of its own" \
		"exit 0, su-exec: init: not a child subreaper, orphans pass it by: prctl(PR_GET_CHILD_SUBREAPER): Invalid argument" \
		"exit $RC, $(sed -n 2p "$W/err")"
}

# The unit tests, dynamic, under qemu with the host's libraries (-L /).
unit_tests() {
	timeout -k 1 120 "$QEMU" -L / "$1" >"$W/out" 2>&1
	RC=$?
	check "${ARCH}the unit tests pass under qemu" "exit 0, 100%" \
		"exit $RC, $(grep -o '^[0-9]*%' "$W/out")$(grep -E ':(F|E):' "$W/out" | head -3)"
}

main "$@"
