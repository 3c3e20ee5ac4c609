#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/busybox-cross.sh ARCH DIR
#
# Puts Debian's static busybox for Debian architecture ARCH into DIR:
# DIR/busybox (the binary alone, out of busybox-static:ARCH) and
# DIR/VERSION (the package's version), for a test guest's initramfs
# (mk/initramfs.py). The package comes with `apt-get download` through a
# private apt state in DIR/apt (mk/apt-private.sh) and is deleted after.
# Suite bookworm, or trixie where bookworm has no busybox-static for ARCH.
# Fetched once; `rm -rf DIR` fetches again.
set -eu

[ $# -eq 2 ] || { echo "usage: mk/busybox-cross.sh ARCH DIR" >&2; exit 2; }
arch=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
mk=$(cd "$(dirname "$0")" && pwd)
[ -s "$out/busybox" ] && [ -s "$out/VERSION" ] && exit 0

rm -rf "$out/debs" "$out/root"
mkdir -p "$out/debs"
: >"$out/log"
for suite in bookworm trixie; do
	sh "$mk/apt-private.sh" "$out/apt/$suite" "$arch" "$suite" update >>"$out/log" 2>&1
	(cd "$out/debs" && sh "$mk/apt-private.sh" "$out/apt/$suite" "$arch" "$suite" \
		download "busybox-static:$arch") >>"$out/log" 2>&1 && break
done
deb=$(ls "$out"/debs/busybox-static_*.deb) ||
	{ echo "busybox-cross: no busybox-static:$arch (see $out/log)" >&2; exit 1; }
mkdir -p "$out/root"
# bookworm's is /bin/busybox, trixie's (merged /usr) /usr/bin/busybox.
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out/root" --wildcards './bin/busybox' './usr/bin/busybox' 2>/dev/null || :
for bin in "$out"/root/bin/busybox "$out"/root/usr/bin/busybox; do
	[ ! -f "$bin" ] || mv "$bin" "$out/busybox.tmp"
done
dpkg-deb -f "$deb" Version >"$out/VERSION.tmp"
rm -rf "$out/debs" "$out/root"
mv "$out/busybox.tmp" "$out/busybox"
mv "$out/VERSION.tmp" "$out/VERSION"
echo "busybox-cross: busybox $(cat "$out/VERSION") for $arch in $out"
