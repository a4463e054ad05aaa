/* FPCR.FZ and FPCR.DN, scalar and AdvSIMD (Arm ARM J1 shared pseudocode):
 *  - FZ (bit 24): a denormal operand reads as a zero of its sign and sets
 *    IDC (FPUnpackBase); a result tiny before rounding becomes a zero of its
 *    sign and sets UFC but not IXC (FPRoundBase), even one that would round
 *    up to the smallest normal;
 *  - DN (bit 25): every NaN result is the default NaN 0x7fc00000 /
 *    0x7ff8000000000000 / 0x7e00 (FPProcessNaN), whatever the operands'
 *    payloads;
 *  - AHP (bit 26): half precision in FCVT is the alternative format, with
 *    no infinities or NaNs: exponent 31 holds numbers up to 131008; a NaN
 *    converts to zero, an infinity or a larger value to 0x7fff, both with
 *    IOC (FPConvert, FPRoundBase);
 * and, for contrast, the same operations with FPCR = 0.  Each line gives
 * the result bits and FPSR after the instruction (cleared before): IDC is
 * bit 7, IXC 4, UFC 3, OFC 2, DZC 1, IOC 0.  Expected values checked with
 * qemu-aarch64, which implements both bits. */
#include "isa.h"

#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)

static void set_fpcr(u64 v) { __asm__ volatile("msr fpcr, %0" ::"r"(v)); }

/* insn s2, s0, s1 (or d) under the current FPCR. */
#define OP2(name, text, reg, w, a, b)                                                                            \
	do {                                                                                                  \
		u64 r_, f_;                                                                                   \
		__asm__ volatile("msr fpsr, xzr\n\tfmov " reg "0, %" w "2\n\tfmov " reg "1, %" w "3\n\t" text \
				 "\n\tfmov %" w "0, " reg "2\n\tmrs %1, fpsr"                                   \
				 : "=&r"(r_), "=&r"(f_)                                                       \
				 : "r"((u64)(a)), "r"((u64)(b))                                               \
				 : "v0", "v1", "v2");                                                         \
		printf("%-40s %016llx fpsr %03llx\n", name, (unsigned long long)r_, (unsigned long long)f_); \
	} while (0)

#define S2(name, insn, a, b) OP2(name, insn " s2, s0, s1", "s", "w", (u32)(a), (u32)(b))
#define D2(name, insn, a, b) OP2(name, insn " d2, d0, d1", "d", "", a, b)
#define S1(name, insn, a) OP2(name, insn " s2, s0", "s", "w", (u32)(a), 0)
#define D1(name, insn, a) OP2(name, insn " d2, d0", "d", "", a, 0)

/* fmadd d2, d0, d1, d3 with d3 = c */
static void fmadd_d(const char *name, u64 a, u64 b, u64 c)
{
	u64 r, f;
	__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %2\n\tfmov d1, %3\n\tfmov d3, %4\n\tfmadd d2, d0, d1, d3\n\t"
			 "fmov %0, d2\n\tmrs %1, fpsr"
			 : "=&r"(r), "=&r"(f)
			 : "r"(a), "r"(b), "r"(c)
			 : "v0", "v1", "v2", "v3");
	printf("%-40s %016llx fpsr %03llx\n", name, (unsigned long long)r, (unsigned long long)f);
}

/* fcmp s0, s1: NZCV and FPSR */
static void fcmp_s(const char *name, u32 a, u32 b)
{
	u64 n, f;
	__asm__ volatile("msr fpsr, xzr\n\tfmov s0, %w2\n\tfmov s1, %w3\n\tfcmp s0, s1\n\tmrs %0, nzcv\n\t"
			 "mrs %1, fpsr"
			 : "=&r"(n), "=&r"(f)
			 : "r"(a), "r"(b)
			 : "v0", "v1", "cc");
	printf("%-40s %s fpsr %03llx\n", name, flags_str(n), (unsigned long long)f);
}

/* A vector op on two 128-bit values: v2 = insn v0, v1. */
#define V2(name, text, a0, a1, b0, b1)                                                                       \
	do {                                                                                                 \
		u64 r0_, r1_, f_;                                                                            \
		__asm__ volatile("msr fpsr, xzr\n\tfmov d0, %3\n\tmov v0.d[1], %4\n\tfmov d1, %5\n\t"        \
				 "mov v1.d[1], %6\n\t" text "\n\tmov %0, v2.d[0]\n\tmov %1, v2.d[1]\n\t"     \
				 "mrs %2, fpsr"                                                              \
				 : "=&r"(r0_), "=&r"(r1_), "=&r"(f_)                                         \
				 : "r"((u64)(a0)), "r"((u64)(a1)), "r"((u64)(b0)), "r"((u64)(b1))            \
				 : "v0", "v1", "v2");                                                        \
		printf("%-40s %016llx %016llx fpsr %03llx\n", name, (unsigned long long)r1_,                \
		       (unsigned long long)r0_, (unsigned long long)f_);                                     \
	} while (0)

