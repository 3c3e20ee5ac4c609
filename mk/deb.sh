#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/deb.sh
#
# Builds the Debian package from a copy of the tracked files under build/deb/
# (dpkg-buildpackage writes its products to the parent folder, so they land
# in build/deb/, never beside the tree): first the native source package, so
# lintian sees it too, then `dpkg-buildpackage -us -uc -b`, whose test step
# runs the unit tests. Fails on any lintian error or warning, and shows its
# informational and pedantic notes.
set -eu
LC_ALL=C
export LC_ALL

root=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$root/VERSION")
out=$root/build/deb
src=$out/privdrop-$version

rm -rf "$out"
mkdir -p "$src"
cd "$root"
git ls-files --deleted >"$out/deleted"
git ls-files --cached | grep -vxF -f "$out/deleted" |
	tar --create --no-recursion --verbatim-files-from --files-from=- | tar -x -C "$src"
rm -f "$out/deleted"

cd "$out"
dpkg-source --build "privdrop-$version"
cd "$src"
dpkg-buildpackage -us -uc -b
cd "$out"
deb=$(ls privdrop_"$version"_*.deb)
echo "deb: $deb, depends on: $(dpkg-deb --field "$deb" Depends)"
dpkg-deb --contents "$deb"
lintian --display-level '>=pedantic' --fail-on error,warning \
	privdrop_"$version"_*.changes "privdrop_$version.dsc"
echo "deb: lintian reports no error and no warning"
