#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: mk/spdx-check.sh
#
# Every tracked source, script and build file names its licence in its first
# lines: "SPDX-License-Identifier: MIT". Checked: C sources and headers, shell
# scripts and every executable file, assembly, Makefiles, Dockerfiles, the
# man pages, the linker version script, the pkg-config template,
# .gitignore, .dockerignore, CI and the debian/ control and rules files.
# Licence texts, notices, data (VERSION, test fixtures, fuzz inputs) and
# files whose format holds no comment (debian/changelog, debian/copyright,
# debian/source/format) are not.
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
. tests/lib.sh
need_git_checkout "$ROOT"

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
	if head -n 5 "$f" | grep -q 'SPDX-License-Identifier: MIT'; then
		pass "$f"
	else
		fail "$f" "SPDX-License-Identifier: MIT in its first 5 lines" "none"
	fi
done
finish spdx
