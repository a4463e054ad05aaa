#!/usr/bin/env bash
# Zig programs (tests/zig/) built with Zig 0.11 for riscv64-linux and
# aarch64-linux, with Zig's own libc-less std and with -lc (musl), run on
# every backend; the expected output is the same source built for
# x86_64-linux and run here.  Then `zig test --test-cmd ferry
# --test-cmd-bin` runs Zig's test runner as a guest.
. "$(dirname "$0")/helpers.bash"
need_ferry
# scripts/install-deps.sh puts Zig in /opt (the runner's PATH has no /usr/local)
ZIG=/opt/zig-0.11.0/zig
[ -x "$ZIG" ] || ZIG=$(command -v zig) || skip "zig is not installed (scripts/install-deps.sh installs it)"
case $("$ZIG" version) in 0.11.*) ;; *) skip "zig $("$ZIG" version) is not 0.11 (scripts/install-deps.sh installs 0.11)" ;; esac
# Zig's caches outlive the work directory and are shared by every build
# directory (make check, check-asan) and backend job, Zig locking them: the
# first build of its std (and of musl) for an arch takes minutes, later
# ones reuse it.  Debug builds:
# an optimizing build takes minutes per program on a loaded machine, more
# than the runner gives a script (ReleaseSafe builds of the same programs
# were checked by hand).
ZC=/tmp/ferry-zig-cache-$(id -u)
mkdir -p "$ZC"
ZIG_CACHE=(--cache-dir "$ZC/local" --global-cache-dir "$ZC/global")
cd "$W" || exit 2
BACKENDS=$(backends)

# zbuild OUT SRC TARGET MODE [FLAGS...]
zbuild() {
	local out=$1 src=$2 target=$3 mode=$4
	shift 4
	# one build at a time: the backend jobs would otherwise all build a
	# cold cache's std and musl at once
	flock "$ZC/build.lock" timeout 900 "$ZIG" build-exe "${ZIG_CACHE[@]}" -O "$mode" -target "$target" "$@" \
		"$SRC/tests/zig/$src.zig" -femit-bin="$W/$out" >"$W/$out.log" 2>&1 ||
		{ echo "FAIL: zig cannot build $out:"; cat "$W/$out.log"; exit 1; }
}

# prog NAME SRC MODE [FLAGS...]: the guests and the native oracle, run with
# two arguments and one environment variable.
prog() {
	local name=$1 src=$2 mode=$3
	shift 3
	zbuild "$name-native" "$src" x86_64-linux "$mode" "$@"
	want=$(FERRY_ZIG_VAR=set "$W/$name-native" one "two words" 2>&1)
	for arch in riscv64 aarch64; do
		local target=$arch-linux
		case " $* " in *" -lc "*) target=$arch-linux-musl ;; esac
		zbuild "$name-$arch" "$src" "$target" "$mode" "$@"
		for be in $BACKENDS; do
			got=$(FERRY_ZIG_VAR=set timeout 120 "$FERRY" --backend "$be" "$W/$name-$arch" one "two words" 2>&1)
			check "$name $arch ($be)" "$want" "$got"
		done
	done
}

prog basics basics Debug
prog threads threads Debug
prog basics-musl basics Debug -lc
prog threads-musl threads Debug -lc

for arch in riscv64 aarch64; do
	for be in $BACKENDS; do
		# under the build lock too: zig test writes the test binary's objects
		# into the shared cache, and two jobs writing the same one at once
		# left one of them a truncated test.o ("ld.lld: unknown file type")
		out=$(FERRY_BACKEND=$be flock "$ZC/build.lock" timeout 900 "$ZIG" test "${ZIG_CACHE[@]}" -target "$arch-linux" \
			"$SRC/tests/zig/unit_test.zig" --test-cmd "$FERRY" --test-cmd-bin 2>&1)
		check_match "zig test $arch ($be): all 7 tests passed" '^All 7 tests passed\.$' "$out"
	done
done
finish
