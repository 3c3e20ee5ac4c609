#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/repro.sh TARGET FILE...
#
# Reproducibility: clones this repository's HEAD twice, into two folders of
# different names and depths under build/repro/, runs `make TARGET` in each,
# the second a few seconds later and in another time zone, and checks that
# each FILE comes out with the same sha256 both times. Whatever TARGET builds
# (a glibc or musl static binary, with or without a library built first),
# the test only compares the bytes. TARGET may carry make's variables:
# "static ARCH=arm64".
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
need_git_checkout "$ROOT"
W=$ROOT/build/repro
target=$1
shift

# build DIR TZ: clone HEAD into DIR, make TARGET there, print each FILE's
# sha256, one a line.
build() {
	git clone --quiet --no-hardlinks "$ROOT" "$1" || return
	# TARGET unquoted: make's own words, a target and its variables.
	(cd "$1" && TZ=$2 make -j2 $target >"$1.log" 2>&1) || { tail -n 5 "$1.log" >&2; return 1; }
	for f in "$@"; do
		sha256sum "$1/$f" | cut -d' ' -f1 || return
	done
}

rm -rf "$W"
mkdir -p "$W"
trap cleanup EXIT
a=$(build "$W/a" UTC "$@")
check "make $target in $W/a" yes "$([ -n "$a" ] && echo yes || echo no)"
sleep 2
b=$(build "$W/second/clone-with-a-longer-name" Pacific/Kiritimati "$@")
check "make $target in $W/second/clone-with-a-longer-name" yes "$([ -n "$b" ] && echo yes || echo no)"
n=1
for file in "$@"; do
	fa=$(printf '%s\n' "$a" | sed -n "${n}p")
	fb=$(printf '%s\n' "$b" | sed -n "${n}p")
	echo "# $file: $fa"
	echo "# $file: $fb"
	if [ -n "$fa" ]; then
		check "$file: the same sha256 from both clones" "$fa" "$fb"
	else
		fail "$file: the same sha256 from both clones" "a sha256" "none"
	fi
	n=$((n + 1))
done
finish repro
