#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/apt-private.sh DIR ARCH SUITE APT-GET-ARGS...
#
# Runs apt-get against a private state kept in DIR: its own sources list
# (deb and deb-src for SUITE's main, packages for Debian architecture ARCH),
# lists and cache, all passed with -o options, so the machine's apt and dpkg
# configuration is never changed and no foreign architecture is added to it.
# The mirror is the one the machine's own apt sources name (mk/mirror.sh).
# Run `update` first, then `download PKG:ARCH` or `source PKG`; they work in
# the current directory, as apt-get's own do.
set -eu

[ $# -ge 4 ] || { echo "usage: mk/apt-private.sh DIR ARCH SUITE APT-GET-ARGS..." >&2; exit 2; }
dir=$1 arch=$2 suite=$3
shift 3
# The machine's mirror for bookworm also serves the later suites.
url=$(sh "$(dirname "$0")/mirror.sh" "$(. /etc/os-release && echo "$VERSION_CODENAME")")
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts" "$dir/prefs"
key=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$dir/sources.list" <<LIST
deb [arch=$arch signed-by=$key] $url $suite main
deb-src [signed-by=$key] $url $suite main
LIST
# dpkg's status stays the machine's, read only: apt needs one to resolve
# against, and a download installs nothing.
exec apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts="$dir/parts" \
	-o Dir::Etc::PreferencesParts="$dir/prefs" -o Dir::State::Lists="$dir/lists" \
	-o Dir::Cache="$dir/cache" -o APT::Architecture="$arch" -o APT::Architectures="$arch" "$@"
