#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: mk/deps.sh [build|test|bench|container|package|release|cross|arch]
#
# Installs what is missing, as root, on Debian 12 or Alpine: to build su-exec
# (build); to build it and run every test, sanitizer and fuzz target (test,
# the default); the tools `make bench` compares against (bench); and podman,
# with what makes its base images, for `make check-container` (container); what
# `make dist`, `make distcheck` and `make deb` need: dpkg-buildpackage, lintian,
# debootstrap for the install test's root, man-db (package); what `make
# release`, `make sign` and `make check-release` need: gpg, reuse for the
# source SBOM, python3 for the others, binutils' readelf and nm (release).
# Alpine has no debhelper or lintian: there the package set serves `make
# dist` only; the release is made on Debian (its musl version is dpkg's).
# The cross set is Debian's cross compilers, kernel headers and qemu-user for
# `make static ARCH=...` and `make static-all` (musl itself comes through a
# private apt state, mk/musl-cross.sh); Alpine has no such set: there
# `make static` builds for the machine's own architecture only. The arch
# set adds qemu-system and its firmware for `make check-arch` (Debian's
# kernels and busybox come through the private apt state too).
# Packages already installed are left alone; nothing else is changed.
set -eu

what=${1:-test}

debian_build="gcc make libc6-dev pkg-config libcap-ng-dev musl-tools dpkg-dev linux-libc-dev"
debian_test="$debian_build check busybox-static util-linux
	procps python3 valgrind clang libclang-rt-14-dev gosu strace qemu-user-static reuse devscripts
	abigail-tools"
debian_bench="$debian_test hyperfine gosu tini dumb-init s6"
debian_container="podman runc debootstrap busybox-static"
debian_package="$debian_build build-essential check git debhelper dpkg-dev fakeroot lintian debootstrap man-db
	util-linux"
# gcc-<triplet> for each of the Makefile's STATIC_ARCHES, on an amd64
# machine: its own is musl-tools' musl-gcc.
debian_cross="$debian_build qemu-user-static gcc-aarch64-linux-gnu linux-libc-dev-arm64-cross
	gcc-arm-linux-gnueabihf linux-libc-dev-armhf-cross gcc-arm-linux-gnueabi linux-libc-dev-armel-cross
	gcc-i686-linux-gnu linux-libc-dev-i386-cross gcc-powerpc64le-linux-gnu linux-libc-dev-ppc64el-cross
	gcc-s390x-linux-gnu linux-libc-dev-s390x-cross gcc-riscv64-linux-gnu linux-libc-dev-riscv64-cross"
# make check-arch: qemu-system for each architecture, with its firmware
# (seabios for pc; SLOF, s390-ccw and OpenSBI come in qemu-system-data).
debian_arch="$debian_cross python3 qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-system-misc
	qemu-system-data seabios"
# make release builds every architecture, so it needs the cross set.
debian_release="$debian_cross git python3 gnupg reuse binutils"
alpine_build="build-base linux-headers pkgconf libcap-ng-dev libcap-ng-static"
alpine_test="$alpine_build check-dev busybox-static util-linux procps
	python3 valgrind clang compiler-rt gosu strace qemu-x86_64"
alpine_bench="$alpine_test hyperfine gosu tini dumb-init s6"
alpine_container="podman runc debootstrap busybox-static"
alpine_package="$alpine_build check-dev git dpkg fakeroot debootstrap man-db util-linux"
alpine_release="$alpine_build git python3 gnupg"

case $what in
build | test | bench | container | package | release | cross | arch) ;;
*) echo "usage: mk/deps.sh [build|test|bench|container|package|release|cross|arch]" >&2; exit 2 ;;
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
	case $what in cross | arch) echo "deps: no $what set on Alpine; cross builds need Debian" >&2; exit 1 ;; esac
	eval "pkgs=\$alpine_$what"
	apk add --no-cache $pkgs >/dev/null
else
	echo "deps: no apt-get or apk here; install by hand: $debian_test" >&2
	exit 1
fi
