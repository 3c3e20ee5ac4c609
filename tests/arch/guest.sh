#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
#
# Usage: tests/arch/guest.sh BUSYBOX OUT
#
# Writes OUT, the test guest's initramfs (mk/initramfs.py): BUSYBOX as
# /bin/busybox, /bin/sh a symlink to it, and /init, which links the other
# applets (busybox --install, as the binary is the guest's, not ours), mounts
# proc, sys and devtmpfs, brings up loopback, prints
# `arch-boot: <machine> <release>`, the ids /proc/self/status names and
# whether a server listens on 127.0.0.1, then powers off.
set -eu

[ $# -eq 2 ] || { echo "usage: tests/arch/guest.sh BUSYBOX OUT" >&2; exit 2; }
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/bin" "$tree/proc" "$tree/sys" "$tree/dev" "$tree/tmp" "$tree/www"
echo ok >"$tree/www/index.html"
cp "$1" "$tree/bin/busybox"
chmod 755 "$tree/bin/busybox"
ln -s busybox "$tree/bin/sh"
cat >"$tree/init" <<'INIT'
#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
ip link set lo up && ip addr add 127.0.0.1/8 dev lo 2>/dev/null
# A line of its own: firmware may leave escapes on the console's last.
echo
echo "arch-boot: $(uname -m) $(uname -r)"
echo "arch-boot: lo $(ip -o link show lo | grep -o "<[^>]*>") $(ip -o addr show lo | grep -o "inet [0-9./]*"); $(grep ^Uid: /proc/self/status | tr -s "\t" " ")"
httpd -p 127.0.0.1:8000 -h /www
echo "arch-boot: http://127.0.0.1:8000/ says $(wget -q -O- http://127.0.0.1:8000/ 2>&1)"
poweroff -f
INIT
chmod 755 "$tree/init"
python3 "$(dirname "$0")/../../mk/initramfs.py" "$tree" "$2"
