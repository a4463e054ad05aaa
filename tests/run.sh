#!/usr/bin/env bash
# ferry's test runner:  tests/run.sh [builddir]   (make check)
#
# Builds the test programs (tests/build.mk, cached under <builddir>/tests),
# then runs, on every backend `ferry --list-backends` names:
#   guest/  C and C++ programs built four ways for each guest arch (riscv64,
#           aarch64), output compared with the same source built natively and
#           run on the host (or with <name>[.<arch>].expected)
#   isa/    instruction tests of each guest arch (tests/isa/<arch>/), output
#           compared with <name>.expected
#   bad/    broken executables: one "ferry:" line on stderr, no crash
# and every tests/unit/*_test.c as a host program, and the feature scripts
# tests/scripts/*.sh with FERRY_BACKEND set to each backend.  The last line printed is
# "N passed, M failed[, K skipped]"; the status is non-zero if anything failed.
#
# Environment:
#   FERRY_CMD          run riscv64 guests with this command instead of
#                      <builddir>/ferry (e.g. "qemu-riscv64 -L /usr/riscv64-linux-gnu");
#                      checks of ferry's own messages are then skipped
#   FERRY_CMD_<arch>   the same for the guests of another arch (skipped without)
#   FERRY_CHECK_FULL=1 slower sweeps: more build variants, more ELF truncations
#   FERRY_TEST_JOBS    parallel jobs (2)
#   FERRY_TEST_TIMEOUT seconds per guest run (60)
#   FERRY_TEST_MAX_TIMEOUTS  after this many time-outs on one backend, its
#                      remaining tests fail without running (8)
#   FERRY_TEST_SCRIPT_TIMEOUT  seconds per tests/scripts/*.sh (900; 7200
#                      with FERRY_CHECK_FULL)
#   FERRY_TEST_FILTER  only run tests whose name contains this string

if [ "$1" != "--job" ]; then
	set -u
	SRC=$(cd "$(dirname "$0")/.." && pwd)
	B=${1:-$SRC/build}
	mkdir -p "$B/tests" || exit 2
	B=$(cd "$B" && pwd)
	cd "$SRC" || exit 2
	T=$B/tests
	RES=$T/results
	rm -rf "$RES"
	mkdir -p "$RES"
	: >"$T/output.lock"
	export SRC B T RES
	export JOBS=${FERRY_TEST_JOBS:-2}
	export TIMEOUT=${FERRY_TEST_TIMEOUT:-60}
	export FULL=${FERRY_CHECK_FULL:-}
	export FILTER=${FERRY_TEST_FILTER:-}
fi

. "$SRC/tests/lib/common.sh"
. "$SRC/tests/lib/guest.sh"
. "$SRC/tests/lib/bad.sh"

if [ "${1:-}" = "--job" ]; then
	shift
	run_job "$@"
	exit 0
fi

# ---- which ferry, which backends ----
if [ -n "${FERRY_CMD:-}" ]; then
	export MSG_CHECK=0
	BACKENDS=$(basename "${FERRY_CMD%% *}")
	echo "runner: guests run with FERRY_CMD=$FERRY_CMD; ferry's message checks are skipped"
else
	export MSG_CHECK=1
	if [ ! -x "$B/ferry" ]; then
		echo "runner: $B/ferry does not exist: build it first (make)"
	fi
	BACKENDS=$("$B/ferry" --list-backends 2>/dev/null | awk '{ print $1 }') || BACKENDS=
	if [ -z "$BACKENDS" ]; then
		BACKENDS=interp
		echo "runner: ferry --list-backends gave nothing; assuming the backend interp"
	fi
fi
BACKENDS=$(echo $BACKENDS)
echo "runner: backends: $BACKENDS"
# A sanitizer build of ferry (make check-asan) runs guests several times slower.
if [ -z "${FERRY_TEST_TIMEOUT:-}" ] && [ -z "${FERRY_CMD:-}" ] && nm "$B/ferry" 2>/dev/null | grep -q __asan_init; then
	export TIMEOUT=$((TIMEOUT * 4))
	echo "runner: ferry is built with AddressSanitizer: time limit ${TIMEOUT}s"
