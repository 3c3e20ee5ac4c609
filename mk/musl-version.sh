#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/musl-version.sh [DIR]
#
# Prints the upstream version of the musl a build links, for -V: DIR/VERSION
# for mk/musl-cross.sh's DIR; without DIR, the machine's own: Debian's
# musl-dev less its revision (1.2.3-1 is musl 1.2.3), or on Alpine what
# musl's dynamic linker says of itself. Prints nothing and fails when none is
# found, which su-exec.c's build then refuses.
set -u
if [ $# -ge 1 ]; then
	v=$(cat "$1/VERSION" 2>/dev/null)
elif v=$(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null) && [ -n "$v" ]; then
	v=$(printf '%s\n' "$v" | sed 's/^[0-9]*://; s/-[^-]*$//')
else
	for ld in /lib/ld-musl-*.so.1; do
		[ -x "$ld" ] && v=$("$ld" 2>&1 | sed -n 's/^Version //p') && break
	done
fi
[ -n "${v:-}" ] || exit 1
printf '%s\n' "$v"
