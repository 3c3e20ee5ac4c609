#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: [ARCH=arm64 RUN=qemu-aarch64-static] mk/version-check.sh SU_EXEC [TARBALL_NAME]
#
# VERSION is the one source of the version: su-exec -V, the man page's
# header, debian/changelog's newest entry, CHANGELOG.md's newest release, the
# Alpine APKBUILD's pkgver and,
# when given, the tarball's name must all say the same, and -V must name the
# architecture (ARCH, by default this machine's Debian one), a libc (musl or
# glibc and its version) and the libcap-ng version pkg-config reports (the
# static build's, from Debian's source, is the same upstream version). RUN
# runs a foreign binary (qemu-user). Run from the top of the tree.
set -u
. tests/lib.sh

version=$(cat VERSION)
case $version in
[0-9]*.[0-9]*.[0-9]*) check "VERSION is MAJOR.MINOR.PATCH" "$version" "$version" ;;
*) check "VERSION is MAJOR.MINOR.PATCH" "MAJOR.MINOR.PATCH" "$version" ;;
esac
capng=$(pkg-config --modversion libcap-ng)
arch=${ARCH:-$(dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)}
# Without dpkg (Alpine), the kernel's name, in Debian's words for the two usual.
[ -n "$arch" ] || arch=$(uname -m | sed 's/^x86_64$/amd64/; s/^aarch64$/arm64/')
# The libc's own version is the build's; its form is checked (X.Y.Z, X.Y).
got=$(${RUN:-} "$1" -V | sed 's/, musl [0-9]*\.[0-9]*\.[0-9]*, /, musl X.Y.Z, /; s/, glibc [0-9]*\.[0-9]*, /, glibc X.Y, /')
case $got in
*", glibc X.Y, "*) libc="glibc X.Y" ;;
*) libc="musl X.Y.Z" ;;
esac
check "su-exec -V" "su-exec (privdrop) $version, $arch, $libc, libcap-ng $capng" "$got"
check "the man page's header" "su-exec $version" \
	"$(sed -n 's/^\.TH SU-EXEC 1 [0-9-]* "\([^"]*\)".*/\1/p' su-exec.1)"
check "debian/changelog's newest entry" "$version" \
	"$(sed -n '1s/^privdrop (\([^)]*\)).*/\1/p' debian/changelog)"
check "CHANGELOG.md's newest release" "$version" \
	"$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -n 1)"
check "the APKBUILD's pkgver" "$version" "$(sed -n 's/^pkgver=//p' packaging/alpine/APKBUILD)"
[ $# -lt 2 ] || check "the tarball's name" "su-exec-$version.tar.gz" "$2"
finish version
