#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Capability tests of the built su-exec, run as root (make check-caps):
#
#	sh tests/caps.sh [SU_EXEC SU_EXEC_STATIC FAULTINJ FAULTINJ_STATIC]
#
# The binaries default to the repo's builds of them.
# What README.md's Capabilities section promises, seen from the kernel: the
# Cap* and NoNewPrivs lines of the command's /proc/self/status for every
# option on root and non-root targets; a real bind of port 80 in a network
# namespace of its own; refusals before anything changes; and, with
# tests/faultinj making one system call fail or do nothing, exit 125 without
# running the command. Each runs in a private mount namespace with the fixture
# databases (lib.sh), with the dynamic build on the host and with the static
# builds in a bare busybox root. TAP output (lib.sh); exits non-zero on any
# failure. As root a missing tool is a failure, never a skip.

TESTS=$(cd "$(dirname "$0")" && pwd)
FIX=$TESTS/fixtures
. "$TESTS/lib.sh"
sealed_env

# capabilities(7) the running kernel knows, by number, as setpriv names them.
CAP_NAMES=$(setpriv --list-caps 2>/dev/null)

# The state table: every option set, "-" for none, runs for every target.
STATE_OPTIONS='-
-k net_bind_service
--keep-caps=CAP_NET_BIND_SERVICE
-k net_bind_service,chown
-k chown -k net_bind_service
-b
-n
-b -n
-b -k net_bind_service
-b -n -k net_bind_service'
STATE_TARGETS='nobody games root 0'
STATE_CALLER= STATE_WHAT=

# The bind table: options for nobody, and whether port 80 can be bound.
BIND_ROWS='-k net_bind_service | bound
--keep-caps=net_bind_service | bound
-b -n -k net_bind_service | bound
- | EACCES
-k chown | EACCES'

# What the command of most runs does: show the kernel's view of itself (and
# then, see probe, leave a marker that says it ran).
PROBE="grep -E '^(Uid|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status"

main() {
	need_root "the caps suite"
	case $# in
	0) set -- "$TESTS/../su-exec" "$TESTS/../su-exec-static" "$TESTS/faultinj" "$TESTS/faultinj-static" ;;
	4) ;;
	*)
		echo "usage: sh tests/caps.sh [SU_EXEC SU_EXEC_STATIC FAULTINJ FAULTINJ_STATIC]" >&2
		exit 2
		;;
	esac
	setup "$@"
	read_start
	prerequisites "$@" || finish caps
	for where in dyn busybox; do
		state_table "$where"
		inherited_state_table "$where"
		bind_table "$where"
		refusals "$where"
		fault_table "$where"
	done
	no_proc
	setpriv_equivalents
	root_ambient_cleared
	finish caps
}

setup() {
	work_dir su-exec-caps
	mkdir -p "$W/bin" "$W/etc/main" "$W/tmp"
	chmod 1777 "$W/tmp"
	BB=$W/root
	cp "$FIX/passwd" "$FIX/group" "$W/etc/main/"
	cp "$1" "$W/bin/su-exec" 2>/dev/null
	cp "$2" "$W/bin/su-exec-static" 2>/dev/null
	cp "$3" "$W/bin/faultinj" 2>/dev/null
	cp "$4" "$W/bin/faultinj-static" 2>/dev/null
	cp "$TESTS/bindport-static" "$W/bin/bindport" 2>/dev/null
}

