#!/bin/sh
# Usage: tests/docs.sh SU_EXEC
#
# The options su-exec accepts, its --help, the man page and the README name
# the same options; each option --help lists is accepted by the binary.
set -u

bin=$1
pass=0 failed=0

check() {
	if [ "$2" = yes ]; then
		pass=$((pass + 1))
		echo "ok $((pass + failed)) - $1"
	else
		failed=$((failed + 1))
		echo "not ok $((pass + failed)) - $1"
	fi
}

found() { grep -q -e "$1" "$2" && echo yes || echo no; }

help=$(mktemp)
trap 'rm -f "$help"' EXIT
"$bin" --help >"$help"
longs=$(grep -o -e '--[a-z-]*' "$help" | sort -u)
[ -n "$longs" ] || check "--help lists options" no
for o in $longs; do
	man=$(echo "$o" | sed 's/-/\\\\-/g')
	check "$o is in the man page" "$(found "$man" su-exec.1)"
	check "$o is in the README" "$(found "\`.*$o" README.md)"
	case $o in
	--help | --version) continue ;;
	esac
	out=$("$bin" "$o" 2>&1)
	case $out in
	*"unknown option"*) check "$o is accepted by su-exec" no ;;
	*) check "$o is accepted by su-exec" yes ;;
	esac
done
for man_opt in $(grep -e '^\.B' su-exec.1 | sed 's/\\-/-/g' | grep -o -e '--[a-z][a-z-]*' | sort -u); do
	check "man page option $man_opt is in --help" "$(found "$man_opt" "$help")"
done
for status in 125 126 127; do
	check "exit status $status is in --help, the man page and the README" \
		"$(grep -q "$status" "$help" && grep -q "^\.B $status" su-exec.1 && grep -q "| $status |" README.md && echo yes || echo no)"
done
echo "docs: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
