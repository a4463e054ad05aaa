/* Arm floating-point operations without an IR op (see fp_helpers.h).
 * Everything here works on the bits, so the host's FP environment (which
 * holds the guest's rounding mode and accrued flags, core/fpu.h) is neither
 * used nor disturbed; flags are raised in cpu->fp_flags. */
#include "frontends/aarch64/fp_helpers.h"

#include "core/fpu.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

/* A format: exponent and fraction widths. */
struct ffmt {
	unsigned ebits, fbits;
};
static const struct ffmt F32 = {8, 23}, F64 = {11, 52};

static struct ffmt fmt_of(unsigned size) { return size == 3 ? F64 : F32; }
static uint64_t sign_bit(struct ffmt f) { return 1ull << (f.ebits + f.fbits); }
static uint64_t exp_max(struct ffmt f) { return (1ull << f.ebits) - 1; }
static uint64_t get_exp(struct ffmt f, uint64_t v) { return v >> f.fbits & exp_max(f); }
static uint64_t get_frac(struct ffmt f, uint64_t v) { return v & ((1ull << f.fbits) - 1); }
static bool is_nan(struct ffmt f, uint64_t v) { return get_exp(f, v) == exp_max(f) && get_frac(f, v) != 0; }
static bool is_snan(struct ffmt f, uint64_t v) { return is_nan(f, v) && !(v >> (f.fbits - 1) & 1); }
static bool is_inf(struct ffmt f, uint64_t v) { return get_exp(f, v) == exp_max(f) && get_frac(f, v) == 0; }
static bool is_zero(struct ffmt f, uint64_t v) { return (v & (sign_bit(f) - 1)) == 0; }
static uint64_t quiet(struct ffmt f, uint64_t v) { return v | 1ull << (f.fbits - 1); }
static uint64_t inf_of(struct ffmt f, bool neg) { return (neg ? sign_bit(f) : 0) | exp_max(f) << f.fbits; }
static uint64_t default_nan(struct ffmt f) { return exp_max(f) << f.fbits | 1ull << (f.fbits - 1); }
static uint64_t max_normal(struct ffmt f, bool neg)
{
	return (neg ? sign_bit(f) : 0) | (exp_max(f) - 1) << f.fbits | ((1ull << f.fbits) - 1);
}

static uint64_t narrow_bits(unsigned size, uint64_t v) { return size == 3 ? v : (uint32_t)v; }

/* FPProcessNaN of one operand: quieted, or the default NaN under FPCR.DN. */
static uint64_t process_nan(struct vcpu *cpu, struct ffmt f, uint64_t v)
{
	if (is_snan(f, v))
		cpu->fp_flags |= IR_FFLAG_NV;
	return cpu->fp_arm_mode & FPU_ARM_DN ? default_nan(f) : quiet(f, v);
}

/* An operand under FPCR.FZ (FPUnpackBase): a denormal reads as zero, IDC. */
static uint64_t flush_in(struct vcpu *cpu, uint64_t v, unsigned size)
{
	return cpu->fp_arm_mode & FPU_ARM_FZ ? fpu_arm_flush_in(cpu, v, size) : v;
}

bool a64_process_nans(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned size, uint64_t *r)
{
	struct ffmt f = fmt_of(size);
	a = narrow_bits(size, a), b = narrow_bits(size, b);
	if (is_snan(f, a) || (is_nan(f, a) && !is_snan(f, b))) {
		*r = process_nan(cpu, f, a);
		if (is_snan(f, b))
			cpu->fp_flags |= IR_FFLAG_NV;
		return true;
	}
	if (is_nan(f, b)) {
		*r = process_nan(cpu, f, b);
		return true;
	}
	return false;
}

/* FPMax/FPMin: NaNs propagate; otherwise +0 > -0. */
uint64_t a64_fmaxmin(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned size, bool max)
{
	uint64_t r;
	a = flush_in(cpu, a, size), b = flush_in(cpu, b, size);
	if (a64_process_nans(cpu, a, b, size, &r))
		return r;
	a = narrow_bits(size, a), b = narrow_bits(size, b);
	bool lt;
	if (size == 3) {
		double x = fpu_f64(a), y = fpu_f64(b);
		if (x == y) /* equal values: only a pair of zeros can differ, in sign */
			return max ? a & b : a | b;
		lt = x < y;
	} else {
		float x = fpu_f32((uint32_t)a), y = fpu_f32((uint32_t)b);
		if (x == y)
			return max ? a & b : a | b;
		lt = x < y;
	}
	return lt == max ? b : a;
}

