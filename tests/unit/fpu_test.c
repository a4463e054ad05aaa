/* core/fpu: every IR FP op against known values and flags - canonical NaNs,
 * NaN boxing, saturating conversions at each boundary, min/max with zeros
 * and NaNs, the rounding modes where they differ, ties-to-max-magnitude,
 * and the Arm and x86 NaN rules.
 *
 *   gcc -frounding-math -I. tests/unit/fpu_test.c core/fpu.c -lm
 *
 * Expected values are from the ISA manuals' rules; the constants are exact
 * (hex floats), so nothing here depends on the compiler's rounding. */
#include <stdio.h>
#include <stdlib.h>

#include "core/fpu.h"

typedef uint64_t (*fpu_fn)(struct vcpu *, uint64_t, uint64_t, uint64_t, unsigned, unsigned, int64_t);

static struct vcpu cpu;
static int passed, failed;

enum { RV = IRFM_RISCV, ARM = IRFM_ARM, X86 = IRFM_X86 };
enum { NX = IR_FFLAG_NX, UF = IR_FFLAG_UF, OF = IR_FFLAG_OF, DZ = IR_FFLAG_DZ, NV = IR_FFLAG_NV };

static uint64_t d(double x) { return fpu_bits64(x); }
static uint64_t s(float x) { return FPU_BOX | fpu_bits32(x); }    /* a boxed single */
static uint64_t s0(float x) { return fpu_bits32(x); }             /* upper half zero */

#define QNAN64 0x7ff8000000000000ull
#define SIGN64_TEST 0x8000000000000000ull
#define SNAN64 0x7ff0000000000001ull
#define CNAN32 (FPU_BOX | 0x7fc00000u)
#define SNAN32 (FPU_BOX | 0x7f800001u)
#define UNBOXED(f) ((uint64_t)fpu_bits32(f)) /* an f32 without its NaN box */
#define SEXT(x) ((uint64_t)(int64_t)(int32_t)(x))

static void flagstr(char *buf, unsigned f)
{
	const char *names[] = {"NX", "UF", "OF", "DZ", "NV"};
	buf[0] = 0;
	for (int i = 0; i < 5; i++)
		if (f & (1u << i))
			sprintf(buf + strlen(buf), "%s%s", buf[0] ? "|" : "", names[i]);
	if (!buf[0])
		strcpy(buf, "-");
}

/* Runs fn with the dynamic mode frm and checks the result and the flags. */
static void run(const char *what, fpu_fn fn, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fm,
		int64_t imm, unsigned frm, uint64_t want, unsigned want_flags)
{
	fpu_frm_set(&cpu, frm);
	fpu_fflags_set(&cpu, 0);
	uint64_t got = fn(&cpu, a, b, c, rm, fm, imm);
	unsigned flags = (unsigned)fpu_fflags_get(&cpu);
	fpu_frm_set(&cpu, IRM_RNE);
	if (got == want && flags == want_flags) {
		passed++;
		return;
	}
	char fw[32], fg[32];
	flagstr(fw, want_flags);
	flagstr(fg, flags);
	printf("FAIL %s (rm=%u fm=%u frm=%u): got %#018llx %s, want %#018llx %s\n", what, rm, fm, frm,
	       (unsigned long long)got, fg, (unsigned long long)want, fw);
	failed++;
}

