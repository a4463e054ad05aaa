/* Exclusives and atomics: LDXR/STXR of every size (STXR without a
 * reservation, or after CLREX, fails and leaves memory alone), LDXP/STXP
 * of W and X pairs, LDAXR/STLXR, LDAR/STLR, and the LSE atomics: CAS and
 * CASP (the old value comes back; memory changes only on a match),
 * SWP and the LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN fetch-ops
 * at 8, 16, 32 and 64 bits (Arm ARM C6.2; results zero-extended).
 * TEST-CFLAGS: -march=armv8.1-a */
#include "isa.h"

static u64 cell[4] __attribute__((aligned(16)));

static void reset(void)
{
	cell[0] = 0x8182838485868788ull;
	cell[1] = 0x1112131415161718ull;
	cell[2] = cell[3] = 0;
}

#define LSE(text, val)                                                                                      \
	do {                                                                                                \
		u64 old_;                                                                                   \
		reset();                                                                                    \
		__asm__ volatile(text : "=&r"(old_) : "r"(cell), "r"((u64)(val)) : "memory");               \
		printf("%-30s %016llx old %016llx mem %016llx\n", text, (unsigned long long)(val),          \
		       (unsigned long long)old_, (unsigned long long)cell[0]);                              \
	} while (0)

#define FETCH_ALL(op)                                                                                       \
	LSE(op "b %w2, %w0, [%1]", 0x7f);                                                                   \
	LSE(op "h %w2, %w0, [%1]", 0x8001);                                                                 \
	LSE(op " %w2, %w0, [%1]", 0x7ffffffe);                                                              \
	LSE(op " %2, %0, [%1]", 0x0123456789abcdefull);                                                     \
	LSE(op "al %2, %0, [%1]", 0xffffffffffffff00ull)

