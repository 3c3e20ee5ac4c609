#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: tests/arch/guest.sh DIR BUSYBOX SU_EXEC TESTS
#
# Fills DIR, emptied first, with the test guest's root, for mk/initramfs.py:
# BUSYBOX as /bin/busybox (/bin/sh a link to it), SU_EXEC as /bin/su-exec,
# from the folder TESTS (make static-tests) the unit tests check_privdrop
# and the helpers bindport and zombies in /tests with lib.sh and
# tests/arch/rows.sh, and tests/fixtures/arch as /etc. Its /init links the
# other applets (busybox --install: the binary is the guest's), mounts proc,
# sys and devtmpfs, brings up loopback, runs the rows, prints
# `arch-done: STATUS` on a line of its own and powers off.
set -eu

[ $# -eq 4 ] || { echo "usage: tests/arch/guest.sh DIR BUSYBOX SU_EXEC TESTS" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$1"
mkdir -p "$1/bin" "$1/proc" "$1/sys" "$1/dev" "$1/tmp" "$1/root" "$1/home/app" "$1/tests"
cp "$2" "$1/bin/busybox"
ln -s busybox "$1/bin/sh"
cp "$3" "$1/bin/su-exec"
for f in check_privdrop bindport zombies; do
	cp "$4/$f" "$1/tests/$f"
done
chmod 755 "$1/bin/busybox" "$1/bin/su-exec" "$1"/tests/*
cp "$here/../lib.sh" "$here/rows.sh" "$1/tests/"
cp -R "$here/../fixtures/arch" "$1/etc"
mkdir -p "$1/tests/fixtures"
cp -R "$here/../fixtures/unit" "$1/tests/fixtures/unit" # check_privdrop reads them from /
chmod 1777 "$1/tmp"
cat >"$1/init" <<'INIT'
#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
ip link set lo up
export PATH=/bin HOME=/root
cd /
sh /tests/rows.sh
# A line of its own: firmware may leave escapes on the console's last.
echo
echo "arch-done: $?"
poweroff -f
INIT
chmod 755 "$1/init"
