# Shared helpers of tests/run.sh (sourced; bash).

# The environment guests and native oracles run with: nothing of the
# caller's but the sanitizer and FERRY_* settings meant for ferry itself.
base_env() {
	echo "PATH=/usr/bin:/bin"
	echo "LC_ALL=C"
	echo "HOME=/nonexistent"
	env | grep -E '^(ASAN|UBSAN|LSAN)_OPTIONS=|^FERRY_[A-Z_]*=' |
		grep -vE '^FERRY_(CMD|CHECK_FULL|TEST_[A-Z_]*)='
}

# The command that runs a guest of arch $2 (riscv64) on backend $1, as words
# on stdout (one a line).  FERRY_CMD stands in for riscv64 guests,
# FERRY_CMD_<arch> for others.
ferry_words() {
	local arch=${2:-riscv64} var
	var=FERRY_CMD_$arch
	if [ -n "${!var:-}" ]; then
		printf '%s\n' ${!var}
	elif [ -n "${FERRY_CMD:-}" ]; then
		printf '%s\n' $FERRY_CMD
	else
		printf '%s\n' "$B/ferry" --backend "$1"
	fi
}

# directive FILE KEY: the text after "KEY:" in a test source, or nothing.
# Sources carry lines such as  // TEST-ARGS: alpha "beta gamma"
directive() {
	sed -n "s/^.*$2:[[:space:]]*//p" "$1" | head -n1 | sed 's/[[:space:]]*\*\/[[:space:]]*$//; s/[[:space:]]*$//'
}

# run_capture DIR STDIN ENV... -- CMD...
# Runs CMD in the fresh directory DIR/work (or $RUN_CWD) with exactly the environment ENV
# (plus TMPDIR=DIR/work), stdin from STDIN and a time limit; leaves DIR/out,
# DIR/err and DIR/status (128+n when killed by signal n, 124 on timeout).
run_capture() {
	local dir=$1 stdin=$2
	shift 2
	local -a envv=()
	while [ "$1" != "--" ]; do
		envv+=("$1")
		shift
	done
	shift
	rm -rf "$dir"
	mkdir -p "$dir/work"
	local t0
	t0=$(date +%s%N)
	# The outer braces swallow bash's own "Segmentation fault" notices.
	{
		(
			cd "${RUN_CWD:-$dir/work}" || exit 99
			ulimit -c 0
			exec timeout -k 5 "$TIMEOUT" env -i "${envv[@]}" TMPDIR="$dir/work" "$@"
		) <"$stdin" >"$dir/out" 2>"$dir/err"
	} 2>/dev/null
	local st=$?
	echo $st >"$dir/status"
	printf '%q ' "$@" >"$dir/cmd"
	[ $st -eq 124 ] && echo "$ID" >>"$RES/timeouts.${BACKEND:-none}"
	# elapsed milliseconds and what ran, for the runner's "slowest runs"
	echo "$((($(date +%s%N) - t0) / 1000000)) ${ID:-$dir}" >>"$RES/${ID:-run}.ms"
}

status_name() {
	local s=$1
	if [ "$s" -eq 124 ]; then
		echo "$s (timed out after ${TIMEOUT}s)"
	elif [ "$s" -gt 128 ] && [ "$s" -lt 160 ]; then
		echo "$s (killed by signal $((s - 128)): $(kill -l $((s - 128)) 2>/dev/null))"
	else
		echo "$s"
	fi
}

# Details for a failure report go to $LOG.
note() { printf '  %s\n' "$*" >>"$LOG"; }
note_file() { # TITLE FILE [MAXLINES]
	local max=${3:-40}
	[ -s "$2" ] || return 0
	note "$1"
	head -n "$max" "$2" | sed 's/^/    | /' >>"$LOG"
	[ "$(wc -l <"$2")" -gt "$max" ] && note "    ... ($(wc -l <"$2") lines)"
	return 0
}

# compare_run DIR EXPECTED_OUT EXPECTED_STATUS: checks a run_capture result;
# returns 0 when stdout and status match, else writes the difference.
compare_run() {
	local dir=$1 exp_out=$2 exp_status=$3 ok=0
	local st
	st=$(cat "$dir/status")
	note "run: $(cat "$dir/cmd")"
	if [ "$st" != "$exp_status" ]; then
		note "exit status: expected $(status_name "$exp_status"), got $(status_name "$st")"
		ok=1
	fi
	if ! cmp -s "$exp_out" "$dir/out"; then
		note "stdout differs (diff -u expected actual):"
		diff -u --label expected --label actual "$exp_out" "$dir/out" | head -n 60 | sed 's/^/    /' >>"$LOG"
		ok=1
	fi
	[ $ok -ne 0 ] && note_file "stderr:" "$dir/err" 20
	return $ok
}

# report STATUS LABEL: records the result and prints it (with the details
# of a failure) as one block, even with jobs running in parallel.
report() {
	local st=$1 label=$2
	echo "$st $label" >"$RES/$ID.res"
	{
		echo "$st $label"
		if [ "$st" != PASS ] && [ -s "$LOG" ]; then cat "$LOG"; fi
	} >"$RES/$ID.txt"
	flock "$T/output.lock" cat "$RES/$ID.txt"
}

