#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/mirror.sh [SUITE]
#
# Prints the Debian mirror this machine's apt uses for SUITE (default
# bookworm): the first "deb" source naming that suite, in
# /etc/apt/sources.list and /etc/apt/sources.list.d/ (one-line *.list and
# deb822 *.sources files alike). Nothing is written; no address is kept in
# the tree. Fails when no source names the suite.
set -eu
suite=${1:-bookworm}

one_line() {
	awk -v s="$suite" '$1 == "deb" {
		i = 2
		if ($2 ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
		if ($(i + 1) == s) { print $i; exit }
	}' "$@"
}

deb822() {
	awk -v s="$suite" '
	function flush() {
		if ((" " types " ") ~ / deb / && (" " suites " ") ~ (" " s " ") && enabled != "no") {
			split(uris, u, " "); print u[1]; found = 1; exit
		}
		types = uris = suites = enabled = ""
	}
	/^#/ { next }
	/^[ \t]*$/ { flush(); next }
	{
		key = tolower($1); val = $0
		sub(/^[^:]*:[ \t]*/, "", val)
		if (key == "types:") types = val
		else if (key == "uris:") uris = val
		else if (key == "suites:") suites = val
		else if (key == "enabled:") enabled = tolower(val)
	}
	END { if (!found) flush() }' "$1"
}

found=$(
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] && one_line "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] && deb822 "$f"
	done
	true
)
mirror=$(printf '%s\n' "$found" | sed -n '/./{p;q;}')
[ -n "$mirror" ] || { echo "mirror: no deb source for $suite in /etc/apt" >&2; exit 1; }
printf '%s\n' "$mirror"
