/* AdvSIMD two-register miscellaneous, vector and scalar (Arm ARM C4.1.95;
 * per-instruction pseudocode in C7.2): one helper, lane by lane, with the
 * narrowing (XTN, SQXTN, FCVTN ...), widening (SHLL, FCVTL) and pairwise
 * long (SADDLP, UADALP ...) shapes handled apart. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("rounding-math", "fp-contract=off")
#endif

#include "core/fpu.h"
#include "frontends/aarch64/fp_helpers.h"
#include "frontends/aarch64/simd.h"

/* key = U << 6 | a << 5 | opcode, a = size<1> for the FP encodings only
 * (the integer keys below leave bit 5 clear). */
enum {
	M_REV64 = 0x00, M_REV16 = 0x01, M_ADDLP = 0x02, M_SUQADD = 0x03, M_CLS = 0x04, M_CNT = 0x05,
	M_ADALP = 0x06, M_SQABS = 0x07, M_CMGT0 = 0x08, M_CMEQ0 = 0x09, M_CMLT0 = 0x0a, M_ABS = 0x0b,
	M_XTN = 0x12, M_SQXTN = 0x14,
	M_REV32 = 0x40, M_UADDLP = 0x42, M_USQADD = 0x43, M_CLZ = 0x44, M_NOT = 0x45, M_UADALP = 0x46,
	M_SQNEG = 0x47, M_CMGE0 = 0x48, M_CMLE0 = 0x49, M_NEG = 0x4b, M_SQXTUN = 0x52, M_SHLL = 0x53,
	M_UQXTN = 0x54,
	/* FP */
	M_FCVTN = 0x16, M_FCVTL = 0x17, M_FRINTN = 0x18, M_FRINTM = 0x19, M_FCVTNS = 0x1a, M_FCVTMS = 0x1b,
	M_FCVTAS = 0x1c, M_SCVTF = 0x1d,
	M_FCMGT0 = 0x2c, M_FCMEQ0 = 0x2d, M_FCMLT0 = 0x2e, M_FABS = 0x2f, M_FRINTP = 0x38, M_FRINTZ = 0x39,
	M_FCVTPS = 0x3a, M_FCVTZS = 0x3b, M_URECPE = 0x3c, M_FRECPE = 0x3d, M_FRECPX = 0x3f,
	M_FCVTXN = 0x56, M_FRINTA = 0x58, M_FRINTX = 0x59, M_FCVTNU = 0x5a, M_FCVTMU = 0x5b, M_FCVTAU = 0x5c,
	M_UCVTF = 0x5d,
	M_FCMGE0 = 0x6c, M_FCMLE0 = 0x6d, M_FNEG = 0x6f, M_FRINTI = 0x79, M_FCVTPU = 0x7a, M_FCVTZU = 0x7b,
	M_URSQRTE = 0x7c, M_FRSQRTE = 0x7d, M_FSQRT = 0x7f,
	M_RBIT = 0x100, /* U = 1, opcode 00101, size 01 */
};

static uint64_t f2i(struct vcpu *cpu, uint64_t a, unsigned size, bool uns, unsigned rm)
{
	uint64_t r;
	if (size == 3)
		r = uns ? fpu_CVT_F64_U64(cpu, a, 0, 0, rm, IRFM_ARM, 0) : fpu_CVT_F64_S64(cpu, a, 0, 0, rm, IRFM_ARM, 0);
	else
		r = uns ? fpu_CVT_F32_U32(cpu, a, 0, 0, rm, IRFM_ARM, 0) : fpu_CVT_F32_S32(cpu, a, 0, 0, rm, IRFM_ARM, 0);
	return r;
}

