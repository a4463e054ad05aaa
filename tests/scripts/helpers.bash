# Sourced by the tests/scripts/*.sh feature tests; not a test itself.
#
# Contract: tests/scripts/NAME.sh <builddir>, run from the repo root with
# FERRY=<builddir>/ferry in the environment (and FERRY_CHECK_FULL=1 under
# make check-full); exit 0 pass, 77 skipped (the reason on the last line),
# anything else fail.  Each check prints what it compares.
#
# The runner runs every script once per backend, with FERRY_BACKEND set as a
# user would: every ferry the script starts, directly or through other tools
# (binfmt_misc, cmake, meson, go test -exec, gdb), inherits it.  Run by hand
# without it, a script checks the default backend, or every backend where
# it loops over $(backends).
# Jobs of one script run in parallel, each in its own work directory $W.

set -u
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
B=${1:-${B:-$SRC/build}}
mkdir -p "$B" || exit 2
B=$(cd "$B" && pwd)
FERRY=${FERRY:-$B/ferry}
case $FERRY in /*) ;; *) FERRY=$PWD/$FERRY ;; esac
NAME=$(basename "$0" .sh)
# A fresh work directory per script and backend under the build directory.
W=$B/tests/scripts/$NAME${FERRY_BACKEND:+.$FERRY_BACKEND}
rm -rf "$W"
mkdir -p "$W"
FAILED=0

skip() {
	echo "SKIP: $*"
	exit 77
}

# check LABEL EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		echo "ok: $1"
	else
		echo "FAIL: $1"
		echo "  expected: $(printf '%s' "$2" | sed -n '1p;2,$s/^/            /p')"
		echo "  actual:   $(printf '%s' "$3" | sed -n '1p;2,$s/^/            /p')"
		FAILED=$((FAILED + 1))
	fi
}

# check_match LABEL EXTENDED-REGEX TEXT
check_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		echo "ok: $1"
	else
		echo "FAIL: $1: no line matches /$2/ in:"
		printf '%s\n' "$3" | sed 's/^/    /'
		FAILED=$((FAILED + 1))
	fi
}

# check_no_match LABEL EXTENDED-REGEX TEXT
check_no_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		echo "FAIL: $1: a line matches /$2/ in:"
		printf '%s\n' "$3" | sed 's/^/    /'
		FAILED=$((FAILED + 1))
	else
		echo "ok: $1"
	fi
}

need_ferry() {
	[ -x "$FERRY" ] || { echo "FAIL: $FERRY is not built (make)"; exit 1; }
}

# The backends a script that names them itself (--backend, hooks per
# backend) checks: FERRY_BACKEND's, else every one ferry lists.
backends() {
	if [ -n "${FERRY_BACKEND:-}" ]; then
		echo "$FERRY_BACKEND"
	else
		"$FERRY" --list-backends | awk '{ print $1 }'
	fi
}

# check_backend_reaches LABEL COMMAND...: COMMAND starts ferry through some
# other program (the kernel, cmake, meson, go); run with
# FERRY_BACKEND=nonesuch, that ferry must refuse the name, which shows the
# FERRY_BACKEND this script runs with reaches it.
check_backend_reaches() {
	local label=$1
	shift
	check_match "$label: FERRY_BACKEND reaches the ferry it starts" \
		"ferry: unknown backend 'nonesuch'" "$(FERRY_BACKEND=nonesuch "$@" 2>&1)"
}

# binfmt_lock -s|-x: takes the lock of this machine's binfmt_misc entries
# on descriptor 9 (closing 9 releases it).  They are machine-wide, so the
# binfmt*.sh tests of every build directory and checkout hold it exclusive
# while theirs exist; a test that must not see theirs come and go, shared.
binfmt_lock() {
	local f=/tmp/ferry-binfmt-tests.lock
	[ -e "$f" ] || : >>"$f"
	exec 9<"$f"
	flock -w 900 "$1" 9 || { echo "FAIL: the lock $f is held elsewhere for 15 minutes"; exit 1; }
}

need_cmd() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed (scripts/install-deps.sh installs it)"
	done
}

# guest_cc OUT SRC [FLAGS...]: a riscv64 program for the checks.
guest_cc() {
	local out=$1 src=$2
	shift 2
	riscv64-linux-gnu-gcc -O2 -o "$out" "$src" "$@" || { echo "FAIL: cannot build $src"; exit 1; }
}

# The last line says how it went (the runner reads the status).
finish() {
	if [ "$FAILED" -ne 0 ]; then
		echo "$NAME: $FAILED check(s) failed"
		exit 1
	fi
	echo "$NAME: all checks passed"
	exit 0
}