fi

# ---- build ----
echo "runner: building test programs under $T (log: $T/build.log)"
# Called from make check: the parent's jobserver is not ours to use.
unset MAKEFLAGS MFLAGS MAKELEVEL
if ! make --no-print-directory -f tests/build.mk B="$B" -j"$JOBS" -k >"$T/build.log" 2>&1; then
	echo "runner: some test programs did not build; their tests fail (see $T/build.log)"
fi

# ---- job list ----
jobs=$T/jobs.txt
serial=$T/serial.txt
: >"$jobs"
: >"$serial"
add_job() {
	case "$*" in *"$FILTER"*) echo "$*" >>"${LIST:-$jobs}" ;; esac
}
# Feature scripts, once per backend (FERRY_BACKEND).  They take longest,
# so they go first.  Those that change machine-wide state ("TEST-SERIAL:"
# in the header: binfmt_misc entries) run one at a time, in a stream of
# their own beside the parallel jobs.  "TEST-BACKENDS: a b" runs a script
# that tests those backends only on them.
for f in tests/scripts/*.sh; do
	[ -e "$f" ] || continue
	LIST=$jobs
	[ -n "$(directive "$f" TEST-SERIAL)" ] && LIST=$serial
	only=$(directive "$f" TEST-BACKENDS)
	for be in $BACKENDS; do
		case " ${only:-$be} " in *" $be "*) add_job script "$(basename "$f" .sh)" - "$be" ;; esac
	done
done
LIST=$jobs
for n in $(guest_names); do
	for v in $(guest_variants "${n%%/*}"); do
		for be in $BACKENDS; do add_job guest "$n" "$v" "$be"; done
	done
done
for n in $(isa_names); do
	for v in $(isa_variants "$n"); do
		for be in $BACKENDS; do add_job isa "$n" "$v" "$be"; done
	done
done
for c in $(bad_cases); do
	for be in $BACKENDS; do add_job bad "$c" - "$be"; done
done
for f in tests/unit/*_test.c; do
	[ -e "$f" ] && add_job unit "$(basename "$f" .c)" - -
done

# Native oracle runs first: every variant of a guest test compares with them.
awk '$1 == "guest" { sub(/^[^\/]*\//, "", $2); print $2 }' "$jobs" | sort -u | xargs -r -P"$JOBS" -n1 "$SRC/tests/run.sh" --job native

echo "runner: $(($(wc -l <"$jobs") + $(wc -l <"$serial"))) tests"
xargs -r -P1 -L1 "$SRC/tests/run.sh" --job <"$serial" &
xargs -r -P"$JOBS" -L1 "$SRC/tests/run.sh" --job <"$jobs"
wait

# ---- summary ----
# A job that died without reporting (a bug in the runner) still counts.
while read -r line; do
	# shellcheck disable=SC2086
	job_id $line
	[ -e "$RES/$ID.res" ] || echo "FAIL $line (the runner lost this job)" >"$RES/$ID.res"
done < <(cat "$jobs" "$serial")
echo "slowest runs:"
cat "$RES"/*.ms 2>/dev/null | sort -rn | head -n 5 | awk '{ printf "  %6.1fs %s\n", $1 / 1000, substr($0, index($0, $2)) }'

pass=$(cat "$RES"/*.res 2>/dev/null | grep -c '^PASS')
fail=$(cat "$RES"/*.res 2>/dev/null | grep -c '^FAIL')
skip=$(cat "$RES"/*.res 2>/dev/null | grep -c '^SKIP')
if [ "$fail" -gt 0 ]; then
	echo "failed:"
	grep -h '^FAIL' "$RES"/*.res | sed 's/^FAIL /  /' | sort
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