/* A conversion: the operand in register 0 of kind sreg (from %2, a w or x
 * register as sw says); text leaves the result in %0. */
#define CVT(name, text, sreg, sw, a)                                                                          \
	do {                                                                                                  \
		u64 r_, f_;                                                                                   \
		__asm__ volatile("msr fpsr, xzr\n\tfmov " sreg "0, %" sw "2\n\t" text "\n\tmrs %1, fpsr"      \
				 : "=&r"(r_), "=&r"(f_)                                                       \
				 : "r"((u64)(a))                                                              \
				 : "v0", "v2");                                                               \
		printf("%-40s %016llx fpsr %03llx\n", name, (unsigned long long)r_, (unsigned long long)f_); \
	} while (0)

static void conversions(void)
{
	CVT("fcvt s, d 2^-130 (exact denorm)", "fcvt s2, d0\n\tfmov %w0, s2", "d", "", 0x37d0000000000000ull);
	CVT("fcvt s, d 2^-1000 (tiny)", "fcvt s2, d0\n\tfmov %w0, s2", "d", "", 0x0170000000000000ull);
	CVT("fcvt s, d qNaN payload", "fcvt s2, d0\n\tfmov %w0, s2", "d", "", 0xfff8000000012345ull);
	CVT("fcvt d, s denorm", "fcvt d2, s0\n\tfmov %0, d2", "s", "w", 0x80000001u);
	CVT("fcvt d, s sNaN payload", "fcvt d2, s0\n\tfmov %0, d2", "s", "w", 0x7f800123u);
	CVT("fcvtzs w, s denorm", "fcvtzs %w0, s0", "s", "w", 0x00000009u);
	CVT("fcvtzu x, d denorm", "fcvtzu %0, d0", "d", "", 0x0000000000000009ull);
	CVT("fcvtas w, s denorm", "fcvtas %w0, s0", "s", "w", 0x00400000u);
	CVT("fcvtzs w, s, #4 denorm", "fcvtzs %w0, s0, #4", "s", "w", 0x00000009u);
	CVT("frecpe s 2^127", "frecpe s2, s0\n\tfmov %w0, s2", "s", "w", 0x7f000000u);
	CVT("frecpe s denorm", "frecpe s2, s0\n\tfmov %w0, s2", "s", "w", 0x00000001u);
	CVT("frecpe d 2^1022", "frecpe d2, d0\n\tfmov %0, d2", "d", "", 0x7fd0000000000000ull);
	CVT("frsqrte d denorm", "frsqrte d2, d0\n\tfmov %0, d2", "d", "", 0x0000000000000100ull);
	CVT("frecpx s -denorm", "frecpx s2, s0\n\tfmov %w0, s2", "s", "w", 0x80000003u);
	CVT("fcvt h, s 1.0", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x3f800000u);
	CVT("fcvt h, s 65536.0", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x47800000u);
	CVT("fcvt h, s 131008.0", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x47ffe000u);
	CVT("fcvt h, s 1e6", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x49742400u);
	CVT("fcvt h, s -inf", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0xff800000u);
	CVT("fcvt h, s qNaN payload", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x7fc12345u);
	CVT("fcvt h, s f32 denorm", "fcvt h2, s0\n\tumov %w0, v2.h[0]", "s", "w", 0x00000100u);
	CVT("fcvt h, d 2^-20 (half denorm)", "fcvt h2, d0\n\tumov %w0, v2.h[0]", "d", "", 0x3eb0000000000000ull);
	CVT("fcvt s, h 0x7c00", "mov v0.h[0], v0.h[0]\n\tfcvt s2, h0\n\tfmov %w0, s2", "s", "w", 0x7c00u);
	CVT("fcvt d, h 0xfe01 (negative NaN)", "fcvt d2, h0\n\tfmov %0, d2", "s", "w", 0xfe01u);
	CVT("fcvt s, h 0x7fff", "fcvt s2, h0\n\tfmov %w0, s2", "s", "w", 0x7fffu);
	CVT("fcvtn v.4h, v.4s (65536, NaN)", "mov v0.s[1], v0.s[0]\n\tmov w9, #0x7fc00000\n\tmov v0.s[1], w9\n\t"
	    "fcvtn v2.4h, v0.4s\n\tumov %w0, v2.s[0]", "s", "w", 0x47800000u);
	CVT("fcvtl v.4s, v.4h (0x7c00, 0x3c00)", "movi v2.2d, #0\n\tmov w9, #0x3c00\n\tmov v0.h[1], w9\n\t"
	    "fcvtl v2.4s, v0.4h\n\tumov %0, v2.d[0]", "s", "w", 0x7c00u);
}

