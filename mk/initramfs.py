#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: mk/initramfs.py DIR OUT
#
# Writes the tree DIR to OUT as an uncompressed newc cpio archive, the form
# the kernel unpacks as an initramfs. Reproducible: entries sorted by path,
# owner and group 0, mtime 0, inode numbers sequential, one link each; the
# modes are the files' own. Directories, regular files and symlinks only.
import os
import stat
import sys


def entry(out, ino, name, mode, data=b""):
    name = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data), 0, 0, 0, 0, len(name), 0)
    head = b"070701" + b"".join(b"%08x" % f for f in fields)
    out.write(head + name + b"\0" * (-(len(head) + len(name)) % 4))
    out.write(data + b"\0" * (-len(data) % 4))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mk/initramfs.py DIR OUT")
    top, path = sys.argv[1], sys.argv[2]
    names = []
    for root, dirs, files in os.walk(top):
        for n in dirs + files:
            names.append(os.path.relpath(os.path.join(root, n), top))
    with open(path + ".tmp", "wb") as out:
        for ino, name in enumerate(sorted(names), 1):
            full = os.path.join(top, name)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                data = os.readlink(full).encode()
            elif stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    data = f.read()
            elif stat.S_ISDIR(st.st_mode):
                data = b""
            else:
                sys.exit("initramfs: %s: not a directory, file or symlink" % full)
            entry(out, ino, name, st.st_mode, data)
        entry(out, 0, "TRAILER!!!", 0)
    os.replace(path + ".tmp", path)


main()
