#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# The library as another program gets it, run as root from the repo root:
#
#	sh tests/library.sh
#
# Installs into a DESTDIR under a temporary directory, builds tests/threads.c
# and examples/daemon.c against that copy with pkg-config, and runs them as
# root in a private mount namespace with fixture /etc/passwd and /etc/group
# mounted over the machine's (the daemon also in a new network namespace):
# every thread switched, capability options refused with a second thread,
# the daemon served as its user and could not bind another low port. Checks
# that libprivdrop.so.0 exports only privdrop.h's functions, each with the
# version node of privdrop/privdrop.map, and that its ABI is the baseline's
# (abidiff against privdrop/libprivdrop.abi; `make abi-baseline` rewrites it
# when a change is meant), that
# uninstall removes everything, and that installing with PREFIX=/usr gives a
# privdrop.pc naming /usr's folders. Prints one line per test and, last,
# "library: N passed, N failed".

TESTS=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$TESTS")
. "$TESTS/lib.sh"
sealed_env

MAKE=${MAKE:-make}
CC=${CC:-cc}
# The public functions, as the version script lists them (check-docs holds it
# to privdrop.h and privdrop(3)).
PUBLIC=$(sed -n 's/^[[:space:]]*\(pd_[a-z_]*\);$/\1/p' "$ROOT/privdrop/privdrop.map")

# Every run (ns_run) has the fixtures over /etc/passwd and /etc/group.
NS_FLAGS="-f $TESTS/fixtures/library/passwd $TESTS/fixtures/library/group"

main() {
	need_root "the library suite"
	work_dir privdrop-library
	DEST=$W/dest
	missing=
	require_tools pkg-config "$CC" unshare busybox nm abidiff
	[ -x "$ROOT/tests/faultinj" ] || $MAKE -s -C "$ROOT" tests/faultinj >/dev/null
	[ -z "$missing" ] || finish library
	install_lib
	build_programs
	threads_plain
	threads_refused
	threads_without_proc
	threads_unshare_forbidden
	threads_keeping
	daemon
	exports
	uninstall_lib
	pc_paths
	finish library
}

install_lib() {
	if $MAKE -s -C "$ROOT" install-lib DESTDIR="$DEST" PREFIX=/usr/local >"$W/make.log" 2>&1; then
		pass "make install-lib DESTDIR=..."
	else
		fail "make install-lib DESTDIR=..." "exit 0" "$(tail -5 "$W/make.log")"
	fi
	LIB=$DEST/usr/local/lib
	check "installed files" \
		"include/privdrop.h lib/libprivdrop.a lib/libprivdrop.so lib/libprivdrop.so.0 lib/pkgconfig/privdrop.pc share/man/man3/privdrop.3" \
		"$(cd "$DEST/usr/local" 2>/dev/null && find . \( -type f -o -type l \) | sed 's|^\./||' | sort | paste -sd' ' -)"
	check "libprivdrop.so is a link to the soname" "libprivdrop.so.0" "$(readlink "$LIB/libprivdrop.so")"
	check "soname" "libprivdrop.so.0" \
		"$(objdump -p "$LIB/libprivdrop.so.0" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')"
}

# The DESTDIR copy is a sysroot to pkg-config: its paths get DEST in front.
build_programs() {
	flags=$(PKG_CONFIG_SYSROOT_DIR=$DEST PKG_CONFIG_PATH=$LIB/pkgconfig \
		pkg-config --cflags --libs privdrop)
	# Requires.private adds libcap-ng's include dir, under the sysroot too.
	check "pkg-config --cflags --libs privdrop" "-I$DEST/usr/local/include -L$LIB -lprivdrop" \
		"$(for w in $flags; do case $w in *local* | -lprivdrop) echo "$w" ;; esac; done | paste -sd' ' -)"
	for prog in tests/threads.c examples/daemon.c; do
		out=$W/$(basename "$prog" .c)
		if $CC -std=c11 -Wall -Wextra -Werror -o "$out" "$ROOT/$prog" $flags -pthread \
			-Wl,-rpath,"$LIB" >"$W/cc.log" 2>&1; then
			pass "$prog builds against the installed library"
		else
			fail "$prog builds against the installed library" "no errors" "$(cat "$W/cc.log")"
		fi
	done
	check "threads runs with the installed libprivdrop.so.0" "$LIB/libprivdrop.so.0" \
		"$(ldd "$W/threads" | awk '$1 == "libprivdrop.so.0" { print $3 }')"
}


threads_plain() {
	ns_capture -- "$W/threads" app
	both_switched "plain drop"
	# Keeping nothing for a non-root user is what the uid change does to
	# every thread anyway, so it needs no single thread.
	ns_capture -- "$W/threads" app 0
	both_switched "options keeping nothing"
}

