#!/usr/bin/env bash
# --trace=insn: every guest instruction executed, "pc: disassembly", in
# order.  A freestanding program (no libc) gives an exact expected trace:
# a loop of three iterations, then exit.  On every backend.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc
cat >"$W/loop.S" <<'S'
	.globl _start
_start:
	li	t0, 3
1:	addi	t0, t0, -1
	bnez	t0, 1b
	li	a0, 0
	li	a7, 93
	ecall
S
riscv64-linux-gnu-gcc -nostdlib -static -march=rv64g -o "$W/loop" "$W/loop.S" || { echo "FAIL: cannot build loop.S"; exit 1; }
cd "$W" || exit 2
for be in $(backends); do
	rm -f trace.txt
	timeout 20 "$FERRY" --backend "$be" --trace=insn --log trace.txt ./loop
	st=$?
	check "$be: exit status" "0" "$st"
	# pcs relative to the entry point, and the disassembly
	base=$(head -1 trace.txt | cut -d: -f1)
	got=$(while IFS= read -r line; do
		echo "$((${line%%:*} - base)) ${line#*: }"
	done <trace.txt)
	b4=$(printf '0x%x' $((base + 4)))
	want="0 addi t0,zero,3
4 addi t0,t0,-1
8 bne t0,zero,$b4
4 addi t0,t0,-1
8 bne t0,zero,$b4
4 addi t0,t0,-1
8 bne t0,zero,$b4
12 addi a0,zero,0
16 addi a7,zero,93
20 ecall"
	check "$be: the instructions executed, in order" "$want" "$got"
	out=$(timeout 20 "$FERRY" --backend "$be" --trace=insn ./loop 2>&1 >/dev/null | wc -l)
	check "$be: to stderr without --log: one line per instruction" "10" "$out"
	out=$(FERRY_TRACE=insn timeout 20 "$FERRY" --backend "$be" ./loop 2>&1 >/dev/null | wc -l)
	check "$be: FERRY_TRACE=insn" "10" "$out"
done
finish
