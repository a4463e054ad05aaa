/* RV64I: register and immediate ALU ops, shifts by amounts at and past the
 * register width (only the low 6 bits count, 5 for the *W forms: vol. I
 * "Integer Computational Instructions"), the *W ops sign-extending their
 * 32-bit results, compares, lui/auipc, loads extending by size and sign,
 * stores writing only their size, x0, jalr clearing bit 0, and branches. */
#include "isa.h"

int main(void)
{
	static const u64 v[] = { 0, 1, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
				 0x0000000080000000ULL, 0x00000000ffffffffULL, 0x123456789abcdef0ULL };
	for (int i = 0; i < 8; i++) {
		for (int j = 0; j < 8; j += 3) {
			u64 a = v[i], b = v[j];
			showf(OP2("add", a, b), "add %d,%d", i, j);
			showf(OP2("sub", a, b), "sub %d,%d", i, j);
			showf(OP2("addw", a, b), "addw %d,%d", i, j);
			showf(OP2("subw", a, b), "subw %d,%d", i, j);
			showf(OP2("slt", a, b) << 4 | OP2("sltu", a, b), "slt<<4|sltu %d,%d", i, j);
			showf(OP2("and", a, b), "and %d,%d", i, j);
			showf(OP2("or", a, b), "or %d,%d", i, j);
			showf(OP2("xor", a, b), "xor %d,%d", i, j);
		}
	}
	/* shift amounts: 0, 1, 31, 32, 63, 64 (= 0), 65 (= 1), -1 (= 63, or 31 for W) */
	static const u64 sh[] = { 0, 1, 31, 32, 63, 64, 65, (u64)-1 };
	const u64 x = 0x8000000180000001ULL;
	for (int k = 0; k < 8; k++) {
		long long s = (long long)sh[k];
		showf(OP2("sll", x, sh[k]), "sll  by %lld", s);
		showf(OP2("srl", x, sh[k]), "srl  by %lld", s);
		showf(OP2("sra", x, sh[k]), "sra  by %lld", s);
		showf(OP2("sllw", x, sh[k]), "sllw by %lld", s);
		showf(OP2("srlw", x, sh[k]), "srlw by %lld", s);
		showf(OP2("sraw", x, sh[k]), "sraw by %lld", s);
	}
	show("slli 63", OPI("slli", x, 63));
	show("srli 63", OPI("srli", x, 63));
	show("srai 63", OPI("srai", x, 63));
	show("srai 1", OPI("srai", x, 1));
	show("slliw 31", OPI("slliw", x, 31));
	show("srliw 0 (sign-extends bit 31)", OPI("srliw", x, 0));
	show("srliw 1", OPI("srliw", x, 1));
	show("sraiw 31", OPI("sraiw", x, 31));
	show("addiw 0 (sext.w)", OPI("addiw", 0x00000000fffffffeULL, 0));
	show("addiw overflow", OPI("addiw", 0x000000007fffffffULL, 1));
	show("addi -2048", OPI("addi", 0, -2048));
	show("xori -1 (not)", OPI("xori", 0x0f0f, -1));
	show("andi -1 keeps all", OPI("andi", x, -1));
	show("andi 2047", OPI("andi", x, 2047));
	show("ori -2048", OPI("ori", 0, -2048));
	show("slti -1 < 0", OPI("slti", (u64)-1, 0));
	show("sltiu 1 (seqz of 0)", OPI("sltiu", 0, 1));
	show("sltiu -1 (all but -1)", OPI("sltiu", 0xfffffffffffffffeULL, -1));
	u64 r;
	__asm__ volatile("lui %0, 0xfffff" : "=r"(r));
	show("lui 0xfffff (sign-extended)", r);
	__asm__ volatile("lui %0, 0x80000" : "=r"(r));
	show("lui 0x80000", r);
	__asm__ volatile("lui %0, 0x7ffff" : "=r"(r));
	show("lui 0x7ffff", r);
	u64 pc1, pc2;
	__asm__ volatile("1: auipc %0, 0\n\tlla %1, 1b" : "=r"(pc1), "=r"(pc2));
	show("auipc 0 == its own address", pc1 == pc2);
	__asm__ volatile("1: auipc %0, 1\n\tlla %1, 1b" : "=r"(pc1), "=r"(pc2));
	show("auipc 1 - its own address", pc1 - pc2);
	__asm__ volatile("1: auipc %0, 0xfffff\n\tlla %1, 1b" : "=r"(pc1), "=r"(pc2));
	show("auipc 0xfffff - its own address", pc1 - pc2);
	/* loads: sign and zero extension */
	static const unsigned char mem[16] = { 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
					       0x7f, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };
	show("lb 0x81", LOAD("lb", mem, 0));
	show("lbu 0x81", LOAD("lbu", mem, 0));
	show("lb 0x7f", LOAD("lb", mem, 8));
	show("lh", LOAD("lh", mem, 0));
	show("lhu", LOAD("lhu", mem, 0));
	show("lw", LOAD("lw", mem, 0));
	show("lwu", LOAD("lwu", mem, 0));
	show("lw positive", LOAD("lw", mem, 8));
	show("ld 0", LOAD("ld", mem, 0));
	show("ld 8", LOAD("ld", mem, 8));
	show("lbu -1(end)", LOAD("lbu", mem + 16, -1));
	show("lhu -2048(base+2048)", LOAD("lhu", (const unsigned char *)((uintptr_t)mem + 2048), -2048));
	/* stores write only their size */
	u64 cell[2] = { 0x1111111111111111ULL, 0x2222222222222222ULL };
	__asm__ volatile("sb %1, 1(%0)\n\tsh %1, 4(%0)\n\tsw %1, 8(%0)" ::"r"(cell), "r"(0xdeadbeefcafef00dULL)
			 : "memory");
	show("after sb/sh/sw [0]", cell[0]);
	show("after sb/sh/sw [1]", cell[1]);
	/* x0 ignores writes and reads as zero */
	__asm__ volatile("addi zero, zero, 5\n\tmv %0, zero" : "=r"(r));
	show("x0 after addi x0", r);
	/* jalr clears bit 0 of the target; the link register gets pc+4 */
	u64 t, link, here;
	__asm__ volatile("lla %0, 2f\n\taddi %0, %0, 1\n\tlla %2, 1f\n1:\tjalr %1, 0(%0)\n\tli %0, 111\n2:\tli %0, 222"
			 : "=&r"(t), "=&r"(link), "=&r"(here));
	show("jalr to odd address lands on even", t);
	show("jalr link - pc", link - here);
	/* jalr with rd == rs1: the target uses the old value */
	__asm__ volatile("lla %0, 2f\n\tjalr %0, 0(%0)\n\tli %0, 111\n\tj 3f\n2:\tli %0, 333\n3:" : "=&r"(t));
	show("jalr rd==rs1", t);
	/* branches: every condition, signed vs unsigned */
	static const u64 bv[] = { 0, 1, (u64)-1, 0x8000000000000000ULL };
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++) {
			u64 a = bv[i], b = bv[j], m;
			__asm__ volatile("li %0, 0\n\t"
					 "bne %1, %2, 1f\n\tori %0, %0, 1\n1:\t"
					 "beq %1, %2, 1f\n\tori %0, %0, 2\n1:\t"
					 "bge %1, %2, 1f\n\tori %0, %0, 4\n1:\t"
					 "blt %1, %2, 1f\n\tori %0, %0, 8\n1:\t"
					 "bgeu %1, %2, 1f\n\tori %0, %0, 16\n1:\t"
					 "bltu %1, %2, 1f\n\tori %0, %0, 32\n1:"
					 : "=&r"(m)
					 : "r"(a), "r"(b));
			showf(m, "branches not taken (ne eq ge lt geu ltu) %d,%d", i, j);
		}
	return 0;
}
