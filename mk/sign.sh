#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/sign.sh DIR KEY   (make sign KEY=...)
#
# Signs a release folder (make release) with the maintainer's gpg key KEY
# (GNUPGHOME is honoured): a detached ASCII-armoured NAME.asc beside every
# binary, the tarball and SHA256SUMS, which users check as images check
# gosu's (gpg --verify NAME.asc NAME). SHA256SUMS is checked first, so a
# folder changed since make release is never signed.
set -eu
LC_ALL=C
export LC_ALL

[ $# -eq 2 ] && [ -n "$2" ] || { echo "usage: mk/sign.sh DIR KEY (make sign KEY=...)" >&2; exit 2; }
cd "$1"
sha256sum --check --quiet SHA256SUMS || { echo "sign: $1 is not what SHA256SUMS says" >&2; exit 1; }
for f in su-exec-static-* su-exec-*.tar.gz SHA256SUMS; do
	case $f in
	*.asc | *.spdx.json) continue ;;
	esac
	[ -f "$f" ] || { echo "sign: no $f in $1" >&2; exit 1; }
	gpg --batch --yes --armor --detach-sign --local-user "$2" --output "$f.asc" "$f"
	echo "sign: $1/$f.asc"
done
