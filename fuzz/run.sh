#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The privdrop authors
# Usage: fuzz/run.sh SECONDS TARGET...
#
# Replays fuzz/regressions for each target, seeds a corpus from the test
# fixtures, then fuzzes each target for SECONDS. Any crash, sanitizer report
# or broken invariant fails the run; its input is left in build/fuzz/.
set -eu

seconds=$1
shift
out=build/fuzz
fixtures=tests/fixtures

# seed TARGET DIR: inputs in the target's own format, from the fixtures.
seed() {
	mkdir -p "$2"
	case $1 in
	spec)
		for s in root 0 1000 games:daemon :0 0day 4294967294 4294967295 app:staff a:b:c ""; do
			printf '%s' "$s" >"$2/seed-$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
		done
		;;
	passwd)
		{ echo root; cat "$fixtures/passwd"; } >"$2/seed-root"
		{ echo games; cat "$fixtures/passwd"; } >"$2/seed-games"
		;;
	group)
		{ echo games; cat "$fixtures/group"; } >"$2/seed-games"
		{ echo nobody; cat "$fixtures/group"; } >"$2/seed-nobody"
		;;
	resolve)
		for s in games games:daemon 1000 :0 nobody 0:bogus; do
			{ echo "$s"; cat "$fixtures/passwd"; printf '\001'; cat "$fixtures/group"; } \
				>"$2/seed-$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
		done
		;;
	esac
}

for t in "$@"; do
	bin=$out/fuzz_$t
	corpus=$out/corpus-$t
	seed "$t" "$corpus"
	for r in fuzz/regressions/"$t"-*; do
		[ -e "$r" ] || continue
		echo "fuzz: $t: regression $r"
		"$bin" "$r" >"$out/$t-regressions.log" 2>&1 || {
			cat "$out/$t-regressions.log"
			exit 1
		}
	done
	echo "fuzz: $t: $seconds s"
	"$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/$t-" "$corpus" >"$out/$t.log" 2>&1 || {
		tail -n 40 "$out/$t.log"
		echo "fuzz: $t: FAILED (input saved as $out/$t-*)" >&2
		exit 1
	}
	grep -E '^stat::number_of_executed_units' "$out/$t.log" | sed "s/^/fuzz: $t: /"
done
echo "fuzz: all targets clean"
