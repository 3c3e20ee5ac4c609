#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: tests/images.sh   (make check-container, as root)
#
# Dockerfile.test and examples/Dockerfile built with a container engine and
# their images run. The engine is docker when `docker info` answers,
# otherwise podman. With docker the public base images are pulled. With
# podman everything is kept in build/container (tests/podman-setup.sh, which
# also makes the base images there once), builds use chroot isolation (the
# host's network namespace, untouched) and containers run with
# --network=none. Dockerfile.test's base images are build arguments: those
# images are passed for them. Alpine cannot be made here: its targets run
# where docker, or podman with CONTAINER_PULL=1, can pull alpine, and are
# otherwise a SKIP row with the reason. TAP output (lib.sh).
set -f
umask 022
LC_ALL=C
export LC_ALL

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CT=$ROOT/build/container
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/podman-setup.sh"

main() {
	cd "$ROOT" || exit 1
	engine || finish container
	mkdir -p "$CT/log"
	W=$(mktemp -d "$CT/work.XXXXXX") || exit 1
	NAME=su-exec-test-$$
	trap remove_all EXIT
	trap 'exit 1' HUP INT TERM
	HOST_BEFORE=$(host_state)
	[ "$ENGINE" = podman ] && podman_bases
	for target in debian busybox alpine; do
		image_target "$target"
	done
	examples
	check "the host's network, firewall and /etc/containers are untouched" "$HOST_BEFORE" "$(host_state)"
	finish container
}

# The example containers, then the work directory (lib.sh's cleanup).
remove_all() {
	for c in app web; do
		$ENGINE rm -f "$NAME-$c" >/dev/null 2>&1
	done
	cleanup
}

# The engine, and the flags every build and run gets.
engine() {
	if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
		ENGINE=docker BUILD_FLAGS='' BASE_ARGS=''
		RUN_FLAGS="--network=none"
		echo "# engine: docker (docker info answers); base images are pulled"
		return 0
	fi
	[ "$(id -u)" -eq 0 ] || skip_all "no docker engine answers, and podman is used here only as root (run: sudo make check-container)"
	if ! command -v podman >/dev/null 2>&1; then
		fail "a container engine" "docker info answering, or podman" "neither (run: sh mk/deps.sh container)"
		return 1
	fi
	ENGINE=podman
	podman_config
	BUILD_FLAGS="--isolation=chroot --pull=never"
	RUN_FLAGS="--network=none --pull=never"
	echo "# engine: $(podman --version), storage and configuration in build/container"
}

have_image() {
	$ENGINE image inspect "$1" >/dev/null 2>&1
}

# image_target TARGET: build Dockerfile.test's TARGET, run the table inside
# it, then the command as the container's PID 1.
image_target() {
	IMG=su-exec-test:$1
	args=$BASE_ARGS
	if [ "$1" = alpine ]; then
		alpine_pullable || return
		args="$args --build-arg ALPINE=$ALPINE_IMAGE"
	fi
	build "$1" Dockerfile.test "$1" "$IMG" $args || return
	in_image_table "$1"
	pid1 "$1"
	not_root "$1"
}

# alpine_pullable: ALPINE_IMAGE is here, or the engine may and can pull it.
# podman pulls only with CONTAINER_PULL=1: where it makes its own base images
# there is usually no registry, and nothing should be asked of one.
alpine_pullable() {
	ALPINE_IMAGE=$(sed -n 's/^ARG ALPINE=//p' Dockerfile.test)
	[ "$ENGINE" = podman ] && ALPINE_IMAGE=docker.io/library/$ALPINE_IMAGE
	have_image "$ALPINE_IMAGE" && return 0
	if [ "$ENGINE" = podman ] && [ "${CONTAINER_PULL:-0}" != 1 ]; then
		skip alpine "$ALPINE_IMAGE is not here and podman does not pull without CONTAINER_PULL=1, so the alpine targets did not run"
		return 1
	fi
	if out=$($ENGINE pull "$ALPINE_IMAGE" 2>&1); then
		return 0
	fi
	skip alpine "the $ENGINE here cannot pull $ALPINE_IMAGE, so the alpine targets did not run: $(printf '%s\n' "$out" | tail -n 1)"
	return 1
}

