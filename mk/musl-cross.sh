#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/musl-cross.sh ARCH DIR
#
# Puts Debian's musl for Debian architecture ARCH into DIR, for the cross
# compiler <triplet>-gcc (gcc-<triplet>): DIR/include, DIR/lib (libc.a and
# the crt files), DIR/VERSION (musl's upstream version), a specs file and
# DIR/bin/musl-gcc, which runs that compiler against them as musl-tools'
# musl-gcc does for the machine's own. musl-dev:ARCH and musl:ARCH come with
# `apt-get download` through a private apt state (mk/apt-private.sh), so the
# machine's apt and dpkg are never changed; where the suite has no musl for
# ARCH (bookworm has none for riscv64), Debian's musl source package is built
# with the cross compiler. Fetched once; `rm -rf DIR` fetches again.
set -eu

[ $# -eq 2 ] || { echo "usage: mk/musl-cross.sh ARCH DIR" >&2; exit 2; }
arch=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
mk=$(cd "$(dirname "$0")" && pwd)
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_TYPE 2>/dev/null)
command -v "$triplet-gcc" >/dev/null ||
	{ echo "musl-cross: no $triplet-gcc for $arch (sh mk/deps.sh cross)" >&2; exit 1; }
apt() { sh "$mk/apt-private.sh" "$out/apt" "$arch" "$suite" "$@"; }

# The packages' own layout is /usr/{include,lib}/<musl triplet>: flattened.
from_debs() {
	(cd "$out/debs" && apt download "musl-dev:$arch" "musl:$arch") >>"$out/log" 2>&1 || return 1
	rm -rf "$out/root"
	for deb in "$out"/debs/*.deb; do dpkg-deb -x "$deb" "$out/root"; done
	rm -rf "$out/include" "$out/lib"
	mv "$out"/root/usr/include/*-linux-musl* "$out/include"
	mv "$out"/root/usr/lib/*-linux-musl* "$out/lib"
	dpkg-deb -f "$out"/debs/musl-dev_*.deb Version | sed 's/^[0-9]*://; s/-[^-]*$//' >"$out/VERSION"
}

# musl's own build: no debug information, its source path mapped away.
from_source() {
	echo "musl-cross: no musl-dev:$arch in $suite; building Debian's musl source" >&2
	rm -rf "$out/src"
	mkdir -p "$out/src"
	(cd "$out/src" && apt source --download-only musl &&
		dpkg-source -x musl_*.dsc musl) >>"$out/log" 2>&1
	src=$out/src/musl
	unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS
	(cd "$src" && ./configure --target="$triplet" CC="$triplet-gcc" CFLAGS="-ffile-prefix-map=$src=musl" \
		--prefix=/ --disable-shared && make -s -j2 &&
		make -s install DESTDIR="$out/root") >>"$out/log" 2>&1
	rm -rf "$out/include" "$out/lib"
	mv "$out/root/include" "$out/include"
	mv "$out/root/lib" "$out/lib"
	cp "$src/VERSION" "$out/VERSION"
}

# As musl's tools/musl-gcc.specs.sh writes it, with this folder's paths.
specs() {
	cat <<SPECS
%rename cpp_options old_cpp_options

*cpp_options:
-nostdinc -isystem $out/include -isystem include%s %(old_cpp_options)

*cc1:
%(cc1_cpu) -nostdinc -isystem $out/include -isystem include%s

*link_libgcc:
-L$out/lib -L .%s

*libgcc:
libgcc.a%s %:if-exists(libgcc_eh.a%s)

*startfile:
%{!shared: $out/lib/Scrt1.o} $out/lib/crti.o crtbeginS.o%s

*endfile:
crtendS.o%s $out/lib/crtn.o

*link:
-nostdlib %{shared:-shared} %{static:-static} %{rdynamic:-export-dynamic}
SPECS
}

if [ ! -s "$out/lib/libc.a" ] || [ ! -s "$out/VERSION" ]; then
	mkdir -p "$out/debs"
	apt update >"$out/log" 2>&1
	from_debs || from_source
fi
# Debian's gcc for ppc64el defaults to a 128-bit long double; musl's is 64.
abi=
[ "$arch" != ppc64el ] || abi=-mlong-double-64
specs >"$out/musl-gcc.specs"
mkdir -p "$out/bin"
printf '#!/bin/sh\nexec %s %s "$@" -specs "%s"\n' "$triplet-gcc" "$abi" "$out/musl-gcc.specs" \
	>"$out/bin/musl-gcc.tmp"
chmod 755 "$out/bin/musl-gcc.tmp"
mv "$out/bin/musl-gcc.tmp" "$out/bin/musl-gcc"
echo "musl-cross: musl $(cat "$out/VERSION") for $arch ($triplet) in $out"
