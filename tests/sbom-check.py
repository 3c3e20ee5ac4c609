#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: tests/sbom-check.py SBOM BINARY
#
# tests/release.sh's structural check of one binary's SPDX 2.3 JSON SBOM
# (Debian 12 packages no SPDX validator): the fields SPDX 2.3 requires of a
# document and of each package, a DESCRIBES of the program, relationships
# that name only packages of the document, and the facts: the program's
# sha256 is BINARY's, its licence MIT, musl's MIT, libcap-ng's the LGPL.
# Prints one line per problem; exits 1 if there was one.
import hashlib
import json
import sys

PACKAGE_FIELDS = ("SPDXID", "name", "versionInfo", "downloadLocation", "licenseConcluded",
                  "licenseDeclared", "copyrightText")
LICENCES = {"su-exec": "MIT", "musl": "MIT", "libcap-ng": "LGPL-2.1-or-later",
            "libgcc": "GPL-3.0-or-later WITH GCC-exception-3.1"}


def problems(doc, sha):
    want = {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT"}
    for key, value in want.items():
        if doc.get(key) != value:
            yield "%s is %r, not %r" % (key, doc.get(key), value)
    for key in ("name", "documentNamespace"):
        if not doc.get(key):
            yield "no " + key
    info = doc.get("creationInfo", {})
    if not info.get("created") or not info.get("creators"):
        yield "creationInfo lacks created or creators"
    packages = {p.get("SPDXID"): p for p in doc.get("packages", [])}
    by_name = {p.get("name"): p for p in packages.values()}
    for p in packages.values():
        for key in PACKAGE_FIELDS:
            if not p.get(key):
                yield "package %s has no %s" % (p.get("name"), key)
        if p.get("name") not in LICENCES:
            yield "unknown package %s" % p.get("name")
        elif p.get("licenseConcluded") != LICENCES[p["name"]]:
            yield "%s's licence is %s" % (p["name"], p.get("licenseConcluded"))
    for name in ("su-exec", "musl", "libcap-ng"):
        if name not in by_name:
            yield "no package " + name
    program = by_name.get("su-exec", {})
    sums = [c.get("checksumValue") for c in program.get("checksums", []) if c.get("algorithm") == "SHA256"]
    if sums != [sha]:
        yield "su-exec's SHA256 is %s, the binary's %s" % (sums, sha)
    if not doc.get("documentNamespace", "").endswith(sha):
        yield "the namespace does not end in the binary's sha256"
    rels = doc.get("relationships", [])
    describes = [r for r in rels if r.get("relationshipType") == "DESCRIBES"]
    if [(r.get("spdxElementId"), r.get("relatedSpdxElement")) for r in describes] != \
            [("SPDXRef-DOCUMENT", program.get("SPDXID"))]:
        yield "the document does not DESCRIBE su-exec alone"
    for r in rels:
        for end in (r.get("spdxElementId"), r.get("relatedSpdxElement")):
            if end != "SPDXRef-DOCUMENT" and end not in packages:
                yield "relationship names %s, no package of the document" % end
    for lib in set(by_name) - {"su-exec"}:
        for kind in ("CONTAINS", "STATIC_LINK"):
            if not any(r.get("relationshipType") == kind and
                       r.get("relatedSpdxElement") == by_name[lib]["SPDXID"] for r in rels):
                yield "su-exec has no %s of %s" % (kind, lib)


def main(sbom, binary):
    with open(sbom) as f:
        doc = json.load(f)
    with open(binary, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    found = list(problems(doc, sha))
    for p in found:
        print(p)
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tests/sbom-check.py SBOM BINARY")
    sys.exit(main(*sys.argv[1:]))