# Build errors of a missing binary, from the make log.
note_build_failure() { # BINARY SOURCE
	note "not built: $1"
	grep -F -e "$2:" -e "ld:" -e "collect2" "$T/build.log" | awk '!seen[$0]++' | head -n 15 | sed 's/^/    | /' >>"$LOG"
}

# Sets ID, the file name a job's results go under: job_id KIND NAME [VARIANT [BACKEND]]
job_id() {
	ID="$1-$2-${3:--}-${4:--}"
	ID=${ID//\//_}
	ID=${ID// /_}
}

# The name a test is reported under
job_label() { # KIND NAME VARIANT BACKEND
	case $1 in
	guest) echo "guest/$2 ${3%%-*} -${3#*-} [$4]" ;;
	isa) echo "isa/$2 $3 [$4]" ;;
	bad) echo "$(bad_label "$2") [$4]" ;;
	script) echo "script/$2 [$4]" ;;
	*) echo "$1/$2" ;;
	esac
}

# A backend that hangs would make every remaining test wait for the time
# limit; after this many time-outs its remaining runs fail without running.
MAX_TIMEOUTS=${FERRY_TEST_MAX_TIMEOUTS:-8}

run_job() {
	local kind=$1 name=$2 variant=${3:--} backend=${4:--}
	job_id "$@"
	LOG=$RES/$ID.log
	: >"$LOG"
	BACKEND=$backend
	if [ "$kind" != native ] && [ -e "$RES/timeouts.$backend" ] &&
		[ "$(wc -l <"$RES/timeouts.$backend")" -ge "$MAX_TIMEOUTS" ]; then
		note "not run: backend $backend already timed out $MAX_TIMEOUTS times (FERRY_TEST_MAX_TIMEOUTS)"
		report FAIL "$(job_label "$kind" "$name" "$variant" "$backend")"
		return
	fi
	case $kind in
	native) run_native "$name" ;;
	guest) run_guest "$name" "$variant" "$backend" ;;
	isa) run_isa "$name" "$variant" "$backend" ;;
	bad) run_bad "$name" "$backend" ;;
	unit) run_unit "$name" ;;
	script) run_script "$name" "$backend" ;;
	*) echo "run.sh: unknown job $kind" >&2 ;;
	esac
}

run_unit() {
	local name=$1 bin=$T/unit/$1 dir=$T/work/unit-$1
	local label
	label=$(job_label unit "$name")
	if [ ! -x "$bin" ]; then
		note "not built: $bin"
		note_file "build log:" "$bin.log" 30
		report FAIL "$label"
		return
	fi
	mapfile -t envv < <(base_env)
	# From the repository root, so a unit test can read fixtures by path.
	RUN_CWD=$SRC run_capture "$dir" /dev/null "${envv[@]}" -- "$bin"
	local st
	st=$(cat "$dir/status")
	if [ "$st" = 0 ]; then
		report PASS "$label"
	else
		note "run: $bin"
		note "exit status: expected 0, got $(status_name "$st")"
		note_file "stdout:" "$dir/out" 30
		note_file "stderr:" "$dir/err" 30
		report FAIL "$label"
	fi
}

# tests/scripts/NAME.sh: feature tests of ferry's command line written to the
# contract in tests/scripts/helpers.bash (run from the repository root as
# NAME.sh BUILDDIR with FERRY set; 0 pass, 77 skip with the reason last),
# on backend BACKEND: FERRY_BACKEND, as a user chooses one.
run_script() {
	local name=$1 be=$2 dir=$T/work/$ID label
	label=$(job_label script "$name" - "$be")
	if [ -n "${FERRY_CMD:-}" ]; then
		note "tests ferry's own command line; FERRY_CMD runs something else"
		report SKIP "$label"
		return
	fi
	local -a envv
	mapfile -t envv < <(base_env | grep -v '^HOME=')
	# check-full's Go package sweep (go_packages.sh) runs for longer
	local limit=900
	[ -n "${FULL:-}" ] && limit=7200
	local TIMEOUT=${FERRY_TEST_SCRIPT_TIMEOUT:-$limit} # also for status_name's report
	# Scripts drive system tools too (chroot, setpriv live in sbin).
	RUN_CWD=$SRC run_capture "$dir" /dev/null "${envv[@]}" \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$dir/work" FERRY="$B/ferry" FERRY_BACKEND="$be" \
		FERRY_CHECK_FULL="${FULL:-}" -- bash "$SRC/tests/scripts/$name.sh" "$B"
	local st
	st=$(cat "$dir/status")
	case $st in
	0) report PASS "$label" ;;
	77)
		note "$(grep -v '^[[:space:]]*$' "$dir/out" | tail -n 1)"
		report SKIP "$label" ;;
	*)
		note "run: FERRY_BACKEND=$be tests/scripts/$name.sh $B"
		note "exit status: $(status_name "$st")"
		grep -E '^(FAIL|  )' "$dir/out" | head -n 40 | sed 's/^/    | /' >>"$LOG"
		tail -n 15 "$dir/out" >"$dir/out.tail"
		note_file "last lines of stdout:" "$dir/out.tail" 15
		note_file "stderr:" "$dir/err" 15
		report FAIL "$label" ;;
	esac
}
