/* AdvSIMD across lanes (ADDV, SADDLV, UADDLV, SMAXV, UMINV, FMAXV, ...)
 * and scalar pairwise (ADDP, FADDP, FMAXP, ...) (Arm ARM C4.1.95).  The FP
 * reductions combine halves recursively, as the pseudocode's Reduce(). */
#include "frontends/aarch64/simd.h"

enum { R_ADDLV = 0x03, R_MAXV = 0x0a, R_MINV = 0x1a, R_ADDV = 0x1b };

static uint64_t helper_across(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), r = {{0, 0}};
	unsigned lanes = vlanes(&d), size = d.size;
	uint64_t acc = d.u ? lane(n, size, 0) : (uint64_t)lane_s(n, size, 0);
	for (unsigned k = 1; k < lanes; k++) {
		uint64_t v = d.u ? lane(n, size, k) : (uint64_t)lane_s(n, size, k);
		switch (d.sub) {
		case R_ADDLV: case R_ADDV: acc += v; break;
		case R_MAXV: acc = d.u ? (v > acc ? v : acc) : ((int64_t)v > (int64_t)acc ? v : acc); break;
		default: acc = d.u ? (v < acc ? v : acc) : ((int64_t)v < (int64_t)acc ? v : acc); break;
		}
	}
	lane_set(&r, d.sub == R_ADDLV ? size + 1 : size, 0, acc);
	vput(cpu, d.vd, r);
	return 0;
}

/* Reduce(): op(reduce(low half), reduce(high half)). */
static uint64_t reduce(struct vcpu *cpu, enum vfp_op op, unsigned size, v128 n, unsigned first, unsigned count)
{
	if (count == 1)
		return lane(n, size, first);
	uint64_t lo = reduce(cpu, op, size, n, first, count / 2);
	uint64_t hi = reduce(cpu, op, size, n, first + count / 2, count / 2);
	return a64_fp_lane(cpu, op, size, lo, hi, 0);
}

/* FP across lanes and FP scalar pairwise: sub = enum vfp_op, va = count. */
static uint64_t helper_fp_reduce(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 r = {{0, 0}};
	lane_set(&r, d.size, 0, reduce(cpu, (enum vfp_op)d.sub, d.size, vget(cpu, d.vn), 0, d.va));
	vput(cpu, d.vd, r);
	return 0;
}

bool a64_simd_across(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 16, 12);
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .q = q, .size = size, .u = u, .sub = opcode};
	if (opcode == 0x0c || opcode == 0x0f) { /* FMAXNMV, FMINNMV, FMAXV, FMINV: 4S only */
		if (!u || (size & 1) || !q)
			return false;
		bool min = size & 2;
		d.size = 2;
		d.va = 4;
		d.sub = opcode == 0x0c ? (min ? VFP_MINNM : VFP_MAXNM) : (min ? VFP_MIN : VFP_MAX);
		a64_vcall(c, helper_fp_reduce, &d, A64_ZERO, A64_ZERO);
		return true;
	}
	if (size == 3 || (size == 2 && !q))
		return false;
	switch (opcode) {
	case R_ADDLV: case R_MAXV: case R_MINV: break;
	case R_ADDV: if (u) return false; break;
	default: return false;
	}
	a64_vcall(c, helper_across, &d, A64_ZERO, A64_ZERO);
	return true;
}

bool a64_simd_pairwise(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 16, 12);
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .va = 2};
	if (!u) { /* ADDP (scalar): D only */
		if (opcode != 0x1b || size != 3)
			return false;
		d.size = 3, d.q = true, d.sub = R_ADDV, d.u = true;
		a64_vcall(c, helper_across, &d, A64_ZERO, A64_ZERO);
		return true;
	}
	bool a = size & 2;
	int op;
	switch (opcode) {
	case 0x0c: op = a ? VFP_MINNM : VFP_MAXNM; break;
	case 0x0d: op = a ? -1 : VFP_ADD; break;
	case 0x0f: op = a ? VFP_MIN : VFP_MAX; break;
	default: op = -1; break;
	}
	if (op < 0)
		return false;
	d.size = 2 + (size & 1);
	d.sub = (unsigned)op;
	a64_vcall(c, helper_fp_reduce, &d, A64_ZERO, A64_ZERO);
	return true;
}