uint64_t a64_helper_fmaxmin(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t sz)
{
	return a64_fmaxmin(cpu, a, b, sz & 3, sz & A64_FMAX);
}

/* Whether a value with a truncated magnitude rounds up (away from zero):
 * rem is the dropped part, half its midpoint; odd is the kept lsb. */
static bool round_up(unsigned rm, bool neg, uint64_t rem, uint64_t half, bool odd)
{
	switch (rm) {
	case IRM_RTZ: return false;
	case IRM_RUP: return !neg && rem != 0;
	case IRM_RDN: return neg && rem != 0;
	case IRM_RMM: return rem >= half;
	default: return rem > half || (rem == half && odd);
	}
}

/* FPRoundInt: to an integral value in the same format. */
uint64_t a64_frint(struct vcpu *cpu, uint64_t a, unsigned size, unsigned rm, bool exact)
{
	struct ffmt f = fmt_of(size);
	a = flush_in(cpu, narrow_bits(size, a), size);
	if (rm == IRM_DYN)
		rm = cpu->fp_rm;
	if (is_nan(f, a))
		return process_nan(cpu, f, a);
	uint64_t e = get_exp(f, a);
	bool neg = a & sign_bit(f);
	if (e == exp_max(f) || is_zero(f, a))
		return a;
	int unb = (int)e - (int)(exp_max(f) >> 1);
	if (unb >= (int)f.fbits)
		return a; /* already integral */
	uint64_t r;
	bool inexact;
	if (unb < 0) { /* |a| < 1: the result is 0 or 1 */
		uint64_t mag = a & (sign_bit(f) - 1), one = (exp_max(f) >> 1) << f.fbits;
		uint64_t half = one - (1ull << f.fbits); /* 0.5 */
		bool up;
		switch (rm) {
		case IRM_RTZ: up = false; break;
		case IRM_RUP: up = !neg; break;
		case IRM_RDN: up = neg; break;
		case IRM_RMM: up = mag >= half; break;
		default: up = mag > half; break;
		}
		r = (neg ? sign_bit(f) : 0) | (up ? one : 0);
		inexact = true;
	} else {
		unsigned drop = f.fbits - (unsigned)unb;
		uint64_t mask = (1ull << drop) - 1, rem = a & mask;
		r = a & ~mask;
		if (round_up(rm, neg, rem, 1ull << (drop - 1), (a >> drop) & 1))
			r += 1ull << drop; /* a carry into the exponent is the right answer */
		inexact = rem != 0;
	}
	if (exact && inexact)
		cpu->fp_flags |= IR_FFLAG_NX;
	return r;
}

uint64_t a64_helper_frint(struct vcpu *cpu, uint64_t a, uint64_t desc, uint64_t unused)
{
	return a64_frint(cpu, a, desc & 3, desc >> 4 & 7, desc & A64_FRINT_EXACT);
}

/* ---- half precision ---- */

/* Exact: every half is a double.  NaNs keep their payload, quieted
 * (FPConvertNaN). */
/* FPCR.AHP: half precision is Arm's alternative format, without
 * infinities or NaNs: exponent 31 holds normal numbers (Arm ARM J1,
 * FPUnpackCV, FPRoundBase, FPConvert). */
static bool ahp(const struct vcpu *cpu) { return cpu->slot[A64_FPCR] >> 26 & 1; }

uint64_t a64_f16_to_f64(struct vcpu *cpu, uint16_t h)
{
	uint64_t sign = (uint64_t)(h >> 15) << 63, e = h >> 10 & 31, m = h & 0x3ff;
	if (e == 31 && !ahp(cpu)) {
		if (m == 0)
			return sign | 0x7ff0000000000000ull;
		if (!(m & 0x200))
			cpu->fp_flags |= IR_FFLAG_NV;
		if (cpu->fp_arm_mode & FPU_ARM_DN)
			return default_nan(F64);
		return sign | 0x7ff8000000000000ull | m << 42;
	}
	if (e == 0) {
		if (m == 0)
			return sign;
		/* subnormal m * 2^-24: normalise */
		int shift = __builtin_clzll(m) - 53; /* puts the top bit at bit 10 */
		m <<= shift;
		return sign | (uint64_t)(1023 - 14 - shift) << 52 | (m & 0x3ff) << 42;
	}
	return sign | (e - 15 + 1023) << 52 | m << 42;
}

