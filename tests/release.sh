#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: tests/release.sh   (make check-release)
#
# The release folder: `make release` (every architecture) in two clones of HEAD, in
# folders of different names, at different times and time zones, gives the
# same SHA256SUMS and the same SBOM bytes; SHA256SUMS lists every file and
# checks; each binary's SBOM is SPDX 2.3 (tests/sbom-check.py) and the
# source SBOM names every tracked file; the APKBUILD parses and names the
# tarball; `make sign` with a throwaway key in a temporary GNUPGHOME gives
# .asc files that gpg verifies, and gpg and sha256sum -c both refuse a binary
# with one byte flipped; reuse lint passes. Cross builds need Debian (sh
# mk/deps.sh cross). Any user; TAP (lib.sh).
set -u
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
W=$ROOT/build/release-test
version=$(cat "$ROOT/VERSION")
ARCHES=$(sed -n 's/^STATIC_ARCHES = //p' "$ROOT/Makefile")
missing=0
require_tools git python3 gpg gpgconf reuse readelf nm sha256sum sha512sum
[ "$missing" -eq 0 ] || finish release

# The throwaway key lives in $W/gnupg alone; its agent is stopped at the end.
GNUPGHOME=$W/gnupg
export GNUPGHOME
stop_agent() {
	[ ! -d "$GNUPGHOME" ] || gpgconf --kill all
	cleanup
}
rm -rf "$W"
mkdir -p "$W"
trap stop_agent EXIT

# release DIR TZ: clone HEAD into DIR, make release there. The clone gets
# what this checkout fetched, if anything: each libcap-ng source package,
# unpacked afresh as mk/capng-musl.sh does and built again, and each
# architecture's musl as mk/musl-cross.sh left it. The network is needed only
# where nothing was fetched yet.
release() {
	git clone --quiet --no-hardlinks "$ROOT" "$1" || return
	: >"$1.log"
	for d in "$ROOT"/build/capng-musl "$ROOT"/build/cross-*/capng; do
		dsc=$(ls "$d"/src/libcap-ng_*.dsc 2>/dev/null | head -n 1)
		[ -n "$dsc" ] || continue
		to=$1/${d#"$ROOT"/}
		mkdir -p "$to/src"
		cp "$d"/src/libcap-ng_* "$to/src/"
		(cd "$to/src" && dpkg-source -x "${dsc##*/}" capng) >>"$1.log" 2>&1 ||
			{ tail -n 5 "$1.log" >&2; return 1; }
	done
	for d in "$ROOT"/build/cross-*/musl; do
		[ ! -s "$d/VERSION" ] || { mkdir -p "$1/${d%/musl}" && cp -R "$d" "$1/${d#"$ROOT"/}"; }
	done
	(cd "$1" && TZ=$2 make -j2 release >>"$1.log" 2>&1) || { tail -n 5 "$1.log" >&2; return 1; }
}

# same WHAT FILE: FILE is not empty and has the same bytes in both folders.
same() {
	if [ -s "$A/$2" ] && cmp -s "$A/$2" "$B/$2"; then
		pass "$1: $2, the same bytes from both clones"
	else
		fail "$1: $2, the same bytes from both clones" "$(sha256sum <"$A/$2" 2>&1)" \
			"$(sha256sum <"$B/$2" 2>&1)"
	fi
}

# fails WHAT COMMAND...: COMMAND fails.
fails() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then fail "$what" "a failure" "success"; else pass "$what"; fi
}

# accepted WHAT COMMAND...: COMMAND succeeds.
accepted() {
	what=$1
	shift
	if out=$("$@" 2>&1); then pass "$what"; else fail "$what" "success" "$out"; fi
}