# prerequisites SU_EXEC SU_EXEC_STATIC FAULTINJ FAULTINJ_STATIC: returns
# non-zero if anything is missing.
prerequisites() {
	missing=0
	require_tools unshare setpriv chroot mount busybox awk sed grep timeout
	for bin in su-exec su-exec-static faultinj faultinj-static bindport; do
		if [ -x "$W/bin/$bin" ]; then
			pass "prerequisite: $bin built"
		else
			fail "prerequisite: $bin built" "an executable from: $*" "none"
			missing=1
		fi
	done
	# The tables keep these two; the start must have them to give.
	need=$((1 << $(cap_number net_bind_service) | 1 << $(cap_number chown)))
	if [ $((need & S_BND & S_PRM)) -eq "$need" ]; then
		pass "prerequisite: net_bind_service and chown in the caller's bounding and permitted sets"
	else
		fail "prerequisite: net_bind_service and chown in the caller's bounding and permitted sets" \
			"both" "bounding $S_BND, permitted $S_PRM"
		missing=1
	fi
	[ "$missing" -eq 0 ] || return 1
	if sh "$TESTS/busybox-root.sh" "$BB" "$W/bin/su-exec-static" &&
		cp "$W/bin/faultinj-static" "$BB/sbin/faultinj" &&
		cp "$W/bin/bindport" "$BB/sbin/bindport" &&
		chroot "$BB" /sbin/faultinj setuid EPERM -- true; then
		pass "prerequisite: busybox-static root built, faultinj-static runs in it"
	else
		fail "prerequisite: busybox-static root built, faultinj-static runs in it" \
			"a root that runs" "see above"
		return 1
	fi
	network_prerequisite
}

# The bind rows need a network namespace with loopback up, and ports below
# 1024 privileged there whatever the default: ns_run -n.
network_prerequisite() {
	host=$(readlink /proc/self/ns/net)
	set -- $(ns_run -n -- sh -c 'readlink /proc/self/ns/net; cat /proc/sys/net/ipv4/ip_unprivileged_port_start')
	if [ "${1:-$host}" != "$host" ] && [ "${2:-}" = 1024 ]; then
		pass "prerequisite: a network namespace with loopback up ($NS_IP)"
	else
		fail "prerequisite: a network namespace with loopback up ($NS_IP)" \
			"a namespace other than $host, ports below 1024 privileged" "$*"
		return 1
	fi
}

# --- The model: what README.md says, as numbers -----------------------------

# The state every su-exec starts from: the harness's own, as root passes it on
# through unshare, sh and chroot. Not assumed full: root may lack some.
read_start() {
	set -- $(awk '$1 ~ /^Cap(Inh|Prm|Eff|Bnd|Amb):$/ { print "0x" $2 }
		$1 == "NoNewPrivs:" { print $2 }' /proc/self/status)
	S_INH=$1 S_PRM=$2 S_EFF=$3 S_BND=$4 S_AMB=$5 S_NNP=$6
	LAST_CAP=$(cat /proc/sys/kernel/cap_last_cap)
	echo "# start: CapInh $S_INH CapPrm $S_PRM CapEff $S_EFF CapBnd $S_BND CapAmb $S_AMB" \
		"NoNewPrivs $S_NNP, cap_last_cap $LAST_CAP"
}

# cap_number NAME: its number; any case, "cap_" optional, as su-exec takes it.
cap_number() {
	name=$(printf '%s\n' "$1" | tr '[:upper:]' '[:lower:]')
	name=${name#cap_}
	n=0
	for c in $CAP_NAMES; do
		[ "$c" = "$name" ] && echo "$n" && return
		n=$((n + 1))
	done
	echo "harness: no capability $1" >&2
	echo 64
}

# cap_name NUMBER: its name, or nothing for one the kernel does not know.
cap_name() {
	printf '%s\n' $CAP_NAMES | sed -n "$(($1 + 1))p"
}

# read_options OPTION...: KEEP (a mask), KEEP_SET, CLEAR, NNP_OPT.
read_options() {
	KEEP=0 KEEP_SET=0 CLEAR=0 NNP_OPT=0
	while [ $# -gt 0 ]; do
		case $1 in
		-k) KEEP=$((KEEP | $(cap_mask "$2"))) KEEP_SET=1 && shift ;;
		--keep-caps=*) KEEP=$((KEEP | $(cap_mask "${1#*=}"))) KEEP_SET=1 ;;
		-b | --clear-bounding) CLEAR=1 ;;
		-n | --no-new-privs) NNP_OPT=1 ;;
		esac
		shift
	done
}