static uint64_t fcmp0(struct vcpu *cpu, unsigned key, unsigned size, uint64_t a)
{
	bool d = size == 3, t;
	switch (key) {
	case M_FCMGT0: t = d ? fpu_FLT64(cpu, 0, a, 0, 0, IRFM_ARM, 0) : fpu_FLT32(cpu, 0, a, 0, 0, IRFM_ARM, 0); break;
	case M_FCMGE0: t = d ? fpu_FLE64(cpu, 0, a, 0, 0, IRFM_ARM, 0) : fpu_FLE32(cpu, 0, a, 0, 0, IRFM_ARM, 0); break;
	case M_FCMEQ0: t = d ? fpu_FEQ64(cpu, a, 0, 0, 0, IRFM_ARM, 0) : fpu_FEQ32(cpu, a, 0, 0, 0, IRFM_ARM, 0); break;
	case M_FCMLE0: t = d ? fpu_FLE64(cpu, a, 0, 0, 0, IRFM_ARM, 0) : fpu_FLE32(cpu, a, 0, 0, 0, IRFM_ARM, 0); break;
	default: t = d ? fpu_FLT64(cpu, a, 0, 0, 0, IRFM_ARM, 0) : fpu_FLT32(cpu, a, 0, 0, 0, IRFM_ARM, 0); break;
	}
	return t ? vmask(size) : 0;
}

/* One lane of an element-preserving op; acc is the destination's lane. */
static uint64_t lane_op(struct vcpu *cpu, unsigned key, unsigned size, uint64_t a, uint64_t acc)
{
	unsigned bits = 8u << size;
	int64_t sa = (int64_t)(a << (64 - bits)) >> (64 - bits);
	int64_t sacc = (int64_t)(acc << (64 - bits)) >> (64 - bits);
	bool d = size == 3;
	switch (key) {
	case M_SUQADD: return sat_s(cpu, (__int128)sacc + a, size);
	case M_USQADD: return sat_u(cpu, (__int128)acc + sa, size);
	case M_CLS: {
		uint64_t x = (uint64_t)(sa ^ (sa >> 1)) & vmask(size);
		return (x ? (unsigned)__builtin_clzll(x) - (64 - bits) : bits) - 1;
	}
	case M_CLZ: return a ? (unsigned)__builtin_clzll(a) - (64 - bits) : bits;
	case M_CNT: return (uint64_t)__builtin_popcountll(a);
	case M_NOT: return ~a;
	case M_RBIT: {
		uint64_t r = 0;
		for (unsigned k = 0; k < 8; k++)
			r |= (a >> k & 1) << (7 - k);
		return r;
	}
	case M_SQABS: return sat_s(cpu, sa < 0 ? -(__int128)sa : sa, size);
	case M_SQNEG: return sat_s(cpu, -(__int128)sa, size);
	case M_CMGT0: return sa > 0 ? vmask(size) : 0;
	case M_CMGE0: return sa >= 0 ? vmask(size) : 0;
	case M_CMEQ0: return sa == 0 ? vmask(size) : 0;
	case M_CMLE0: return sa <= 0 ? vmask(size) : 0;
	case M_CMLT0: return sa < 0 ? vmask(size) : 0;
	case M_ABS: return sa < 0 ? -(uint64_t)sa : (uint64_t)sa;
	case M_NEG: return -a;
	case M_FRINTN: return a64_frint(cpu, a, size, IRM_RNE, false);
	case M_FRINTM: return a64_frint(cpu, a, size, IRM_RDN, false);
	case M_FRINTP: return a64_frint(cpu, a, size, IRM_RUP, false);
	case M_FRINTZ: return a64_frint(cpu, a, size, IRM_RTZ, false);
	case M_FRINTA: return a64_frint(cpu, a, size, IRM_RMM, false);
	case M_FRINTX: return a64_frint(cpu, a, size, IRM_DYN, true);
	case M_FRINTI: return a64_frint(cpu, a, size, IRM_DYN, false);
	case M_FCVTNS: return f2i(cpu, a, size, false, IRM_RNE);
	case M_FCVTMS: return f2i(cpu, a, size, false, IRM_RDN);
	case M_FCVTAS: return f2i(cpu, a, size, false, IRM_RMM);
	case M_FCVTPS: return f2i(cpu, a, size, false, IRM_RUP);
	case M_FCVTZS: return f2i(cpu, a, size, false, IRM_RTZ);
	case M_FCVTNU: return f2i(cpu, a, size, true, IRM_RNE);
	case M_FCVTMU: return f2i(cpu, a, size, true, IRM_RDN);
	case M_FCVTAU: return f2i(cpu, a, size, true, IRM_RMM);
	case M_FCVTPU: return f2i(cpu, a, size, true, IRM_RUP);
	case M_FCVTZU: return f2i(cpu, a, size, true, IRM_RTZ);
	case M_SCVTF:
		return d ? fpu_CVT_S64_F64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0) : fpu_CVT_S32_F32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
	case M_UCVTF:
		return d ? fpu_CVT_U64_F64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0) : fpu_CVT_U32_F32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
	case M_FCMGT0: case M_FCMGE0: case M_FCMEQ0: case M_FCMLE0: case M_FCMLT0:
		return fcmp0(cpu, key, size, a);
	case M_FABS: return a & ~(1ull << (bits - 1));
	case M_FNEG: return a ^ (1ull << (bits - 1));
	case M_FSQRT:
		return d ? fpu_FSQRT64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0) : fpu_FSQRT32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
	case M_URECPE: return a64_urecpe((uint32_t)a);
	case M_URSQRTE: return a64_ursqrte((uint32_t)a);
	case M_FRECPE: return a64_frecpe(cpu, a, size);
	case M_FRSQRTE: return a64_frsqrte(cpu, a, size);
	case M_FRECPX: return a64_frecpx(cpu, a, size);
	}
	return 0;
}

