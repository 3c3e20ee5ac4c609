#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: mk/distcheck.sh TARBALL
#
# Checks TARBALL against its .sha256 and against a second `make dist` run a
# moment later (the same bytes), unpacks it in a fresh folder under build/,
# builds su-exec there and runs the unit tests and the version check from
# that copy alone: the tarball is complete and names its own version.
set -eu

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
tar -xzf "$tarball" -C "$dir"
name=$(basename "$tarball" .tar.gz)
[ -d "$dir/$name" ] || { echo "distcheck: $tarball does not unpack to $name/" >&2; exit 1; }

cd "$dir/$name"
[ ! -e .git ] || { echo "distcheck: the tarball holds .git" >&2; exit 1; }
make -j2 su-exec tests/unit/check_privdrop
make check-unit
sh mk/version-check.sh ./su-exec "$name.tar.gz"
echo "distcheck: $name.tar.gz builds and passes its unit tests"
