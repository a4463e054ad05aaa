/* Loads and stores: every size and extension (LDRSB into W and X, LDRSW),
 * unscaled, pre- and post-index writeback, register offsets with UXTW,
 * SXTW and LSL scaling, pairs (LDP, LDPSW, STP with writeback), literal
 * loads, SIMD&FP registers of every size (a B/H/S/D load clears the rest
 * of the vector), and DC ZVA (DCZID_EL0: 64 bytes). */
#include "isa.h"

static unsigned char buf[256] __attribute__((aligned(64)));

static void fill(void)
{
	for (int i = 0; i < 256; i++)
		buf[i] = (unsigned char)(0x80 + i * 7);
}

static void dump(const char *what, int from, int n)
{
	printf("%-44s", what);
	for (int i = from; i < from + n; i++)
		printf("%02x", buf[i]);
	printf("\n");
}

int main(void)
{
	fill();
	unsigned char *p = buf + 64;
	u64 r, b;
#define LD(text)                                                                                            \
	__asm__ volatile(text : "=&r"(r) : "r"(p) : "memory");                                               \
	show(text, r)
	LD("ldrb %w0, [%1, #3]");
	LD("ldrsb %w0, [%1, #3]");
	LD("ldrsb %0, [%1, #3]");
	LD("ldrh %w0, [%1, #6]");
	LD("ldrsh %w0, [%1, #6]");
	LD("ldrsh %0, [%1, #-2]");
	LD("ldr %w0, [%1, #12]");
	LD("ldrsw %0, [%1, #12]");
	LD("ldr %0, [%1, #24]");
	LD("ldur %0, [%1, #-63]");
	LD("ldursw %0, [%1, #1]");
	LD("ldurb %w0, [%1, #-64]");
	LD("ldtr %0, [%1, #5]");
	LD("ldtrsh %0, [%1, #-5]");
	/* writeback */
#define WB(text)                                                                                            \
	b = (u64)p;                                                                                         \
	__asm__ volatile(text : "=&r"(r), "+r"(b) : : "memory");                                            \
	showf(r, "%s", text);                                                                               \
	showf(b - (u64)p, "%s (base moved by)", text)
	WB("ldr %0, [%1, #16]!");
	WB("ldr %0, [%1], #-16");
	WB("ldrsb %w0, [%1, #-1]!");
	WB("ldrh %w0, [%1], #255");
	WB("ldp %w0, wzr, [%1, #-8]!");
	/* register offsets */
	u64 idx = 0xfffffffe; /* -2 as a W register */
#define RO(text)                                                                                            \
	__asm__ volatile(text : "=&r"(r) : "r"(p), "r"(idx) : "memory");                                     \
	show(text, r)
	RO("ldrb %w0, [%1, %w2, sxtw]");
	RO("ldrh %w0, [%1, %w2, sxtw #1]");
	RO("ldr %w0, [%1, %w2, sxtw #2]");
	RO("ldr %0, [%1, %w2, sxtw #3]");
	RO("ldrsw %0, [%1, %w2, sxtw]");
	idx = 5;
	RO("ldr %0, [%1, %2, lsl #3]");
	RO("ldr %0, [%1, %2]");
	RO("ldrsh %0, [%1, %w2, uxtw #1]");
	/* pairs */
	{
		u64 a, c;
		__asm__ volatile("ldp %0, %1, [%2, #-16]" : "=&r"(a), "=&r"(c) : "r"(p) : "memory");
		show("ldp x [-16] first", a);
		show("ldp x [-16] second", c);
		__asm__ volatile("ldpsw %0, %1, [%2, #8]" : "=&r"(a), "=&r"(c) : "r"(p) : "memory");
		show("ldpsw [8] first", a);
		show("ldpsw [8] second", c);
		__asm__ volatile("ldnp %w0, %w1, [%2, #4]" : "=&r"(a), "=&r"(c) : "r"(p) : "memory");
		show("ldnp w [4] first", a);
		show("ldnp w [4] second", c);
	}
	/* stores */
	{
		u64 v = 0x1122334455667788, base = (u64)(buf + 128);
		__asm__ volatile("strb %w1, [%0, #0]\n\tstrh %w1, [%0, #2]\n\tstr %w1, [%0, #4]\n\tstr %1, [%0, #8]\n\t"
				 "stur %1, [%0, #17]\n\tsttrh %w1, [%0, #26]"
				 : : "r"(base), "r"(v) : "memory");
		dump("strb/strh/str w/str x/stur/sttrh", 128, 32);
		__asm__ volatile("stp %1, %2, [%0, #-32]!\n\tstp %w2, %w1, [%0], #8" : "+r"(base) : "r"(v), "r"(~v) : "memory");
		dump("stp pre-index, then stp w post-index", 96, 32);
		show("base after (offset in buf)", base - (u64)buf);
		idx = 3;
		__asm__ volatile("strh %w1, [%0, %2, lsl #1]\n\tstrb wzr, [%0, %2]" : : "r"(buf + 160), "r"(v), "r"(idx) : "memory");
		dump("strh [x, x, lsl #1]; strb wzr [x, x]", 160, 8);
	}
	/* SIMD&FP registers: loads clear the upper part */
	{
		v128 q;
#define VLD(text)                                                                                           \
	__asm__ volatile("movi v7.16b, #0xee\n\t" text "\n\tmov %0, v7.d[0]\n\tmov %1, v7.d[1]"               \
			 : "=&r"(q.lo), "=&r"(q.hi) : "r"(p) : "v7", "v8", "memory");                        \
	showv(text, q)
		VLD("ldr b7, [%2, #1]");
		VLD("ldr h7, [%2, #2]");
		VLD("ldr s7, [%2, #4]");
		VLD("ldr d7, [%2, #8]");
		VLD("ldr q7, [%2, #16]");
		VLD("ldur q7, [%2, #-7]");
		VLD("ldp s8, s7, [%2]");
		VLD("ldp q8, q7, [%2, #-64]");
		__asm__ volatile("movi v7.16b, #0x5a\n\tmov v7.d[1], %1\n\tstr q7, [%0]\n\tstr h7, [%0, #16]\n\t"
				 "stp d7, d7, [%0, #24]"
				 : : "r"(buf + 192), "r"(0x0102030405060708ull) : "v7", "memory");
		dump("str q, str h, stp d", 192, 40);
	}
	/* literal loads */
	{
		u64 a, c, d;
		__asm__ volatile("ldr %0, 1f\n\tldrsw %1, 1f\n\tldr %w2, 1f\n\tb 2f\n"
				 "\t.balign 8\n1:\t.quad 0x80000001deadbeef\n2:"
				 : "=r"(a), "=r"(c), "=r"(d));
		show("ldr x literal", a);
		show("ldrsw literal", c);
		show("ldr w literal", d);
	}
	/* DC ZVA zeroes the naturally aligned block DCZID_EL0 names (ferry:
	 * BS = 4, 16 words) and nothing else */
	{
		static unsigned char big[8192] __attribute__((aligned(4096)));
		u64 dczid;
		__asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
		show("dczid_el0", dczid);
		unsigned bytes = 4u << (dczid & 15);
		memset(big, 0xa5, sizeof big);
		__asm__ volatile("dc zva, %0" : : "r"(big + 4096 + bytes + 37) : "memory");
		int ok = 1;
		for (unsigned i = 0; i < sizeof big; i++)
			ok &= big[i] == (i >= 4096 + bytes && i < 4096 + 2 * bytes ? 0 : 0xa5);
		show("dc zva zeroed exactly that block", ok);
	}
	return 0;
}