start=$(date +%s)
release "$W/a" UTC
check "make release in $W/a" 0 $?
sleep 2
release "$W/second/clone-with-a-longer-name" Pacific/Kiritimati
check "make release in $W/second/clone-with-a-longer-name" 0 $?
echo "# two clones and releases: $(($(date +%s) - start)) s"
A=$W/a/build/release
B=$W/second/clone-with-a-longer-name/build/release
# Without both folders every row below would compare nothing with nothing.
[ -s "$A/SHA256SUMS" ] && [ -s "$B/SHA256SUMS" ] || finish release
tarball=su-exec-$version.tar.gz
sed 's/^/# a: /' "$A/SHA256SUMS"
sed 's/^/# b: /' "$B/SHA256SUMS"
for f in SHA256SUMS su-exec-$version.source.spdx APKBUILD; do
	same reproducible "$f"
done
for a in $ARCHES; do
	same reproducible "su-exec-static-$a.spdx.json"
done

# What the folder holds: these files, each in SHA256SUMS, and they check.
check "the release folder's files" \
	"$(printf '%s\n' APKBUILD SHA256SUMS "su-exec-$version.source.spdx" "$tarball" \
		$(for a in $ARCHES; do echo "su-exec-static-$a su-exec-static-$a.spdx.json"; done) | sort | tr '\n' ' ')" \
	"$(cd "$A" && ls | tr '\n' ' ')"
check "SHA256SUMS names every other file, sorted" "$(cd "$A" && ls | grep -vx SHA256SUMS)" \
	"$(awk '{ print $2 }' "$A/SHA256SUMS")"
accepted "sha256sum -c SHA256SUMS" sh -c "cd '$A' && sha256sum -c --strict SHA256SUMS"
(cd "$W/a" && make -s dist >/dev/null)
accepted "the tarball is make dist's" cmp "$A/$tarball" "$W/a/build/$tarball"
fails "make release refuses the amd64 binary as arm64's" \
	make -C "$W/a" release ARCHES=arm64 RELEASE_BIN=build/su-exec-static-amd64 RELEASE_DIR=build/release-two

# The SBOMs: each names its binary, and the musl and libcap-ng its build used.
for a in $ARCHES; do
	accepted "su-exec-static-$a.spdx.json: SPDX 2.3, su-exec's sha256, musl, libcap-ng" \
		python3 "$ROOT/tests/sbom-check.py" "$A/su-exec-static-$a.spdx.json" "$A/su-exec-static-$a"
	if [ "$a" = "$(dpkg-architecture -qDEB_HOST_ARCH)" ]; then
		musl=$(dpkg-query -W -f='${Version}' "musl-dev:$a" 2>/dev/null)
		capng=$(cat "$W/a/build/capng-musl/VERSION")
	else
		musl=$(cat "$W/a/build/cross-$a/musl/VERSION")
		capng=$(cat "$W/a/build/cross-$a/capng/VERSION")
	fi
	check "su-exec-static-$a.spdx.json: musl and libcap-ng are the build's" "${musl%%-*} ${capng%%-*}" \
		"$(python3 -c 'import json, sys
p = {q["name"]: q["versionInfo"] for q in json.load(open(sys.argv[1]))["packages"]}
print(p["musl"], p["libcap-ng"])' "$A/su-exec-static-$a.spdx.json")"
done
# The libgcc package no amd64 binary needs, and a checker that can refuse.
python3 "$ROOT/mk/sbom.py" "$A/su-exec-static-amd64" "$version" 0 1.2.3 0.8.3 12.2.0 >"$W/libgcc.spdx.json"
accepted "an SBOM naming libgcc (GPL-3.0-or-later WITH GCC-exception-3.1) passes the check" \
	python3 "$ROOT/tests/sbom-check.py" "$W/libgcc.spdx.json" "$A/su-exec-static-amd64"
fails "the check refuses the SBOM of another binary" \
	python3 "$ROOT/tests/sbom-check.py" "$A/su-exec-static-amd64.spdx.json" "$A/$tarball"
epoch=$(git -C "$W/a" log -1 --format=%ct)
check "the SBOM's date is the last commit's" "$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)" \
	"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["creationInfo"]["created"])' \
		"$A/su-exec-static-amd64.spdx.json")"