/* f64 -> f32 rounding to odd (FCVTXN): truncate, then set the lsb if inexact. */
static uint64_t fcvt_round_odd(struct vcpu *cpu, uint64_t a)
{
	double x = fpu_f64(a);
	if (isnan(x))
		return fpu_CVT_F64_F32(cpu, a, 0, 0, IRM_RTZ, IRFM_ARM, 0);
	uint64_t r = fpu_CVT_F64_F32(cpu, a, 0, 0, IRM_RTZ, IRFM_ARM, 0);
	float f = fpu_f32((uint32_t)r);
	if (isfinite(f) && (double)f != x)
		r |= 1;
	else if (isinf(f) && !isinf(x)) /* overflow: to odd means the largest finite */
		r = (r & 0x80000000u) | 0x7f7fffffu;
	return r;
}

static uint64_t narrow(struct vcpu *cpu, unsigned key, unsigned size, uint64_t a)
{
	unsigned wide = size + 1, bits = 8u << wide;
	int64_t sa = (int64_t)(a << (64 - bits)) >> (64 - bits);
	switch (key) {
	case M_XTN: return a & vmask(size);
	case M_SQXTN: return sat_s(cpu, sa, size);
	case M_UQXTN: return sat_u(cpu, a, size);
	case M_SQXTUN: return sat_u(cpu, sa, size);
	case M_FCVTN: /* size 1: f32 -> f16, size 2: f64 -> f32 */
		if (size == 2)
			return fpu_CVT_F64_F32(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
		return a64_helper_fcvt_half(cpu, a, 0 << 2 | 3, 0);
	case M_FCVTXN: return fcvt_round_odd(cpu, a);
	}
	return 0;
}

static uint64_t helper_2misc(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), old = vget(cpu, d.vd), r = {{0, 0}};
	unsigned key = d.sub, size = d.size;
	switch (key) {
	case M_XTN: case M_SQXTN: case M_UQXTN: case M_SQXTUN: case M_FCVTN: case M_FCVTXN: {
		/* size is the narrow element; the "2" forms fill the upper half */
		unsigned lanes = d.scalar ? 1 : 8u >> size, base = d.part2 ? lanes : 0;
		if (d.part2)
			r.d[0] = old.d[0];
		for (unsigned k = 0; k < lanes; k++)
			lane_set(&r, size, base + k, narrow(cpu, key, size, lane(n, size + 1, k)));
		break;
	}
	case M_FCVTL: case M_SHLL: {
		/* size is the narrow element, from the lower or upper half of Vn */
		unsigned lanes = 8u >> size, base = d.part2 ? lanes : 0;
		for (unsigned k = 0; k < lanes; k++) {
			uint64_t a = lane(n, size, base + k), v;
			if (key == M_SHLL)
				v = a << (8u << size);
			else if (size == 2)
				v = fpu_CVT_F32_F64(cpu, a, 0, 0, IRM_DYN, IRFM_ARM, 0);
			else
				v = a64_helper_fcvt_half(cpu, a, 3 << 2 | 0, 0);
			lane_set(&r, size + 1, k, v);
		}
		break;
	}
	case M_ADDLP: case M_UADDLP: case M_ADALP: case M_UADALP: {
		unsigned lanes = vlanes(&d) / 2;
		bool uns = key & 0x40, acc = key == M_ADALP || key == M_UADALP;
		for (unsigned k = 0; k < lanes; k++) {
			uint64_t a = uns ? lane(n, size, 2 * k) : (uint64_t)lane_s(n, size, 2 * k);
			uint64_t b = uns ? lane(n, size, 2 * k + 1) : (uint64_t)lane_s(n, size, 2 * k + 1);
			uint64_t v = a + b + (acc ? lane(old, size + 1, k) : 0);
			lane_set(&r, size + 1, k, v);
		}
		break;
	}
	case M_REV16: case M_REV32: case M_REV64: {
		unsigned container = key == M_REV16 ? 1 : key == M_REV32 ? 2 : 3; /* log2 bytes */
		unsigned per = 1u << (container - size), lanes = vlanes(&d);
		for (unsigned k = 0; k < lanes; k++)
			lane_set(&r, size, k, lane(n, size, (k & ~(per - 1)) + (per - 1 - (k & (per - 1)))));
		break;
	}
	default: {
		unsigned lanes = vlanes(&d);
		for (unsigned k = 0; k < lanes; k++)
			lane_set(&r, size, k, lane_op(cpu, key, size, lane(n, size, k), lane(old, size, k)));
		break;
	}
	}
	vput(cpu, d.vd, r);
	return 0;
}

