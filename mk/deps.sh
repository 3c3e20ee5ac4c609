#!/bin/sh
# Usage: mk/deps.sh [build|test]
#
# Installs what is missing to build su-exec (build) or to build it and run
# the whole test suite (test, the default), on Debian 12 or Alpine, as root.
# Packages already installed are left alone; nothing else is changed.
set -eu

what=${1:-test}

debian_build="gcc make pkg-config libc6-dev libcap-ng-dev"
debian_test="$debian_build check busybox-static musl-tools util-linux procps python3 valgrind
	hyperfine gosu tini dumb-init s6"
alpine_build="build-base pkgconf linux-headers libcap-ng-dev libcap-ng-static"
alpine_test="$alpine_build check-dev busybox-static util-linux procps python3 valgrind
	hyperfine gosu tini dumb-init s6"

case $what in
build | test) ;;
*) echo "usage: mk/deps.sh [build|test]" >&2; exit 2 ;;
esac

if command -v apt-get >/dev/null 2>&1; then
	eval "pkgs=\$debian_$what"
	missing=
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && exit 0
	echo "deps: installing$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
elif command -v apk >/dev/null 2>&1; then
	eval "pkgs=\$alpine_$what"
	apk add --no-cache $pkgs >/dev/null
else
	echo "deps: no apt-get or apk here; install by hand: $debian_test" >&2
	exit 1
fi