cap_mask() {
	mask=0
	for name in $(echo "$1" | tr , ' '); do
		mask=$((mask | 1 << $(cap_number "$name")))
	done
	echo "$mask"
}

# after_switch UID: the sets su-exec leaves just before the exec (README,
# Capabilities; privdrop/caps.c pd_caps_expect). Kept capabilities are
# exactly permitted, effective and inheritable, and ambient too for a
# non-root target; a non-root target without -k has none; root with -k, and
# anyone with -b, is bounded to the kept ones; root with -b and no -k has
# nothing inheritable or ambient left; nothing else changes.
after_switch() {
	INH=$S_INH PRM=$S_PRM EFF=$S_EFF BND=$S_BND AMB=$S_AMB NNP=$S_NNP
	if [ "$KEEP_SET" = 1 ]; then
		INH=$KEEP PRM=$KEEP EFF=$KEEP AMB=$KEEP
		[ "$1" -ne 0 ] || AMB=0
	elif [ "$1" -ne 0 ]; then
		INH=0 PRM=0 EFF=0 AMB=0
	elif [ "$CLEAR" = 1 ]; then
		INH=0 AMB=0
	fi
	if [ "$CLEAR" = 1 ] || { [ "$1" -eq 0 ] && [ "$KEEP_SET" = 1 ]; }; then
		BND=$KEEP
	fi
	[ "$NNP_OPT" = 0 ] || NNP=1
}

# after_exec UID: what execve of a plain program (no file capabilities, not
# setuid) makes of that, as capabilities(7) gives it. Root's file sets count
# as full: P' = bounding | inheritable; anyone else gets P' = ambient. With
# no_new_privs P' never grows past P. Effective is all of P' for root, the
# ambient set for others. Inheritable, bounding and ambient carry over.
after_exec() {
	p=0
	[ "$1" -ne 0 ] || p=$((BND | INH | AMB))
	[ "$NNP" = 0 ] || p=$((p & PRM))
	PRM=$((p | AMB))
	EFF=$AMB
	[ "$1" -ne 0 ] || EFF=$PRM
}

# expected_state OPTION... USER: the probe's output for su-exec OPTION... USER,
# as state_of shows it.
expected_state() {
	for user; do :; done
	uid=$(uid_of "$user")
	read_options "$@"
	after_switch "$uid"
	after_exec "$uid"
	printf 'uid %s inh %x prm %x eff %x bnd %x amb %x nnp %s\n' \
		"$uid" "$INH" "$PRM" "$EFF" "$BND" "$AMB" "$NNP"
}

# uid_of USER: from the fixture passwd, or the number itself.
uid_of() {
	case $1 in
	*[!0-9]*) awk -F: -v u="$1" '$1 == u { print $3; exit }' "$FIX/passwd" ;;
	*) echo "$1" ;;
	esac
}

# state_of FILE: what the probe printed, in expected_state's form; "?" for a
# line that is missing.
state_of() {
	awk '
	function hex(s) { sub(/^0+/, "", s); return s == "" ? "0" : s }
	$1 == "Uid:" { v["uid"] = $2 }
	$1 ~ /^Cap...:$/ { v[tolower(substr($1, 4, 3))] = hex($2) }
	$1 == "NoNewPrivs:" { v["nnp"] = $2 }
	END {
		n = split("uid inh prm eff bnd amb nnp", k, " ")
		for (i = 1; i <= n; i++)
			printf "%s%s %s", (i > 1 ? " " : ""), k[i], (k[i] in v ? v[k[i]] : "?")
		print ""
	}' "$1"
}

# --- Running su-exec --------------------------------------------------------

# inside WHERE NAME: the path of one of our binaries as that place runs it.
inside() {
	case $1 in
	busybox) echo "/sbin/$2" ;;
	*) echo "$W/bin/$2" ;;
	esac
}

# marker WHERE: the file a command that ran leaves, as the command sees it.
marker() {
	case $1 in
	busybox) echo /tmp/marker ;;
	*) echo "$W/tmp/marker" ;;
	esac
}