/* FPRound to half: underflow is detected before rounding (Arm ARM J1
 * FPRound: biased_exp == 0 with a non-zero error). */
uint16_t a64_f64_to_f16(struct vcpu *cpu, uint64_t d, unsigned rm)
{
	bool neg = d >> 63;
	uint16_t sign = neg ? 0x8000 : 0;
	uint64_t e = get_exp(F64, d), frac = get_frac(F64, d);
	bool alt = ahp(cpu);
	if (rm == IRM_DYN)
		rm = cpu->fp_rm;
	if (e == 0x7ff) {
		if (alt) { /* FPConvert: a NaN becomes zero, infinity the largest value; Invalid */
			cpu->fp_flags |= IR_FFLAG_NV;
			return frac ? sign : sign | 0x7fff;
		}
		if (frac == 0)
			return sign | 0x7c00;
		if (!(frac >> 51 & 1))
			cpu->fp_flags |= IR_FFLAG_NV;
		if (cpu->fp_arm_mode & FPU_ARM_DN)
			return 0x7e00;
		return sign | 0x7e00 | (uint16_t)(frac >> 42 & 0x1ff);
	}
	if (e == 0 && frac == 0)
		return sign;
	/* d = sig * 2^(exp - 52) with sig's top bit at 52 (subnormal doubles
	 * are far below half's range and only affect the sticky bits). */
	uint64_t sig = e ? frac | 1ull << 52 : frac;
	int exp = e ? (int)e - 1023 : -1022;
	int texp = exp < -14 ? -14 : exp;            /* the half's exponent, before rounding */
	unsigned shift = 42 + (unsigned)(texp - exp); /* bits dropped from sig */
	uint64_t q, rem, half;
	bool tiny = exp < -14;
	if (shift >= 64) {
		q = 0, rem = 1, half = 2; /* below half the smallest subnormal, inexact */
	} else {
		q = sig >> shift;
		rem = sig & ((1ull << shift) - 1);
		half = 1ull << (shift - 1);
	}
	if (round_up(rm, neg, rem, half, q & 1))
		q++;
	/* Normal results carry the implicit bit in q, so adding the exponent
	 * field below makes a mantissa overflow bump the exponent. */
	uint64_t bits = (tiny ? 0 : (uint64_t)(texp + 14) << 10) + q;
	if (alt && bits >= 0x8000) { /* beyond exponent 31: the largest value, Invalid, not Inexact */
		cpu->fp_flags |= IR_FFLAG_NV;
		return sign | 0x7fff;
	}
	if (rem) {
		cpu->fp_flags |= IR_FFLAG_NX;
		if (tiny)
			cpu->fp_flags |= IR_FFLAG_UF;
	}
	if (bits >= 0x7c00 && !alt) {
		cpu->fp_flags |= IR_FFLAG_OF | IR_FFLAG_NX;
		bool to_inf = rm == IRM_RNE || rm == IRM_RMM || (rm == IRM_RUP && !neg) || (rm == IRM_RDN && neg);
		return sign | (to_inf ? 0x7c00 : 0x7bff);
	}
	return sign | (uint16_t)bits;
}

