#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/dist.sh OUTDIR
#
# Writes OUTDIR/su-exec-VERSION.tar.gz and its .sha256 from the tracked files
# of this checkout (as they are in the work tree), reproducibly: sorted names,
# owner and group 0, modes from git (644 or 755), every mtime set to
# SOURCE_DATE_EPOCH (default: the last commit's date), and gzip -n (no name,
# no time). Two runs give the same bytes.
set -eu
LC_ALL=C
export LC_ALL

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
cd "$root"
version=$(cat VERSION)
name=su-exec-$version
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Tracked files only, less those deleted from the work tree.
git ls-files --deleted >"$tmp/deleted"
git ls-files --cached | grep -vxF -f "$tmp/deleted" >"$tmp/list" || true
[ -s "$tmp/list" ] || { echo "dist: no tracked files" >&2; exit 1; }

tar --create --file="$tmp/$name.tar" --no-recursion --verbatim-files-from \
	--files-from="$tmp/list" --sort=name --format=gnu --owner=0 --group=0 \
	--numeric-owner --mode='u+rw,go=rX' --mtime="@$epoch" --transform="s,^,$name/,"
gzip -9 -n <"$tmp/$name.tar" >"$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
cat "$out/$name.tar.gz.sha256"
