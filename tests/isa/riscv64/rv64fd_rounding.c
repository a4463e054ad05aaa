/* The five rounding modes, given statically in the instruction's rm field
 * and dynamically through frm (rm = dyn): fcvt.w.d/fcvt.l.d of ties and
 * near-ties, fadd.d/fdiv.d/fsqrt.d/fmadd.d whose results differ between
 * modes, narrowing fcvt.s.d, fcvt.d.l of values above 2^53, and the fcsr
 * layout (frm in bits 7:5, fflags in 4:0) (vol. I, "Floating-Point Control
 * and Status Register", table of rounding modes). */
#include "isa.h"

static const char *const rms[] = { "rne", "rtz", "rdn", "rup", "rmm" };

/* A static rm is part of the encoding, so each mode is its own instruction. */
#define BY_RM(M, m, ...)                                        \
	((m) == 0   ? M(__VA_ARGS__, "rne")                     \
	 : (m) == 1 ? M(__VA_ARGS__, "rtz")                     \
	 : (m) == 2 ? M(__VA_ARGS__, "rdn")                     \
	 : (m) == 3 ? M(__VA_ARGS__, "rup")                     \
		    : M(__VA_ARGS__, "rmm"))
#define CVT(insn, a, rm) FTOI_RM(insn, rm, a)
#define ARITH(insn, a, b, rm) FOP2_RM(insn, rm, a, b)

