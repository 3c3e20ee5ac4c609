#!/bin/sh
# busybox-root.sh ROOT [SU_EXEC_STATIC]: build a bare root the way an Alpine
# image runs su-exec: busybox-static and its applet links, the static su-exec
# at /sbin/su-exec (when given), and empty etc, proc and tmp for the tests to
# mount over. Nothing from the host's libraries or /etc goes in.
set -eu

if [ $# -ne 1 ] && [ $# -ne 2 ]; then
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
	"$root/etc" "$root/proc" "$root/tmp"
chmod 1777 "$root/tmp"
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
