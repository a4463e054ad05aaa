/* C extension: every RV64C instruction, written with its c. mnemonic so the
 * assembler must emit the 16-bit encoding (vol. I, "C" chapter, RVC
 * instruction listings).  Operands use a0..a5 (x10..x15), which the 3-bit
 * register fields can name; sp-relative forms run on a scratch frame. */
#include "isa.h"

/* a0 = x; <insn>; result = a0 */
#define C1(insn, x)                                                                                        \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile("mv a0, %1\n\t" insn "\n\tmv %0, a0" : "=r"(r_) : "r"((u64)(x)) : "a0", "a1"); \
		r_;                                                                                        \
	})
/* a0 = x, a1 = y; <insn>; result = a0 */
#define C2(insn, x, y)                                                                   \
	({                                                                               \
		u64 r_;                                                                  \
		__asm__ volatile("mv a0, %1\n\tmv a1, %2\n\t" insn "\n\tmv %0, a0"       \
				 : "=r"(r_)                                              \
				 : "r"((u64)(x)), "r"((u64)(y))                          \
				 : "a0", "a1");                                          \
		r_;                                                              \
	})

int main(void)
{
	const u64 x = 0x8000000180000001ULL, y = 0x00000000fffffff0ULL;
	/* quadrant 1: arithmetic */
	show("c.addi a0, -32", C1("c.addi a0, -32", 5));
	show("c.addi a0, 31", C1("c.addi a0, 31", 1));
	show("c.addiw a0, 1 (sign-extends)", C1("c.addiw a0, 1", 0x7fffffff));
	show("c.addiw a0, 0 (sext.w)", C1("c.addiw a0, 0", x));
	show("c.li a0, -1", C1("c.li a0, -1", 0));
	show("c.li a0, 31", C1("c.li a0, 31", 0));
	show("c.lui a0, 1", C1("c.lui a0, 1", 0));
	show("c.lui a0, 0xfffe0 (negative)", C1("c.lui a0, 0xfffe0", 0));
	show("c.lui a0, 0x1f", C1("c.lui a0, 0x1f", 0));
	show("c.srli a0, 1", C1("c.srli a0, 1", x));
	show("c.srli a0, 63", C1("c.srli a0, 63", x));
	show("c.srai a0, 1", C1("c.srai a0, 1", x));
	show("c.srai a0, 32", C1("c.srai a0, 32", x));
	show("c.andi a0, -16", C1("c.andi a0, -16", 0xffULL));
	show("c.andi a0, 15", C1("c.andi a0, 15", 0xffULL));
	show("c.slli a0, 1", C1("c.slli a0, 1", x));
	show("c.slli a0, 63", C1("c.slli a0, 63", 3));
	show("c.sub", C2("c.sub a0, a1", x, y));
	show("c.xor", C2("c.xor a0, a1", x, y));
	show("c.or", C2("c.or a0, a1", x, y));
	show("c.and", C2("c.and a0, a1", x, y));
	show("c.subw", C2("c.subw a0, a1", x, y));
	show("c.addw", C2("c.addw a0, a1", 0x7fffffff, 1));
	show("c.mv", C2("c.mv a0, a1", x, y));
	show("c.add", C2("c.add a0, a1", x, y));
	u64 r;
	__asm__ volatile("li a0, 7\n\tc.nop\n\tmv %0, a0" : "=r"(r) : : "a0");
	show("c.nop", r);
	/* sp-relative: addi4spn, addi16sp, lwsp/ldsp/swsp/sdsp, fldsp/fsdsp */
	u64 o1, o2, o3, o4, o5;
	__asm__ volatile("mv t0, sp\n\t"
			 "c.addi16sp sp, -64\n\t"
			 "sub %0, t0, sp\n\t"
			 "c.addi4spn a0, sp, 24\n\t"
			 "sub %1, a0, sp\n\t"
			 "li a1, -2\n\t"
			 "c.sdsp a1, 8(sp)\n\t"
			 "li a1, 0x12345678\n\t"
			 "c.swsp a1, 16(sp)\n\t"
			 "c.ldsp a2, 8(sp)\n\t"
			 "c.lwsp a3, 12(sp)\n\t"
			 "mv %2, a2\n\t"
			 "mv %3, a3\n\t"
			 "c.lwsp a3, 16(sp)\n\t"
			 "mv %4, a3\n\t"
			 "c.addi16sp sp, 64"
			 : "=&r"(o1), "=&r"(o2), "=&r"(o3), "=&r"(o4), "=&r"(o5)
			 :
			 : "t0", "a0", "a1", "a2", "a3", "memory");
	show("c.addi16sp -64 moved sp by", o1);
	show("c.addi4spn a0, sp, 24 offset", o2);
	show("c.sdsp/c.ldsp -2", o3);
	show("c.lwsp of the upper half (sign-extended)", o4);
	show("c.swsp/c.lwsp", o5);
	double dv = 2.5, dv2 = 0;
	/* (the memory operands may be sp-relative: used only while sp is unmoved) */
	__asm__ volatile("fld ft0, %1\n\t"
			 "c.addi16sp sp, -32\n\t"
			 "c.fsdsp ft0, 16(sp)\n\t"
			 "c.fldsp ft1, 16(sp)\n\t"
			 "c.addi16sp sp, 32\n\t"
			 "fsd ft1, %0"
			 : "=m"(dv2)
			 : "m"(dv)
			 : "ft0", "ft1", "memory");
	show("c.fsdsp/c.fldsp", fbits_d(dv2));
	/* register-based loads and stores */
	u64 mem[4] = { 0x1111111111111111ULL, 0x8000000080000000ULL, 0, 0 };
	u64 l1, l2, l3;
	__asm__ volatile("mv a0, %3\n\t"
			 "c.ld a1, 8(a0)\n\t"
			 "mv %0, a1\n\t"
			 "c.lw a1, 8(a0)\n\t"
			 "mv %1, a1\n\t"
			 "li a1, -1\n\t"
			 "c.sw a1, 16(a0)\n\t"
			 "c.sd a1, 24(a0)\n\t"
			 "c.fld fa0, 8(a0)\n\t"
			 "c.fsd fa0, 0(a0)\n\t"
			 "c.ld a2, 0(a0)\n\t"
			 "mv %2, a2"
			 : "=&r"(l1), "=&r"(l2), "=&r"(l3)
			 : "r"(mem)
			 : "a0", "a1", "a2", "fa0", "memory");
	show("c.ld", l1);
	show("c.lw (sign-extended)", l2);
	show("c.fld/c.fsd copy", l3);
	show("c.sw wrote 32 bits", mem[2]);
	show("c.sd wrote 64 bits", mem[3]);
	/* control flow: c.j, c.beqz, c.bnez, c.jr, c.jalr */
	u64 path = 0;
	__asm__ volatile("li a0, 0\n\t"
			 "c.j 1f\n\t"
			 "ori %0, %0, 1\n"
			 "1:\tc.beqz a0, 2f\n\t"
			 "ori %0, %0, 2\n"
			 "2:\tc.bnez a0, 3f\n\t"
			 "ori %0, %0, 4\n"
			 "3:\tli a0, 1\n\t"
			 "c.bnez a0, 4f\n\t"
			 "ori %0, %0, 8\n"
			 "4:\tc.beqz a0, 5f\n\t"
			 "ori %0, %0, 16\n"
			 "5:\tlla a1, 6f\n\t"
			 "c.jr a1\n\t"
			 "ori %0, %0, 32\n"
			 "6:\tlla a1, 7f\n\t"
			 "c.jalr a1\n"
			 "8:\tj 9f\n"
			 "7:\tlla a2, 8b\n\t"
			 "sub a2, ra, a2\n\t"
			 "bnez a2, 9f\n\t"
			 "ori %0, %0, 64\n\t"
			 "c.jr ra\n"
			 "9:"
			 : "+r"(path)
			 :
			 : "a0", "a1", "a2", "ra");
	show("branches (4|16 = fall-through, 64 = c.jalr link)", path);
	/* a loop made only of compressed instructions */
	__asm__ volatile("li a0, 0\n\tli a1, 100\n"
			 "1:\tc.add a0, a1\n\tc.addi a1, -1\n\tc.bnez a1, 1b\n\tmv %0, a0"
			 : "=r"(r)
			 :
			 : "a0", "a1");
	show("compressed loop sum 1..100", r);
	return 0;
}
