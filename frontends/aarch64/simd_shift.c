/* AdvSIMD shift by immediate, vector and scalar (Arm ARM C4.1.95): SSHR,
 * USRA, SRSHR, SRI, SLI, SHL, SQSHL(U), the narrowing SHRN family, SSHLL,
 * and the fixed-point conversions.  The element size is the top set bit of
 * immh; right shifts count 2 * esize - immh:immb, left shifts
 * immh:immb - esize. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("rounding-math", "fp-contract=off")
#endif

#include "core/fpu.h"
#include "frontends/aarch64/fp_helpers.h"
#include "frontends/aarch64/simd.h"

/* key = U << 5 | opcode (inst[15:11]) */
enum {
	S_SSHR = 0x00, S_SSRA = 0x02, S_SRSHR = 0x04, S_SRSRA = 0x06, S_SHL = 0x0a, S_SQSHL = 0x0e,
	S_SHRN = 0x10, S_RSHRN = 0x11, S_SQSHRN = 0x12, S_SQRSHRN = 0x13, S_SSHLL = 0x14, S_SCVTF = 0x1c,
	S_FCVTZS = 0x1f,
	S_USHR = 0x20, S_USRA = 0x22, S_URSHR = 0x24, S_URSRA = 0x26, S_SRI = 0x28, S_SLI = 0x2a,
	S_SQSHLU = 0x2c, S_UQSHL = 0x2e, S_SQSHRUN = 0x30, S_SQRSHRUN = 0x31, S_UQSHRN = 0x32,
	S_UQRSHRN = 0x33, S_USHLL = 0x34, S_UCVTF = 0x3c, S_FCVTZU = 0x3f,
};

/* x (bits wide, signed or not) >> sh, rounded if asked, in full precision. */
static __int128 shr(uint64_t x, unsigned bits, bool uns, unsigned sh, bool round)
{
	__int128 e = uns ? (__int128)x : (__int128)((int64_t)(x << (64 - bits)) >> (64 - bits));
	if (round)
		e += (__int128)1 << (sh - 1);
	return e >> sh;
}

static uint64_t lane_op(struct vcpu *cpu, unsigned key, unsigned size, unsigned sh, uint64_t a, uint64_t acc)
{
	unsigned bits = 8u << size;
	uint64_t m = vmask(size);
	bool uns = key & 0x20;
	switch (key) {
	case S_SSHR: case S_USHR: return (uint64_t)shr(a, bits, uns, sh, false);
	case S_SRSHR: case S_URSHR: return (uint64_t)shr(a, bits, uns, sh, true);
	case S_SSRA: case S_USRA: return acc + (uint64_t)shr(a, bits, uns, sh, false);
	case S_SRSRA: case S_URSRA: return acc + (uint64_t)shr(a, bits, uns, sh, true);
	case S_SRI: {
		uint64_t keep = sh == bits ? m : ~(m >> sh) & m;
		return (acc & keep) | (sh == bits ? 0 : a >> sh);
	}
	case S_SLI: return (acc & ~(m << sh) & m) | (a << sh);
	case S_SHL: return a << sh;
	case S_SQSHL: return sat_s(cpu, shr(a, bits, false, 0, false) * ((__int128)1 << sh), size);
	case S_UQSHL: return sat_u(cpu, (__int128)a << sh, size);
	case S_SQSHLU: return sat_u(cpu, shr(a, bits, false, 0, false) * ((__int128)1 << sh), size);
	case S_SCVTF: case S_UCVTF: {
		/* convert, then an exact scaling by 2^-sh */
		if (size == 3) {
			uint64_t f = uns ? fpu_CVT_U64_F64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0)
					 : fpu_CVT_S64_F64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
			return fpu_FMUL64(cpu, f, (uint64_t)(1023 - sh) << 52, 0, IRM_DYN, IRFM_ARM, 0);
		}
		uint64_t f = uns ? fpu_CVT_U32_F32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0)
				 : fpu_CVT_S32_F32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
		return fpu_FMUL32(cpu, f, (uint64_t)(127 - sh) << 23, 0, IRM_DYN, IRFM_ARM, 0);
	}
	case S_FCVTZS: case S_FCVTZU:
		return a64_fcvt_fixed(cpu, a, size == 3, sh, size == 3, uns, IRM_RTZ);
	}
	return 0;
}

/* The narrowing shifts: a is the wide element (size + 1). */
static uint64_t narrow_op(struct vcpu *cpu, unsigned key, unsigned size, unsigned sh, uint64_t a)
{
	unsigned wbits = 16u << size;
	switch (key) {
	case S_SHRN: return (uint64_t)shr(a, wbits, true, sh, false);
	case S_RSHRN: return (uint64_t)shr(a, wbits, true, sh, true);
	case S_SQSHRN: return sat_s(cpu, shr(a, wbits, false, sh, false), size);
	case S_SQRSHRN: return sat_s(cpu, shr(a, wbits, false, sh, true), size);
	case S_UQSHRN: return sat_u(cpu, shr(a, wbits, true, sh, false), size);
	case S_UQRSHRN: return sat_u(cpu, shr(a, wbits, true, sh, true), size);
	case S_SQSHRUN: return sat_u(cpu, shr(a, wbits, false, sh, false), size);
	default: return sat_u(cpu, shr(a, wbits, false, sh, true), size); /* SQRSHRUN */
	}
}

