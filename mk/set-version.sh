#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/set-version.sh NEW_VERSION
#
# Makes a release version: writes VERSION, then carries it to the places
# that cannot read that file themselves: the man page's header (version and
# date), a new debian/changelog entry, the Alpine APKBUILD's pkgver, and
# CHANGELOG.md, whose Unreleased section becomes NEW_VERSION's, with an
# empty Unreleased above it. The
# Makefile reads VERSION for -V and the tarball's name. Run from anywhere;
# commit the result. mk/version-check.sh then agrees.
set -eu
LC_ALL=C
export LC_ALL

new=$1
case $new in
[0-9]*.[0-9]*.[0-9]*) ;;
*) echo "set-version: '$new' is not MAJOR.MINOR.PATCH" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
grep -q '^## \[Unreleased\]' CHANGELOG.md || { echo "set-version: CHANGELOG.md has no Unreleased section" >&2; exit 1; }
day=$(date -u +%Y-%m-%d)
maint=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' debian/changelog | head -n 1)

printf '%s\n' "$new" >VERSION
sed -i "s/^\.TH SU-EXEC 1 [0-9-]* \"su-exec [^\"]*\"/.TH SU-EXEC 1 $day \"su-exec $new\"/" su-exec.1
sed -i "s/^pkgver=.*/pkgver=$new/" packaging/alpine/APKBUILD
sed -i "s/^## \[Unreleased\]$/## [Unreleased]\n\n## [$new] - $day/" CHANGELOG.md
{
	printf 'privdrop (%s) unstable; urgency=medium\n\n' "$new"
	printf '  * New release: see CHANGELOG.md for what it adds, changes and fixes.\n\n'
	printf ' -- %s  %s\n\n' "$maint" "$(date -u -R)"
	cat debian/changelog
} >debian/changelog.new
mv debian/changelog.new debian/changelog
echo "set-version: $new in VERSION, su-exec.1, debian/changelog and CHANGELOG.md"
