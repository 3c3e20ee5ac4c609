#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# busybox-root.sh ROOT [SU_EXEC_STATIC]: build a bare root the way an Alpine
# image runs su-exec: busybox-static and its applet links, the static su-exec
# at /sbin/su-exec (when given), empty etc, proc and tmp for the tests to
# mount over, and /dev/null, which every container has and busybox sh opens
# for a background job. Nothing from the host's libraries or /etc goes in.
set -eu

# Run with no arguments, as `prove tests/*.sh` does: it is not a suite.
if [ $# -eq 0 ]; then
	echo "1..0 # SKIP tests/busybox-root.sh is a tool of integration.sh and caps.sh"
	exit 0
fi
if [ $# -gt 2 ]; then
	echo "usage: busybox-root.sh ROOT [SU_EXEC_STATIC]" >&2
	exit 2
fi
root=$1
static=${2:-}

busybox=$(command -v busybox) || {
	echo "busybox-root: busybox not found (Debian: apt-get install busybox-static)" >&2
	exit 1
}

mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" \
	"$root/etc" "$root/proc" "$root/tmp" "$root/dev"
chmod 1777 "$root/tmp"
[ -c "$root/dev/null" ] || mknod -m 666 "$root/dev/null" c 1 3
cp "$busybox" "$root/usr/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	[ -e "$root/$applet" ] || ln -s /usr/bin/busybox "$root/$applet"
done
[ -z "$static" ] || cp "$static" "$root/sbin/su-exec"

# A dynamically linked busybox would copy in fine and fail in the chroot.
if [ "$(chroot "$root" /bin/sh -c 'id -u')" != 0 ]; then
	echo "busybox-root: $busybox does not run in a bare root; is it busybox-static?" >&2
	exit 1
fi