# probe WHERE: the command of most runs, as one sh -c script.
probe() {
	echo "$PROBE; : >$(marker "$1")"
}

# caps_run WHERE CALLER WRAP ARG...: su_run of su-exec ARG... with the fixture
# databases. CALLER (words or empty) runs first, on the host; WRAP (words or
# empty) runs right in front of su-exec, inside the busybox root there. Sets
# RC, and M_OUT, where the harness sees the marker.
caps_run() {
	r_where=$1 r_caller=$2 r_wrap=$3
	shift 3
	M_OUT=$(marker "$r_where")
	[ "$r_where" != busybox ] || M_OUT=$BB$M_OUT
	rm -f "$M_OUT"
	if [ "$r_where" = busybox ]; then
		BB_PREFIX=$r_wrap
		su_run busybox main "$r_caller" "$@"
		BB_PREFIX=
	else
		su_run "$r_where" main "$r_caller $r_wrap" "$@"
	fi
}

# expect_refused WHAT FRAGMENT: the last run exited 125 with one message line
# holding FRAGMENT, and the command never ran.
expect_refused() {
	if [ -e "$M_OUT" ]; then
		fail "$1" "exit 125, the command not run" "the command ran; $(got)"
	else
		expect_refusal "$1" 125 "$2"
	fi
}

# expect_ran WHAT STATE: the last run ran the probe silently, and it saw STATE.
expect_ran() {
	if [ "$RC" -eq 0 ] && [ ! -s "$W/err" ] && [ -e "$M_OUT" ]; then
		check "$1" "$2" "$(state_of "$W/out")"
	else
		fail "$1" "exit 0, $2" "$(got)"
	fi
}

# words FIELD: a table field as words; "-" is none.
words() {
	[ "$1" = - ] || printf '%s\n' "$1"
}

# --- 1. What each option leaves the command ---------------------------------

state_table() {
	each_row state_rows "$1" <<END
$STATE_OPTIONS
END
}

# state_rows WHERE OPTIONS: one option list, for every target.
state_rows() {
	for user in $STATE_TARGETS; do
		state_row "$1" $(words "$2") "$user"
	done
}

# The same table started with an inheritable and an ambient set, as a
# container engine can hand them to root: what the caller left there
# never reaches the command unless the model says so.
inherited_state_table() {
	saved="$S_INH $S_AMB"
	S_INH=$((S_INH | $(cap_mask net_bind_service,chown,kill))) S_AMB=$(cap_mask net_bind_service,kill)
	STATE_CALLER="$(command -v setpriv) --inh-caps=+net_bind_service,+chown,+kill --ambient-caps=+net_bind_service,+kill --"
	STATE_WHAT="started with CapInh $(printf %x "$S_INH") CapAmb $(printf %x "$S_AMB"): "
	state_table "$1"
	set -- $saved
	S_INH=$1 S_AMB=$2 STATE_CALLER= STATE_WHAT=
}

# state_row WHERE ARG...: su-exec ARG... probe, against the model; then
# --dry-run of the same, against what the run just showed.
state_row() {
	where=$1
	shift
	caps_run "$where" "$STATE_CALLER" "" "$@" sh -c "$(probe "$where")"
	expect_ran "$where: ${STATE_WHAT}su-exec $*: Cap* and NoNewPrivs as the README says" \
		"$(expected_state "$@")"
	ran=$(state_of "$W/out")
	caps_run "$where" "$STATE_CALLER" "" --dry-run "$@" sh -c "$(probe "$where")"
	if [ "$RC" -eq 0 ] && [ ! -e "$M_OUT" ]; then
		check "$where: ${STATE_WHAT}su-exec --dry-run $*: says what the run set" "$ran" "$(dry_state "$W/err")"
	else
		fail "$where: ${STATE_WHAT}su-exec --dry-run $*: says what the run set" "exit 0, nothing run" "$(got)"
	fi
}

