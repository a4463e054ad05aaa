/* FP lane operations of the vector and scalar AdvSIMD groups, on the IR's
 * FP semantics (core/fpu.h, IRFM_ARM, the FPCR rounding mode) and the Arm
 * pseudocode of FPMulX, FPRecipStepFused and FPRSqrtStepFused. */
#if defined(__GNUC__) && !defined(__clang__)
/* core/fpu.h's inline paths run with the guest's rounding mode in the host. */
#pragma GCC optimize("rounding-math", "fp-contract=off")
#endif

#include "core/fpu.h"
#include "frontends/aarch64/fp_helpers.h"
#include "frontends/aarch64/simd.h"

#define DYN IRM_DYN
#define ARM IRFM_ARM

static uint64_t sign_of(unsigned size) { return size == 3 ? 1ull << 63 : 1ull << 31; }

static bool is_inf(unsigned size, uint64_t v)
{
	return size == 3 ? (v & ~(1ull << 63)) == 0x7ff0000000000000ull : (v & 0x7fffffffu) == 0x7f800000u;
}

static bool is_zero(unsigned size, uint64_t v) { return (v & (sign_of(size) - 1)) == 0; }

static uint64_t lane_add(struct vcpu *cpu, unsigned size, uint64_t a, uint64_t b)
{
	return size == 3 ? fpu_FADD64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FADD32(cpu, a, b, 0, DYN, ARM, 0);
}

static uint64_t lane_sub(struct vcpu *cpu, unsigned size, uint64_t a, uint64_t b)
{
	return size == 3 ? fpu_FSUB64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FSUB32(cpu, a, b, 0, DYN, ARM, 0);
}

static uint64_t lane_mul(struct vcpu *cpu, unsigned size, uint64_t a, uint64_t b)
{
	return size == 3 ? fpu_FMUL64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FMUL32(cpu, a, b, 0, DYN, ARM, 0);
}

static uint64_t lane_fma(struct vcpu *cpu, unsigned size, uint64_t a, uint64_t b, uint64_t c, int neg)
{
	return size == 3 ? fpu_FMA64(cpu, a, b, c, DYN, ARM, neg) : fpu_FMA32(cpu, a, b, c, DYN, ARM, neg);
}

static uint64_t mask_of(unsigned size, bool t) { return t ? (size == 3 ? ~0ull : 0xffffffffull) : 0; }

/* The step functions: op1 negated first, NaNs, then inf * 0 -> the
 * constant, an infinity's sign, or one fused multiply-add. */
static uint64_t step(struct vcpu *cpu, unsigned size, uint64_t a, uint64_t b, bool rsqrt)
{
	uint64_t r, s = sign_of(size);
	a = (a ^ s) & mask_of(size, true);
	b &= mask_of(size, true);
	if (a64_process_nans(cpu, a, b, size, &r))
		return r;
	if ((is_inf(size, a) && is_zero(size, b)) || (is_zero(size, a) && is_inf(size, b))) {
		if (size == 3)
			return rsqrt ? 0x3ff8000000000000ull : 0x4000000000000000ull; /* 1.5, 2.0 */
		return rsqrt ? 0x3fc00000u : 0x40000000u;
	}
	if (is_inf(size, a) || is_inf(size, b))
		return ((a ^ b) & s) | (size == 3 ? 0x7ff0000000000000ull : 0x7f800000u);
	if (!rsqrt) {
		uint64_t two = size == 3 ? 0x4000000000000000ull : 0x40000000u;
		return lane_fma(cpu, size, a, b, two, 0);
	}
	/* (3 + a * b) / 2 in one rounding: 1.5 + (a / 2) * b, halving whichever
	 * operand is normal (exact); with both subnormal nothing can overflow. */
	uint64_t unit = size == 3 ? 1ull << 52 : 1ull << 23, emask = size == 3 ? 0x7ffull << 52 : 0xffull << 23;
	uint64_t onehalf = size == 3 ? 0x3ff8000000000000ull : 0x3fc00000u;
	if ((a & emask) > unit)
		return lane_fma(cpu, size, a - unit, b, onehalf, 0);
	if ((b & emask) > unit)
		return lane_fma(cpu, size, a, b - unit, onehalf, 0);
	uint64_t three = size == 3 ? 0x4008000000000000ull : 0x40400000u;
	uint64_t half = size == 3 ? 0x3fe0000000000000ull : 0x3f000000u;
	return lane_mul(cpu, size, lane_fma(cpu, size, a, b, three, 0), half);
}

