/* Scalar floating point: arithmetic in the four FPCR rounding modes with
 * the FPSR cumulative flags, NaN propagation (a signalling NaN first,
 * quieted; else the first quiet NaN; the default NaN 0x7ff8.. for invalid
 * operations: Arm ARM J1 FPProcessNaNs, FPDefaultNaN), FMAX/FMIN against
 * FMAXNM/FMINNM, fused multiply-add and its negations (inf * 0 + qNaN is the
 * default NaN), FCMP/FCMPE/FCCMP flags, and tininess detected before
 * rounding (FPRound). */
#include "isa.h"

/* d = insn(a, b) on double bit patterns; FPSR cleared first, returned too. */
#define FD2(text, a, b, fl)                                                                                \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %1\n\tfmov d1, %2\n\t" text                    \
				 " d2, d0, d1\n\tfmov %0, d2\n\tmrs %1, fpsr"                              \
				 : "=&r"(r_), "+&r"(fl) : "r"((u64)(b)) : "v0", "v1", "v2");               \
		r_;                                                                                        \
	})
#define FS2(text, a, b, fl)                                                                                \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile("msr fpsr, xzr\n\tfmov s0, %w1\n\tfmov s1, %w2\n\t" text                  \
				 " s2, s0, s1\n\tfmov %w0, s2\n\tmrs %1, fpsr"                             \
				 : "=&r"(r_), "+&r"(fl) : "r"((u64)(b)) : "v0", "v1", "v2");               \
		r_;                                                                                        \
	})

static void d2(const char *name, u64 (*f)(u64, u64, u64 *), u64 a, u64 b)
{
	u64 fl, r = f(a, b, &fl);
	printf("%-12s %016llx %016llx -> %016llx %s\n", name, (unsigned long long)a, (unsigned long long)b,
	       (unsigned long long)r, fpsr_str(fl));
}

static void s2(const char *name, u64 (*f)(u64, u64, u64 *), u64 a, u64 b)
{
	u64 fl, r = f(a, b, &fl);
	printf("%-12s %08llx %08llx -> %08llx %s\n", name, (unsigned long long)a, (unsigned long long)b,
	       (unsigned long long)r, fpsr_str(fl));
}

#define DEF(name, text)                                                                                    \
	static u64 name##_d(u64 a, u64 b, u64 *f)                                                          \
	{                                                                                                  \
		u64 fl = a, r = FD2(text, a, b, fl);                                                       \
		*f = fl;                                                                                   \
		return r;                                                                                  \
	}                                                                                                  \
	static u64 name##_s(u64 a, u64 b, u64 *f)                                                          \
	{                                                                                                  \
		u64 fl = a, r = FS2(text, a, b, fl);                                                       \
		*f = fl;                                                                                   \
		return r;                                                                                  \
	}
DEF(fadd, "fadd")
DEF(fsub, "fsub")
DEF(fmul, "fmul")
DEF(fdiv, "fdiv")
DEF(fmax, "fmax")
DEF(fmin, "fmin")
DEF(fmaxnm, "fmaxnm")
DEF(fminnm, "fminnm")
DEF(fnmul, "fnmul")

#define ONE_D 0x3ff0000000000000ull
#define THIRD_D 0x3fd5555555555555ull
#define QNAN_D 0x7ff8000000000123ull
#define SNAN_D 0x7ff0000000000456ull
#define NQNAN_D 0xfff8000000000789ull
#define INF_D 0x7ff0000000000000ull
#define NINF_D 0xfff0000000000000ull
#define NZERO_D 0x8000000000000000ull
#define MIN_D 0x0010000000000000ull
#define MAX_D 0x7fefffffffffffffull
#define ONE_S 0x3f800000ull
#define QNAN_S 0x7fc00011ull
#define SNAN_S 0x7f800022ull
#define INF_S 0x7f800000ull