int main(void)
{
	static const double cv[] = { 2.5, -2.5, 1.5, -1.5, 0.5, -0.5, 3.7, -3.7, 2.4999999999999996, -0.0, 7.0 };
	enum { NCV = sizeof cv / sizeof cv[0] };
	const u64 one_plus_half_ulp = 0x3ca0000000000000ULL; /* 2^-53 */
	const u64 three_half_ulp = 0x3cb8000000000000ULL;    /* 1.5 * 2^-52 */
	for (int m = 0; m < 5; m++) {
		printf("static %s:\n", rms[m]);
		for (int i = 0; i < NCV; i++)
			printf("  fcvt.w.d %-20.17g -> %lld, fcvt.l.d -> %lld\n", cv[i], (long long)BY_RM(CVT, m, "fcvt.w.d", fbits_d(cv[i])),
			       (long long)BY_RM(CVT, m, "fcvt.l.d", fbits_d(cv[i])));
		show("  fadd.d 1 + 2^-53", BY_RM(ARITH, m, "fadd.d", D_ONE, one_plus_half_ulp));
		show("  fadd.d -1 - 2^-53", BY_RM(ARITH, m, "fadd.d", 0xbff0000000000000ULL, 0xbca0000000000000ULL));
		show("  fadd.d 1 + 1.5*2^-52", BY_RM(ARITH, m, "fadd.d", D_ONE, three_half_ulp));
		show("  fdiv.d 1 / 3", BY_RM(ARITH, m, "fdiv.d", D_ONE, D_THREE));
		show("  fdiv.d -1 / 3", BY_RM(ARITH, m, "fdiv.d", 0xbff0000000000000ULL, D_THREE));
		show("  fmul.d max * 2 (overflow)", BY_RM(ARITH, m, "fmul.d", 0x7fefffffffffffffULL, D_TWO));
		show("  fmul.d -max * 2 (overflow)", BY_RM(ARITH, m, "fmul.d", 0xffefffffffffffffULL, D_TWO));
		show("  fsub.d 1 - 1 (sign of zero)", BY_RM(ARITH, m, "fsub.d", D_ONE, D_ONE));
		show("  fadd.s 1 + 2^-24", BY_RM(ARITH, m, "fadd.s", BOX(S_ONE), BOX(0x33800000u)));
		fflags_take();
	}
	/* Dynamic: the same through frm, with rm = dyn.  Results are collected
	 * first and printed after frm is back to rne: printf itself rounds by frm. */
	for (int m = 0; m < 5; m++) {
		u64 w[NCV], l[NCV], r[11];
		fsetrm((unsigned)m);
		unsigned got = fgetrm();
		for (int i = 0; i < NCV; i++) {
			w[i] = FTOI_RM("fcvt.w.d", "dyn", fbits_d(cv[i]));
			l[i] = FTOI_RM("fcvt.l.d", "dyn", fbits_d(cv[i]));
		}
		r[0] = FOP2("fadd.d", D_ONE, one_plus_half_ulp);
		r[1] = FOP2("fadd.d", D_ONE, three_half_ulp);
		r[2] = FOP2("fdiv.d", D_ONE, D_THREE);
		r[3] = FOP1("fsqrt.d", D_TWO);
		r[4] = FOP3("fmadd.d", 0x3fd5555555555555ULL, D_THREE, D_ZERO);
		r[5] = FOP1("fcvt.s.d", 0x3fb999999999999aULL);  /* 0.1 */
		r[6] = FOP1("fcvt.s.d", 0xbfb999999999999aULL);  /* -0.1 */
		r[7] = ITOF("fcvt.d.l", (1ULL << 53) + 1);
		r[8] = ITOF("fcvt.d.l", (u64) - (int64_t)((1ULL << 53) + 3));
		r[9] = ITOF("fcvt.s.w", (1ULL << 24) + 1);
		r[10] = FOP2("fsub.d", D_ONE, D_ONE);
		fsetrm(0);
		printf("dynamic frm=%u (%s):\n", got, rms[m]);
		for (int i = 0; i < NCV; i++)
			printf("  fcvt.w.d %-20.17g -> %lld, fcvt.l.d -> %lld\n", cv[i], (long long)w[i], (long long)l[i]);
		static const char *const what[11] = {
			"fadd.d 1 + 2^-53", "fadd.d 1 + 1.5*2^-52", "fdiv.d 1 / 3", "fsqrt.d 2", "fmadd.d 1/3-ish * 3 + 0",
			"fcvt.s.d 0.1", "fcvt.s.d -0.1", "fcvt.d.l 2^53+1", "fcvt.d.l -(2^53+3)", "fcvt.s.w 2^24+1",
			"fsub.d 1 - 1 (sign of zero)",
		};
		for (int i = 0; i < 11; i++)
			showf(r[i], "  %s", what[i]);
		fflags_take();
	}
	/* a static rm overrides frm */
	fflags_take();
	fsetrm(3);
	u64 st = FTOI_RM("fcvt.w.d", "rtz", fbits_d(2.5)), dy = FTOI("fcvt.w.d", fbits_d(2.5));
	fsetrm(0);
	printf("frm=rup: static rtz fcvt.w.d 2.5 -> %lld, dyn -> %lld\n", (long long)st, (long long)dy);
	/* fcsr = frm << 5 | fflags; the two inexact conversions above left NX */
	u64 old, fcsr, frm, ff;
	__asm__ volatile("fscsr %0, %1" : "=r"(old) : "r"(0x4bULL)); /* frm 2, flags 0b01011 */
	__asm__ volatile("frrm %0\n\tfrflags %1\n\tfrcsr %2" : "=r"(frm), "=r"(ff), "=r"(fcsr));
	fsetrm(0);
	printf("fscsr 0x4b: old fcsr %#llx, frm %llu fflags %#llx fcsr %#llx\n", (unsigned long long)old,
	       (unsigned long long)frm, (unsigned long long)ff, (unsigned long long)fcsr);
	__asm__ volatile("fsrmi 4\n\tfrcsr %0\n\tfsrmi 0" : "=r"(fcsr));
	printf("fsrmi 4 keeps the flags: fcsr %#llx\n", (unsigned long long)fcsr);
	__asm__ volatile("csrw fcsr, %1\n\tcsrr %0, fcsr\n\tcsrw fcsr, zero" : "=r"(fcsr) : "r"(0xffffffffULL));
	printf("fcsr written all ones reads %#llx\n", (unsigned long long)fcsr);
	return 0;
}
