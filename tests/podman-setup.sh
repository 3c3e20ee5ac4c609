#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# podman kept inside $CT (build/container), sourced by tests/images.sh after
# lib.sh, whose fail reports what went wrong. Nothing outside $CT is
# configured: CONTAINERS_CONF and CONTAINERS_STORAGE_CONF point at files
# written there, storage and run state live there. The base images are made
# here once and kept in that storage, so a machine with no registry for
# images can run the suite:
#
#   localhost/su-exec-base/debian:bookworm-slim   debootstrap --variant=minbase
#   localhost/su-exec-base/debian-builder:...     the same with Dockerfile.test's
#                                                 DEBIAN_PACKAGES included, so the
#                                                 builder's apt-get has nothing to do
#   localhost/su-exec-base/busybox:static         busybox-static and its links
#
# DEBIAN_MIRROR overrides debootstrap's mirror. rm -rf build/container starts
# over.

BASE=localhost/su-exec-base

# podman_config: the private configuration. Written on every run, so that it
# follows the machine's limits.
podman_config() {
	mkdir -p "$CT/storage" "$CT/run" "$CT/tmp" "$CT/cni"
	cat >"$CT/containers.conf" <<-EOF
	# Written by tests/podman-setup.sh; podman reads it through CONTAINERS_CONF.
	[containers]
	# podman asks for 1048576 open files, which a root without CAP_SYS_RESOURCE
	# (as in a sandbox) cannot have: ask for what we have. A build step runs
	# under a lower process limit than ours (32768 seen), so at most 4096.
	default_ulimits = ["nofile=$(limit 'open files')", "nproc=$(limit processes 4096)"]
	netns = "none"
	[network]
	network_config_dir = "$CT/cni"
	[engine]
	runtime = "runc"
	cgroup_manager = "cgroupfs"
	events_logger = "file"
	events_logfile_path = "$CT/run/events.log"
	tmp_dir = "$CT/run/libpod"
	volume_path = "$CT/storage/volumes"
	image_copy_tmp_dir = "$CT/tmp"
	EOF
	cat >"$CT/storage.conf" <<-EOF
	# Written by tests/podman-setup.sh; podman reads it through CONTAINERS_STORAGE_CONF.
	[storage]
	driver = "overlay"
	graphroot = "$CT/storage"
	runroot = "$CT/run/storage"
	EOF
	CONTAINERS_CONF=$CT/containers.conf
	CONTAINERS_STORAGE_CONF=$CT/storage.conf
	export CONTAINERS_CONF CONTAINERS_STORAGE_CONF
}

# limit NAME [MAX]: this process's soft:hard limit from /proc/self/limits,
# as podman writes it (-1 for unlimited), each no more than MAX.
limit() {
	awk -v name="Max $1" -v max="${2:--1}" '
	function cap(v) {
		if (v == "unlimited")
			v = -1
		return (max != -1 && (v == -1 || v + 0 > max + 0)) ? max : v
	}
	index($0, name) == 1 {
		split(substr($0, length(name) + 1), f, " ")
		print cap(f[1]) ":" cap(f[2])
	}' /proc/self/limits
}

# podman_bases: the base images, made once; BASE_ARGS passes them for
# Dockerfile.test's base-image arguments. The builder base's tag carries a
# checksum of DEBIAN_PACKAGES, so a changed list makes a new one.
podman_bases() {
	pkgs=$(sed -n 's/^ARG DEBIAN_PACKAGES="\(.*\)"$/\1/p' Dockerfile.test)
	[ -n "$pkgs" ] || fail "Dockerfile.test's DEBIAN_PACKAGES line" 'ARG DEBIAN_PACKAGES="..."' "none"
	DEBIAN_IMAGE=$BASE/debian:bookworm-slim
	BUILDER_IMAGE=$BASE/debian-builder:bookworm-$(printf '%s' "$pkgs" | cksum | cut -d' ' -f1)
	BUSYBOX_IMAGE=$BASE/busybox:static
	podman image exists "$BUILDER_IMAGE" || debootstrap_image "$BUILDER_IMAGE" "$pkgs"
	podman image exists "$DEBIAN_IMAGE" || debootstrap_image "$DEBIAN_IMAGE" ""
	podman image exists "$BUSYBOX_IMAGE" || busybox_image "$BUSYBOX_IMAGE"
	BASE_ARGS="--build-arg DEBIAN=$DEBIAN_IMAGE --build-arg DEBIAN_BUILDER=$BUILDER_IMAGE
		--build-arg BUSYBOX=$BUSYBOX_IMAGE"
}