# dry_state FILE: what --dry-run printed, in expected_state's form.
dry_state() {
	tr ' ' '\n' <"$1" | sed -n 's/^uid=/Uid: /p; s/^\(Cap...\)=/\1: /p; s/^NoNewPrivs=/NoNewPrivs: /p' \
		>"$W/dry.status"
	state_of "$W/dry.status"
}

# The README's setpriv table: the same state, set by setpriv (host only).
setpriv_equivalents() {
	# -all first: su-exec sets inheritable to exactly the kept ones.
	caps="--inh-caps=-all,+net_bind_service --ambient-caps=+net_bind_service"
	equivalent "-k net_bind_service" "$caps"
	equivalent "-b -k net_bind_service" "$caps --bounding-set=-all,+net_bind_service"
	equivalent "-b -n -k net_bind_service" "$caps --bounding-set=-all,+net_bind_service --no-new-privs"
}

# Root keeps an ambient set it started with; -k must still leave exactly the kept caps.
root_ambient_cleared() {
	caller="$(command -v setpriv) --inh-caps=+net_bind_service,+chown --ambient-caps=+net_bind_service,+chown --"
	caps_run dyn "$caller" "" -k net_bind_service root grep CapAmb /proc/self/status
	check "su-exec -k net_bind_service root, started with ambient caps: none left ambient" \
		"exit 0: CapAmb:	0000000000000000" "exit $RC: $(cat "$W/out")$(cat "$W/err")"
}

# equivalent SU_EXEC_OPTIONS SETPRIV_OPTIONS
equivalent() {
	caps_run dyn "" "" $1 games sh -c "$(probe dyn)"
	mine="exit $RC: $(state_of "$W/out")"
	caps_run "$(command -v setpriv)" "" "" --reuid=games --regid=games --init-groups $2 \
		sh -c "$(probe dyn)"
	check "README: su-exec $1 games is setpriv $2" "$mine" "exit $RC: $(state_of "$W/out")"
}

# --- 2. Binding port 80 for real --------------------------------------------

# Inside a network namespace of its own, so the host's port 80 is never touched.
bind_table() {
	NS_FLAGS=-n
	caps_run "$1" "" "" nobody readlink /proc/self/ns/net
	host=$(readlink /proc/self/ns/net)
	if [ "$RC" -eq 0 ] && [ -n "$host" ] && [ -s "$W/out" ] && [ "$(cat "$W/out")" != "$host" ]; then
		pass "$1: the bind rows run in a network namespace of their own"
	else
		fail "$1: the bind rows run in a network namespace of their own" "not $host" "$(got)"
	fi
	each_row bind_table_row "$1" <<END
$BIND_ROWS
END
	inherited_bind_row "$1"
	NS_FLAGS=
}

# bind_table_row WHERE OPTIONS OUTCOME: one row of BIND_ROWS.
bind_table_row() {
	bind_row "$1" "$3" $(words "$2")
}

# Root with -b and nothing kept, started with net_bind_service inheritable (as
# engines before Docker 20.10.14 started every container): the command, a
# root exec, must not get it back and bind port 80.
inherited_bind_row() {
	caps_run "$1" "$(command -v setpriv) --inh-caps=+net_bind_service --" "" \
		-b -n root "$(inside "$1" bindport)"
	got="exit $RC: $(cat "$W/out")"
	[ ! -s "$W/err" ] || got="$got, stderr: $(cat "$W/err")"
	check "$1: started with net_bind_service inheritable, su-exec -b -n root, bind 127.0.0.1:80 -> EACCES" \
		"$(bind_expected EACCES)" "$got"
}