int main(void)
{
	/* exclusives */
	{
		u64 v, st1, st2;
		reset();
		__asm__ volatile("ldxr %0, [%3]\n\tstxr %w1, %4, [%3]\n\tstxr %w2, %4, [%3]"
				 : "=&r"(v), "=&r"(st1), "=&r"(st2) : "r"(cell), "r"(0x55ull) : "memory");
		show("ldxr x", v);
		show("stxr status (reserved)", st1);
		show("stxr status (reservation used up)", st2);
		show("memory", cell[0]);
		reset();
		__asm__ volatile("ldaxrb %w0, [%2]\n\tclrex\n\tstlxrb %w1, %w3, [%2]"
				 : "=&r"(v), "=&r"(st1) : "r"(cell), "r"(0x55ull) : "memory");
		show("ldaxrb", v);
		show("stlxrb status after clrex", st1);
		show("memory", cell[0]);
		reset();
		__asm__ volatile("ldxrh %w0, [%2]\n\tstxrh %w1, %w3, [%2]"
				 : "=&r"(v), "=&r"(st1) : "r"(cell), "r"(0xaaaaull) : "memory");
		show("ldxrh", v);
		show("stxrh status", st1);
		show("memory", cell[0]);
		reset();
		__asm__ volatile("ldaxr %w0, [%2]\n\tstlxr %w1, %w3, [%2]"
				 : "=&r"(v), "=&r"(st1) : "r"(cell), "r"(0xfffffffffedcba98ull) : "memory");
		show("ldaxr w", v);
		show("stlxr w status", st1);
		show("memory", cell[0]);
		u64 a, b;
		reset();
		__asm__ volatile("ldxp %w0, %w1, [%3]\n\tstxp %w2, %w1, %w0, [%3]"
				 : "=&r"(a), "=&r"(b), "=&r"(st1) : "r"(cell) : "memory");
		show("ldxp w first", a);
		show("ldxp w second", b);
		show("stxp w (swapped) status", st1);
		show("memory", cell[0]);
		reset();
		__asm__ volatile("ldaxp %0, %1, [%3]\n\tstlxp %w2, %1, %0, [%3]"
				 : "=&r"(a), "=&r"(b), "=&r"(st1) : "r"(cell) : "memory");
		show("ldaxp x first", a);
		show("ldaxp x second", b);
		show("stlxp x (swapped) status", st1);
		show("memory 0", cell[0]);
		show("memory 1", cell[1]);
		reset();
		__asm__ volatile("stxr %w0, %2, [%1]" : "=&r"(st1) : "r"(cell), "r"(0ull) : "memory");
		show("stxr with no reservation", st1);
		show("memory", cell[0]);
	}
	/* load-acquire / store-release */
	{
		u64 v;
		reset();
		__asm__ volatile("ldarb %w0, [%1]" : "=r"(v) : "r"(cell) : "memory");
		show("ldarb", v);
		__asm__ volatile("ldarh %w0, [%1]" : "=r"(v) : "r"(cell) : "memory");
		show("ldarh", v);
		__asm__ volatile("ldar %w0, [%1]" : "=r"(v) : "r"(cell) : "memory");
		show("ldar w", v);
		__asm__ volatile("ldar %0, [%1]" : "=r"(v) : "r"(cell) : "memory");
		show("ldar x", v);
		__asm__ volatile("stlrb %w1, [%0]\n\tadd x9, %0, #2\n\tstlrh %w1, [x9]" : : "r"(cell), "r"(0xa1b2c3d4e5f6ull) : "x9", "memory");
		__asm__ volatile("add x9, %0, #4\n\tstlr %w1, [x9]" : : "r"(cell), "r"(0x99ull) : "x9", "memory");
		show("stlrb, stlrh, stlr w", cell[0]);
		__asm__ volatile("stlr %1, [%0]" : : "r"(cell + 1), "r"(0x0102030405060708ull) : "memory");
		show("stlr x", cell[1]);
	}
	/* compare and swap */
	{
		u64 cmp;
#define CAS(text, expect, val)                                                                              \
	reset();                                                                                            \
	cmp = (expect);                                                                                     \
	__asm__ volatile(text : "+r"(cmp) : "r"(cell), "r"((u64)(val)) : "memory");                         \
	printf("%-30s expect %016llx -> %016llx mem %016llx\n", text, (unsigned long long)(expect),         \
	       (unsigned long long)cmp, (unsigned long long)cell[0])
		CAS("cas %0, %2, [%1]", 0x8182838485868788ull, 0x42);
		CAS("cas %0, %2, [%1]", 0x8182838485868789ull, 0x42);
		CAS("casa %w0, %w2, [%1]", 0xffffffff85868788ull, 0x42);
		CAS("casl %w0, %w2, [%1]", 0x85868789ull, 0x42);
		CAS("casalb %w0, %w2, [%1]", 0x188ull, 0x42);
		CAS("casb %w0, %w2, [%1]", 0x87ull, 0x42);
		CAS("cash %w0, %w2, [%1]", 0x8788ull, 0xfffff00dull);
		CAS("casah %w0, %w2, [%1]", 0x7788ull, 0x42);
		{
			register u64 s0 __asm__("x4"), s1 __asm__("x5");
			register u64 n0 __asm__("x6"), n1 __asm__("x7");
			reset();
			s0 = cell[0], s1 = cell[1], n0 = 0xaaaa, n1 = 0xbbbb;
			__asm__ volatile("casp x4, x5, x6, x7, [%2]" : "+r"(s0), "+r"(s1) : "r"(cell), "r"(n0), "r"(n1) : "memory");
			u64 o0 = s0, o1 = s1; /* x4, x5 do not survive a call */
			show("casp match: old first", o0);
			show("casp match: old second", o1);
			show("casp match: memory first", cell[0]);
			show("casp match: memory second", cell[1]);
			reset();
			s0 = cell[0], s1 = 0, n0 = 0xaaaa, n1 = 0xbbbb;
			__asm__ volatile("caspal x4, x5, x6, x7, [%2]" : "+r"(s0), "+r"(s1) : "r"(cell), "r"(n0), "r"(n1) : "memory");
			o1 = s1;
			show("caspal mismatch: old second", o1);
			show("caspal mismatch: memory first", cell[0]);
			reset();
			s0 = 0x85868788, s1 = 0x81828384, n0 = 0xaaaa, n1 = 0xbbbb;
			__asm__ volatile("casp w4, w5, w6, w7, [%2]" : "+r"(s0), "+r"(s1) : "r"(cell), "r"(n0), "r"(n1) : "memory");
			o0 = s0;
			show("casp w match: old first", o0);
			show("casp w match: memory", cell[0]);
		}
	}
	/* fetch-ops: memory starts at 0x8182838485868788 */
	FETCH_ALL("swp");
	FETCH_ALL("ldadd");
	FETCH_ALL("ldclr");
	FETCH_ALL("ldeor");
	FETCH_ALL("ldset");
	FETCH_ALL("ldsmax");
	FETCH_ALL("ldsmin");
	FETCH_ALL("ldumax");
	FETCH_ALL("ldumin");
	/* the ST* aliases (Rt = XZR) still update memory */
	{
		reset();
		__asm__ volatile("staddh %w1, [%0]\n\tstset %2, [%0]" : : "r"(cell), "r"(0x1111ull), "r"(0x100000000ull) : "memory");
		show("staddh; stset", cell[0]);
	}
	return 0;
}