static uint64_t helper_shift(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), old = vget(cpu, d.vd), r = {{0, 0}};
	unsigned key = d.sub, size = d.size, sh = d.imm;
	if ((key & 0x1f) >= S_SHRN && (key & 0x1f) <= S_SQRSHRN) {
		unsigned lanes = d.scalar ? 1 : 8u >> size, base = d.part2 ? lanes : 0;
		if (d.part2)
			r.d[0] = old.d[0];
		for (unsigned k = 0; k < lanes; k++)
			lane_set(&r, size, base + k, narrow_op(cpu, key, size, sh, lane(n, size + 1, k)));
	} else if (key == S_SSHLL || key == S_USHLL) {
		unsigned lanes = 8u >> size, base = d.part2 ? lanes : 0;
		for (unsigned k = 0; k < lanes; k++) {
			uint64_t v = key == S_USHLL ? lane(n, size, base + k) : (uint64_t)lane_s(n, size, base + k);
			lane_set(&r, size + 1, k, v << sh);
		}
	} else {
		unsigned lanes = vlanes(&d);
		for (unsigned k = 0; k < lanes; k++)
			lane_set(&r, size, k, lane_op(cpu, key, size, sh, lane(n, size, k), lane(old, size, k)));
	}
	vput(cpu, d.vd, r);
	return 0;
}

/* The common shifts as lane-wise IR ops: SHL, USHR, SSHR, USHLL/SSHLL
 * (UXTL/SXTL), SHRN.  A scalar is the one-lane 64-bit vector. */
static bool ir_fast(struct a64_ctx *c, const struct vdesc *d)
{
	unsigned vd = A64_V(d->vd), vn = A64_V(d->vn);
	bool q = d->q && !d->scalar;
	switch (d->sub) {
	case S_SHL: a64_vop(c, IR_VSHLI, vd, vn, 0, d->size, q, d->imm); return true;
	case S_USHR: a64_vop(c, IR_VSHRI, vd, vn, 0, d->size, q, d->imm); return true;
	case S_SSHR: a64_vop(c, IR_VSARI, vd, vn, 0, d->size, q, d->imm); return true;
	case S_SSHLL: case S_USHLL:
		ir_emit(c->b, IR_VEXTL, vd, vn, 0,
			(int64_t)(d->size | (d->sub == S_SSHLL ? 8u : 0u) | (d->part2 ? 16u : 0u)));
		if (d->imm)
			a64_vop(c, IR_VSHLI, vd, vd, 0, d->size + 1, true, d->imm);
		return true;
	case S_SHRN: {
		if (d->scalar)
			return false;
		unsigned t = a64_temp2(c);
		a64_vop(c, IR_VSHRI, t, vn, 0, d->size + 1, true, d->imm);
		ir_emit(c->b, IR_VXTN, vd, t, vd, (int64_t)(d->size | (d->part2 ? 16u : 0u)));
		return true;
	}
	default:
		return false;
	}
}

bool a64_simd_shift(struct a64_ctx *c, bool scalar)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned immh = a64_bits(i, 22, 19), immhb = a64_bits(i, 22, 16), opcode = a64_bits(i, 15, 11);
	unsigned size = 31 - (unsigned)__builtin_clz(immh), esize = 8u << size;
	unsigned key = (unsigned)u << 5 | opcode;
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .q = q, .scalar = scalar, .u = u, .size = size,
			  .part2 = q && !scalar, .sub = key};
	bool narrowing = opcode >= S_SHRN && opcode <= S_SQRSHRN;
	if (narrowing || key == S_SSHLL || key == S_USHLL) {
		if (size == 3)
			return false;
		if (narrowing && scalar && (key == S_SHRN || key == S_RSHRN))
			return false;
		if (!narrowing && scalar)
			return false;
		d.imm = narrowing ? 2 * esize - immhb : immhb - esize;
	} else {
		if (!scalar && size == 3 && !q)
			return false;
		switch (key) {
		case S_SSHR: case S_SSRA: case S_SRSHR: case S_SRSRA: case S_USHR: case S_USRA: case S_URSHR:
		case S_URSRA: case S_SRI:
			if (scalar && size != 3)
				return false;
			d.imm = 2 * esize - immhb;
			break;
		case S_SHL: case S_SLI:
			if (scalar && size != 3)
				return false;
			d.imm = immhb - esize;
			break;
		case S_SQSHL: case S_UQSHL: case S_SQSHLU:
			d.imm = immhb - esize;
			break;
		case S_SCVTF: case S_UCVTF: case S_FCVTZS: case S_FCVTZU:
			if (size < 2)
				return false; /* half precision */
			d.imm = 2 * esize - immhb;
			break;
		default:
			return false;
		}
	}
	if (ir_fast(c, &d))
		return true;
	a64_vcall(c, helper_shift, &d, A64_ZERO, A64_ZERO);
	return true;
}