both_switched() {
	check "$1 with a worker thread: exit status" "exit 0, stderr []" "exit $RC, stderr [$(cat "$W/err")]"
	for who in main worker; do
		check "$1: the $who thread switched" \
			"$who: uid=1000/1000/1000 gid=1000/1000/1000 groups=1000,1500 caps=0/0/0" \
			"$(grep "^$who:" "$W/out")"
	done
}

# Capabilities are per thread: with a second thread, options are refused
# before anything changes.
threads_refused() {
	for row in "app 0x400" "0:0 0"; do
		ns_capture -- "$W/threads" $row
		check "options \"$row\" with a worker thread: refused" \
			"125 threads: capability options need a process with one thread: drop privileges before starting threads" \
			"$RC $(cat "$W/err")"
		check "options \"$row\" refused: both threads still root" "2" \
			"$(grep -c '^[a-z]*: uid=0/0/0 gid=0/0/0 ' "$W/out")"
	done
}

# Without /proc nothing shows another thread's capabilities, which a thread
# can keep through the uid change: with a second thread, even a plain drop is
# refused before anything changes. The kernel still tells one thread from two.
threads_without_proc() {
	for mode in "" nofixup inherit; do
		ns_capture -P -- "$W/threads" app - $mode
		check "without /proc${mode:+, $mode}: plain drop with a worker thread refused" \
			"125 threads: /proc/self/task: cannot read the other threads back: /proc is not mounted" \
			"$RC $(cat "$W/err")"
		check "without /proc${mode:+, $mode}, refused: both threads still root" "2" \
			"$(grep -c '^[a-z]*: uid=0/0/0 gid=0/0/0 ' "$W/out")"
	done
	ns_capture -P -- "$W/threads" app - alone
	check "without /proc, one thread: plain drop" \
		"exit 0, stderr [], main: uid=1000/1000/1000 gid=1000/1000/1000 groups=1000,1500 caps=0/0/0" \
		"exit $RC, stderr [$(cat "$W/err")], $(cat "$W/out")"
	ns_capture -P -- "$W/threads" app 0x400
	check "without /proc: options refused with a worker thread" \
		"125 threads: capability options need a process with one thread: drop privileges before starting threads" \
		"$RC $(cat "$W/err")"
	ns_capture -P -- "$W/threads" app 0x400 alone
	check "without /proc, one thread: net_bind_service kept, nothing else" \
		"exit 0, stderr [], main: uid=1000/1000/1000 gid=1000/1000/1000 groups=1000,1500 caps=400/400/400" \
		"exit $RC, stderr [$(cat "$W/err")], $(cat "$W/out")"
}

# Where a seccomp filter forbids unshare, the threads are counted in
# /proc/self/task instead; without /proc either, options are refused.
threads_unshare_forbidden() {
	FI="$ROOT/tests/faultinj unshare EPERM --"
	ns_capture -- $FI "$W/threads" app 0x400
	check "unshare forbidden: options refused with a worker thread, counted in /proc" \
		"125 threads: capability options need a process with one thread: drop privileges before starting threads" \
		"$RC $(cat "$W/err")"
	check "unshare forbidden, refused: both threads still root" "2" \
		"$(grep -c '^[a-z]*: uid=0/0/0 gid=0/0/0 ' "$W/out")"
	ns_capture -- $FI "$W/threads" app 0x400 alone
	check "unshare forbidden, one thread: net_bind_service kept, nothing else" \
		"exit 0, stderr [], main: uid=1000/1000/1000 gid=1000/1000/1000 groups=1000,1500 caps=400/400/400" \
		"exit $RC, stderr [$(cat "$W/err")], $(cat "$W/out")"
	ns_capture -P -- $FI "$W/threads" app 0x400 alone
	check "unshare forbidden and no /proc: options refused, even alone" \
		"125 threads: /proc/self/task: cannot count the threads: /proc is not mounted" \
		"$RC $(cat "$W/err")"
	ns_capture -P -- $FI "$W/threads" app - alone
	check "unshare forbidden and no /proc: a plain drop refused, even alone" \
		"125 threads: /proc/self/task: cannot count the threads: /proc is not mounted" \
		"$RC $(cat "$W/err")"
	# A tmpfs on /proc listing one thread must not pass for the kernel's.
	ns_capture -P -F -- $FI "$W/threads" app -
	check "unshare forbidden, a made-up /proc listing one thread: plain drop refused" \
		"125 threads: /proc/self/task: /proc is not the kernel's procfs" "$RC $(cat "$W/err")"
	check "a made-up /proc, refused: both threads still root" "2" \
		"$(grep -c '^[a-z]*: uid=0/0/0 gid=0/0/0 ' "$W/out")"
}

# A thread with SECBIT_NO_SETUID_FIXUP or an inheritable capability keeps it
# through the uid change; /proc shows it, and the drop fails.
threads_keeping() {
	for mode in nofixup inherit; do
		ns_capture -- "$W/threads" app - $mode
		check "$mode: plain drop with a worker thread fails" \
			"125 threads: verify: a thread's capabilities are not the ones asked for" \
			"$RC $(cat "$W/err")"
	done
}