src=$A/su-exec-$version.source.spdx
check "the source SBOM: SPDX, CC0-1.0, named for the tarball" \
	"DataLicense: CC0-1.0|DocumentName: su-exec-$version|SPDXID: SPDXRef-DOCUMENT" \
	"$(grep -e '^SPDXID: SPDXRef-DOCUMENT' -e '^DataLicense:' -e '^DocumentName:' "$src" | sort | tr '\n' '|' |
		sed 's/|$//')"
check "the source SBOM's namespace ends in the tarball's sha256" "$(sha256sum <"$A/$tarball" | cut -d' ' -f1)" \
	"$(sed -n 's/^DocumentNamespace: .*-source-//p' "$src")"
# REUSE leaves out the licence texts and its own .reuse/dep5.
check "the source SBOM names every tracked file but LICENSE, LICENSES/, .reuse/" \
	"$(git -C "$W/a" ls-files | grep -v -e '^LICENSE' -e '^\.reuse/' | sort)" \
	"$(sed -n 's|^FileName: \./||p' "$src" | sort)"
check "the source SBOM lists files" yes "$(grep -q '^FileName: ' "$src" && echo yes)"
check_empty "the source SBOM has no file without a licence" \
	"$(grep -e '^LicenseInfoInFile: NONE' -e '^FileCopyrightText: NONE' "$src")"

# The APKBUILD, as far as it can be checked without Alpine's abuild.
accepted "APKBUILD: sh -n" sh -n "$A/APKBUILD"
# Read as abuild reads it, with the variable abuild sets that it uses.
apkbuild() {
	(srcdir=/nonexistent && . "$A/APKBUILD" && eval "printf '%s' \"\$$1\"")
}
check "APKBUILD: pkgver is VERSION" "$version" "$(apkbuild pkgver)"
check "APKBUILD: sha512sums is the tarball's" "$(cd "$A" && sha512sum "$tarball")" \
	"$(apkbuild sha512sums | sed '/^$/d')"

# Signatures: a throwaway ed25519 key, never this user's keyring.
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'privdrop release test <test@invalid>' ed25519 sign never \
	2>"$W/gpg.log"
key=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }')
check "a throwaway key in $GNUPGHOME" yes "$([ -n "$key" ] && echo yes || echo no)"
fails "make sign without KEY" make -C "$W/a" -s sign
accepted "make sign KEY=..." make -C "$W/a" -s sign KEY="$key"
for f in $(for a in $ARCHES; do echo "su-exec-static-$a"; done) "$tarball" SHA256SUMS; do
	accepted "gpg --verify $f.asc" gpg --batch --verify "$A/$f.asc" "$A/$f"
done
check "an .asc for each binary, the tarball and SHA256SUMS" \
	"$(printf '%s\n' SHA256SUMS.asc "$tarball.asc" $(for a in $ARCHES; do echo "su-exec-static-$a.asc"; done) |
		sort | tr '\n' ' ')" "$(cd "$A" && ls *.asc | tr '\n' ' ')"
accepted "sha256sum -c SHA256SUMS after signing" sh -c "cd '$A' && sha256sum -c --quiet SHA256SUMS"
F=$W/flipped
cp -R "$A" "$F"
byte=$(od -An -tu1 -j 4096 -N 1 "$F/su-exec-static-amd64" | tr -d ' ')
printf "$(printf '\\%03o' $(((byte + 1) % 256)))" |
	dd of="$F/su-exec-static-amd64" bs=1 seek=4096 count=1 conv=notrunc 2>/dev/null
fails "one byte flipped: the binary differs" cmp -s "$A/su-exec-static-amd64" "$F/su-exec-static-amd64"
fails "one byte flipped: gpg --verify fails" gpg --batch --verify "$F/su-exec-static-amd64.asc" \
	"$F/su-exec-static-amd64"
fails "one byte flipped: sha256sum -c fails" sh -c "cd '$F' && sha256sum -c --quiet SHA256SUMS"
fails "make sign refuses a folder SHA256SUMS does not match" make -C "$W/a" -s sign KEY="$key" \
	RELEASE_DIR="$F"

accepted "reuse lint in the clone" sh -c "cd '$W/a' && reuse lint"
echo "# the release suite: $(($(date +%s) - start)) s"
finish release
