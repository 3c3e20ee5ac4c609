#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/repro.sh TARGET FILE
#
# Reproducibility: clones this repository's HEAD twice, into two folders of
# different names and depths under build/repro/, runs `make TARGET` in each,
# the second a few seconds later and in another time zone, and checks that
# FILE comes out with the same sha256 both times. Whatever TARGET builds
# (a glibc or musl static binary, with or without a library built first),
# the test only compares the bytes.
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
need_git_checkout "$ROOT"
W=$ROOT/build/repro
target=$1
file=$2

# build DIR TZ: clone HEAD into DIR, make TARGET there, print FILE's sha256.
build() {
	git clone --quiet --no-hardlinks "$ROOT" "$1" || return
	(cd "$1" && TZ=$2 make -j2 "$target" >"$1.log" 2>&1) || { tail -n 5 "$1.log" >&2; return 1; }
	sha256sum "$1/$file" | cut -d' ' -f1
}

rm -rf "$W"
mkdir -p "$W"
trap cleanup EXIT
a=$(build "$W/a" UTC)
check "make $target in $W/a" yes "$([ -n "$a" ] && echo yes || echo no)"
sleep 2
b=$(build "$W/second/clone-with-a-longer-name" Pacific/Kiritimati)
check "make $target in $W/second/clone-with-a-longer-name" yes "$([ -n "$b" ] && echo yes || echo no)"
echo "# $file: $a"
echo "# $file: $b"
check "$file: the same sha256 from both clones" "$a" "$b"
finish repro
