/* M extension: mul, mulh (signed x signed), mulhsu (signed x unsigned),
 * mulhu, mulw; division by zero (quotient all ones, remainder the
 * dividend) and signed overflow (quotient the dividend, remainder 0) for
 * div/divu/rem/remu and the W forms, whose 32-bit results are sign-extended
 * (vol. I, "M" chapter, table "Semantics for division by zero and division
 * overflow"). */
#include "isa.h"

int main(void)
{
	static const u64 v[] = { 0, 1, 2, 3, (u64)-1, (u64)-2, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
				 0x00000000ffffffffULL, 0x0000000080000000ULL, 0xffffffff80000000ULL, 0x123456789abcdefULL };
	enum { N = sizeof v / sizeof v[0] };
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			u64 a = v[i], b = v[j];
			printf("a=%016llx b=%016llx\n", (unsigned long long)a, (unsigned long long)b);
			show("  mul", OP2("mul", a, b));
			show("  mulh", OP2("mulh", a, b));
			show("  mulhsu", OP2("mulhsu", a, b));
			show("  mulhu", OP2("mulhu", a, b));
			show("  mulw", OP2("mulw", a, b));
			show("  div", OP2("div", a, b));
			show("  divu", OP2("divu", a, b));
			show("  rem", OP2("rem", a, b));
			show("  remu", OP2("remu", a, b));
			show("  divw", OP2("divw", a, b));
			show("  divuw", OP2("divuw", a, b));
			show("  remw", OP2("remw", a, b));
			show("  remuw", OP2("remuw", a, b));
		}
	/* the named corner cases, once more with labels */
	show("div by zero", OP2("div", 42, 0));
	show("divu by zero", OP2("divu", 42, 0));
	show("rem by zero", OP2("rem", 42, 0));
	show("remu by zero", OP2("remu", 42, 0));
	show("div overflow", OP2("div", 0x8000000000000000ULL, -1));
	show("rem overflow", OP2("rem", 0x8000000000000000ULL, -1));
	show("divw by zero", OP2("divw", 42, 0));
	show("divuw by zero", OP2("divuw", 42, 0));
	show("remw by zero (sext of dividend)", OP2("remw", 0x00000000fffffff0ULL, 0));
	show("remuw by zero (sext of dividend)", OP2("remuw", 0x0000000080000000ULL, 0));
	show("divw overflow", OP2("divw", 0x0000000080000000ULL, -1));
	show("remw overflow", OP2("remw", 0x0000000080000000ULL, -1));
	show("divw ignores upper bits", OP2("divw", 0x1234567800000064ULL, 0xffffffff0000000aULL));
	show("divuw 0xffffffff/1 (sext)", OP2("divuw", 0xffffffffULL, 1));
	show("mulw ignores upper bits", OP2("mulw", 0xabcdef0000010000ULL, 0x1234560000008000ULL));
	return 0;
}
