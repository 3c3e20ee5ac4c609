#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/distcheck.sh TARBALL
#
# Checks TARBALL against its .sha256 and against a second `make dist` run a
# moment later (the same bytes), unpacks it in a fresh folder under build/,
# builds su-exec there and runs the unit tests and the version check from
# that copy alone: the tarball is complete and names its own version.
set -eu
LC_ALL=C
export LC_ALL

root=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
(cd "$(dirname "$tarball")" && sha256sum --check --quiet "$(basename "$tarball").sha256")

mkdir -p "$root/build"
dir=$(mktemp -d "$root/build/distcheck.XXXXXX")
trap 'rm -rf "$dir"' EXIT
sleep 1
sh "$root/mk/dist.sh" "$dir/again" >/dev/null
cmp "$tarball" "$dir/again/$(basename "$tarball")" ||
	{ echo "distcheck: a second make dist gave other bytes" >&2; exit 1; }
echo "distcheck: a second make dist gave the same bytes: $(cut -d' ' -f1 "$tarball.sha256")"
name=$(basename "$tarball" .tar.gz)
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}
when=$(TZ=UTC date -d "@$epoch" '+%Y-%m-%d %H:%M:%S')
odd=$(TZ=UTC tar -tvzf "$tarball" --numeric-owner --full-time |
	awk -v when="$when" '$2 != "0/0" || $4 " " $5 != when')
[ -z "$odd" ] || { echo "distcheck: not owner 0/0 at $when: $odd" >&2; exit 1; }
tar -tzf "$tarball" | sort -c || { echo "distcheck: names not sorted" >&2; exit 1; }
git -C "$root" ls-files --deleted >"$dir/deleted"
git -C "$root" ls-files --cached | grep -vxF -f "$dir/deleted" | sort >"$dir/tracked"
tar -tzf "$tarball" | sed "s,^$name/,," | diff -u "$dir/tracked" - ||
	{ echo "distcheck: the tarball's files are not the tracked files" >&2; exit 1; }
echo "distcheck: the tracked files, sorted, owner 0/0, dated $when UTC"
tar -xzf "$tarball" -C "$dir"
[ -d "$dir/$name" ] || { echo "distcheck: $tarball does not unpack to $name/" >&2; exit 1; }

cd "$dir/$name"
[ ! -e .git ] || { echo "distcheck: the tarball holds .git" >&2; exit 1; }
make -j2 su-exec tests/unit/check_privdrop
make check-unit
sh mk/version-check.sh ./su-exec "$name.tar.gz"
echo "distcheck: $name.tar.gz builds and passes its unit tests"