/* The common ones as lane-wise IR ops (a scalar is the one-lane 64-bit
 * vector): NEG, ABS, CNT, NOT, XTN, SHLL, the compares with zero. */
static bool ir_fast(struct a64_ctx *c, const struct vdesc *d)
{
	struct ir_block *b = c->b;
	unsigned vd = A64_V(d->vd), vn = A64_V(d->vn), size = d->size;
	bool q = d->q && !d->scalar;
	switch (d->sub) {
	case M_NEG: a64_vop(c, IR_VNEG, vd, vn, 0, size, q, 0); return true;
	case M_ABS: a64_vop(c, IR_VABS, vd, vn, 0, size, q, 0); return true;
	case M_CNT: a64_vop(c, IR_VCNT, vd, vn, 0, 0, q, 0); return true;
	case M_CMEQ0: a64_vop(c, IR_VCMEQ, vd, vn, A64_ZERO, size, q, 0); return true;
	case M_CMGT0: a64_vop(c, IR_VCMGT, vd, vn, A64_ZERO, size, q, 0); return true;
	case M_CMGE0: a64_vop(c, IR_VCMGE, vd, vn, A64_ZERO, size, q, 0); return true;
	case M_CMLT0: a64_vop(c, IR_VCMGT, vd, A64_ZERO, vn, size, q, 0); return true;
	case M_CMLE0: a64_vop(c, IR_VCMGE, vd, A64_ZERO, vn, size, q, 0); return true;
	case M_XTN:
		ir_emit(b, IR_VXTN, vd, vn, vd, (int64_t)(size | (d->part2 ? 16u : 0u)));
		return true;
	case M_SHLL: /* widen, then shift by the narrow element's width */
		ir_emit(b, IR_VEXTL, vd, vn, 0, (int64_t)(size | (d->part2 ? 16u : 0u)));
		a64_vop(c, IR_VSHLI, vd, vd, 0, size + 1, true, 8u << size);
		return true;
	case M_NOT:
		ir_emit(b, IR_XORI, vd, vn, 0, -1);
		if (q)
			ir_emit(b, IR_XORI, vd + 1, vn + 1, 0, -1);
		else
			ir_movi(b, vd + 1, 0);
		return true;
	default:
		return false;
	}
}

