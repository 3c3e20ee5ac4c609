#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: tests/spdx.sh   (make check-docs)
#
# Every tracked source, script and build file names its licence and its
# copyright holder in its first lines, the two SPDX tags of the REUSE
# specification (MIT; the privdrop authors). Checked: C sources and headers,
# shell scripts and every executable file, assembly, Makefiles, Dockerfiles,
# the man pages, the linker version script, the pkg-config template,
# .gitignore, .dockerignore, CI and the debian/ control and rules files.
# Licence texts, notices, data (VERSION, test fixtures, fuzz inputs) and
# files whose format holds no comment (debian/changelog, debian/copyright,
# debian/source/format) are not: .reuse/dep5 names their licence. Then, where
# Debian's reuse is installed, `reuse lint` checks the whole tree, those
# files too; without it that row says SKIP. TAP output (lib.sh).
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
. tests/lib.sh
need_git_checkout "$ROOT"

# Spelt in two halves, so that reuse does not read this script's patterns
# as tags of its own.
tag=SPDX
license="$tag-License-Identifier: MIT"
copyright="$tag-FileCopyrightText: 2026 The privdrop authors"

wanted() {
	case $1 in
	tests/fixtures/* | fuzz/regressions/*) return 1 ;;
	*.c | *.h | *.s | *.sh | *.1 | *.3 | *.map | *.pc.in | Makefile | */Makefile | Dockerfile* | */Dockerfile*) return 0 ;;
	.gitignore | .dockerignore | .ci/run | debian/rules | debian/control) return 0 ;;
	esac
	[ -x "$1" ]
}

for f in $(git ls-files); do
	wanted "$f" || continue
	head=$(head -n 5 "$f")
	case $head in
	*"$license"*"$copyright"*) pass "$f" ;;
	*) fail "$f" "$license and $copyright in its first 5 lines" "$(printf '%s\n' "$head" | grep "$tag")" ;;
	esac
done
if command -v reuse >/dev/null; then
	if out=$(reuse lint 2>&1); then
		pass "reuse lint: the tree is REUSE-compliant"
	else
		fail "reuse lint: the tree is REUSE-compliant" "compliant" "$(printf '%s\n' "$out" | tail -n 12)"
	fi
else
	skip "reuse lint" "reuse is not installed (sh mk/deps.sh test)"
fi
finish spdx
