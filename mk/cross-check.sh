#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/cross-check.sh ARCH...   (make check-cross, after make static-all)
#
# Each architecture's build/su-exec-static-ARCH runs under qemu-user
# (qemu-user-static, sh mk/deps.sh cross): -V names that architecture and
# passes mk/version-check.sh, --help prints the usage. A smoke test that the
# binary is the right one and starts; the suites do not run here. Prints
# each one's stripped size. Run from the top of the tree. TAP output (lib.sh).
set -u
. tests/lib.sh


for arch in "$@"; do
	bin=build/su-exec-static-$arch
	[ -x "$bin" ] || { fail "$arch: $bin" "built" "missing"; continue; }
	run=$(sh mk/qemu-user.sh "$arch")
	[ -z "$run" ] || command -v "$run" >/dev/null ||
		{ fail "$arch: $run" "installed (sh mk/deps.sh cross)" "missing"; continue; }
	echo "# $arch: $(stat -c %s "$bin") bytes stripped; $($run "$bin" -V 2>&1)"
	ARCH=$arch RUN=$run sh mk/version-check.sh "$bin" >"build/version-$arch.log" 2>&1
	check "$arch: mk/version-check.sh (-V names $arch, musl, libcap-ng)" 0 "$?"
	grep '^not ok' "build/version-$arch.log" | sed 's/^/# /'
	check "$arch: --help prints the usage" "Usage: su-exec" "$($run "$bin" --help 2>&1 | grep -o '^Usage: su-exec')"
done
finish cross