/* Which element sizes an op allows; scalar: whether it has a scalar form. */
static bool valid(unsigned key, unsigned size, bool q, bool scalar, bool fp)
{
	if (fp) {
		switch (key) {
		case M_FCVTN: case M_FCVTL:
			return !scalar;
		case M_FCVTXN:
			return size == 1;
		case M_FRINTN: case M_FRINTM: case M_FRINTP: case M_FRINTZ: case M_FRINTA: case M_FRINTX:
		case M_FRINTI: case M_FABS: case M_FNEG: case M_FSQRT:
			return !scalar && (!(size & 1) || q);
		case M_URECPE: case M_URSQRTE:
			return !scalar && size == 0;
		case M_FRECPX:
			return scalar;
		case M_FCVTNS: case M_FCVTMS: case M_FCVTAS: case M_SCVTF: case M_FCMGT0: case M_FCMEQ0:
		case M_FCMLT0: case M_FCVTPS: case M_FCVTZS: case M_FRECPE: case M_FCVTNU: case M_FCVTMU:
		case M_FCVTAU: case M_UCVTF: case M_FCMGE0: case M_FCMLE0: case M_FCVTPU: case M_FCVTZU:
		case M_FRSQRTE:
			return scalar || !(size & 1) || q; /* 2D needs Q */
		default:
			return false;
		}
	}
	switch (key) {
	case M_REV64: return size < 3 && !scalar;
	case M_REV32: return size < 2 && !scalar;
	case M_REV16: return size == 0 && !scalar;
	case M_ADDLP: case M_UADDLP: case M_ADALP: case M_UADALP: case M_CLS: case M_CLZ:
		return size < 3 && !scalar;
	case M_CNT: case M_NOT: return size == 0 && !scalar;
	case M_RBIT: return !scalar;
	case M_SUQADD: case M_USQADD: case M_SQABS: case M_SQNEG:
		return scalar || size < 3 || q;
	case M_CMGT0: case M_CMGE0: case M_CMEQ0: case M_CMLE0: case M_CMLT0: case M_ABS: case M_NEG:
		return scalar ? size == 3 : size < 3 || q;
	case M_XTN: case M_SHLL: return size < 3 && !scalar;
	case M_SQXTN: case M_UQXTN: case M_SQXTUN: return size < 3;
	default: return false;
	}
}

bool a64_simd_2misc(struct a64_ctx *c, bool scalar)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 16, 12);
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .q = q, .scalar = scalar, .u = u};
	unsigned key;
	bool fp = opcode >= 0x0c && !(opcode >= 0x10 && opcode < 0x16);
	if (fp && opcode < 0x10 && !(size & 2))
		return false; /* 011xx with a = 0: unallocated (FP16 elsewhere) */
	if (fp) {
		key = (unsigned)u << 6 | (size & 2) << 4 | opcode;
		if ((opcode == 0x16 || opcode == 0x17) && (size & 2))
			return false; /* FCVTN, FCVTL, FCVTXN: size<1> = 0, size<0> picks the width */
		if (!valid(key, size & 1, q, scalar, true))
			return false;
		if (opcode == 0x16 || opcode == 0x17) {
			d.size = 1 + (size & 1); /* the narrow element: f16 or f32 */
			d.part2 = q && !scalar;
		} else {
			d.size = 2 + (size & 1);
		}
	} else {
		key = (unsigned)u << 6 | opcode;
		if (key == M_NOT && size == 1)
			key = M_RBIT, size = 0;
		else if (key == M_NOT && size != 0)
			return false;
		if (!valid(key, size, q, scalar, false))
			return false;
		d.size = size;
		d.part2 = q && !scalar;
	}
	d.sub = key;
	if (ir_fast(c, &d))
		return true;
	a64_vcall(c, helper_2misc, &d, A64_ZERO, A64_ZERO);
	return true;
}
