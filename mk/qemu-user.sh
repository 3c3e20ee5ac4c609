#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/qemu-user.sh ARCH
#
# Prints qemu-user's interpreter for Debian architecture ARCH, as
# qemu-user-static names it (qemu-aarch64-static for arm64), or nothing for
# this machine's own architecture, which needs none.
set -eu

[ $# -eq 1 ] || { echo "usage: mk/qemu-user.sh ARCH" >&2; exit 2; }
[ "$1" != "$(dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)" ] || exit 0
case $1 in
amd64) echo qemu-x86_64-static ;;
arm64) echo qemu-aarch64-static ;;
armhf | armel) echo qemu-arm-static ;;
ppc64el) echo qemu-ppc64le-static ;;
*) echo "qemu-$1-static" ;;
esac