int main(void)
{
	static const struct {
		const char *name;
		u64 (*d)(u64, u64, u64 *), (*s)(u64, u64, u64 *);
	} ops[] = {
		{"fadd", fadd_d, fadd_s}, {"fsub", fsub_d, fsub_s}, {"fmul", fmul_d, fmul_s}, {"fdiv", fdiv_d, fdiv_s},
		{"fmax", fmax_d, fmax_s}, {"fmin", fmin_d, fmin_s}, {"fmaxnm", fmaxnm_d, fmaxnm_s},
		{"fminnm", fminnm_d, fminnm_s}, {"fnmul", fnmul_d, fnmul_s},
	};
	static const u64 dpairs[][2] = {
		{ONE_D, THIRD_D}, {ONE_D, QNAN_D}, {QNAN_D, SNAN_D}, {SNAN_D, QNAN_D}, {NQNAN_D, QNAN_D},
		{INF_D, NINF_D}, {0, NZERO_D}, {NZERO_D, 0}, {MAX_D, MAX_D}, {MIN_D, 0x3fe0000000000001ull},
		{ONE_D, 0}, {0, 0}, {0x3ff0000000000001ull, 0xbff0000000000000ull},
	};
	static const u64 spairs[][2] = {
		{ONE_S, 0x40400000}, {ONE_S, QNAN_S}, {QNAN_S, SNAN_S}, {SNAN_S, ONE_S}, {INF_S, INF_S | 0x80000000},
		{0, 0x80000000}, {0x7f7fffff, 0x40000000}, {0x00800000, 0x3f000001}, {ONE_S, 0}, {0x00000001, 0x3f000000},
	};
	for (unsigned m = 0; m < 4; m++) {
		set_rmode(m);
		printf("== rounding mode %u\n", m);
		for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++) {
			for (unsigned k = 0; k < sizeof dpairs / sizeof dpairs[0]; k++)
				d2(ops[o].name, ops[o].d, dpairs[k][0], dpairs[k][1]);
			for (unsigned k = 0; k < sizeof spairs / sizeof spairs[0]; k++)
				s2(ops[o].name, ops[o].s, spairs[k][0], spairs[k][1]);
		}
	}
	set_rmode(RN);
	/* one-operand ops */
	static const u64 d1[] = {ONE_D, 0xc000000000000000ull, QNAN_D, SNAN_D, NZERO_D, INF_D, 2, 0x4010000000000000ull};
	for (unsigned k = 0; k < sizeof d1 / sizeof d1[0]; k++) {
		u64 a = d1[k], r1, r2, r3, r4, fl;
		__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %5\n\tfsqrt d1, d0\n\tfmov %0, d1\n\tfabs d1, d0\n\tfmov %1, d1\n\t"
				 "fneg d1, d0\n\tfmov %2, d1\n\tfcvt s1, d0\n\tfmov %w3, s1\n\tmrs %4, fpsr"
				 : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4), "=&r"(fl) : "r"(a) : "v0", "v1");
		printf("%016llx sqrt %016llx abs %016llx neg %016llx cvt.s %08llx %s\n", (unsigned long long)a,
		       (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)r3, (unsigned long long)r4,
		       fpsr_str(fl));
	}
	static const u64 s1v[] = {ONE_S, QNAN_S, SNAN_S, 0x80000001, 0x7f7fffff};
	for (unsigned k = 0; k < sizeof s1v / sizeof s1v[0]; k++) {
		u64 a = s1v[k], r1, r2, fl;
		__asm__ volatile("msr fpsr, xzr\n\tfmov s0, %w3\n\tfsqrt s1, s0\n\tfmov %w0, s1\n\t"
				 "fcvt d1, s0\n\tfmov %1, d1\n\tmrs %2, fpsr"
				 : "=&r"(r1), "=&r"(r2), "=&r"(fl) : "r"(a) : "v0", "v1");
		printf("%08llx sqrt %08llx cvt.d %016llx %s\n", (unsigned long long)a, (unsigned long long)r1,
		       (unsigned long long)r2, fpsr_str(fl));
	}
	/* fused multiply-add and its negations: n * m + a with n = 3, m = 1/3 */
	{
		static const u64 addends[] = {0xbff0000000000000ull, QNAN_D, SNAN_D, 0};
		for (unsigned k = 0; k < sizeof addends / sizeof addends[0]; k++) {
			u64 r[4], fl;
			__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %5\n\tfmov d1, %6\n\tfmov d2, %7\n\t"
					 "fmadd d3, d0, d1, d2\n\tfmov %0, d3\n\tfmsub d3, d0, d1, d2\n\tfmov %1, d3\n\t"
					 "fnmadd d3, d0, d1, d2\n\tfmov %2, d3\n\tfnmsub d3, d0, d1, d2\n\tfmov %3, d3\n\t"
					 "mrs %4, fpsr"
					 : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(fl)
					 : "r"(0x4008000000000000ull), "r"(THIRD_D), "r"(addends[k]) : "v0", "v1", "v2", "v3");
			printf("fma a=%016llx: %016llx %016llx %016llx %016llx %s\n", (unsigned long long)addends[k],
			       (unsigned long long)r[0], (unsigned long long)r[1], (unsigned long long)r[2],
			       (unsigned long long)r[3], fpsr_str(fl));
		}
		/* inf * 0 + qNaN: the default NaN and Invalid; + sNaN: the sNaN, quieted */
		static const u64 nanadd[] = {QNAN_D, SNAN_D, ONE_D};
		for (unsigned k = 0; k < 3; k++) {
			u64 r, fl;
			__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %2\n\tfmov d1, xzr\n\tfmov d2, %3\n\t"
					 "fmsub d3, d0, d1, d2\n\tfmov %0, d3\n\tmrs %1, fpsr"
					 : "=&r"(r), "=&r"(fl) : "r"(INF_D), "r"(nanadd[k]) : "v0", "v1", "v2", "v3");
			printf("fmsub inf*0 a=%016llx -> %016llx %s\n", (unsigned long long)nanadd[k],
			       (unsigned long long)r, fpsr_str(fl));
		}
		u64 r, fl;
		__asm__ volatile("msr fpsr, xzr\n\tfmov s0, %w2\n\tfmov s1, %w3\n\tfnmadd s3, s0, s1, s1\n\t"
				 "fmov %w0, s3\n\tmrs %1, fpsr"
				 : "=&r"(r), "=&r"(fl) : "r"(QNAN_S), "r"(ONE_S) : "v0", "v1", "v3");
		printf("fnmadd s qNaN*1-1 -> %08llx %s (the NaN negated first)\n", (unsigned long long)r, fpsr_str(fl));
	}
	/* compares: NZCV and Invalid */
	{
		static const u64 cmp[][2] = {
			{ONE_D, ONE_D}, {ONE_D, 0x4000000000000000ull}, {0x4000000000000000ull, ONE_D}, {0, NZERO_D},
			{QNAN_D, ONE_D}, {ONE_D, SNAN_D}, {INF_D, MAX_D},
		};
		for (unsigned k = 0; k < sizeof cmp / sizeof cmp[0]; k++) {
			u64 f1, f2, x1, x2, f3;
			__asm__ volatile("fmov d0, %5\n\tfmov d1, %6\n\tmsr fpsr, xzr\n\tfcmp d0, d1\n\tmrs %0, nzcv\n\t"
					 "mrs %2, fpsr\n\tmsr fpsr, xzr\n\tfcmpe d0, d1\n\tmrs %1, nzcv\n\tmrs %3, fpsr\n\t"
					 "fcmp d0, #0.0\n\tmrs %4, nzcv"
					 : "=&r"(f1), "=&r"(f2), "=&r"(x1), "=&r"(x2), "=&r"(f3)
					 : "r"(cmp[k][0]), "r"(cmp[k][1]) : "v0", "v1");
			printf("fcmp %016llx %016llx: %s %s  fcmpe: %s %s  vs #0: %s\n", (unsigned long long)cmp[k][0],
			       (unsigned long long)cmp[k][1], flags_str(f1), fpsr_str(x1), flags_str(f2), fpsr_str(x2),
			       flags_str(f3));
		}
		u64 f1, f2, x1;
		__asm__ volatile("fmov d0, %3\n\tfmov d1, %4\n\tmsr fpsr, xzr\n\tmsr nzcv, xzr\n\t"
				 "fccmp d0, d1, #0xa, ne\n\tmrs %0, nzcv\n\tmsr nzcv, xzr\n\tfccmpe d0, d1, #0xa, eq\n\t"
				 "mrs %1, nzcv\n\tmrs %2, fpsr"
				 : "=&r"(f1), "=&r"(f2), "=&r"(x1) : "r"(ONE_D), "r"(QNAN_D) : "v0", "v1");
		printf("fccmp 1,qnan ne (compares): %s  fccmpe eq (skipped): %s %s\n", flags_str(f1), flags_str(f2),
		       fpsr_str(x1));
		u64 a, b;
		__asm__ volatile("msr nzcv, %2\n\tfmov d0, #-1.25\n\tfmov d1, #31.0\n\tfcsel d2, d0, d1, mi\n\t"
				 "fmov %0, d2\n\tfmov s0, #0.125\n\tfmov s1, #-2.0\n\tfcsel s2, s0, s1, pl\n\tfmov %w1, s2"
				 : "=&r"(a), "=&r"(b) : "r"(0x80000000ull) : "v0", "v1", "v2");
		show("fcsel d mi (N set)", a);
		show("fcsel s pl (N set)", b);
	}
	/* FPCR and FPSR read back; trap enables read as zero */
	{
		u64 c, s;
		__asm__ volatile("msr fpcr, %2\n\tmrs %0, fpcr\n\tmsr fpsr, %3\n\tmrs %1, fpsr\n\tmsr fpcr, xzr"
				 : "=&r"(c), "=&r"(s) : "r"(0x00c00000ull), "r"(0x0800009full));
		show("fpcr RMode=RZ read back", c);
		show("fpsr all flags + QC read back", s);
	}
	return 0;
}