/* The common shapes: op(a, b) under a static rm, or under IRM_DYN with frm. */
#define T2(op, a, b, rm, fm, want, fl) run(#op " " #a ", " #b, fpu_##op, a, b, 0, rm, fm, 0, IRM_RNE, want, fl)
#define TD(op, a, b, frm, fm, want, fl) run(#op " " #a ", " #b " dyn", fpu_##op, a, b, 0, IRM_DYN, fm, 0, frm, want, fl)
#define T1(op, a, rm, fm, want, fl) run(#op " " #a, fpu_##op, a, 0, 0, rm, fm, 0, IRM_RNE, want, fl)
#define T1D(op, a, frm, fm, want, fl) run(#op " " #a " dyn", fpu_##op, a, 0, 0, IRM_DYN, fm, 0, frm, want, fl)
#define TF(a, b, c, imm, rm, fm, want, fl) \
	run("FMA64 " #a ", " #b ", " #c, fpu_FMA64, a, b, c, rm, fm, imm, IRM_RNE, want, fl)
#define TF32(a, b, c, imm, rm, fm, want, fl) \
	run("FMA32 " #a ", " #b ", " #c, fpu_FMA32, a, b, c, rm, fm, imm, IRM_RNE, want, fl)

static void test_canonical_nan(void)
{
	T2(FADD64, d(INFINITY), d(-INFINITY), IRM_DYN, RV, QNAN64, NV);
	T2(FADD64, 0x7ff800000000deadull, d(1), IRM_DYN, RV, QNAN64, 0);
	T2(FADD64, 0xfff800000000deadull, d(1), IRM_RTZ, RV, QNAN64, 0);
	T2(FADD64, SNAN64, d(1), IRM_DYN, RV, QNAN64, NV);
	T2(FMUL64, d(0), d(INFINITY), IRM_DYN, RV, QNAN64, NV);
	T2(FDIV64, d(0), d(0), IRM_DYN, RV, QNAN64, NV);
	T2(FDIV64, d(INFINITY), d(-INFINITY), IRM_RUP, RV, QNAN64, NV);
	T1(FSQRT64, d(-1), IRM_DYN, RV, QNAN64, NV);
	T1(FSQRT64, d(-0.0), IRM_DYN, RV, d(-0.0), 0);
	T1(FSQRT64, 0xfff800000000beefull, IRM_DYN, RV, QNAN64, 0);
	T1(FSQRT64, SNAN64, IRM_DYN, RV, QNAN64, NV);
	T1(FSQRT64, d(0x1p-1074), IRM_DYN, RV, d(0x1p-537), 0);
	T2(FADD32, s(INFINITY), s(-INFINITY), IRM_DYN, RV, CNAN32, NV);
	T2(FADD32, FPU_BOX | 0xffc0dead, s(1), IRM_DYN, RV, CNAN32, 0);
	T2(FMUL32, SNAN32, s(1), IRM_DYN, RV, CNAN32, NV);
	T1(FSQRT32, s(-4), IRM_DYN, RV, CNAN32, NV);
	T1(FSQRT32, s(-0.0f), IRM_DYN, RV, s(-0.0f), 0);
	T1(FSQRT32, s(2.25f), IRM_DYN, RV, s(1.5f), 0);
	/* inf * 0 + qNaN is invalid on RISC-V (vol. I, F, fmadd) */
	TF(d(INFINITY), d(0), QNAN64, 0, IRM_DYN, RV, QNAN64, NV);
	TF(d(1), d(2), QNAN64, 0, IRM_DYN, RV, QNAN64, 0);
	TF(d(INFINITY), d(1), d(-INFINITY), 0, IRM_DYN, RV, QNAN64, NV);
	TF32(s(0), s(INFINITY), CNAN32, 0, IRM_DYN, RV, CNAN32, NV);
}

static void test_boxing(void)
{
	T2(FADD32, s(1), s(2), IRM_DYN, RV, s(3), 0);
	T2(FADD32, s(1), s(2), IRM_RTZ, RV, s(3), 0);
	/* an unboxed operand reads as the canonical NaN: no NV (vol. I, "NaN Boxing") */
	T2(FADD32, UNBOXED(1.0f), s(1), IRM_DYN, RV, CNAN32, 0);
	T2(FADD32, 0xfffffffe3f800000ull, s(1), IRM_DYN, RV, CNAN32, 0);
	T2(FMIN32, UNBOXED(1.0f), s(2), IRM_DYN, RV, s(2), 0);
	T2(FMAX32, s(-2), UNBOXED(5.0f), IRM_DYN, RV, s(-2), 0);
	T2(FEQ32, UNBOXED(1.0f), UNBOXED(1.0f), IRM_DYN, RV, 0, 0);
	T2(FLT32, UNBOXED(1.0f), s(2), IRM_DYN, RV, 0, NV);
	T2(FLE32, s(1), s(1), IRM_DYN, RV, 1, 0);
	T1(CVT_F32_F64, UNBOXED(1.0f), IRM_DYN, RV, QNAN64, 0);
	T1(CVT_F32_F64, s(1.5f), IRM_DYN, RV, d(1.5), 0);
	T1(CVT_F32_S32, UNBOXED(1.0f), IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F64_F32, d(1.5), IRM_DYN, RV, s(1.5f), 0);
	T1(CVT_S32_F32, (uint64_t)-3, IRM_DYN, RV, s(-3), 0);
	T1(CVT_U64_F32, 5, IRM_RUP, RV, s(5), 0);
	TF32(s(2), s(3), s(1), 0, IRM_DYN, RV, s(7), 0);
	/* Arm and x86: f32 in the low half, upper half zero */
	T2(FADD32, s0(1), s0(2), IRM_DYN, ARM, s0(3), 0);
	T2(FADD32, s(1), s(2), IRM_DYN, X86, s0(3), 0);
	T1(CVT_F64_F32, d(-2), IRM_DYN, ARM, s0(-2), 0);
}

static void test_conversions(void)
{
	/* f64 -> s32, each boundary, vol. I table "Domains of float-to-integer conversions" */
	T1(CVT_F64_S32, d(2147483647.0), IRM_RTZ, RV, 0x7fffffff, 0);
	T1(CVT_F64_S32, d(2147483647.5), IRM_RTZ, RV, 0x7fffffff, NX);
	T1(CVT_F64_S32, d(2147483647.5), IRM_RNE, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, d(2147483647.5), IRM_DYN, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, d(2147483648.0), IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, d(-2147483648.0), IRM_RTZ, RV, SEXT(0x80000000), 0);
	T1(CVT_F64_S32, d(-2147483648.5), IRM_RTZ, RV, SEXT(0x80000000), NX);
	T1(CVT_F64_S32, d(-2147483648.5), IRM_RNE, RV, SEXT(0x80000000), NX);
	T1(CVT_F64_S32, d(-2147483648.5), IRM_RDN, RV, SEXT(0x80000000), NV);
	T1(CVT_F64_S32, d(-2147483648.5), IRM_RMM, RV, SEXT(0x80000000), NV);
	T1(CVT_F64_S32, d(-2147483649.0), IRM_RTZ, RV, SEXT(0x80000000), NV);
	T1(CVT_F64_S32, QNAN64, IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, 0xfff8000000000000ull, IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, d(INFINITY), IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F64_S32, d(-INFINITY), IRM_RTZ, RV, SEXT(0x80000000), NV);
	T1(CVT_F64_S32, d(-0.0), IRM_RTZ, RV, 0, 0);
	T1(CVT_F64_S32, d(0x1p-1074), IRM_RUP, RV, 1, NX);
	T1(CVT_F64_S32, d(-0x1p-1074), IRM_RUP, RV, 0, NX);
	/* f64 -> u32: results sign-extended like fcvt.wu.d */
	T1(CVT_F64_U32, d(-0.5), IRM_RTZ, RV, 0, NX);
	T1(CVT_F64_U32, d(-0.5), IRM_RNE, RV, 0, NX);
	T1(CVT_F64_U32, d(-0.5), IRM_RDN, RV, 0, NV);
	T1(CVT_F64_U32, d(-1.0), IRM_RTZ, RV, 0, NV);
	T1(CVT_F64_U32, d(4294967295.0), IRM_RTZ, RV, ~0ull, 0);
	T1(CVT_F64_U32, d(4294967295.5), IRM_RTZ, RV, ~0ull, NX);
	T1(CVT_F64_U32, d(4294967295.5), IRM_RUP, RV, ~0ull, NV);
	T1(CVT_F64_U32, d(4294967296.0), IRM_RTZ, RV, ~0ull, NV);
	T1(CVT_F64_U32, d(2147483648.0), IRM_RTZ, RV, SEXT(0x80000000), 0);
	T1(CVT_F64_U32, QNAN64, IRM_RTZ, RV, ~0ull, NV);
	T1(CVT_F64_U32, d(-INFINITY), IRM_RTZ, RV, 0, NV);
	/* f64 -> s64 / u64 */
	T1(CVT_F64_S64, d(0x1p63), IRM_RTZ, RV, 0x7fffffffffffffffull, NV);
	T1(CVT_F64_S64, d(0x1p63 - 1024), IRM_RTZ, RV, 0x7ffffffffffffc00ull, 0);
	T1(CVT_F64_S64, d(-0x1p63), IRM_RTZ, RV, 0x8000000000000000ull, 0);
	T1(CVT_F64_S64, d(-0x1p63), IRM_DYN, RV, 0x8000000000000000ull, 0);
	T1(CVT_F64_S64, d(-0x1p63 - 2048), IRM_RTZ, RV, 0x8000000000000000ull, NV);
	T1(CVT_F64_S64, SNAN64, IRM_RTZ, RV, 0x7fffffffffffffffull, NV);
	T1(CVT_F64_S64, d(-INFINITY), IRM_DYN, RV, 0x8000000000000000ull, NV);
	T1(CVT_F64_S64, d(-1.75), IRM_RTZ, RV, (uint64_t)-1, NX);
	T1(CVT_F64_U64, d(0x1p64), IRM_RTZ, RV, ~0ull, NV);
	T1(CVT_F64_U64, d(0x1p64 - 2048), IRM_RTZ, RV, 0xfffffffffffff800ull, 0);
	T1(CVT_F64_U64, d(0x1p64 - 2048), IRM_DYN, RV, 0xfffffffffffff800ull, 0);
	T1(CVT_F64_U64, d(0x1p63), IRM_DYN, RV, 0x8000000000000000ull, 0);
	T1(CVT_F64_U64, d(-1), IRM_RTZ, RV, 0, NV);
	T1(CVT_F64_U64, d(-0.9), IRM_RTZ, RV, 0, NX);
	T1(CVT_F64_U64, QNAN64, IRM_RTZ, RV, ~0ull, NV);
	/* f32 sources */
	T1(CVT_F32_S32, s(0x1p31f), IRM_RTZ, RV, 0x7fffffff, NV);
	T1(CVT_F32_S32, s(-0x1p31f), IRM_RTZ, RV, SEXT(0x80000000), 0);
	T1(CVT_F32_S32, s(-2.5f), IRM_RTZ, RV, (uint64_t)-2, NX);
	T1(CVT_F32_U32, s(0x1p32f - 256), IRM_RTZ, RV, SEXT(0xffffff00), 0);
	T1(CVT_F32_U32, s(0x1p32f), IRM_RTZ, RV, ~0ull, NV);
	T1(CVT_F32_U32, s(-3), IRM_RTZ, RV, 0, NV);
	T1(CVT_F32_S64, s(0x1p63f), IRM_RTZ, RV, 0x7fffffffffffffffull, NV);
	T1(CVT_F32_S64, s(-0x1p63f), IRM_RTZ, RV, 0x8000000000000000ull, 0);
	T1(CVT_F32_U64, s(0x1p64f), IRM_RTZ, RV, ~0ull, NV);
	T1(CVT_F32_U64, s(0x1p63f), IRM_RTZ, RV, 0x8000000000000000ull, 0);
	T1(CVT_F32_U64, s(-0.25f), IRM_RTZ, RV, 0, NX);
	T1(CVT_F32_U64, SNAN32, IRM_RTZ, RV, ~0ull, NV);
	/* the five modes on values where they differ */
	T1(CVT_F64_S64, d(2.5), IRM_RNE, RV, 2, NX);
	T1(CVT_F64_S64, d(2.5), IRM_RTZ, RV, 2, NX);
	T1(CVT_F64_S64, d(2.5), IRM_RDN, RV, 2, NX);
	T1(CVT_F64_S64, d(2.5), IRM_RUP, RV, 3, NX);
	T1(CVT_F64_S64, d(2.5), IRM_RMM, RV, 3, NX);
	T1(CVT_F64_S64, d(-2.5), IRM_RNE, RV, (uint64_t)-2, NX);
	T1(CVT_F64_S64, d(-2.5), IRM_RTZ, RV, (uint64_t)-2, NX);
	T1(CVT_F64_S64, d(-2.5), IRM_RDN, RV, (uint64_t)-3, NX);
	T1(CVT_F64_S64, d(-2.5), IRM_RUP, RV, (uint64_t)-2, NX);
	T1(CVT_F64_S64, d(-2.5), IRM_RMM, RV, (uint64_t)-3, NX);
	T1(CVT_F64_S64, d(0.5), IRM_RMM, RV, 1, NX);
	T1(CVT_F64_S64, d(0.5), IRM_RNE, RV, 0, NX);
	T1(CVT_F64_S64, d(1.5), IRM_RNE, RV, 2, NX);
	T1(CVT_F64_S64, d(0.49999999999999994), IRM_RMM, RV, 0, NX);
	T1(CVT_F32_S32, s(2.5f), IRM_RMM, RV, 3, NX);
	T1(CVT_F32_U32, s(0.5f), IRM_RMM, RV, 1, NX);
	/* the same through the dynamic mode (host fast path) */
	T1D(CVT_F64_S64, d(2.5), IRM_RNE, RV, 2, NX);
	T1D(CVT_F64_S64, d(2.5), IRM_RUP, RV, 3, NX);
	T1D(CVT_F64_S64, d(-2.5), IRM_RDN, RV, (uint64_t)-3, NX);
	T1D(CVT_F64_S64, d(-2.5), IRM_RMM, RV, (uint64_t)-3, NX);
	T1D(CVT_F64_S32, d(-7.0), IRM_RUP, RV, (uint64_t)-7, 0);
	T1D(CVT_F64_U32, d(3.5), IRM_RNE, RV, 4, NX);
	T1D(CVT_F64_U64, d(3.5), IRM_RTZ, RV, 3, NX);
	/* Arm: saturate, NaN -> 0; x86: integer indefinite */
	T1(CVT_F64_S32, QNAN64, IRM_RTZ, ARM, 0, NV);
	T1(CVT_F64_S32, d(1e10), IRM_RTZ, ARM, 0x7fffffff, NV);
	T1(CVT_F64_U64, d(-5), IRM_RTZ, ARM, 0, NV);
	T1(CVT_F64_S32, QNAN64, IRM_RTZ, X86, SEXT(0x80000000), NV);
	T1(CVT_F64_S32, d(1e10), IRM_RTZ, X86, SEXT(0x80000000), NV);
	T1(CVT_F64_S64, d(-1e30), IRM_RTZ, X86, 0x8000000000000000ull, NV);

	/* int -> float: rounding modes, RMM ties */
	T1(CVT_S64_F64, (1ull << 53) + 1, IRM_RNE, RV, d(0x1p53), NX);
	T1(CVT_S64_F64, (1ull << 53) + 1, IRM_RUP, RV, d(0x1p53 + 2), NX);
	T1(CVT_S64_F64, (1ull << 53) + 1, IRM_RMM, RV, d(0x1p53 + 2), NX);
	T1(CVT_S64_F64, -((1ull << 53) + 1), IRM_RMM, RV, d(-0x1p53 - 2), NX);
	T1(CVT_S64_F64, -((1ull << 53) + 1), IRM_RDN, RV, d(-0x1p53 - 2), NX);
	T1(CVT_S64_F64, -((1ull << 53) + 1), IRM_RTZ, RV, d(-0x1p53), NX);
	T1(CVT_S64_F64, (1ull << 53) + 3, IRM_RMM, RV, d(0x1p53 + 4), NX);
	T1(CVT_S64_F64, 0x8000000000000000ull, IRM_RMM, RV, d(-0x1p63), 0);
	T1(CVT_U64_F64, ~0ull, IRM_RNE, RV, d(0x1p64), NX);
	T1(CVT_U64_F64, ~0ull, IRM_RTZ, RV, d(0x1p64 - 2048), NX);
	T1(CVT_U64_F64, ~0ull, IRM_RMM, RV, d(0x1p64), NX);
	T1D(CVT_U64_F64, ~0ull, IRM_RDN, RV, d(0x1p64 - 2048), NX);
	T1(CVT_U64_F32, 16777217, IRM_RNE, RV, s(16777216.0f), NX);
	T1(CVT_U64_F32, 16777217, IRM_RMM, RV, s(16777218.0f), NX);
	T1(CVT_S32_F32, (uint64_t)-16777217, IRM_RMM, RV, s(-16777218.0f), NX);
	T1(CVT_S32_F32, (uint64_t)-16777217, IRM_RUP, RV, s(-16777216.0f), NX);
	T1(CVT_U32_F32, 0xffffffff, IRM_RTZ, RV, s(0x1p32f - 256), NX);
	T1(CVT_U32_F32, 0xffffffff, IRM_RMM, RV, s(0x1p32f), NX);
	T1D(CVT_S64_F32, (uint64_t)-16777217, IRM_RMM, RV, s(-16777218.0f), NX);
	T1(CVT_S32_F64, 0xffffffff80000000ull, IRM_RMM, RV, d(-2147483648.0), 0);
	T1(CVT_U32_F64, 0xffffffff80000000ull, IRM_DYN, RV, d(2147483648.0), 0);

	/* float <-> float */
	T1(CVT_F64_F32, d(1 + 0x1p-24), IRM_RNE, RV, s(1), NX);
	T1(CVT_F64_F32, d(1 + 0x1p-24), IRM_RMM, RV, s(1 + 0x1p-23f), NX);
	T1(CVT_F64_F32, d(1 + 0x1p-24), IRM_RUP, RV, s(1 + 0x1p-23f), NX);
	T1(CVT_F64_F32, d(-1 - 0x1p-24), IRM_RDN, RV, s(-1 - 0x1p-23f), NX);
	T1(CVT_F64_F32, d(1 + 0x1p-23 + 0x1p-24), IRM_RMM, RV, s(1 + 0x1p-22f), NX);
	T1(CVT_F64_F32, d(0x1p-150), IRM_RNE, RV, s(0), UF | NX);
	T1(CVT_F64_F32, d(0x1p-150), IRM_RMM, RV, s(0x1p-149f), UF | NX);
	T1(CVT_F64_F32, d(1e300), IRM_RNE, RV, s(INFINITY), OF | NX);
	T1(CVT_F64_F32, d(1e300), IRM_RTZ, RV, s(0x1.fffffep127f), OF | NX);
	T1(CVT_F64_F32, d(-1e300), IRM_RMM, RV, s(-INFINITY), OF | NX);
	T1(CVT_F64_F32, SNAN64, IRM_DYN, RV, CNAN32, NV);
	T1(CVT_F64_F32, 0xfff8000040000000ull, IRM_DYN, ARM, 0xffc00002u, 0);
	T1(CVT_F32_F64, SNAN32, IRM_DYN, RV, QNAN64, NV);
	T1(CVT_F32_F64, 0x7f800001, IRM_DYN, ARM, 0x7ff8000020000000ull, NV);
	T1(CVT_F32_F64, 0xffc00001, IRM_DYN, X86, 0xfff8000020000000ull, 0);
	/* tininess after rounding (RISC-V, and the x86 host): 2^-126 - 2^-151
	 * rounds to 2^-126 even with an unbounded exponent, so no UF */
	T1(CVT_F64_F32, 0x380ffffff0000000ull, IRM_RNE, RV, s(0x1p-126f), NX);
}

static void test_minmax(void)
{
	T2(FMIN64, d(-0.0), d(0.0), IRM_DYN, RV, d(-0.0), 0);
	T2(FMIN64, d(0.0), d(-0.0), IRM_DYN, RV, d(-0.0), 0);
	T2(FMAX64, d(-0.0), d(0.0), IRM_DYN, RV, d(0.0), 0);
	T2(FMAX64, d(0.0), d(-0.0), IRM_DYN, RV, d(0.0), 0);
	T2(FMIN64, d(3), d(-2), IRM_DYN, RV, d(-2), 0);
	T2(FMAX64, d(3), d(-2), IRM_DYN, RV, d(3), 0);
	T2(FMIN64, QNAN64, d(1), IRM_DYN, RV, d(1), 0);
	T2(FMIN64, d(1), 0xfff8000000000123ull, IRM_DYN, RV, d(1), 0);
	T2(FMAX64, SNAN64, d(1), IRM_DYN, RV, d(1), NV);
	T2(FMIN64, QNAN64 | 5, QNAN64 | 7, IRM_DYN, RV, QNAN64, 0);
	T2(FMAX64, SNAN64, QNAN64, IRM_DYN, RV, QNAN64, NV);
	T2(FMIN64, d(-INFINITY), d(1), IRM_DYN, RV, d(-INFINITY), 0);
	T2(FMIN32, s(-0.0f), s(0.0f), IRM_DYN, RV, s(-0.0f), 0);
	T2(FMAX32, s(-0.0f), s(0.0f), IRM_DYN, RV, s(0.0f), 0);
	T2(FMAX32, s(0.0f), s(-0.0f), IRM_DYN, RV, s(0.0f), 0);
	T2(FMAX32, SNAN32, s(1), IRM_DYN, RV, s(1), NV);
	T2(FMIN32, CNAN32, CNAN32, IRM_DYN, RV, CNAN32, 0);
	/* Arm FMINNM: a signalling NaN wins, quieted */
	T2(FMIN64, SNAN64, d(1), IRM_DYN, ARM, QNAN64 | 1, NV);
	T2(FMIN64, QNAN64 | 9, d(1), IRM_DYN, ARM, d(1), 0);
	T2(FMAX32, s0(2), 0x7f800003u, IRM_DYN, ARM, 0x7fc00003u, NV);
	/* x86: two NaNs give the first */
	T2(FMAX64, QNAN64 | 3, QNAN64 | 4, IRM_DYN, X86, QNAN64 | 3, 0);
}

static void test_compare(void)
{
	T2(FEQ64, d(1), d(1), IRM_DYN, RV, 1, 0);
	T2(FEQ64, d(-0.0), d(0.0), IRM_DYN, RV, 1, 0);
	T2(FEQ64, QNAN64, QNAN64, IRM_DYN, RV, 0, 0);
	T2(FEQ64, SNAN64, d(1), IRM_DYN, RV, 0, NV);
	T2(FLT64, d(1), d(2), IRM_DYN, RV, 1, 0);
	T2(FLT64, d(2), d(2), IRM_DYN, RV, 0, 0);
	T2(FLT64, QNAN64, d(2), IRM_DYN, RV, 0, NV);
	T2(FLE64, d(2), d(2), IRM_DYN, RV, 1, 0);
	T2(FLE64, d(-0.0), d(0.0), IRM_DYN, RV, 1, 0);
	T2(FLE64, d(1), QNAN64, IRM_DYN, RV, 0, NV);
	T2(FEQ32, s(1), s(1), IRM_DYN, RV, 1, 0);
	T2(FEQ32, SNAN32, s(1), IRM_DYN, RV, 0, NV);
	T2(FEQ32, CNAN32, s(1), IRM_DYN, RV, 0, 0);
	T2(FLT32, s(-1), s(1), IRM_DYN, RV, 1, 0);
	T2(FLE32, CNAN32, s(1), IRM_DYN, RV, 0, NV);
	T2(FLT64, QNAN64, d(2), IRM_DYN, ARM, 0, NV);
}

static void test_rounding(void)
{
	const double e = 0x1p-60;
	T2(FADD64, d(1), d(e), IRM_RNE, RV, d(1), NX);
	T2(FADD64, d(1), d(e), IRM_RTZ, RV, d(1), NX);
	T2(FADD64, d(1), d(e), IRM_RDN, RV, d(1), NX);
	T2(FADD64, d(1), d(e), IRM_RUP, RV, d(1 + 0x1p-52), NX);
	T2(FADD64, d(1), d(e), IRM_RMM, RV, d(1), NX);
	T2(FSUB64, d(-1), d(e), IRM_RDN, RV, d(-1 - 0x1p-52), NX);
	T2(FSUB64, d(-1), d(e), IRM_RUP, RV, d(-1), NX);
	T2(FSUB64, d(-1), d(e), IRM_RTZ, RV, d(-1), NX);
	TD(FADD64, d(1), d(e), IRM_RUP, RV, d(1 + 0x1p-52), NX);
	TD(FADD64, d(1), d(e), IRM_RTZ, RV, d(1), NX);
	TD(FSUB64, d(-1), d(e), IRM_RDN, RV, d(-1 - 0x1p-52), NX);
	/* a static mode overrides the dynamic one */
	run("FADD64 rup over frm=rtz", fpu_FADD64, d(1), d(e), 0, IRM_RUP, RV, 0, IRM_RTZ, d(1 + 0x1p-52), NX);
	run("FADD64 rne over frm=rup", fpu_FADD64, d(1), d(e), 0, IRM_RNE, RV, 0, IRM_RUP, d(1), NX);
	T2(FDIV64, d(1), d(3), IRM_RNE, RV, 0x3fd5555555555555ull, NX);
	T2(FDIV64, d(1), d(3), IRM_RUP, RV, 0x3fd5555555555556ull, NX);
	T2(FDIV64, d(1), d(3), IRM_RMM, RV, 0x3fd5555555555555ull, NX);
	T2(FDIV64, d(-1), d(3), IRM_RDN, RV, 0xbfd5555555555556ull, NX);
	T2(FDIV64, d(2), d(3), IRM_RTZ, RV, 0x3fe5555555555555ull, NX);
	T2(FDIV64, d(2), d(3), IRM_RNE, RV, 0x3fe5555555555555ull, NX);
	T2(FDIV64, d(2), d(3), IRM_RUP, RV, 0x3fe5555555555556ull, NX);
	T1(FSQRT64, d(2), IRM_RNE, RV, 0x3ff6a09e667f3bcdull, NX);
	T1(FSQRT64, d(2), IRM_RTZ, RV, 0x3ff6a09e667f3bccull, NX);
	T1D(FSQRT64, d(2), IRM_RUP, RV, 0x3ff6a09e667f3bcdull, NX);
	T1(FSQRT64, d(2), IRM_RMM, RV, 0x3ff6a09e667f3bcdull, NX);
	T2(FADD32, s(1), s(0x1p-30f), IRM_RUP, RV, s(1 + 0x1p-23f), NX);
	T2(FADD32, s(1), s(0x1p-30f), IRM_RDN, RV, s(1), NX);
	TD(FADD32, s(-1), s(-0x1p-30f), IRM_RDN, RV, s(-1 - 0x1p-23f), NX);
	T2(FMUL32, s(3), s(1.0f / 3), IRM_RNE, RV, s(1), NX);
	/* signed zero of an exact zero sum: -0 only when rounding down */
	T2(FSUB64, d(1), d(1), IRM_RNE, RV, d(0.0), 0);
	T2(FSUB64, d(1), d(1), IRM_RDN, RV, d(-0.0), 0);
	TD(FSUB64, d(1), d(1), IRM_RDN, RV, d(-0.0), 0);
	T2(FSUB64, d(1), d(1), IRM_RMM, RV, d(0.0), 0);
	TF(d(1), d(1), d(-1), 0, IRM_RDN, RV, d(-0.0), 0);
}

/* Ties to max magnitude: exact midpoints, which RNE sends to the even side. */
static void test_rmm(void)
{
	T2(FADD64, d(1), d(0x1p-53), IRM_RNE, RV, d(1), NX);
	T2(FADD64, d(1), d(0x1p-53), IRM_RMM, RV, d(1 + 0x1p-52), NX);
	TD(FADD64, d(1), d(0x1p-53), IRM_RMM, RV, d(1 + 0x1p-52), NX);
	T2(FADD64, d(1 + 0x1p-52), d(0x1p-53), IRM_RMM, RV, d(1 + 0x1p-51), NX);
	T2(FSUB64, d(-1), d(0x1p-53), IRM_RMM, RV, d(-1 - 0x1p-52), NX);
	T2(FSUB64, d(0x1p54), d(1), IRM_RNE, RV, d(0x1p54), NX);
	T2(FSUB64, d(0x1p54), d(1), IRM_RMM, RV, d(0x1p54), NX); /* below a power of two: spacing 2 */
	T2(FADD64, d(0x1p53), d(1), IRM_RMM, RV, d(0x1p53 + 2), NX);
	T2(FADD64, d(1), d(0x1p-54), IRM_RMM, RV, d(1), NX);      /* under half: no tie */
	T2(FADD64, d(0x1.fffffffffffffp1023), d(0x1p970), IRM_RMM, RV, d(INFINITY), OF | NX);
	T2(FADD32, s(1), s(0x1p-24f), IRM_RNE, RV, s(1), NX);
	T2(FADD32, s(1), s(0x1p-24f), IRM_RMM, RV, s(1 + 0x1p-23f), NX);
	T2(FSUB32, s(-1), s(0x1p-24f), IRM_RMM, RV, s(-1 - 0x1p-23f), NX);
	TD(FADD32, s(0x1p30f), s(64), IRM_RMM, RV, s(0x1p30f + 128), NX);
	/* 3 * (1 + 3*2^-52) = 3 + 4.5 ulp */
	T2(FMUL64, d(3), d(1 + 0x3p-52), IRM_RNE, RV, 0x4008000000000004ull, NX);
	T2(FMUL64, d(3), d(1 + 0x3p-52), IRM_RMM, RV, 0x4008000000000005ull, NX);
	T2(FMUL64, d(-3), d(1 + 0x3p-52), IRM_RMM, RV, 0xc008000000000005ull, NX);
	T2(FMUL32, s(3), s(1 + 0x3p-23f), IRM_RNE, RV, FPU_BOX | 0x40400004u, NX);
	T2(FMUL32, s(3), s(1 + 0x3p-23f), IRM_RMM, RV, FPU_BOX | 0x40400005u, NX);
	/* subnormal results: 2.5 * 2^-1074 */
	T2(FMUL64, d(0x5p-1074), d(0.5), IRM_RNE, RV, 2, UF | NX);
	T2(FMUL64, d(0x5p-1074), d(0.5), IRM_RMM, RV, 3, UF | NX);
	T2(FMUL64, d(0x1p-1074), d(0.5), IRM_RMM, RV, 1, UF | NX);
	T2(FMUL64, d(-0x1p-1074), d(0.5), IRM_RMM, RV, SIGN64_TEST | 1, UF | NX);
	T2(FMUL64, d(0x1p-600), d(0x1p-475), IRM_RMM, RV, 1, UF | NX);
	T2(FMUL64, d(0x1p-600), d(0x1.8p-475), IRM_RMM, RV, 1, UF | NX); /* 0.75: above half */
	T2(FMUL64, d(0x1p-600), d(0x1.8p-476), IRM_RMM, RV, 0, UF | NX); /* 0.375: below */
	T2(FDIV64, d(0xfp-1074), d(6), IRM_RNE, RV, 2, UF | NX);
	T2(FDIV64, d(0xfp-1074), d(6), IRM_RMM, RV, 3, UF | NX);
	T2(FDIV64, d(0x5p-1074), d(2), IRM_RMM, RV, 3, UF | NX);
	T2(FDIV64, d(0x1p-1074), d(3), IRM_RMM, RV, 0, UF | NX);
	T2(FDIV32, s(0x5p-149f), s(2), IRM_RNE, RV, FPU_BOX | 2, UF | NX);
	T2(FDIV32, s(0x5p-149f), s(2), IRM_RMM, RV, FPU_BOX | 3, UF | NX);
	T2(FMUL32, s(0x5p-149f), s(0.5f), IRM_RMM, RV, FPU_BOX | 3, UF | NX);
	/* fma: the tie in the sum, in the product, and around a subnormal */
	TF(d(1), d(1), d(0x1p-53), 0, IRM_RNE, RV, d(1), NX);
	TF(d(1), d(1), d(0x1p-53), 0, IRM_RMM, RV, d(1 + 0x1p-52), NX);
	TF(d(3), d(1 + 0x3p-52), d(0), 0, IRM_RMM, RV, 0x4008000000000005ull, NX);
	TF(d(3), d(1 + 0x3p-52), d(-3), 0, IRM_RMM, RV, d(0x9p-52), 0);
	TF(d(0x1p-30), d(0x1p-30), d(1), 0, IRM_RMM, RV, d(1), NX);
	TF(d(0x1p-27), d(0x1p-26), d(1), 0, IRM_RMM, RV, d(1 + 0x1p-52), NX);
	TF(d(0x1p-27), d(0x1p-26), d(-1), 1, IRM_RMM, RV, d(-1 - 0x1p-52), NX); /* -(ab) + -1 */
	TF(d(0x1p-27), d(0x1p-26), d(-1), 3, IRM_RMM, RV, d(1 - 0x1p-53), 0);  /* -(ab) - -1: exact */
	TF(d(0x1p-27), d(0x1p-26), d(1 + 0x1p-52), 0, IRM_RMM, RV, d(1 + 0x1p-51), NX);
	TF(d(0x5p-1074), d(0.5), d(0), 0, IRM_RMM, RV, 3, UF | NX);
	TF(d(0x5p-1000), d(0x1p-75), d(-0x1p-1073), 0, IRM_RMM, RV, 1, UF | NX); /* 2.5 - 2 = 0.5 ulp */
	TF32(s(1), s(1), s(0x1p-24f), 0, IRM_RMM, RV, s(1 + 0x1p-23f), NX);
	TF32(s(0x1p-12f), s(0x1p-12f), s(1), 2, IRM_RMM, RV, s(-1 + 0x1p-24f), 0);
	TF32(s(3), s(1 + 0x3p-23f), s(0), 0, IRM_RMM, RV, FPU_BOX | 0x40400005u, NX);
}

static void test_fma(void)
{
	TF(d(2), d(3), d(1), 0, IRM_DYN, RV, d(7), 0);
	TF(d(2), d(3), d(1), 2, IRM_DYN, RV, d(5), 0);  /* fmsub */
	TF(d(2), d(3), d(1), 1, IRM_DYN, RV, d(-5), 0); /* fnmsub */
	TF(d(2), d(3), d(1), 3, IRM_DYN, RV, d(-7), 0); /* fnmadd */
	TF(d(0.0), d(1), d(0.0), 3, IRM_DYN, RV, d(-0.0), 0);
	TF(d(0.0), d(1), d(-0.0), 0, IRM_DYN, RV, d(0.0), 0);
	/* one rounding: (1 + 2^-30)^2 - 1 keeps the 2^-60 term */
	TF(d(1 + 0x1p-30), d(1 + 0x1p-30), d(-1), 0, IRM_DYN, RV, d(0x1p-29 + 0x1p-60), 0);
	TF(d(1 + 0x1p-30), d(1 + 0x1p-30), d(-1), 0, IRM_RTZ, RV, d(0x1p-29 + 0x1p-60), 0);
	TF32(s(2), s(3), s(1), 3, IRM_DYN, RV, s(-7), 0);
	TF32(s(1 + 0x1p-12f), s(1 + 0x1p-12f), s(-1), 0, IRM_RUP, RV, s(0x1p-11f + 0x1p-24f), 0);
}

static void test_flags(void)
{
	T2(FDIV64, d(1), d(0), IRM_DYN, RV, d(INFINITY), DZ);
	T2(FDIV64, d(-1), d(0), IRM_DYN, RV, d(-INFINITY), DZ);
	T2(FDIV32, s(1), s(-0.0f), IRM_DYN, RV, s(-INFINITY), DZ);
	T2(FMUL64, d(0x1.fffffffffffffp1023), d(2), IRM_DYN, RV, d(INFINITY), OF | NX);
	T2(FMUL64, d(0x1.fffffffffffffp1023), d(2), IRM_RTZ, RV, d(0x1.fffffffffffffp1023), OF | NX);
	T2(FMUL64, d(-0x1.fffffffffffffp1023), d(2), IRM_RUP, RV, d(-0x1.fffffffffffffp1023), OF | NX);
	T2(FMUL64, d(0x1p-1022), d(0.5), IRM_DYN, RV, d(0x1p-1023), 0); /* subnormal but exact */
	T2(FMUL64, d(0x1p-1074), d(0.25), IRM_DYN, RV, d(0), UF | NX);
	T2(FMUL64, d(0x1p-1074), d(0.25), IRM_RUP, RV, d(0x1p-1074), UF | NX);
	T2(FMUL32, s(0x1p100f), s(0x1p100f), IRM_DYN, RV, s(INFINITY), OF | NX);
	T2(FADD64, d(INFINITY), d(1), IRM_DYN, RV, d(INFINITY), 0);

	/* accrual, and fflags writes */
	fpu_frm_set(&cpu, IRM_RNE);
	fpu_fflags_set(&cpu, 0);
	fpu_FDIV64(&cpu, d(1), d(3), 0, IRM_DYN, RV, 0);
	fpu_FDIV64(&cpu, d(1), d(0), 0, IRM_DYN, RV, 0);
	fpu_FLT64(&cpu, QNAN64, d(0), 0, IRM_DYN, RV, 0);
	uint64_t f = fpu_fflags_get(&cpu);
	if (f != (NX | DZ | NV)) {
		printf("FAIL accrued flags: got %#llx want %#x\n", (unsigned long long)f, NX | DZ | NV);
		failed++;
	} else {
		passed++;
	}
	fpu_fflags_set(&cpu, 0x1f);
	f = fpu_fflags_get(&cpu);
	fpu_fflags_set(&cpu, 0x3ff);
	uint64_t g = fpu_fflags_get(&cpu);
	fpu_fflags_set(&cpu, 0);
	uint64_t h = fpu_fflags_get(&cpu);
	if (f != 0x1f || g != 0x1f || h != 0) {
		printf("FAIL fflags set/get: %#llx %#llx %#llx, want 0x1f 0x1f 0\n", (unsigned long long)f,
		       (unsigned long long)g, (unsigned long long)h);
		failed++;
	} else {
		passed++;
	}
}

static void test_arm_x86_nans(void)
{
	const uint64_t qa = QNAN64 | 0xa, qb = QNAN64 | 0xb, sb = 0x7ff000000000000bull;
	T2(FADD64, qa, sb, IRM_DYN, ARM, QNAN64 | 0xb, NV); /* sNaN first */
	T2(FADD64, qa, qb, IRM_DYN, ARM, qa, 0);
	T2(FADD64, d(1), qb, IRM_DYN, ARM, qb, 0);
	T2(FSUB64, d(INFINITY), d(INFINITY), IRM_DYN, ARM, 0x7ff8000000000000ull, NV);
	T2(FADD32, s0(1), 0x7f800005u, IRM_DYN, ARM, 0x7fc00005u, NV);
	/* fma: the addend first; FNMADD negates it and a*b before */
	TF(qa, d(1), qb, 0, IRM_DYN, ARM, qb, 0);
	TF(qa, d(1), qb, 2, IRM_DYN, ARM, qb | SIGN64_TEST, 0);
	TF(qa, d(1), d(0), 1, IRM_DYN, ARM, qa | SIGN64_TEST, 0);
	TF(d(INFINITY), d(0), qb, 0, IRM_DYN, ARM, 0x7ff8000000000000ull, NV);
	TF(d(1), sb, qb, 0, IRM_DYN, ARM, QNAN64 | 0xb, NV);
	T2(FADD64, d(1), qb, IRM_DYN, X86, qb, 0);
	T2(FADD64, qa, qb, IRM_DYN, X86, qa, 0);
	T2(FADD64, sb, qa, IRM_DYN, X86, QNAN64 | 0xb, NV);
	T2(FSUB64, d(INFINITY), d(INFINITY), IRM_DYN, X86, 0xfff8000000000000ull, NV);
	T2(FMUL32, s0(0), s0(INFINITY), IRM_DYN, X86, 0xffc00000u, NV);
	T1(FSQRT64, d(-2), IRM_DYN, X86, 0xfff8000000000000ull, NV);
}

int main(void)
{
	fpu_thread_init(&cpu);
	test_canonical_nan();
	test_boxing();
	test_conversions();
	test_minmax();
	test_compare();
	test_rounding();
	test_rmm();
	test_fma();
	test_flags();
	test_arm_x86_nans();
	printf("fpu_test: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