# debootstrap_image NAME PACKAGES: Debian bookworm minbase with PACKAGES,
# imported as NAME with debian:bookworm-slim's PATH and command. The .debs
# are kept in build/container/debs for the next image.
debootstrap_image() {
	echo "# making $1 with debootstrap (once; log in build/container/log)"
	dir=$CT/rootfs
	log=$CT/log/$(printf '%s' "$1" | tr ':/' '--').debootstrap.log
	remove_root "$dir" || return
	mkdir -p "$CT/debs"
	include=$(printf '%s' "$2" | tr ' ' ,)
	if ! debootstrap --variant=minbase ${include:+--include=$include} --cache-dir="$CT/debs" \
		bookworm "$dir" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$log" 2>&1; then
		fail "base image $1" "debootstrap succeeds" "$(tail -n 3 "$log")"
		remove_root "$dir"
		return
	fi
	find "$dir/var/cache/apt/archives" "$dir/var/lib/apt/lists" -type f -delete
	import_root "$dir" "$1" bash
	remove_root "$dir"
}

busybox_image() {
	echo "# making $1 from busybox-static (once)"
	dir=$CT/busybox-root
	remove_root "$dir" || return
	if ! sh tests/busybox-root.sh "$dir" >"$CT/log/busybox-root.log" 2>&1; then
		fail "base image $1" "tests/busybox-root.sh succeeds" "$(cat "$CT/log/busybox-root.log")"
		return
	fi
	mkdir -p "$dir/root" "$dir/home" "$dir/usr/local/bin"
	printf '%s\n' root:x:0:0:root:/root:/bin/sh daemon:x:1:1:daemon:/usr/sbin:/bin/false \
		bin:x:2:2:bin:/bin:/bin/false sys:x:3:3:sys:/dev:/bin/false \
		www-data:x:33:33:www-data:/var/www:/bin/false nobody:x:65534:65534:nobody:/home:/bin/false \
		>"$dir/etc/passwd"
	printf '%s\n' root:x:0: daemon:x:1: bin:x:2: sys:x:3: adm:x:4: tty:x:5: wheel:x:10:root \
		www-data:x:33: users:x:100: nogroup:x:65534: >"$dir/etc/group"
	import_root "$dir" "$1" sh
	remove_root "$dir"
}

# import_root DIR NAME COMMAND
import_root() {
	if tar -C "$1" -c . | podman import --change "CMD [\"$3\"]" \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		- "$2" >"$CT/log/import.log" 2>&1; then
		return 0
	fi
	fail "base image $2" "podman import succeeds" "$(tail -n 3 "$CT/log/import.log")"
}

# remove_root DIR: debootstrap mounts proc and sys inside its root and may
# leave them there when it fails: unmount before deleting, never delete
# through a mount.
remove_root() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do umount -l "$m"; done
	if grep -q " $1[/ ]" /proc/self/mountinfo; then
		fail "cleaning $1" "nothing mounted" "$(grep " $1[/ ]" /proc/self/mountinfo)"
		return 1
	fi
	rm -rf "$1"
}

# Run by itself, as `prove tests/*.sh` does: it is not a suite.
case ${0##*/} in
podman-setup.sh) echo "1..0 # SKIP tests/podman-setup.sh is sourced by tests/images.sh" && exit 0 ;;
esac
