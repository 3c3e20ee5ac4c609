#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: sh tests/arch/run.sh ARCH SU_EXEC TESTS [SECONDS]   (make check-arch ARCH=...)
#
# Boots Debian's own kernel for Debian architecture ARCH under qemu-system
# (tests/arch/qemu.sh) with a busybox initramfs holding SU_EXEC, ARCH's
# static binary, and the unit tests and helpers in the folder TESTS (make
# static-tests ARCH=...): tests/arch/guest.sh builds it, tests/arch/rows.sh
# is what runs inside, as root. Kernel and busybox are fetched into
# build/arch/ARCH once (mk/arch-kernel.sh, mk/busybox-cross.sh). The
# guest's TAP lines come back on the console (kept in
# build/arch/ARCH/console.log) and are relayed here, each named for ARCH;
# a guest that stops early, or a qemu that does not power off by itself
# within SECONDS (default 900), fails. TAP (lib.sh); any user.
set -u
LC_ALL=C
export LC_ALL

[ $# -ge 3 ] || { echo "usage: sh tests/arch/run.sh ARCH SU_EXEC TESTS [SECONDS]" >&2; exit 2; }
arch=$1 su=$2 tests=$3 seconds=${4:-900}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib.sh"
d=$top/build/arch/$arch

# relay LINE: one of the guest's lines, as this suite's.
relay() {
	case $1 in
	"ok "[0-9]*) T_N=$((T_N + 1)) T_PASS=$((T_PASS + 1))
		echo "ok $T_N - $arch: ${1#ok * - }" ;;
	"not ok "[0-9]*) T_N=$((T_N + 1)) T_FAIL=$((T_FAIL + 1))
		echo "not ok $T_N - $arch: ${1#not ok * - }" ;;
	"# "*) echo "# $arch: ${1#\# }" ;;
	esac
}

missing=0
require_tools python3 timeout "$(sh "$here/qemu.sh" "$arch" --name)"
need_built "static static-tests ARCH=$arch" "$su" "$tests/check_privdrop" "$tests/bindport" "$tests/zombies" ||
	missing=1
[ "$missing" -eq 0 ] || finish "arch $arch"
mkdir -p "$d"
{ sh "$top/mk/arch-kernel.sh" "$arch" "$d/kernel" && sh "$top/mk/busybox-cross.sh" "$arch" "$d/busybox"; } \
	>"$d.fetch.log" 2>&1
check "Debian's kernel and busybox for $arch" 0 "$?"
sh "$here/guest.sh" "$d/root" "$d/busybox/busybox" "$su" "$tests" &&
	python3 "$top/mk/initramfs.py" "$d/root" "$d/initrd.cpio"
check "the guest's initramfs" 0 "$?"

start=$(date +%s)
sh "$here/qemu.sh" "$arch" "$d/kernel/vmlinuz" "$d/initrd.cpio" "$seconds" </dev/null >"$d/console.log" 2>&1
rc=$?
echo "# $arch: kernel $(cat "$d/kernel/VERSION" 2>/dev/null), $(($(date +%s) - start)) s from boot to power-off"
tr -d '\r' <"$d/console.log" >"$d/console.txt"
guest=$T_N
while IFS= read -r line; do
	relay "$line"
done <"$d/console.txt"
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$d/console.txt" | tail -n 1)
check "$arch: the guest ran every row it planned and said so" "rows ${plan:-none}, arch-done: 0" \
	"rows $((T_N - guest)), $(grep -o '^arch-done: [0-9]*' "$d/console.txt" || echo 'no arch-done line')"
check "$arch: qemu powered off by itself within $seconds s" 0 "$rc"
[ "$T_FAIL" -eq 0 ] || echo "# $arch: the console is in $d/console.log"
finish "arch $arch"
