#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: tests/arch/qemu.sh ARCH KERNEL INITRD SECONDS
#        tests/arch/qemu.sh ARCH --name   (prints the qemu-system program alone)
#
# Boots KERNEL with INITRD on the qemu-system machine for Debian
# architecture ARCH, emulated (TCG), with 512 MiB, one CPU, no network, no
# disks and no display: the guest's console is this stdout. The kernel
# command line names the machine's console and runs the initramfs's /init;
# a kernel panic powers off rather than reboots. qemu runs under
# `timeout SECONDS`; the exit status is qemu's, 124 on timeout.
set -eu

[ $# -eq 4 ] || [ "${2:-}" = --name ] ||
	{ echo "usage: tests/arch/qemu.sh ARCH KERNEL INITRD SECONDS" >&2; exit 2; }
arch=$1 kernel=$2 initrd=${3:-} seconds=${4:-}
case $arch in
amd64) set -- qemu-system-x86_64 -M pc -vga none; console=ttyS0 ;;
i386) set -- qemu-system-i386 -M pc -vga none; console=ttyS0 ;;
arm64) set -- qemu-system-aarch64 -M virt -cpu cortex-a57; console=ttyAMA0 ;;
armhf | armel) set -- qemu-system-arm -M virt,highmem=off -cpu cortex-a15; console=ttyAMA0 ;;
ppc64el) set -- qemu-system-ppc64 \
		-M pseries,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off -cpu power9 -vga none; console=hvc0 ;;
s390x) set -- qemu-system-s390x -M s390-ccw-virtio; console=ttysclp0 ;;
riscv64) set -- qemu-system-riscv64 -M virt -bios default; console=ttyS0 ;;
*) echo "qemu: no machine for $arch" >&2; exit 2 ;;
esac
[ "$kernel" != --name ] || { echo "$1"; exit 0; }
exec timeout "$seconds" "$@" -accel tcg -smp 1 -m 512 -nographic -no-reboot -nic none \
	-kernel "$kernel" -initrd "$initrd" -append "console=$console panic=-1 rdinit=/init quiet"