# build WHAT FILE TARGET TAG [BUILD-ARG...]: one test; the log is kept in
# build/container/log. The builder's unit test summary is quoted, or said to
# come from the cache (a step that failed is never cached).
build() {
	what=$1 file=$2 target=$3 tag=$4
	shift 4
	log=$CT/log/$(printf '%s' "$tag" | tr ':/' '--').build.log
	started=$(date +%s)
	$ENGINE build $BUILD_FLAGS "$@" -f "$file" --target "$target" -t "$tag" . >"$log" 2>&1
	RC=$?
	echo "# $what: build took $(($(date +%s) - started))s, log in ${log#"$ROOT"/}"
	if [ "$RC" -ne 0 ]; then
		fail "$what: $file --target $target builds" "exit 0" "exit $RC: $(tail -n 5 "$log")"
		return 1
	fi
	units=$(grep -o '[0-9]*%: Checks: [0-9]*, Failures: [0-9]*, Errors: [0-9]*' "$log" | paste -sd';' -)
	case $file in
	Dockerfile.test) units="; builder's unit tests: ${units:-cached from an earlier passing build}" ;;
	*) units= ;;
	esac
	pass "$what: $file --target $target builds$units"
}

# run IMAGE [ARG...]: a container of IMAGE, removed after; sets RC, output in
# $W/out and $W/err.
run() {
	$ENGINE run --rm $RUN_FLAGS "$@" </dev/null >"$W/out" 2>"$W/err"
	RC=$?
}

# expect_run WHAT STATUS STDOUT [STDERR]: the last run's status and output.
expect_run() {
	check "$1" "exit $2, stdout \"$3\", stderr \"${4:-}\"" \
		"exit $RC, stdout \"$(cat "$W/out")\", stderr \"$(cat "$W/err")\""
}

# The image's command runs tests/in-image.sh: its lines become ours,
# renumbered; anything else it prints is shown as a comment.
in_image_table() {
	run "$IMG"
	summary=
	while IFS= read -r line; do
		case $line in
		"ok "*) pass "${line#ok * - }" ;;
		"not ok "*)
			T_N=$((T_N + 1)) T_FAIL=$((T_FAIL + 1))
			printf 'not ok %s - %s\n' "$T_N" "${line#not ok * - }"
			;;
		"$1: "*" passed, 0 failed") summary=$line ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done <"$W/out"
	if [ "$RC" -eq 0 ] && [ -n "$summary" ]; then
		pass "$1: the table inside the image ran to its end, as root ($summary)"
	else
		fail "$1: the table inside the image ran to its end, as root" "exit 0 and a summary" \
			"exit $RC, stderr \"$(cat "$W/err")\""
	fi
}

# The image's command is su-exec, as an entrypoint's exec leaves it.
pid1() {
	run "$IMG" su-exec nobody sh -c 'echo $$ $(id -u)'
	expect_run "$1: su-exec as the container's command: the command is PID 1, as nobody" 0 "1 65534"
	# Not "PID 2": runc's own setup takes the first pids after 1.
	run "$IMG" su-exec --init nobody sh -c 'echo $PPID $(cat /proc/1/comm) $(id -u); [ $$ != 1 ]'
	expect_run "$1: su-exec --init: su-exec stays PID 1, the command is its child, as nobody" 0 \
		"1 su-exec 65534"
	run "$IMG" su-exec nobody sh -c 'exit 7'
	expect_run "$1: the command's exit status is the container's" 7 ""
	run "$IMG" su-exec bogus true
	expect_run "$1: a bad spec: the container exits 125, saying why" 125 "" \
		"su-exec: 'bogus': no such user"
	run "$IMG" sh -c 'for c in cc gcc c99 make ld as; do command -v $c; done; true'
	expect_run "$1: no compiler in the final image" 0 ""
}

# A container started with --user: its entrypoint's su-exec of that same
# user runs the command without a switch; anything else is refused.
not_root() {
	run --user nobody "$IMG" su-exec nobody sh -c 'echo $(id -u) $(id -g)'
	expect_run "$1: run --user nobody, su-exec nobody: nothing to change, it runs" 0 "65534 65534"
	run --user nobody "$IMG" su-exec root id
	if [ "$RC" -eq 125 ] && [ ! -s "$W/out" ] && message_ok root; then
		pass "$1: run --user nobody, su-exec root: refused, 125"
	else
		fail "$1: run --user nobody, su-exec root: refused, 125" "exit 125, one line naming root" "$(got)"
	fi
}

# examples/Dockerfile: the entrypoint chowns the data volume as root, then
# becomes app; the web variant binds port 80 as app with --init.
examples() {
	args=$(printf '%s\n' "$BASE_ARGS" | sed 's/DEBIAN_BUILDER=/BUILDER=/')
	if build "example app" examples/Dockerfile app su-exec-example:app $args; then
		example_app
	fi
	if build "example web" examples/Dockerfile web su-exec-example:web $args; then
		example_web
	fi
}

