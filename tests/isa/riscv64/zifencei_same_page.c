/* Zifencei: code that rewrites itself in the page (and the block) it is
 * running from, then executes fence.i and the rewritten instruction.  A
 * translator that keeps the old translation of the current block gets the
 * old immediates.  Machine code is written as words (vol. I, RV32I/RV64I
 * base formats). */
#include <sys/mman.h>

#include "isa.h"

#define ADDI(rd, rs1, imm) (((uint32_t)(imm)&0xfff) << 20 | (rs1) << 15 | (rd) << 7 | 0x13)
#define ADD(rd, rs1, rs2) ((rs2) << 20 | (rs1) << 15 | (rd) << 7 | 0x33)
#define SW(rs2, rs1, imm) ((((uint32_t)(imm) >> 5) & 0x7f) << 25 | (rs2) << 20 | (rs1) << 15 | 2 << 12 | ((imm)&31) << 7 | 0x23)
#define BNE(rs1, rs2, off)                                                                                 \
	((((uint32_t)(off) >> 12) & 1) << 31 | (((uint32_t)(off) >> 5) & 0x3f) << 25 | (rs2) << 20 | (rs1) << 15 | \
	 1 << 12 | (((uint32_t)(off) >> 1) & 0xf) << 8 | (((uint32_t)(off) >> 11) & 1) << 7 | 0x63)
#define LUI(rd, imm20) ((uint32_t)(imm20) << 12 | (rd) << 7 | 0x37)
#define JAL(rd, off)                                                                                   \
	((((uint32_t)(off) >> 20) & 1) << 31 | (((uint32_t)(off) >> 1) & 0x3ff) << 21 |                  \
	 (((uint32_t)(off) >> 11) & 1) << 20 | (((uint32_t)(off) >> 12) & 0xff) << 12 | (rd) << 7 | 0x6f)
#define FENCE_I 0x0000100fu
#define RET 0x00008067u
enum { ZERO = 0, A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, T0 = 5 };

static u64 call(const uint32_t *code, u64 a0, u64 a1)
{
	register u64 r0 __asm__("a0") = a0;
	register u64 r1 __asm__("a1") = a1;
	__asm__ volatile("jalr %2"
			 : "+r"(r0), "+r"(r1)
			 : "r"(code)
			 : "ra", "a2", "a3", "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
	return r0;
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 1;
	/* f(insn, where): store insn at where (the third instruction), fence.i,
	 * fall into it, return a0 */
	code[0] = SW(A0, A1, 0);
	code[1] = FENCE_I;
	code[2] = ADDI(A0, ZERO, 1);
	code[3] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 4));
	int ok = 0;
	for (int n = -1000; n < 1000; n += 7)
		ok += (s64)call(code, ADDI(A0, ZERO, n), (u64)(code + 2)) == n;
	printf("store, fence.i, run the stored instruction: %d of 286\n", ok);

	/* a loop whose first instruction is rewritten on every iteration:
	 *   loop: addi a0, zero, K   (K becomes 0, 1, 2, ...)
	 *         add  a3, a3, a0
	 *         addi a2, a2, -1
	 *         add  a4, a4, t0    (t0 = 1 << 20: the next immediate)
	 *         sw   a4, 0(a5)     (a5 = &loop)
	 *         fence.i
	 *         bne  a2, zero, loop
	 *         mv   a0, a3; ret */
	uint32_t *loop = code + 64;
	loop[0] = ADDI(A0, ZERO, 0);
	loop[1] = ADD(A3, A3, A0);
	loop[2] = ADDI(A2, A2, -1);
	loop[3] = ADD(A4, A4, T0);
	loop[4] = SW(A4, A5, 0);
	loop[5] = FENCE_I;
	loop[6] = BNE(A2, ZERO, -24);
	loop[7] = ADDI(A0, A3, 0);
	loop[8] = RET;
	/* the entry sets up the registers and jumps to the loop */
	uint32_t *entry = code + 32;
	entry[0] = ADDI(A2, ZERO, 500);             /* iterations */
	entry[1] = ADDI(A3, ZERO, 0);               /* sum */
	entry[2] = ADDI(A4, ZERO, 0);
	entry[3] = ADD(A4, A4, A0);                 /* a4 = the addi word, passed in a0 */
	entry[4] = LUI(T0, 1 << 8);                 /* t0 = 1 << 20 */
	entry[5] = ADDI(A5, A1, 0);                 /* a5 = &loop, passed in a1 */
	entry[6] = JAL(ZERO, (loop - &entry[6]) * 4); /* jal zero, loop */
	__builtin___clear_cache((char *)code, (char *)(code + 80));
	u64 sum = call(entry, ADDI(A0, ZERO, 0), (u64)loop);
	printf("loop rewriting its own first instruction: sum %llu (0+1+...+499 = 124750)\n", (unsigned long long)sum);
	/* run it again: the page now holds the last rewrite, which the entry
	 * resets through the store on the first iteration */
	loop[0] = ADDI(A0, ZERO, 0);
	__builtin___clear_cache((char *)loop, (char *)(loop + 1));
	sum = call(entry, ADDI(A0, ZERO, 0), (u64)loop);
	printf("second run: sum %llu\n", (unsigned long long)sum);
	munmap(code, 4096);
	return 0;
}
