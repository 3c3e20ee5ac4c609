#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: sh /tests/rows.sh   (in the test guest: tests/arch/guest.sh puts it there)
#
# The rows make check-arch runs on an architecture's own kernel, as root in
# a busybox guest whose /etc holds tests/fixtures/arch: the unit tests, then
# the real static binary: the kernel's ids after a drop to a user, to
# user:group and to a user in 64 groups, -k net_bind_service binding port
# 80 as that user, -b and -n as /proc shows them, --init forwarding a
# signal, reaping orphaned zombies and passing the exit status (as PID 1 and
# as a subreaper), and the exit codes 125, 126 and 127. TAP (lib.sh), read
# back from the console by tests/arch/run.sh.

. /tests/lib.sh
SU=/bin/su-exec
# Seconds a row may take on an emulated CPU before it counts as hung.
LIMIT=120

# guest_run ARG...: su-exec ARG..., its exit status, stdout and stderr in one line.
guest_run() {
	out=$(timeout "$LIMIT" "$SU" "$@" 2>/tmp/err </dev/null)
	echo "exit $?, stdout \"$out\", stderr \"$(cat /tmp/err)\""
}

# What the kernel says of the command: real, effective, saved and fs ids,
# groups (counted), and the capability sets named.
IDS='set -- $(grep ^Groups: /proc/self/status)
echo "$(grep -E "^(Uid|Gid):" /proc/self/status | tr -s "\t" " " | tr "\n" " ")groups $(($# - 1)) first $2 last $(eval echo \${$#})"'

unit_tests() {
	out=$(cd / && CK_TIMEOUT_MULTIPLIER=20 timeout 1800 /tests/check_privdrop 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^[0-9]+%|:(F|E):' | sed 's/^/# /'
	check "the unit tests pass" "exit 0, 100%" \
		"exit $rc, $(printf '%s\n' "$out" | grep -o '^[0-9]*%')$(printf '%s\n' "$out" | grep -E ':(F|E):' | head -3)"
}

identities() {
	check "su-exec nobody true" 'exit 0, stdout "", stderr ""' "$(guest_run nobody true)"
	check "su-exec app: the kernel's ids, app's groups" \
		'exit 0, stdout "Uid: 1234 1234 1234 1234 Gid: 1234 1234 1234 1234 groups 2 first 1234 last 2000", stderr ""' \
		"$(guest_run app sh -c "$IDS")"
	check "su-exec app:nogroup: that group alone" \
		'exit 0, stdout "Uid: 1234 1234 1234 1234 Gid: 65534 65534 65534 65534 groups 1 first 65534 last 65534", stderr ""' \
		"$(guest_run app:nogroup sh -c "$IDS")"
	check "su-exec many: a user in 64 groups and its own" \
		'exit 0, stdout "Uid: 3000 3000 3000 3000 Gid: 3000 3000 3000 3000 groups 65 first 3000 last 3064", stderr ""' \
		"$(guest_run many sh -c "$IDS")"
	check "su-exec 1234:2000 (numbers): those ids, that group alone" \
		'exit 0, stdout "Uid: 1234 1234 1234 1234 Gid: 2000 2000 2000 2000 groups 1 first 2000 last 2000", stderr ""' \
		"$(guest_run 1234:2000 sh -c "$IDS")"
}

capabilities() {
	check "su-exec -k net_bind_service app binds port 80" \
		'exit 0, stdout "bound 127.0.0.1:80, heard hello", stderr ""' \
		"$(guest_run -k net_bind_service app /tests/bindport)"
	check "su-exec app without -k cannot bind port 80" \
		'exit 1, stdout "bind 127.0.0.1:80: EACCES (Permission denied)", stderr ""' "$(guest_run app /tests/bindport)"
	check "su-exec -b app: nothing in any set, the bounding set empty" \
		"exit 0, stdout \"$(printf 'CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nCapAmb:\t0000000000000000')\", stderr \"\"" \
		"$(guest_run -b app grep ^Cap /proc/self/status)"
	check "su-exec -n app: no_new_privs" "exit 0, stdout \"$(printf 'NoNewPrivs:\t1')\", stderr \"\"" \
		"$(guest_run -n app grep ^NoNewPrivs /proc/self/status)"
	check "su-exec -b -n -k net_bind_service app: that capability alone, no_new_privs" \
		"exit 0, stdout \"$(printf 'CapPrm:\t0000000000000400\nCapEff:\t0000000000000400\nCapBnd:\t0000000000000400\nCapAmb:\t0000000000000400\nNoNewPrivs:\t1')\", stderr \"\"" \
		"$(guest_run -b -n -k net_bind_service app grep -E '^(Cap(Prm|Eff|Bnd|Amb)|NoNewPrivs)' /proc/self/status)"
}

# The command signals its parent, the init, which forwards the signal back:
# it exits 42 on it, after stopping its sleep, which only keeps it waiting.
FORWARD='sleep 1000 & trap "kill \$!; exit 42" TERM; kill -TERM $PPID; wait'


init_rows() {
	pid1="unshare --pid --fork --mount-proc"
	check "--init as PID 1: the command runs as app under it, its status comes back" \
		'exit 7, stdout "1 1234", stderr ""' \
		"$(out=$(timeout "$LIMIT" $pid1 "$SU" --init app sh -c 'echo "$PPID $(id -u)"; exit 7' 2>/tmp/err)
			echo "exit $?, stdout \"$out\", stderr \"$(cat /tmp/err)\"")"
	check "--init as PID 1: a signal to the init reaches the command" 'exit 42, stdout "", stderr ""' \
		"$(out=$(timeout "$LIMIT" $pid1 "$SU" --init app sh -c "$FORWARD" 2>/tmp/err)
			echo "exit $?, stdout \"$out\", stderr \"$(cat /tmp/err)\"")"
	check "--init as PID 1: 100 orphaned zombies are reaped" 'exit 0, stdout "", stderr ""' \
		"$(out=$(timeout "$LIMIT" $pid1 "$SU" --init app sh -c "$ZOMBIES" /tests/zombies 100 2>/tmp/err)
			echo "exit $?, stdout \"$out\", stderr \"$(cat /tmp/err)\"")"
	check "--init not as PID 1: the command's status comes back" 'exit 7, stdout "", stderr ""' \
		"$(guest_run --init app sh -c 'exit 7')"
	check "--init not as PID 1: a signal to the init reaches the command" 'exit 42, stdout "", stderr ""' \
		"$(guest_run --init app sh -c "$FORWARD")"
	check "--init as a subreaper: 100 orphaned zombies are reaped" 'exit 0, stdout "", stderr ""' \
		"$(guest_run --init app sh -c "$ZOMBIES" /tests/zombies 100)"
}

exit_codes() {
	check "an unknown user: 125" \
		"exit 125, stdout \"\", stderr \"su-exec: 'nosuch': no such user\"" "$(guest_run nosuch true)"
	check "a command that is not executable: 126" \
		"exit 126, stdout \"\", stderr \"su-exec: '/etc/passwd': Permission denied\"" "$(guest_run app /etc/passwd)"
	check "a command that is not there: 127" \
		"exit 127, stdout \"\", stderr \"su-exec: '/nonexistent': No such file or directory\"" "$(guest_run app /nonexistent)"
}

echo "# $(uname -m) $(uname -r); $("$SU" -V)"
unit_tests
identities
capabilities
init_rows
exit_codes
finish arch