uint64_t a64_helper_fcvt_half(struct vcpu *cpu, uint64_t a, uint64_t types, uint64_t unused)
{
	unsigned from = types >> 2, to = types & 3;
	if (from == 3) {
		uint64_t d = a64_f16_to_f64(cpu, (uint16_t)a);
		if (to == 1)
			return d;
		/* to single: exact, as a half fits; NaNs keep their payload top */
		if (is_nan(F64, d))
			return (uint32_t)(d >> 32 & 0x80000000u) | 0x7fc00000u | (uint32_t)(get_frac(F64, d) >> 29);
		return fpu_bits32((float)fpu_f64(d));
	}
	/* single and double operands flush under FZ (FPUnpackCV); half
	 * results do not (that is FPCR.FZ16, not implemented) */
	uint64_t d = flush_in(cpu, a, from == 0 ? 2 : 3);
	if (from == 0) { /* single to double, exactly, NaN payload kept without raising (done below) */
		uint32_t s = (uint32_t)d;
		if (is_nan(F32, s))
			d = (uint64_t)(s >> 31) << 63 | 0x7ff0000000000000ull | (uint64_t)get_frac(F32, s) << 29;
		else
			d = fpu_bits64((double)fpu_f32(s));
	}
	return a64_f64_to_f16(cpu, d, IRM_DYN);
}

/* ---- fixed point ---- */

uint64_t a64_fcvt_fixed(struct vcpu *cpu, uint64_t a, bool dbl, unsigned fbits, bool to64, bool uns, unsigned rm)
{
	uint64_t d;
	a = flush_in(cpu, dbl ? a : (uint32_t)a, dbl ? 3 : 2);
	if (dbl) {
		d = a;
	} else {
		uint32_t s = (uint32_t)a;
		/* widen exactly; a NaN stays a NaN (conversion raises NV below) */
		d = is_nan(F32, s) ? 0x7ff8000000000000ull : fpu_bits64((double)fpu_f32(s));
		if (is_snan(F32, s))
			cpu->fp_flags |= IR_FFLAG_NV;
	}
	uint64_t e = get_exp(F64, d);
	if (e != 0x7ff && e != 0) {
		if (e + fbits >= 0x7ff) /* far out of range: let the conversion saturate */
			d = inf_of(F64, d >> 63);
		else
			d += (uint64_t)fbits << 52; /* exact scaling by 2^fbits */
	}
	/* A subnormal double stays below 1 after scaling: its conversion
	 * toward zero is 0, inexact, scaled or not. */
	unsigned to = to64 ? (uns ? FPU_U64 : FPU_S64) : (uns ? FPU_U32 : FPU_S32);
	uint64_t r = fpu_slow_f2i(cpu, fpu_f64(d), rm, to, IRFM_ARM);
	return to64 ? r : (uint32_t)r;
}

uint64_t a64_helper_fcvtz_fixed(struct vcpu *cpu, uint64_t a, uint64_t desc, uint64_t unused)
{
	return a64_fcvt_fixed(cpu, a, desc >> 8 & 1, desc & 0xff, desc >> 9 & 1, desc >> 10 & 1, IRM_RTZ);
}

/* ---- estimates (Arm ARM J1 RecipEstimate, RecipSqrtEstimate) ---- */

static unsigned recip_estimate(unsigned a) /* 256 <= a < 512 */
{
	a = a * 2 + 1;
	unsigned b = (1u << 19) / a;
	return (b + 1) / 2;
}

static unsigned rsqrt_estimate(unsigned a) /* 128 <= a < 512 */
{
	if (a < 256) {
		a = a * 2 + 1;
	} else {
		a = (a >> 1) << 1;
		a = (a + 1) * 2;
	}
	unsigned b = 512;
	while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
		b++;
	return (b + 1) / 2;
}

/* The fraction as 52 bits whatever the format. */
static uint64_t frac52(struct ffmt f, uint64_t v) { return get_frac(f, v) << (52 - f.fbits); }

static uint64_t build(struct ffmt f, bool neg, uint64_t exp, uint64_t frac52v)
{
	return (neg ? sign_bit(f) : 0) | (exp & exp_max(f)) << f.fbits | frac52v >> (52 - f.fbits);
}

