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
# The harness: check refuses two empty values; check_empty passes nothing only.
out=$(sh -c '. "$1"; check "two empty" "" ""; check_empty nothing ""; check_empty something a' \
	sh "$TESTS/lib.sh" | sed 's/:.*//')
check "lib.sh: check fails on two empty values, check_empty on a value" \
	"not ok 1 - two empty|ok 2 - nothing|not ok 3 - something" "$(printf '%s' "$out" | tr '\n' '|')"

# From make dist's tarball (no .git), unpacked outside a checkout and inside
# one (build/, as make distcheck does), the checks that need git say SKIP.
name=su-exec-$(cat "$ROOT/VERSION")
for place in /tmp "$ROOT/build"; do
	mkdir -p "$place" && tb=$(mktemp -d "$place/docs-dist.XXXXXX") || exit 1
	if sh "$ROOT/mk/dist.sh" "$tb" >/dev/null 2>&1 && tar -xzf "$tb/$name.tar.gz" -C "$tb"; then
		for script in mk/repro.sh tests/spdx.sh; do
			out=$(sh "$tb/$name/$script" static su-exec-static 2>/dev/null)
			check "make dist's tree in $place: $script says SKIP" \
				"0 1..0 # SKIP not a git checkout" "$? $out"
		done
	else
		skip "make dist's tree in $place: the git-only checks" "make dist needs a git checkout"
	fi
	rm -rf "$tb"
done

# What cannot be fixed in su-exec is said where a user reads: the TIOCSTI
# hazard of a root terminal, in the threat model and the man page.
check "docs/threat-model.md warns of TIOCSTI" yes \
	"$(sed -n '/^## Threat model/,/^### /p' "$ROOT/docs/threat-model.md" | grep -q TIOCSTI && echo yes)"
check "su-exec.1 warns of TIOCSTI" yes \
	"$(sed -n '/^\.SH SECURITY/,/^\.SH /p' "$man" | grep -q TIOCSTI && echo yes)"
# A variable-length array is a stack buffer of any size: none, and -Wvla keeps it so.
for f in "$ROOT"/su-exec.c "$ROOT"/common/*.c "$ROOT"/privdrop/*.c "$ROOT"/cli/*.c "$ROOT"/init/*.c; do
	out=$("${CC:-cc}" -std=c11 -Wvla -Werror -fsyntax-only -DVERSION='"0"' -DCAPNG_VERSION='"0"' "$f" 2>&1)
	check "no variable-length array in ${f#"$ROOT"/}" "0 []" "$? [$out]"
done
check "the Makefile warns of variable-length arrays" yes \
	"$(grep -q '^WARNINGS.*-Wvla' "$ROOT/Makefile" && echo yes)"

# make help names every target a user runs: each of .PHONY's, but the
# per-architecture ones it names by pattern (static-ARCH, check-arch-ARCH,
# check-emulation-ARCH).
helped=$(make -s -C "$ROOT" help 2>&1)
for t in $(sed -n '/^\.PHONY:/,/[^\\]$/p' "$ROOT/Makefile" | tr -d '\\' | sed 's/^\.PHONY://' | tr ' \t' '\n\n' |
	grep -v -e '^$' -e '^\$(' -e '^check-all$' -e '^static-musl$'); do
	case " $(printf '%s' "$helped" | tr -c 'a-z0-9-' ' ') " in
	*" $t "* | *" $t("*) pass "make help names $t" ;;
	*) fail "make help names $t" "$t in make help" "$helped" ;;
	esac
done

# Debian's hardening flags on what the dynamic linker loads: RELRO and
# immediate binding (no lazy binding deep in the init's stack). The static
# binary has no dynamic linker (Makefile, HARDEN_LDFLAGS says why).
lib=$ROOT/privdrop/libprivdrop.so.0
missing=
require_tools hardening-check
if [ -z "$missing" ] && need_built privdrop/libprivdrop.so.0 "$lib"; then
	for f in "$bin" "$lib"; do
		out=$(hardening-check "$f" 2>&1)
		for line in "Read-only relocations: yes" "Immediate binding: yes"; do
			check "hardening-check ${f##*/}: $line" "$line" \
				"$(printf '%s\n' "$out" | grep -o -e "${line%%:*}: .*" | sed 's/^ *//')"
		done
	done
fi
finish docs
