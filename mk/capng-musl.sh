#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/capng-musl.sh DIR [MUSL_CC [ARCH]]
#
# Builds libcap-ng for musl on Debian, from Debian's own source package, into
# DIR: DIR/include/cap-ng.h, DIR/lib/libcap-ng.a and DIR/VERSION (the
# upstream version, as pkg-config would say it: -V prints it). The source
# is fetched once and kept in DIR/src. It comes through a private apt state
# kept in DIR (mk/apt-private.sh), so the system's apt configuration is never
# changed. Kernel headers come from linux-libc-dev, which musl-gcc does not
# see. Needs dpkg-dev, linux-libc-dev, musl-tools. With ARCH, a Debian
# architecture, it is cross-built for that one (--host=<triplet>) with
# MUSL_CC (mk/musl-cross.sh's musl-gcc) and linux-libc-dev-ARCH-cross's
# headers (sh mk/deps.sh cross).
set -eu

[ $# -ge 1 ] || { echo "usage: mk/capng-musl.sh DIR [MUSL_CC [ARCH]]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cc=${2:-musl-gcc}
mk=$(cd "$(dirname "$0")" && pwd)
arch=${3:-$(dpkg-architecture -qDEB_HOST_ARCH)}
host=
[ $# -lt 3 ] || host=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_TYPE 2>/dev/null)
[ $# -lt 3 ] || [ -d "/usr/$host/include/asm" ] ||
	{ echo "capng-musl: no kernel headers for $arch in /usr/$host/include (sh mk/deps.sh cross)" >&2; exit 1; }

fetch() {
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	apt() { sh "$mk/apt-private.sh" "$out/apt" "$arch" "$suite" "$@"; }
	mkdir -p "$out/src"
	# apt has checked the files against the signed index; dpkg-source warns
	# that it has no key for the uploader's own signature.
	apt update >"$out/log" 2>&1
	(cd "$out/src" && apt source --download-only libcap-ng) >>"$out/log" 2>&1
	dsc=$(ls "$out"/src/libcap-ng_*.dsc | head -n 1)
	(cd "$out/src" && dpkg-source -x "$dsc" capng) >>"$out/log" 2>&1
}

# linux/, asm-generic/ and the target's asm/, as linux-libc-dev (or, for
# another architecture, linux-libc-dev-ARCH-cross) installed them.
kernel_headers() {
	rm -rf "$out/kinclude"
	mkdir -p "$out/kinclude"
	if [ -n "$host" ]; then
		cp -R "/usr/$host/include/linux" "/usr/$host/include/asm-generic" \
			"/usr/$host/include/asm" "$out/kinclude/"
	else
		multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
		cp -R /usr/include/linux /usr/include/asm-generic "$out/kinclude/"
		cp -R "/usr/include/$multiarch/asm" "$out/kinclude/asm"
	fi
}

build() {
	src="$out/src/capng"
	flags="-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables"
	flags="$flags -ffile-prefix-map=$src=libcap-ng"
	# Without pthread.h (a mode libcap-ng's configure offers) its constructor
	# registers no pthread_atfork handler: in a static musl binary that call
	# is the only malloc of a plain drop, and setting up the heap costs
	# about 20 µs, 5 to 8% of su-exec's run. The handler resets libcap-ng's state in a forked
	# child; su-exec's child never calls libcap-ng (the --init that does is
	# the parent, its pid unchanged), and a stale pid would make capset fail.
	# su-exec's own make variables (CFLAGS=-Werror in CI) stay out of this
	# build: it is libcap-ng's, with its own flags.
	unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS
	(cd "$src" && { [ ! -e Makefile ] || make -s distclean; } &&
		./configure -q CC="$cc" CFLAGS="$flags" CPPFLAGS="-I$out/kinclude" \
		--disable-shared --enable-static --without-python3 --without-python \
		--prefix="$out" ${host:+--host="$host"} ac_cv_header_pthread_h=no && make -s -C src) >>"$out/log" 2>&1
	mkdir -p "$out/include" "$out/lib"
	cp "$src/src/cap-ng.h" "$out/include/"
	cp "$src/src/.libs/libcap-ng.a" "$out/lib/libcap-ng.a.tmp"
	mv "$out/lib/libcap-ng.a.tmp" "$out/lib/libcap-ng.a"
	# The Debian revision (0.8.3-1) and any epoch are Debian's, not libcap-ng's.
	basename "$(ls "$out"/src/libcap-ng_*.dsc | head -n 1)" .dsc |
		sed 's/^libcap-ng_//; s/^[0-9]*://; s/-[^-]*$//' >"$out/VERSION"
}

[ -e "$out/src/capng/configure" ] || fetch
kernel_headers
build
echo "capng-musl: libcap-ng $(cat "$out/VERSION") for musl${host:+ on $host} in $out"
