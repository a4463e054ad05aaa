/* Zba, Zbb and Zbs (the bit-manipulation extensions, ratified 1.0.0):
 * every instruction on edge inputs.  The *.uw forms zero-extend rs1's low
 * 32 bits; *w forms work on and sign-extend 32 bits; rori/bexti etc. take
 * immediates. */
#include "isa.h"

static const u64 v[] = { 0, 1, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x00000000ffffffffULL,
			 0xffffffff80000000ULL, 0x0123456789abcdefULL, 0x00ff00ff00ff0080ULL, 0x7f, 0x80, 0x8000 };
enum { N = sizeof v / sizeof v[0] };

int main(void)
{
	for (int i = 0; i < N; i++) {
		u64 a = v[i];
		printf("x = %016llx\n", (unsigned long long)a);
		/* Zbb unary */
		show("  clz", OP1("clz", a));
		show("  ctz", OP1("ctz", a));
		show("  cpop", OP1("cpop", a));
		show("  clzw", OP1("clzw", a));
		show("  ctzw", OP1("ctzw", a));
		show("  cpopw", OP1("cpopw", a));
		show("  sext.b", OP1("sext.b", a));
		show("  sext.h", OP1("sext.h", a));
		show("  zext.h", OP1("zext.h", a));
		show("  orc.b", OP1("orc.b", a));
		show("  rev8", OP1("rev8", a));
		/* immediates */
		show("  rori 13", OPI("rori", a, 13));
		show("  rori 63", OPI("rori", a, 63));
		show("  roriw 5", OPI("roriw", a, 5));
		show("  roriw 0 (sext.w)", OPI("roriw", a, 0));
		show("  slli.uw 3", OPI("slli.uw", a, 3));
		show("  slli.uw 32", OPI("slli.uw", a, 32));
		show("  bclri 63", OPI("bclri", a, 63));
		show("  bseti 31", OPI("bseti", a, 31));
		show("  binvi 0", OPI("binvi", a, 0));
		show("  bexti 7", OPI("bexti", a, 7));
		show("  bexti 63", OPI("bexti", a, 63));
		for (int j = 0; j < N; j += 2) {
			u64 b = v[j];
			printf("  with y = %016llx\n", (unsigned long long)b);
			show("    sh1add", OP2("sh1add", a, b));
			show("    sh2add", OP2("sh2add", a, b));
			show("    sh3add", OP2("sh3add", a, b));
			show("    add.uw", OP2("add.uw", a, b));
			show("    sh1add.uw", OP2("sh1add.uw", a, b));
			show("    sh2add.uw", OP2("sh2add.uw", a, b));
			show("    sh3add.uw", OP2("sh3add.uw", a, b));
			show("    andn", OP2("andn", a, b));
			show("    orn", OP2("orn", a, b));
			show("    xnor", OP2("xnor", a, b));
			show("    max", OP2("max", a, b));
			show("    maxu", OP2("maxu", a, b));
			show("    min", OP2("min", a, b));
			show("    minu", OP2("minu", a, b));
			show("    rol", OP2("rol", a, b));
			show("    ror", OP2("ror", a, b));
			show("    rolw", OP2("rolw", a, b));
			show("    rorw", OP2("rorw", a, b));
			show("    bclr", OP2("bclr", a, b));
			show("    bset", OP2("bset", a, b));
			show("    binv", OP2("binv", a, b));
			show("    bext", OP2("bext", a, b));
		}
	}
	/* shift amounts take only the low 6 (or 5 for W) bits */
	show("rol by 65", OP2("rol", 0x8000000000000001ULL, 65));
	show("ror by 64", OP2("ror", 0x8000000000000001ULL, 64));
	show("rolw by 33", OP2("rolw", 0x0000000080000001ULL, 33));
	show("bset by 64+5", OP2("bset", 0, 69));
	show("bext bit 64+63", OP2("bext", 0x8000000000000000ULL, 127));
	return 0;
}
