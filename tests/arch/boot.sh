#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: tests/arch/boot.sh ARCH [SECONDS]
#
# Boots the test guest (tests/arch/guest.sh) on Debian's kernel for ARCH
# under qemu (tests/arch/qemu.sh), fetching kernel and busybox into
# build/arch/ARCH first (mk/arch-kernel.sh, mk/busybox-cross.sh). Passes
# when the guest prints its `arch-boot:` line and qemu exits 0 by itself
# within SECONDS (default 300); the console is kept in
# build/arch/ARCH/console.log.
set -eu

[ $# -ge 1 ] || { echo "usage: tests/arch/boot.sh ARCH [SECONDS]" >&2; exit 2; }
arch=$1 seconds=${2:-300}
top=$(cd "$(dirname "$0")/../.." && pwd)
d=$top/build/arch/$arch
sh "$top/mk/arch-kernel.sh" "$arch" "$d/kernel"
sh "$top/mk/busybox-cross.sh" "$arch" "$d/busybox"
sh "$top/tests/arch/guest.sh" "$d/busybox/busybox" "$d/initrd.cpio"
start=$(date +%s.%N)
rc=0
sh "$top/tests/arch/qemu.sh" "$arch" "$d/kernel/vmlinuz" "$d/initrd.cpio" "$seconds" \
	</dev/null >"$d/console.log" 2>&1 || rc=$?
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
grep -a '^arch-boot: ' "$d/console.log" | tr -d '\r' | sed "s/^/$arch: /"
line=$(grep -a '^arch-boot: [^ ]* [^ ]*$' "$d/console.log" || :)
if [ "$rc" -eq 0 ] && [ -n "$line" ]; then
	echo "PASS: $arch boots and powers off in ${took}s"
else
	echo "FAIL: $arch: qemu exit $rc after ${took}s; see $d/console.log" >&2
	exit 1
fi