# A data directory owned by someone else, mounted on /data: the service
# finds it its own, runs as app as PID 1, and stops on SIGTERM with its own
# status (0), not the engine's SIGKILL (137).
example_app() {
	c=$NAME-app
	mkdir -p "$W/data"
	echo old >"$W/data/old"
	chown -R 12345:12345 "$W/data"
	if ! $ENGINE run -d --name "$c" $RUN_FLAGS -v "$W/data:/data" su-exec-example:app >"$W/out" 2>"$W/err" ||
		! wait_for "$W/data/log"; then
		fail "example app: starts and writes to /data" "a line in /data/log" "$(got); $($ENGINE logs "$c" 2>&1)"
		return
	fi
	app=$(in_container "$c" 'echo $(id -u app):$(id -g app)')
	check "example app: the entrypoint gave the volume to app" "$app $app $app" \
		"$(stat -c %u:%g "$W/data" "$W/data/old" "$W/data/log" | paste -sd' ' -)"
	check "example app: the service runs as app, as PID 1, with no capability" \
		"app.sh ${app%:*} 0000000000000000 started as app, pid 1" \
		"$(in_container "$c" 'echo $(cat /proc/1/comm) $(status 1 Uid) $(status 1 CapEff)') $(head -n 1 "$W/data/log")"
	stop_container "$c"
	check "example app: $ENGINE stop: SIGTERM ends the service, the container exits with its status" \
		"exit 0 in under 10s, stopped on SIGTERM" "$STOPPED, $(tail -n 1 "$W/data/log")"
	run --user app su-exec-example:app id -un
	expect_run "example app: run --user app: the entrypoint runs the command as it is" 0 app
}

# httpd on port 80 as app, its only capability net_bind_service, under
# su-exec --init; SIGTERM ends it, and the container exits with httpd's
# status (128 + 15). Unprivileged ports start at 1024 in the container, as
# the kernel has it (docker lowers it to 0 unless told).
example_web() {
	c=$NAME-web
	ports="--sysctl net.ipv4.ip_unprivileged_port_start=1024"
	if ! $ENGINE run -d --name "$c" $RUN_FLAGS $ports su-exec-example:web >"$W/out" 2>"$W/err"; then
		fail "example web: starts" "a running container" "$(got)"
		return
	fi
	i=0
	until in_container "$c" 'wget -q -O - http://127.0.0.1:80/' >"$W/page" 2>&1 || [ "$i" -ge 50 ]; do
		i=$((i + 1))
		sleep 0.2
	done
	check "example web: answers on port 80, inside its own network namespace" \
		"served by httpd, as app, on port 80" "$(cat "$W/page")"
	app=$(in_container "$c" 'id -u app')
	# The switch comes before the fork; then the init drops what only httpd needs.
	check "example web: su-exec --init is PID 1, as app, with no capability" \
		"su-exec $app 0000000000000000 0000000000000000" \
		"$(in_container "$c" 'echo $(cat /proc/1/comm) $(status 1 Uid) $(status 1 CapEff) $(status 1 CapPrm)')"
	check "example web: httpd is its child, as app, with net_bind_service only" \
		"1 $app 0000000000000400 0000000000000400" \
		"$(in_container "$c" 'p=$(pidof httpd); echo $(status $p PPid) $(status $p Uid) $(status $p CapEff) $(status $p CapPrm)')"
	run $ports --entrypoint su-exec su-exec-example:web app httpd -f -p 80 -h /data/www
	check "example web: without --keep-caps, app cannot bind port 80" "exit 1, Permission denied" \
		"exit $RC, $(grep -o 'Permission denied' "$W/err")"
	stop_container "$c"
	check "example web: $ENGINE stop: httpd dies of SIGTERM, the container exits with that status" \
		"exit 143 in under 10s" "$STOPPED"
}

# in_container NAME SCRIPT: SCRIPT run in the running container NAME, with
# status PID FIELD giving a /proc/PID/status field.
in_container() {
	$ENGINE exec "$1" sh -c 'status() { awk -v f="$2:" "\$1 == f { print \$2 }" /proc/$1/status; }; '"$2"
}

# stop_container NAME: the engine's stop, SIGTERM then SIGKILL after 10
# seconds; sets STOPPED to "exit N in under 10s" or what happened instead.
stop_container() {
	started=$(date +%s)
	$ENGINE stop -t 10 "$1" >/dev/null 2>&1
	took=$(($(date +%s) - started))
	status=$($ENGINE inspect -f '{{.State.ExitCode}}' "$1" 2>&1)
	if [ "$took" -lt 10 ]; then
		STOPPED="exit $status in under 10s"
	else
		STOPPED="exit $status after ${took}s"
	fi
}

# What must be the same after the run: firewall rules, network links, and
# the host's container configuration.
host_state() {
	iptables-save 2>/dev/null | grep -v '^#'
	ip -o link show 2>/dev/null | cut -d' ' -f2
	find /etc/containers /etc/cni -type f 2>/dev/null | sort | xargs -r cksum
}

main "$@"
