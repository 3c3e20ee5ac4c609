#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/capng-musl.sh DIR [MUSL_CC]
#
# Builds libcap-ng for musl on Debian, from Debian's own source package, into
# DIR: DIR/include/cap-ng.h, DIR/lib/libcap-ng.a and DIR/VERSION. The source
# is fetched once and kept in DIR/src. It comes through a private
# deb-src list kept in DIR, passed to apt-get with -o options, so the
# system's apt configuration is never changed; its mirror is the one the
# machine's own apt sources name. Kernel headers come from linux-libc-dev,
# which musl-gcc does not see. Needs dpkg-dev, linux-libc-dev, musl-tools.
set -eu

[ $# -ge 1 ] || { echo "usage: mk/capng-musl.sh DIR [MUSL_CC]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cc=${2:-musl-gcc}

fetch() {
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	url=$(sh "$(dirname "$0")/mirror.sh" "$suite")
	apt="$out/apt"
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$out/src"
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $url $suite main" \
		>"$apt/sources.list"
	set -- -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/parts" \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -q
	# apt has checked the files against the signed index; dpkg-source warns
	# that it has no key for the uploader's own signature.
	apt-get "$@" update >"$out/log" 2>&1
	(cd "$out/src" && apt-get "$@" source --download-only libcap-ng) >>"$out/log" 2>&1
	dsc=$(ls "$out"/src/libcap-ng_*.dsc | head -n 1)
	(cd "$out/src" && dpkg-source -x "$dsc" capng) >>"$out/log" 2>&1
	basename "$dsc" .dsc | sed 's/^libcap-ng_//' >"$out/VERSION"
}

# linux/, asm-generic/ and this arch's asm/, as linux-libc-dev installed them.
kernel_headers() {
	multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	rm -rf "$out/kinclude"
	mkdir -p "$out/kinclude"
	cp -R /usr/include/linux /usr/include/asm-generic "$out/kinclude/"
	cp -R "/usr/include/$multiarch/asm" "$out/kinclude/asm"
}

build() {
	src="$out/src/capng"
	flags="-Os -ffunction-sections -fdata-sections -ffile-prefix-map=$src=libcap-ng"
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
		--prefix="$out" ac_cv_header_pthread_h=no && make -s -C src) >>"$out/log" 2>&1
	mkdir -p "$out/include" "$out/lib"
	cp "$src/src/cap-ng.h" "$out/include/"
	cp "$src/src/.libs/libcap-ng.a" "$out/lib/libcap-ng.a.tmp"
	mv "$out/lib/libcap-ng.a.tmp" "$out/lib/libcap-ng.a"
}

[ -e "$out/src/capng/configure" ] || fetch
kernel_headers
build
echo "capng-musl: libcap-ng $(cat "$out/VERSION") for musl in $out"