uint64_t a64_fp_lane(struct vcpu *cpu, enum vfp_op op, unsigned size, uint64_t a, uint64_t b, uint64_t acc)
{
	bool d = size == 3;
	uint64_t s = sign_of(size), r;
	switch (op) {
	case VFP_ADD: return lane_add(cpu, size, a, b);
	case VFP_SUB: return lane_sub(cpu, size, a, b);
	case VFP_MUL: return lane_mul(cpu, size, a, b);
	case VFP_DIV: return d ? fpu_FDIV64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FDIV32(cpu, a, b, 0, DYN, ARM, 0);
	case VFP_MAX: return a64_fmaxmin(cpu, a, b, size, true);
	case VFP_MIN: return a64_fmaxmin(cpu, a, b, size, false);
	case VFP_MAXNM: return d ? fpu_FMAX64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FMAX32(cpu, a, b, 0, DYN, ARM, 0);
	case VFP_MINNM: return d ? fpu_FMIN64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FMIN32(cpu, a, b, 0, DYN, ARM, 0);
	case VFP_ABD: return lane_sub(cpu, size, a, b) & ~s;
	case VFP_MULX:
		if (a64_process_nans(cpu, a, b, size, &r))
			return r;
		if ((is_inf(size, a) && is_zero(size, b)) || (is_zero(size, a) && is_inf(size, b)))
			return ((a ^ b) & s) | (d ? 0x4000000000000000ull : 0x40000000u); /* +-2.0 */
		return lane_mul(cpu, size, a, b);
	case VFP_CMEQ:
		return mask_of(size, d ? fpu_FEQ64(cpu, a, b, 0, DYN, ARM, 0) : fpu_FEQ32(cpu, a, b, 0, DYN, ARM, 0));
	case VFP_CMGE:
		return mask_of(size, d ? fpu_FLE64(cpu, b, a, 0, DYN, ARM, 0) : fpu_FLE32(cpu, b, a, 0, DYN, ARM, 0));
	case VFP_CMGT:
		return mask_of(size, d ? fpu_FLT64(cpu, b, a, 0, DYN, ARM, 0) : fpu_FLT32(cpu, b, a, 0, DYN, ARM, 0));
	case VFP_ACGE:
		a &= ~s, b &= ~s;
		return mask_of(size, d ? fpu_FLE64(cpu, b, a, 0, DYN, ARM, 0) : fpu_FLE32(cpu, b, a, 0, DYN, ARM, 0));
	case VFP_ACGT:
		a &= ~s, b &= ~s;
		return mask_of(size, d ? fpu_FLT64(cpu, b, a, 0, DYN, ARM, 0) : fpu_FLT32(cpu, b, a, 0, DYN, ARM, 0));
	case VFP_RECPS: return step(cpu, size, a, b, false);
	case VFP_RSQRTS: return step(cpu, size, a, b, true);
	case VFP_MLA: return lane_fma(cpu, size, a, b, acc, 0);
	case VFP_MLS: return lane_fma(cpu, size, a, b, acc, 1);
	}
	return 0;
}

/* Three same FP, vector or scalar; sub = enum vfp_op | 0x100 for the
 * pairwise forms. */
uint64_t a64_helper_vfp3(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), m = vget(cpu, d.vm), acc = vget(cpu, d.vd), r = {{0, 0}};
	unsigned lanes = vlanes(&d);
	enum vfp_op op = (enum vfp_op)(d.sub & 0xff);
	for (unsigned k = 0; k < lanes; k++) {
		uint64_t a, b;
		if (d.sub & 0x100) {
			v128 src = k < lanes / 2 ? n : m;
			unsigned j = 2 * (k % (lanes / 2));
			a = lane(src, d.size, j), b = lane(src, d.size, j + 1);
		} else {
			a = lane(n, d.size, k), b = lane(m, d.size, k);
		}
		lane_set(&r, d.size, k, a64_fp_lane(cpu, op, d.size, a, b, lane(acc, d.size, k)));
	}
	vput(cpu, d.vd, r);
	return 0;
}