# bind_row WHERE OUTCOME OPTION...: as nobody, bindport (tests/bindport.c)
# binds 127.0.0.1:80 and, when it binds, hears itself through it.
bind_row() {
	where=$1 outcome=$2
	shift 2
	case $where in
	busybox) caps_run busybox "" "" "$@" nobody /sbin/bindport ;;
	*) caps_run "$where" "" "" "$@" nobody "$W/bin/bindport" ;;
	esac
	got="exit $RC: $(cat "$W/out")"
	[ ! -s "$W/err" ] || got="$got, stderr: $(cat "$W/err")"
	check "$where: su-exec${*:+ $*} nobody, bind 127.0.0.1:80 -> $outcome" \
		"$(bind_expected "$outcome")" "$got"
}

bind_expected() {
	case $1 in
	bound) echo "exit 0: bound 127.0.0.1:80, heard hello" ;;
	EACCES) echo "exit 1: bind 127.0.0.1:80: EACCES (Permission denied)" ;;
	esac
}

# --- 3. Refused before anything changes -------------------------------------

refusals() {
	missing_cap
	dry_not_root "$1"
	refused "$1" "" "" "an unknown name" "'bogus': unknown capability" -k bogus
	refused "$1" "" "" "an empty list" "'': empty capability name" -k ""
	refused "$1" "" "" "an empty list, long form" "'': empty capability name" --keep-caps=
	refused "$1" "" "" "an empty last item" "'chown,': empty capability name" -k chown,
	refused "$1" "" "" "an empty first item" "',chown': empty capability name" --keep-caps=,chown
	refused "$1" "" "" "an empty middle item" "'chown,,kill': empty capability name" -k chown,,kill
	refused "$1" "" "" "a number" "--keep-caps: '10': unknown capability" -k 10
	refused "$1" "" "" "all" "--keep-caps: 'all': unknown capability" --keep-caps=all
	refused "$1" "" "" "a bad list after a good one" "--keep-caps: 'bogus': unknown capability" \
		-k chown -k bogus
	refused "$1" "$MISSING_CALLER" "" "not in the bounding set$MISSING_WHY" \
		"'$MISSING': capability not in the bounding set" -k "chown,$MISSING"
	refused "$1" "" "$(inside "$1" su-exec) nobody" "not held by the caller (su-exec nobody first)" \
		"'chown': capability not held by the caller" -k chown
	refused "$1" "" "$(inside "$1" su-exec) nobody" "--clear-bounding without root" \
		"--clear-bounding: needs CAP_SETPCAP" -b
	# Root in a container that dropped a capability: the message names it.
	setpriv=$(command -v setpriv)
	SWITCH=1
	refused "$1" "$setpriv --bounding-set=-setgid" "" "root without CAP_SETGID" \
		"setgroups: Operation not permitted: needs CAP_SETGID, not in the effective set"
	refused "$1" "$setpriv --bounding-set=-setuid" "" "root without CAP_SETUID" \
		"setresuid: Operation not permitted: needs CAP_SETUID, not in the effective set"
	SWITCH=0
	refused "$1" "$setpriv --bounding-set=-setpcap" "" "root without CAP_SETPCAP, --clear-bounding" \
		"--clear-bounding: needs CAP_SETPCAP, not in the effective set" -b
}

# dry_not_root WHERE: as nobody, --dry-run games says what root would set,
# then refuses as the run does, and runs nothing.
dry_not_root() {
	wrap="$(inside "$1" su-exec) nobody"
	caps_run "$1" "" "$wrap" games sh -c ": >$(marker "$1")"
	refusal=$(cat "$W/err")
	caps_run "$1" "" "$wrap" --dry-run games sh -c ": >$(marker "$1")"
	check "$1: as nobody, su-exec --dry-run games: games' ids, its sets, then the run's refusal, 125" \
		"125 [su-exec: uid=$(uid_of games) ...] [su-exec: CapInh=...] [$refusal] ran no" \
		"$RC [$(sed -n '1s/ gid=.*/ .../p' "$W/err")] [$(sed -n '2s/=.*/=.../p' "$W/err")] [$(sed -n 3p "$W/err")] ran $([ -e "$M_OUT" ] && echo yes || echo no)"
}

