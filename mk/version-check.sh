#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/version-check.sh SU_EXEC [TARBALL_NAME]
#
# VERSION is the one source of the version: su-exec -V, the man page's
# header, debian/changelog's newest entry, CHANGELOG.md's newest release, the
# Alpine APKBUILD's pkgver and,
# when given, the tarball's name must all say the same, and -V must name the
# libcap-ng version pkg-config reports. Run from the top of the tree.
set -u
. tests/lib.sh

version=$(cat VERSION)
case $version in
[0-9]*.[0-9]*.[0-9]*) check "VERSION is MAJOR.MINOR.PATCH" "$version" "$version" ;;
*) check "VERSION is MAJOR.MINOR.PATCH" "MAJOR.MINOR.PATCH" "$version" ;;
esac
capng=$(pkg-config --modversion libcap-ng)
check "su-exec -V" "su-exec (privdrop) $version, libcap-ng $capng" "$("$1" -V)"
check "the man page's header" "su-exec $version" \
	"$(sed -n 's/^\.TH SU-EXEC 1 [0-9-]* "\([^"]*\)".*/\1/p' su-exec.1)"
check "debian/changelog's newest entry" "$version" \
	"$(sed -n '1s/^privdrop (\([^)]*\)).*/\1/p' debian/changelog)"
check "CHANGELOG.md's newest release" "$version" \
	"$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -n 1)"
check "the APKBUILD's pkgver" "$version" "$(sed -n 's/^pkgver=//p' packaging/alpine/APKBUILD)"
[ $# -lt 2 ] || check "the tarball's name" "su-exec-$version.tar.gz" "$2"
finish version