static void all(const char *mode)
{
	printf("-- %s\n", mode);
	/* f32: smallest denormal 0x00000001, largest 0x007fffff, min normal 0x00800000 */
	S2("fadd s denorm + 1.0", "fadd", 0x00000001, 0x3f800000);
	S2("fadd s denorm + denorm", "fadd", 0x00400000, 0x00400000);
	S2("fadd s -denorm + 0", "fadd", 0x80000010, 0x00000000);
	S2("fmul s 2^-100 * 2^-30 (tiny)", "fmul", 0x0d800000, 0x30800000);
	S2("fmul s minnorm * 0.5 (exact denorm)", "fmul", 0x00800000, 0x3f000000);
	S2("fmul s -minnorm * (1-2^-24) (rounds up)", "fmul", 0x80800000, 0x3f7fffff);
	S2("fsub s minnorm - minnorm", "fsub", 0x00800000, 0x00800000);
	S2("fdiv s 1 / denorm", "fdiv", 0x3f800000, 0x00000001);
	S1("fsqrt s denorm", "fsqrt", 0x00200000);
	S2("fadd s qNaN payload + 1", "fadd", 0x7fc12345, 0x3f800000);
	S2("fadd s 1 + sNaN payload", "fadd", 0x3f800000, 0x7f812345);
	S2("fmax s qNaN payload, 1", "fmax", 0xffc00001, 0x3f800000);
	S2("fminnm s sNaN, 1", "fminnm", 0x7f800001, 0x3f800000);
	S2("fmaxnm s denorm, -denorm", "fmaxnm", 0x00000005, 0x80000007);
	S2("fmin s denorm, 0", "fmin", 0x00000005, 0x00000000);
	S1("frinta s denorm", "frinta", 0x00000005);
	fcmp_s("fcmp s denorm, 0", 0x00000003, 0x00000000);
	fcmp_s("fcmp s denorm, denorm2", 0x00000003, 0x00000004);
	/* f64 */
	D2("fadd d denorm + 1.0", "fadd", 0x0000000000000001ull, 0x3ff0000000000000ull);
	D2("fmul d 2^-600 * 2^-500 (tiny)", "fmul", 0x1a70000000000000ull, 0x20b0000000000000ull);
	D2("fmul d minnorm * (1-2^-53) (rounds up)", "fmul", 0x0010000000000000ull, 0x3fefffffffffffffull);
	D2("fdiv d minnorm / 4", "fdiv", 0x0010000000000000ull, 0x4010000000000000ull);
	D2("fadd d sNaN payload + qNaN", "fadd", 0x7ff0000000000123ull, 0x7ff8000000000456ull);
	D1("fsqrt d -1", "fsqrt", 0xbff0000000000000ull);
	D1("fsqrt d qNaN payload", "fsqrt", 0x7ff80000000abcdeull);
	fmadd_d("fmadd d 2^-1000 * 2^-30 + 0", 0x0170000000000000ull, 0x3e10000000000000ull, 0);
	fmadd_d("fmadd d 1 * 1 + denorm", 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x0000000000000001ull);
	fmadd_d("fmadd d qNaN * 1 + 1", 0x7ff8000000000777ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull);
	/* AdvSIMD: lanes (high to low) */
	V2("fadd v.4s denorm lanes", "fadd v2.4s, v0.4s, v1.4s", 0x0000000100800000ull, 0x807fffff3f800000ull,
	   0x0000000000000000ull, 0x0000000000000001ull);
	V2("fmul v.4s tiny and NaN lanes", "fmul v2.4s, v0.4s, v1.4s", 0x0d8000007fc00abcull,
	   0x3f8000003f800000ull, 0x308000003f800000ull, 0x7f8000013f800000ull);
	V2("fmul v.2d tiny, normal", "fmul v2.2d, v0.2d, v1.2d", 0x1a70000000000000ull, 0x3ff0000000000000ull,
	   0x20b0000000000000ull, 0x4000000000000000ull);
	V2("fsub v.2d NaN payload, denorm", "fsub v2.2d, v0.2d, v1.2d", 0x7ff8000000000042ull,
	   0x0000000000000009ull, 0x3ff0000000000000ull, 0x0000000000000000ull);
	V2("fcmeq v.4s denorm lanes, 0", "fcmeq v2.4s, v0.4s, v1.4s", 0x0000000100000000ull, 0x80000005007fffffull, 0,
	   0x0000000100000000ull);
	V2("fcmgt v.2d denorm, 0", "fcmgt v2.2d, v0.2d, v1.2d", 0x0000000000000001ull, 0x3ff0000000000000ull, 0, 0);
	conversions();
	V2("fmla v.4s tiny product", "movi v2.2d, #0\n\tfmla v2.4s, v0.4s, v1.4s", 0x0d8000000d800000ull, 0x0d8000000d800000ull,
	   0x3080000030800000ull, 0x3080000030800000ull);
}

int main(void)
{
	set_fpcr(0);
	all("FPCR 0");
	set_fpcr(FZ);
	all("FPCR.FZ");
	set_fpcr(DN);
	all("FPCR.DN");
	set_fpcr(FZ | DN);
	all("FPCR.FZ+DN");
	set_fpcr(AHP);
	all("FPCR.AHP");
	set_fpcr(AHP | DN | FZ);
	all("FPCR.AHP+DN+FZ");
	u64 v;
	__asm__ volatile("mrs %0, fpcr" : "=r"(v));
	show("fpcr read back", v);
	set_fpcr(0);
	return 0;
}