# refused WHERE CALLER WRAP WHAT FRAGMENT OPTION...: su-exec OPTION... nobody
# exits 125 and the command never runs; so does --dry-run of the same, with
# the same message, but for a refusal the switch itself meets (SWITCH=1).
refused() {
	where=$1 caller=$2 wrap=$3 what=$4 fragment=$5
	shift 5
	caps_run "$where" "$caller" "$wrap" "$@" nobody sh -c ": >$(marker "$where")"
	expect_refused "$where: su-exec $* nobody, $what: exit 125, the command never runs" "$fragment"
	[ "${SWITCH:-0}" = 1 ] && return
	caps_run "$where" "$caller" "$wrap" --dry-run "$@" nobody sh -c ": >$(marker "$where")"
	expect_refused "$where: su-exec --dry-run $* nobody, $what: the same refusal" "$fragment"
}

# A capability this machine's bounding set lacks; with a full set, setpriv
# drops one first.
missing_cap() {
	n=0
	while [ "$n" -le "$LAST_CAP" ]; do
		MISSING=$(cap_name "$n")
		if [ $(((S_BND >> n) & 1)) -eq 0 ] && [ -n "$MISSING" ]; then
			MISSING_CALLER= MISSING_WHY=
			return
		fi
		n=$((n + 1))
	done
	MISSING=sys_resource
	MISSING_CALLER="setpriv --bounding-set=-sys_resource --"
	MISSING_WHY=" (dropped by setpriv first)"
}

# --- 4. One system call made to fail ----------------------------------------

fault_table() {
	each_row fault_row "$1" <"$FIX/faults.table" || fail "$1: table faults.table" "rows" "none read"
}

# fault_row WHERE CALL ERRNO CALLER ARGS EXPECTED WHY: one row of faults.table (CALLER - is none).
fault_row() {
	where=$1 expected=$6
	set -- "$1" "$2" "$3" "$(words "$4")" "$5" "$6" "$7"
	what="$where: faultinj $2 $3${4:+, caller $4}, su-exec $5 -> $expected ($7)"
	caps_run "$where" "$4" "$(inside "$where" faultinj) $2 $3 --" $5 sh -c "$(probe "$where")"
	case $expected in
	runs) expect_ran "$what" "$(expected_state $5)" ;;
	*)
		fragment=${expected#*\"}
		fragment=${fragment%\"*}
		# musl, the static build's libc, words EIO its own way.
		[ "$where" != busybox ] || fragment=$(echo "$fragment" | sed 's|Input/output error|I/O error|')
		expect_refused "$what" "$fragment"
		;;
	esac
}

# --- 5. Without /proc -------------------------------------------------------

# The busybox root with its proc moved out of su-exec's sight to /xproc, where
# only the probe looks: libcap-ng finds neither /proc/sys/kernel/cap_last_cap
# nor /proc/self/status and does without (prctl), as in a root that has no
# /proc. The probe first makes sure su-exec could not have seen one.
NOPROC_OPTIONS='-
-k net_bind_service
-k chown -k net_bind_service
-b
-b -n -k net_bind_service'

no_proc() {
	mkdir -p "$BB/xproc"
	cat >"$W/noproc" <<EOF
mount --move "$BB/proc" "$BB/xproc" || { echo "harness: cannot move $BB/proc" >&2; exit 99; }
exec "\$@"
EOF
	noproc_probe="if [ -e /proc/self ]; then echo '/proc is there' >&2; exit 1; fi
${PROBE%/proc/self/status}/xproc/self/status; : >$(marker busybox)"
	each_row no_proc_rows <<END
$NOPROC_OPTIONS
END
}

# no_proc_rows OPTIONS: one option list, for nobody and root.
no_proc_rows() {
	for user in nobody root; do
		caps_run busybox "sh $W/noproc" "" $(words "$1") "$user" sh -c "$noproc_probe"
		expect_ran "busybox without /proc: su-exec $1 $user: Cap* and NoNewPrivs as the README says" \
			"$(expected_state $(words "$1") "$user")"
	done
}

main "$@"
