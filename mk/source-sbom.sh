#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/source-sbom.sh TARBALL
#
# Prints the source SBOM: `reuse spdx` of this checkout (SPDX tag-value, every
# tracked file with its licence and copyright, as REUSE reads them), made
# reproducible. reuse names the document after the folder, dates it now and
# gives it a random namespace; here the name is the tarball's, the date
# SOURCE_DATE_EPOCH (default: the last commit's, as make dist uses) and the
# namespace ends in TARBALL's sha256, so it names that source and no other.
set -eu
LC_ALL=C
export LC_ALL

tarball=$1
cd "$(dirname "$0")/.."
name=$(basename "$tarball" .tar.gz)
sha=$(sha256sum <"$tarball" | cut -d' ' -f1)
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
reuse spdx | sed -e "s|^DocumentName: .*|DocumentName: $name|" \
	-e "s|^DocumentNamespace: .*|DocumentNamespace: https://spdx.org/spdxdocs/$name-source-$sha|" \
	-e "s|^Created: .*|Created: $created|"