uint64_t a64_frecpe(struct vcpu *cpu, uint64_t a, unsigned size)
{
	struct ffmt f = fmt_of(size);
	a = flush_in(cpu, narrow_bits(size, a), size);
	bool neg = a & sign_bit(f);
	if (is_nan(f, a))
		return process_nan(cpu, f, a);
	if (is_inf(f, a))
		return neg ? sign_bit(f) : 0;
	if (is_zero(f, a)) {
		cpu->fp_flags |= IR_FFLAG_DZ;
		return inf_of(f, neg);
	}
	int64_t exp = (int64_t)get_exp(f, a);
	uint64_t frac = frac52(f, a);
	/* Too small: the reciprocal overflows (|a| < 2^-(bias+1)). */
	if (exp == 0 && !(frac >> 51 & 1) && !(frac >> 50 & 1)) {
		unsigned rm = cpu->fp_rm;
		bool to_inf = rm == IRM_RNE || (rm == IRM_RUP && !neg) || (rm == IRM_RDN && neg);
		cpu->fp_flags |= IR_FFLAG_OF | IR_FFLAG_NX;
		return to_inf ? inf_of(f, neg) : max_normal(f, neg);
	}
	/* FPRecipEstimate under FZ: a reciprocal below the normal range
	 * (|a| >= 2^(bias-1)) is a zero of a's sign, with UFC */
	if ((cpu->fp_arm_mode & FPU_ARM_FZ) && exp >= (int64_t)exp_max(f) - 2) {
		cpu->fp_flags |= IR_FFLAG_UF;
		return neg ? sign_bit(f) : 0;
	}
	if (exp == 0) {
		if (!(frac >> 51 & 1)) {
			exp = -1;
			frac = (frac << 2) & ((1ull << 52) - 1);
		} else {
			frac = (frac << 1) & ((1ull << 52) - 1);
		}
	}
	unsigned scaled = (unsigned)(1u << 8 | frac >> 44);
	int64_t rexp = (int64_t)(2 * (exp_max(f) >> 1)) - 1 - exp;
	uint64_t est = recip_estimate(scaled);
	uint64_t rfrac = (est & 0xff) << 44;
	if (rexp == 0) {
		rfrac = 1ull << 51 | rfrac >> 1;
	} else if (rexp == -1) {
		rfrac = 1ull << 50 | rfrac >> 2;
		rexp = 0;
	}
	return build(f, neg, (uint64_t)rexp, rfrac);
}

uint64_t a64_frsqrte(struct vcpu *cpu, uint64_t a, unsigned size)
{
	struct ffmt f = fmt_of(size);
	a = flush_in(cpu, narrow_bits(size, a), size);
	bool neg = a & sign_bit(f);
	if (is_nan(f, a))
		return process_nan(cpu, f, a);
	if (is_zero(f, a)) {
		cpu->fp_flags |= IR_FFLAG_DZ;
		return inf_of(f, neg);
	}
	if (neg) {
		cpu->fp_flags |= IR_FFLAG_NV;
		return default_nan(f);
	}
	if (is_inf(f, a))
		return 0;
	int64_t exp = (int64_t)get_exp(f, a);
	uint64_t frac = frac52(f, a);
	if (exp == 0) {
		while (!(frac >> 51 & 1)) {
			frac = (frac << 1) & ((1ull << 52) - 1);
			exp--;
		}
		frac = (frac << 1) & ((1ull << 52) - 1);
	}
	/* 0.25 <= x < 1 in steps of 1/512, keeping the exponent's parity */
	unsigned scaled = exp & 1 ? (unsigned)(1u << 7 | frac >> 45) : (unsigned)(1u << 8 | frac >> 44);
	int64_t bias = (int64_t)(exp_max(f) >> 1);
	int64_t rexp = (3 * bias - 1 - exp) / 2;
	uint64_t est = rsqrt_estimate(scaled);
	return build(f, false, (uint64_t)rexp, (est & 0xff) << 44);
}

uint64_t a64_frecpx(struct vcpu *cpu, uint64_t a, unsigned size)
{
	struct ffmt f = fmt_of(size);
	a = flush_in(cpu, narrow_bits(size, a), size);
	if (is_nan(f, a))
		return process_nan(cpu, f, a);
	uint64_t e = get_exp(f, a), s = a & sign_bit(f);
	if (e == 0)
		return s | (exp_max(f) - 1) << f.fbits;
	return s | (~e & exp_max(f)) << f.fbits;
}

uint32_t a64_urecpe(uint32_t a)
{
	if (!(a >> 31))
		return 0xffffffffu;
	return (uint32_t)recip_estimate(a >> 23) << 23;
}

uint32_t a64_ursqrte(uint32_t a)
{
	if (!(a >> 30))
		return 0xffffffffu;
	return (uint32_t)rsqrt_estimate(a >> 23) << 23;
}
