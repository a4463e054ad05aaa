/* Accrued exception flags (fflags): which operations set NV, DZ, OF, UF
 * and NX; flags accumulate until cleared; quiet comparisons (feq) signal
 * only on signaling NaNs while flt/fle signal on any NaN; sign injection,
 * fmv, fclass and loads/stores never set flags; underflow is flagged only
 * when the tiny result is also inexact; the CSR forms (csrrs/csrrc/csrrwi
 * on fflags, fsflags) (vol. I, "Accrued Exceptions" and the F/D chapters). */
#include "isa.h"

#define TINY 0x0010000000000000ULL  /* DBL_MIN */
#define HUGE_ 0x7fe0000000000000ULL /* 2^1023 */

static void f(const char *what, u64 r)
{
	unsigned fl = fflags_take();
	printf("%-38s %016llx  %s\n", what, (unsigned long long)r, flag_names(fl));
}

int main(void)
{
	printf("flags at start: %s\n", flag_names(fflags_take()));
	f("fdiv.d 1/3 (inexact)", FOP2("fdiv.d", D_ONE, D_THREE));
	f("fdiv.d 1/2 (exact)", FOP2("fdiv.d", D_ONE, D_TWO));
	f("fdiv.d 1/0", FOP2("fdiv.d", D_ONE, D_ZERO));
	f("fdiv.d -1/-0", FOP2("fdiv.d", 0xbff0000000000000ULL, D_NZERO));
	f("fdiv.d 0/0", FOP2("fdiv.d", D_ZERO, D_ZERO));
	f("fdiv.d inf/0 (no DZ: exact inf)", FOP2("fdiv.d", D_INF, D_ZERO));
	f("fmul.d 2^1023 * 2", FOP2("fmul.d", HUGE_, D_TWO));
	f("fadd.d max + max", FOP2("fadd.d", 0x7fefffffffffffffULL, 0x7fefffffffffffffULL));
	f("fmul.d DBL_MIN * 1/3 (tiny, inexact)", FOP2("fmul.d", TINY, 0x3fd5555555555555ULL));
	f("fmul.d DBL_MIN * 0.5 (tiny, exact)", FOP2("fmul.d", TINY, 0x3fe0000000000000ULL));
	f("fmul.d DBL_MIN * DBL_MIN (to 0)", FOP2("fmul.d", TINY, TINY));
	f("fsqrt.d -1", FOP1("fsqrt.d", 0xbff0000000000000ULL));
	f("fsqrt.d 4 (exact)", FOP1("fsqrt.d", 0x4010000000000000ULL));
	f("fsqrt.d 2", FOP1("fsqrt.d", D_TWO));
	f("fadd.d inf + 1 (exact)", FOP2("fadd.d", D_INF, D_ONE));
	f("fadd.d qNaN + 1", FOP2("fadd.d", D_QNAN, D_ONE));
	f("fadd.d sNaN + 1", FOP2("fadd.d", D_SNAN, D_ONE));
	f("fmadd.d 1e308*10 - inf", FOP3("fmadd.d", 0x7fe1ccf385ebc8a0ULL, 0x4024000000000000ULL, D_NINF));
	/* comparisons */
	f("feq.d qNaN, 1", FCMP("feq.d", D_QNAN, D_ONE));
	f("feq.d sNaN, 1", FCMP("feq.d", D_SNAN, D_ONE));
	f("flt.d qNaN, 1", FCMP("flt.d", D_QNAN, D_ONE));
	f("fle.d 1, qNaN", FCMP("fle.d", D_ONE, D_QNAN));
	f("flt.d 1, 2", FCMP("flt.d", D_ONE, D_TWO));
	f("feq.s sNaN, sNaN", FCMP("feq.s", BOX(S_SNAN), BOX(S_SNAN)));
	f("fle.s qNaN, qNaN", FCMP("fle.s", BOX(S_QNAN), BOX(S_QNAN)));
	/* never flagged */
	f("fsgnj.d sNaN", FOP2("fsgnj.d", D_SNAN, D_ONE));
	f("fsgnjn.d sNaN", FOP2("fsgnjn.d", D_SNAN, D_SNAN));
	f("fclass.d sNaN", FTOI("fclass.d", D_SNAN));
	f("fmv.x.d sNaN", FTOI("fmv.x.d", D_SNAN));
	/* min/max: sNaN flags, qNaN does not */
	f("fmin.d qNaN, 1", FOP2("fmin.d", D_QNAN, D_ONE));
	f("fmax.d sNaN, 1", FOP2("fmax.d", D_SNAN, D_ONE));
	/* conversions */
	f("fcvt.w.d 2.5 (rtz: inexact)", FTOI_RM("fcvt.w.d", "rtz", fbits_d(2.5)));
	f("fcvt.w.d 3e9 (invalid)", FTOI_RM("fcvt.w.d", "rtz", fbits_d(3e9)));
	f("fcvt.w.d NaN (invalid)", FTOI_RM("fcvt.w.d", "rtz", D_QNAN));
	f("fcvt.l.d 2^62 (exact)", FTOI_RM("fcvt.l.d", "rtz", 0x43d0000000000000ULL));
	f("fcvt.s.d 1e300 (overflow)", FOP1("fcvt.s.d", fbits_d(1e300)));
	f("fcvt.s.d 1e-300 (underflow)", FOP1("fcvt.s.d", fbits_d(1e-300)));
	f("fcvt.s.d 0.1 (inexact)", FOP1("fcvt.s.d", fbits_d(0.1)));
	f("fcvt.d.s 0.1f (exact)", FOP1("fcvt.d.s", BOX(fbits_s(0.1f))));
	f("fcvt.d.l 2^53+1 (inexact)", ITOF("fcvt.d.l", (1ULL << 53) + 1));
	f("fcvt.s.wu 0xffffffff (inexact)", ITOF("fcvt.s.wu", 0xffffffffULL));
	/* accumulation: flags stay until cleared */
	FOP2("fdiv.d", D_ONE, D_THREE);
	FOP2("fdiv.d", D_ONE, D_ZERO);
	FOP2("fmul.d", HUGE_, D_TWO);
	f("three ops accumulate", 0);
	/* CSR forms */
	u64 old, now;
	__asm__ volatile("csrrs %0, fflags, %1\n\tcsrr %2, fflags" : "=r"(old), "=r"(now) : "r"(0x11ULL), "0"(0));
	printf("csrrs fflags 0x11: old %#llx now %#llx\n", (unsigned long long)old, (unsigned long long)now);
	__asm__ volatile("csrrc %0, fflags, %2\n\tcsrr %1, fflags" : "=r"(old), "=r"(now) : "r"(0x10ULL));
	printf("csrrc fflags 0x10: old %#llx now %#llx\n", (unsigned long long)old, (unsigned long long)now);
	__asm__ volatile("csrrwi %0, fflags, 0x1f\n\tcsrr %1, fflags" : "=r"(old), "=r"(now));
	printf("csrrwi fflags 0x1f: old %#llx now %#llx\n", (unsigned long long)old, (unsigned long long)now);
	__asm__ volatile("fsflags %0, %2\n\tfrflags %1" : "=r"(old), "=r"(now) : "r"(0xffULL));
	printf("fsflags 0xff (5 bits kept): old %#llx now %#llx\n", (unsigned long long)old, (unsigned long long)now);
	__asm__ volatile("fsflagsi 0\n\tfrcsr %0" : "=r"(now));
	printf("fsflagsi 0: fcsr %#llx\n", (unsigned long long)now);
	__asm__ volatile("csrs fflags, %1\n\tcsrr %0, fcsr" : "=r"(now) : "r"(0x4ULL));
	printf("fflags visible in fcsr: %#llx\n", (unsigned long long)now);
	fflags_take();
	return 0;
}
