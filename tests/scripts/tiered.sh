#!/usr/bin/env bash
# The tiered backend's --jit-threshold (FERRY_JIT_THRESHOLD): a program whose
# code gets hot while it runs (tests/guest/tier_transitions.c) gives its
# native output at every threshold, from 0 (compile every block at once) to
# one no block reaches (interpret everything), and so does self-modifying
# code (tests/guest/code_rewrite.c); --stats counts the blocks
# compiled when hot; a bad value is one ferry: line.
# TEST-BACKENDS: tiered
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc gcc
"$FERRY" --list-backends | grep -qx tiered || skip "no tiered backend on this host (no JIT)"
src=$SRC/tests/guest/tier_transitions.c
gcc -O2 -o "$W/native" "$src" || { echo "FAIL: cannot build $src natively"; exit 1; }
guest_cc "$W/prog" "$src" -static
want=$("$W/native")
for th in 0 1 2 7 100 1000000; do
	got=$(timeout 60 "$FERRY" --backend tiered --jit-threshold "$th" "$W/prog")
	check "threshold $th: the native output" "$want" "$got"
done
got=$(FERRY_JIT_THRESHOLD=3 timeout 60 "$FERRY" --backend tiered "$W/prog")
check "FERRY_JIT_THRESHOLD=3: the native output" "$want" "$got"

# Self-modifying code: each version of a rewritten function runs once or
# twice, so thresholds 1 and 2 compile it between its runs.
guest_cc "$W/code_rewrite" "$SRC/tests/guest/code_rewrite.c" -static
want=$(cat "$SRC/tests/guest/code_rewrite.expected")
for th in 0 1 2; do
	got=$(timeout 60 "$FERRY" --backend tiered --jit-threshold "$th" "$W/code_rewrite")
	check "code_rewrite, threshold $th: the expected output" "$want" "$got"
done

stats=$(timeout 60 "$FERRY" --backend tiered --jit-threshold 2 --stats "$W/prog" 2>&1 >/dev/null)
check_match "threshold 2: --stats counts blocks compiled when hot" \
	'^ferry: stats: blocks compiled to native code when hot [1-9][0-9]*$' "$stats"
stats=$(timeout 60 "$FERRY" --backend tiered --jit-threshold 0 --stats "$W/prog" 2>&1 >/dev/null)
check_no_match "threshold 0: every block compiled at once, none later" 'when hot' "$stats"
stats=$(timeout 60 "$FERRY" --backend tiered --jit-threshold 1000000000 --stats "$W/prog" 2>&1 >/dev/null)
check_no_match "a threshold no block reaches: nothing compiled" 'when hot' "$stats"

err=$(timeout 20 "$FERRY" --jit-threshold ten "$W/prog" 2>&1 >/dev/null)
st=$?
check "--jit-threshold ten: exit status 1" "1" "$st"
check_match "--jit-threshold ten: one ferry: line" '^ferry: .*jit-threshold' "$err"
check "--jit-threshold ten: only that line" "1" "$(printf '%s\n' "$err" | wc -l)"
finish