# DAEMON: in a new network namespace, lo up, the daemon as app on port 80;
# one request over loopback once it says it listens. Its one line on stdout
# is the readiness handshake: read from a fifo, which ends at once (EOF) if
# the daemon dies first; a daemon that hangs is stopped by the timeout.
DAEMON='mkfifo "$1/daemon.fifo" || exit 97
"$0" app 80 >"$1/daemon.fifo" 2>"$1/daemon.err" &
pid=$!
IFS= read -r line <"$1/daemon.fifo"
printf "%s\n" "$line" >"$1/daemon.out"
printf "GET / HTTP/1.0\r\n\r\n" | busybox nc 127.0.0.1 80 | grep served
wait "$pid"
echo "daemon exit $?"'

daemon() {
	ns_capture -n -- sh -c "$DAEMON" "$W/daemon" "$W"
	check "daemon: dropped to app and could not bind port 81" \
		"daemon: listening on 80 as uid 1000; port 81 refused" "$(cat "$W/daemon.out" "$W/daemon.err")"
	check "daemon: served one request as uid 1000, then exited 0" \
		"served by uid 1000
daemon exit 0" "$(cat "$W/out")"
}

exports() {
	check "nm -D libprivdrop.so.0: only the public functions" "$(echo $PUBLIC | tr ' ' '\n' | sort)" \
		"$(nm -D --defined-only "$LIB/libprivdrop.so.0" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 } $2 != "T" && $2 != "A" { print "unexpected " $0 }' | sort)"
	node=$(sed -n 's/^\(PRIVDROP_[0-9.]*\) {$/\1/p' "$ROOT/privdrop/privdrop.map")
	check "every public function has the version node $node" "$(echo $PUBLIC | tr ' ' '\n' | sed "s/$/@@$node/" | sort)" \
		"$(nm -D --defined-only "$LIB/libprivdrop.so.0" | awk '$2 == "T" { print $3 }' | sort)"
	# Only the public header's types count: the plan is opaque, its layout the library's own.
	# The debug information names the header as the build saw it, privdrop/privdrop.h
	# (the tree's path is mapped away): the filter must name it so, from the top.
	out=$(cd "$ROOT" && abidiff --hf1 privdrop/privdrop.h --hf2 privdrop/privdrop.h \
		privdrop/libprivdrop.abi "$LIB/libprivdrop.so.0" 2>&1)
	check "abidiff: the installed library's ABI is privdrop/libprivdrop.abi's" "exit 0" \
		"exit $?$(printf '%s\n' "$out" | grep -v -e '^Functions changes summary: 0 Removed, 0 Changed' \
			-e '^Variables changes summary: 0 Removed, 0 Changed, 0 Added' -e '^$' | head -12)"
	# The check can fail (and the header filter hides nothing): a baseline from
	# before struct pd_error had its field member.
	awk '/<data-member/ { held = $0; next }
		held != "" { if ($0 ~ /name=\047field\047/) skip = 1; else print held; held = "" }
		skip && /<\/data-member>/ { skip = 0; next }
		!skip { print }' "$ROOT/privdrop/libprivdrop.abi" >"$W/older.abi"
	(cd "$ROOT" && abidiff --hf1 privdrop/privdrop.h --hf2 privdrop/privdrop.h "$W/older.abi" \
		"$LIB/libprivdrop.so.0") >"$W/abidiff.out" 2>&1
	rc=$?
	check "abidiff: against a baseline without pd_error's field, it fails and names the member" \
		"exit 4, 'pd_error_field field'" "exit $rc, $(grep -o "'pd_error_field field'" "$W/abidiff.out" | head -1)"
}

# The installed privdrop.pc names the folders install-lib put the files in,
# though the build made its own with the default prefix: read without a
# sysroot, as a package built with PREFIX=/usr is once installed.
pc_paths() {
	dest=$W/dest-usr
	$MAKE -s -C "$ROOT" install-lib DESTDIR="$dest" PREFIX=/usr >"$W/make.log" 2>&1 ||
		fail "make install-lib DESTDIR=... PREFIX=/usr" "exit 0" "$(tail -5 "$W/make.log")"
	for var in libdir:/usr/lib includedir:/usr/include; do
		check "PREFIX=/usr at install: pkg-config --variable=${var%%:*} privdrop" "${var#*:}" \
			"$(env -u PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig" \
				pkg-config --variable="${var%%:*}" privdrop 2>&1)"
	done
	$MAKE -s -C "$ROOT" uninstall DESTDIR="$dest" PREFIX=/usr >"$W/make.log" 2>&1
}

uninstall_lib() {
	$MAKE -s -C "$ROOT" uninstall DESTDIR="$DEST" PREFIX=/usr/local >"$W/make.log" 2>&1
	check_empty "make uninstall leaves no file" "$(find "$DEST" \( -type f -o -type l \) 2>&1)"
}

main "$@"
