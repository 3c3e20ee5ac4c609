#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/arch-kernel.sh ARCH DIR
#
# Puts a Debian kernel for Debian architecture ARCH into DIR, to boot under
# qemu-system (tests/arch/qemu.sh): DIR/vmlinuz (the image alone, out of the
# linux-image-<version>-<flavour> package the flavour's metapackage names)
# DIR/VERSION (that package's version) and DIR/PACKAGE (its name). The packages come with
# `apt-get download` through a private apt state in DIR/apt
# (mk/apt-private.sh); the .debs are deleted after. Suite bookworm, but
# trixie for riscv64, which bookworm's main archive has no kernel for.
# armel takes armhf's armmp kernel: Debian's armel flavours (marvell, rpi)
# have no qemu board, and an ARMv7 kernel runs ARMv5 EABI binaries.
# Fetched once; `rm -rf DIR` fetches again.
set -eu

[ $# -eq 2 ] || { echo "usage: mk/arch-kernel.sh ARCH DIR" >&2; exit 2; }
arch=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
mk=$(cd "$(dirname "$0")" && pwd)
[ -s "$out/vmlinuz" ] && [ -s "$out/VERSION" ] && exit 0

suite=bookworm karch=$arch
case $arch in
amd64) flavour=amd64 ;;
i386) flavour=686 ;;
arm64) flavour=arm64 ;;
armhf | armel) flavour=armmp karch=armhf ;;
ppc64el) flavour=powerpc64le ;;
s390x) flavour=s390x ;;
riscv64) flavour=riscv64 suite=trixie ;;
*) echo "arch-kernel: no kernel flavour for $arch" >&2; exit 2 ;;
esac
apt() { sh "$mk/apt-private.sh" "$out/apt" "$karch" "$suite" "$@"; }

rm -rf "$out/debs" "$out/root"
mkdir -p "$out/debs"
apt update >"$out/log" 2>&1
(cd "$out/debs" && apt download "linux-image-$flavour:$karch") >>"$out/log" 2>&1
# The metapackage depends on the real package first: linux-image-<v>-<flavour>.
pkg=$(dpkg-deb -f "$out"/debs/linux-image-"$flavour"_*.deb Depends |
	tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -m1 "^linux-image-.*-$flavour$")
(cd "$out/debs" && apt download "$pkg:$karch") >>"$out/log" 2>&1
deb=$(ls "$out"/debs/"$pkg"_*.deb)
mkdir -p "$out/root"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out/root" --wildcards './boot/vmlinu*'
set -- "$out"/root/boot/vmlinu*
mv "$1" "$out/vmlinuz.tmp"
dpkg-deb -f "$deb" Version >"$out/VERSION.tmp"
echo "$pkg" >"$out/PACKAGE"
rm -rf "$out/debs" "$out/root"
mv "$out/vmlinuz.tmp" "$out/vmlinuz"
mv "$out/VERSION.tmp" "$out/VERSION"
echo "arch-kernel: $pkg $(cat "$out/VERSION") for $arch in $out"
