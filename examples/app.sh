#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# A stand-in for a real service: it writes to the /data volume, which works
# only once the entrypoint has given /data to app, and stops cleanly on
# SIGTERM, the signal `docker stop` sends to PID 1.
echo "started as $(id -un), pid $$" >>/data/log
trap 'echo "stopped on SIGTERM" >>/data/log; exit 0' TERM
while :; do
	sleep 1 &
	wait $!
done
