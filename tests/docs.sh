#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: tests/docs.sh [SU_EXEC]   (make check-docs; default ./su-exec)
#
# The options su-exec accepts, its --help, the man page and the README name
# the same options; each option --help lists is accepted by the binary. The
# library's public header, privdrop(3) and the version script name the same
# functions.
# Runs from any directory, as any user. TAP output (lib.sh).
set -u
LC_ALL=C
export LC_ALL

TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/lib.sh"
ROOT=$TESTS/..
bin=${1:-$ROOT/su-exec}
man=$ROOT/su-exec.1
readme=$ROOT/README.md

# has WHAT PATTERN FILE: a row, FILE has a line matching PATTERN.
has() {
	if grep -q -e "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "a line matching $2 in ${3##*/}" "none"
	fi
}

need_built su-exec "$bin" || finish docs
help=$(mktemp)
trap 'rm -f "$help"' EXIT
"$bin" --help >"$help"
longs=$(grep -o -e '--[a-z-]*' "$help" | sort -u)
[ -n "$longs" ] || fail "--help lists options" "long options" "$(cat "$help")"
for o in $longs; do
	has "$o is in the man page" "$(echo "$o" | sed 's/-/\\\\-/g')" "$man"
	has "$o is in the README" "\`.*$o" "$readme"
	case $o in
	--help | --version) continue ;;
	esac
	out=$("$bin" "$o" 2>&1)
	case $out in
	*"unknown option"*) fail "$o is accepted by su-exec" "accepted" "$out" ;;
	*) pass "$o is accepted by su-exec" ;;
	esac
done
for man_opt in $(grep -e '^\.B' "$man" | sed 's/\\-/-/g' | grep -o -e '--[a-z][a-z-]*' | sort -u); do
	has "man page option $man_opt is in --help" "$man_opt" "$help"
done
for status in 125 126 127; do
	has "exit status $status is in --help" "$status" "$help"
	has "exit status $status is in the man page" "^\.B $status" "$man"
	has "exit status $status is in the README" "| $status |" "$readme"
done
# Every function privdrop/privdrop.h declares is in privdrop(3) and exported.
for fn in $(sed -n 's/^[a-z].*[ *]\(pd_[a-z_]*\)(.*/\1/p' "$ROOT/privdrop/privdrop.h"); do
	has "$fn is in privdrop(3)" "$fn" "$ROOT/privdrop.3"
	has "$fn is exported" "^[[:space:]]*$fn;" "$ROOT/privdrop/privdrop.map"
done
for fn in $(sed -n 's/^[[:space:]]*\(pd_[a-z_]*\);$/\1/p' "$ROOT/privdrop/privdrop.map"); do
	has "exported $fn is declared in privdrop.h" "[ *]$fn(" "$ROOT/privdrop/privdrop.h"
done
finish docs
