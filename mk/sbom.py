#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/sbom.py BINARY VERSION EPOCH MUSL CAPNG [LIBGCC]
#
# Prints the SPDX 2.3 JSON SBOM of one static su-exec: the program (MIT, the
# binary's sha256) and what is linked into it, musl, libcap-ng and, when
# LIBGCC (the cross gcc's version) is given, libgcc's helpers. The same
# inputs give the same bytes: sorted keys, the only date is EPOCH (the last
# commit's, as make dist uses), and the namespace ends in the sha256, so it
# names this binary and no other. Versions are as the build reported them;
# a Debian revision (0.8.3-1) goes into sourceInfo, the upstream part into
# versionInfo.
import hashlib
import json
import os
import sys
import time


def package(ident, name, version, licence, copyright, where, **more):
    upstream = version.split("-")[0]
    p = {
        "SPDXID": "SPDXRef-Package-" + ident,
        "name": name,
        "versionInfo": upstream,
        "downloadLocation": where,
        "filesAnalyzed": False,
        "licenseConcluded": licence,
        "licenseDeclared": licence,
        "copyrightText": copyright,
    }
    if upstream != version:
        p["sourceInfo"] = "Debian's package, version " + version
    p.update(more)
    return p


def main(binary, version, epoch, musl, capng, libgcc=None):
    with open(binary, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    file_name = os.path.basename(binary)
    program = package(
        "su-exec", "su-exec", version, "MIT", "Copyright 2026 The privdrop authors",
        # No hosting yet: the release folder is what a maintainer uploads.
        "NOASSERTION", packageFileName=file_name, primaryPackagePurpose="APPLICATION",
        checksums=[{"algorithm": "SHA256", "checksumValue": sha}])
    linked = [
        package("musl", "musl", musl, "MIT", "Copyright 2005-2020 Rich Felker, et al.",
                "https://musl.libc.org/releases/musl-%s.tar.gz" % musl.split("-")[0],
                primaryPackagePurpose="LIBRARY"),
        package("libcap-ng", "libcap-ng", capng, "LGPL-2.1-or-later",
                "Copyright 2009-2022 Red Hat Inc.", "https://people.redhat.com/sgrubb/libcap-ng/",
                primaryPackagePurpose="LIBRARY"),
    ]
    if libgcc:
        linked.append(package(
            "libgcc", "libgcc", libgcc, "GPL-3.0-or-later WITH GCC-exception-3.1",
            "Copyright Free Software Foundation, Inc.", "https://gcc.gnu.org/",
            primaryPackagePurpose="LIBRARY",
            comment="the helper routines of gcc's libgcc.a this architecture's code calls"))
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                      "relatedSpdxElement": program["SPDXID"]}]
    for lib in linked:
        for kind in ("CONTAINS", "STATIC_LINK"):
            relationships.append({"spdxElementId": program["SPDXID"], "relationshipType": kind,
                                  "relatedSpdxElement": lib["SPDXID"]})
    doc = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": file_name,
        "documentNamespace": "https://spdx.org/spdxdocs/%s-%s-%s" % (file_name, version, sha),
        "creationInfo": {
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch))),
            "creators": ["Organization: The privdrop authors", "Tool: privdrop-mk-sbom.py"],
        },
        "packages": [program] + linked,
        "relationships": relationships,
    }
    json.dump(doc, sys.stdout, indent=2, sort_keys=True, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) not in (6, 7):
        sys.exit("usage: mk/sbom.py BINARY VERSION EPOCH MUSL CAPNG [LIBGCC]")
    main(*sys.argv[1:])
