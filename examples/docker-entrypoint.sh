#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# The entrypoint of examples/Dockerfile. It starts as root, does the one job
# that needs root, then becomes app for good: after `exec su-exec` no process
# of the container is root, and the service is the container's PID 1, so
# `docker stop` signals it directly.
set -e

# Started with --user: already unprivileged, nothing to fix up or drop.
if [ "$(id -u)" != 0 ]; then
	exec "$@"
fi

# A volume mounted on /data belongs to whoever made it; app writes there.
chown -R app:app /data

case $1 in
httpd)
	# Port 80 as app: keep that one capability. httpd has no SIGTERM handler,
	# and the kernel drops such a signal sent to a PID 1, so `docker stop`
	# would wait and kill; su-exec --init stays PID 1 (as app) and passes it on.
	exec su-exec --init --keep-caps=net_bind_service app "$@"
	;;
esac
exec su-exec app "$@"
