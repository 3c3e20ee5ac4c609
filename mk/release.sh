#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/release.sh OUTDIR ARCH...   (make release)
#
# Fills OUTDIR, emptied first, with what a maintainer uploads: make dist's
# tarball, its source SBOM (mk/source-sbom.sh) and an APKBUILD for it
# (packaging/alpine/, its sha512sums added), su-exec-static-ARCH for
# each Debian ARCH with its SPDX 2.3 SBOM (mk/sbom.py), and SHA256SUMS over
# all of them. The binaries are built already (make static ARCH=...); where
# each one is, and what linked it, the environment says, % standing for the
# architecture:
#   RELEASE_BIN    the stripped binary
#   RELEASE_SYMS   the same binary before strip, for the libgcc question
#   RELEASE_INFO   what linked it, as the static build wrote it: lines
#                  "cc COMPILER" (gcc's version, libgcc.a), "musl VERSION"
#                  and "capng VERSION" (libcap-ng's)
# A binary whose ELF header names another machine is refused, so a path
# that has no % cannot stand for two architectures. The same commit gives
# the same bytes in any folder: nothing here reads the clock.
set -eu
LC_ALL=C
export LC_ALL

[ $# -ge 2 ] || { echo "usage: mk/release.sh OUTDIR ARCH..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
# Emptied only if it is a release folder already (or empty): a mistyped
# RELEASE_DIR must not cost a folder of other files.
if [ -d "$1" ] && [ -n "$(ls -A "$1")" ] && [ ! -e "$1/SHA256SUMS" ]; then
	echo "release: $1 holds files but no SHA256SUMS: not a release folder, not emptied" >&2
	exit 1
fi
out=$(mkdir -p "$1" && cd "$1" && pwd)
shift
cd "$root"
version=$(cat VERSION)
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export SOURCE_DATE_EPOCH=$epoch
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() {
	echo "release: $*" >&2
	exit 1
}

# for_arch PATTERN ARCH: PATTERN with each % replaced by ARCH.
for_arch() {
	printf '%s\n' "$1" | sed "s/%/$2/g"
}

# elf_ok FILE ARCH: FILE's ELF header names ARCH's class and machine.
elf_ok() {
	case $2 in
	amd64) want="ELF64 X86-64" ;;
	arm64) want="ELF64 AArch64" ;;
	armhf | armel) want="ELF32 ARM" ;;
	i386) want="ELF32 80386" ;;
	ppc64el) want="ELF64 PowerPC64" ;;
	s390x) want="ELF64 S/390" ;;
	riscv64) want="ELF64 RISC-V" ;;
	*) die "$2 is not an architecture the release knows" ;;
	esac
	got=$(readelf -h "$1" | awk '/Class:/ { c = $2 } /Machine:/ { sub(/.*Machine:[ \t]*/, ""); m = $0 }
		END { print c " " m }')
	case $got in
	"${want%% *} "*"${want#* }"*) return 0 ;;
	esac
	die "$1 is $got, not $2"
}

# info FILE KEY: the value of KEY in a build-info FILE; there and not empty.
info() {
	v=$(sed -n "s/^$2 //p" "$1")
	[ -n "$v" ] || die "$1 has no $2"
	printf '%s\n' "$v"
}

# libgcc_version SYMS CC: CC's version when the binary defines a symbol of
# CC's libgcc (a division or atomic helper some architectures call), else
# nothing. Read from the copy that still has its symbols.
libgcc_version() {
	for a in $($2 -print-libgcc-file-name) "$(dirname "$($2 -print-libgcc-file-name)")/libgcc_eh.a"; do
		[ -f "$a" ] && nm --defined-only "$a" 2>/dev/null
	done | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/libgcc.syms"
	nm --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/bin.syms"
	[ -s "$tmp/libgcc.syms" ] || die "no libgcc.a from $2"
	if [ -n "$(comm -12 "$tmp/bin.syms" "$tmp/libgcc.syms")" ]; then
		$2 -dumpfullversion
	fi
}

# Every binary is there and of its architecture before OUTDIR is touched.
for arch; do
	bin=$(for_arch "$RELEASE_BIN" "$arch")
	syms=$(for_arch "$RELEASE_SYMS" "$arch")
	info=$(for_arch "$RELEASE_INFO" "$arch")
	[ -f "$bin" ] && [ -f "$syms" ] && [ -f "$info" ] ||
		die "no $bin, $syms and $info: make static ARCH=$arch first"
	elf_ok "$bin" "$arch"
done
rm -rf "$out"
mkdir -p "$out"

sh mk/dist.sh "$tmp" >/dev/null
cp "$tmp/su-exec-$version.tar.gz" "$out/"
sh mk/source-sbom.sh "$out/su-exec-$version.tar.gz" >"$out/su-exec-$version.source.spdx"
cp packaging/alpine/APKBUILD "$out/APKBUILD"
(cd "$out" && printf 'sha512sums="\n%s\n"\n' "$(sha512sum "su-exec-$version.tar.gz")") >>"$out/APKBUILD"

for arch; do
	bin=$(for_arch "$RELEASE_BIN" "$arch")
	syms=$(for_arch "$RELEASE_SYMS" "$arch")
	info=$(for_arch "$RELEASE_INFO" "$arch")
	cc=$(info "$info" cc)
	capng=$(info "$info" capng)
	musl=$(info "$info" musl)
	name=su-exec-static-$arch
	install -m 755 "$bin" "$out/$name"
	libgcc=$(libgcc_version "$syms" "$cc")
	python3 mk/sbom.py "$out/$name" "$version" "$epoch" "$musl" "$capng" $libgcc >"$out/$name.spdx.json"
done

(cd "$out" && ls | grep -vx -e SHA256SUMS -e '.*\.asc' | xargs sha256sum) >"$tmp/sums"
sort -k 2 "$tmp/sums" >"$out/SHA256SUMS"
cat "$out/SHA256SUMS"
