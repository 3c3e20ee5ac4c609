#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/check-musl.sh DIR MUSL_CC [ARCH]
#
# Builds Check, the unit tests' framework, for musl from Debian's own source
# package into DIR: DIR/include/check.h (and check_stdint.h), DIR/lib/libcheck.a
# and DIR/VERSION. The unit tests then link statically and run where there
# is no libc to load: in a qemu-system guest of any architecture (make
# check-arch) and under qemu-user (make check-emulation). MUSL_CC is
# musl-gcc, or mk/musl-cross.sh's for another Debian architecture ARCH
# (--host=<triplet>). The source comes through a private apt state in DIR
# (mk/apt-private.sh), fetched once and kept in DIR/src.
set -eu

[ $# -ge 2 ] || { echo "usage: mk/check-musl.sh DIR MUSL_CC [ARCH]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cc=$2
mk=$(cd "$(dirname "$0")" && pwd)
arch=${3:-$(dpkg-architecture -qDEB_HOST_ARCH)}
host=
[ $# -lt 3 ] || host=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_TYPE 2>/dev/null)

fetch() {
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	mkdir -p "$out/src"
	sh "$mk/apt-private.sh" "$out/apt" "$arch" "$suite" update >"$out/log" 2>&1
	(cd "$out/src" && sh "$mk/apt-private.sh" "$out/apt" "$arch" "$suite" source --download-only check &&
		dpkg-source -x check_*.dsc check) >>"$out/log" 2>&1
}

# Static only, no subunit (the tests never stream to it), no debug paths.
build() {
	src=$out/src/check
	unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS
	(cd "$src" && { [ ! -e Makefile ] || make -s distclean; } &&
		./configure -q CC="$cc" CFLAGS="-Os -ffile-prefix-map=$src=check" \
		--disable-shared --enable-static --enable-subunit=no --disable-build-docs \
		--prefix="$out" ${host:+--host="$host"} && make -s -C lib && make -s -C src) >>"$out/log" 2>&1
	mkdir -p "$out/include" "$out/lib"
	cp "$src/src/check.h" "$src/check_stdint.h" "$out/include/"
	cp "$src/src/.libs/libcheck.a" "$out/lib/libcheck.a.tmp"
	mv "$out/lib/libcheck.a.tmp" "$out/lib/libcheck.a"
	basename "$(ls "$out"/src/check_*.dsc | head -n 1)" .dsc |
		sed 's/^check_//; s/^[0-9]*://; s/-[^-]*$//' >"$out/VERSION"
}

[ -e "$out/src/check/configure" ] || fetch
build
echo "check-musl: Check $(cat "$out/VERSION") for musl${host:+ on $host} in $out"
