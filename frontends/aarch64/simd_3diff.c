/* AdvSIMD three different: long, wide and narrowing-high operations
 * (SADDL, UADDW, ADDHN, SABAL, SMLAL, SQDMULL, PMULL, ...), vector and the
 * scalar SQDMLAL/SQDMLSL/SQDMULL (Arm ARM C4.1.95).  size is the narrow
 * element; the "2" forms (Q = 1) take the upper halves. */
#include "frontends/aarch64/simd.h"

enum {
	D_ADDL = 0, D_ADDW = 1, D_SUBL = 2, D_SUBW = 3, D_ADDHN = 4, D_ABAL = 5, D_SUBHN = 6, D_ABDL = 7,
	D_MLAL = 8, D_QDMLAL = 9, D_MLSL = 10, D_QDMLSL = 11, D_MULL = 12, D_QDMULL = 13, D_PMULL = 14,
};

static uint64_t helper_3diff(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), m = vget(cpu, d.vm), old = vget(cpu, d.vd), r = {{0, 0}};
	unsigned size = d.size, wide = size + 1, op = d.sub;
	unsigned lanes = d.scalar ? 1 : 8u >> size, base = d.part2 ? lanes : 0;
	bool u = d.u;
	if (op == D_ADDHN || op == D_SUBHN) {
		if (d.part2)
			r.d[0] = old.d[0];
		for (unsigned k = 0; k < lanes; k++) {
			uint64_t a = lane(n, wide, k), b = lane(m, wide, k);
			uint64_t v = op == D_ADDHN ? a + b : a - b;
			if (u) /* RADDHN, RSUBHN */
				v += 1ull << ((8u << size) - 1);
			lane_set(&r, size, base + k, (v & vmask(wide)) >> (8u << size));
		}
		vput(cpu, d.vd, r);
		return 0;
	}
	for (unsigned k = 0; k < lanes; k++) {
		/* operands, extended to 64 bits by signedness */
		int64_t a = op == D_ADDW || op == D_SUBW ? (u ? (int64_t)lane(n, wide, k) : lane_s(n, wide, k))
							 : (u ? (int64_t)lane(n, size, base + k) : lane_s(n, size, base + k));
		int64_t b = u ? (int64_t)lane(m, size, base + k) : lane_s(m, size, base + k);
		uint64_t acc = lane(old, wide, k), v;
		switch (op) {
		case D_ADDL: case D_ADDW: v = (uint64_t)(a + b); break;
		case D_SUBL: case D_SUBW: v = (uint64_t)(a - b); break;
		case D_ABDL: v = (uint64_t)(a > b ? a - b : b - a); break;
		case D_ABAL: v = acc + (uint64_t)(a > b ? a - b : b - a); break;
		case D_MLAL: v = acc + (uint64_t)a * (uint64_t)b; break;
		case D_MLSL: v = acc - (uint64_t)a * (uint64_t)b; break;
		case D_MULL: v = (uint64_t)a * (uint64_t)b; break;
		case D_PMULL: {
			v = 0;
			for (unsigned j = 0; j < 8; j++)
				if ((uint64_t)b >> j & 1)
					v ^= (uint64_t)(a & 0xff) << j;
			break;
		}
		default: { /* the saturating doubling forms */
			uint64_t p = sat_s(cpu, (__int128)a * b * 2, wide);
			int64_t sp = (int64_t)(p << (64 - (8u << wide))) >> (64 - (8u << wide));
			int64_t sacc = (int64_t)(acc << (64 - (8u << wide))) >> (64 - (8u << wide));
			if (op == D_QDMULL)
				v = p;
			else
				v = sat_s(cpu, op == D_QDMLAL ? (__int128)sacc + sp : (__int128)sacc - sp, wide);
			break;
		}
		}
		lane_set(&r, wide, k, v);
	}
	vput(cpu, d.vd, r);
	return 0;
}

bool a64_simd_3diff(struct a64_ctx *c, bool scalar)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 15, 12);
	if (size == 3 || opcode == 15)
		return false; /* PMULL 1Q (FEAT_PMULL) is not implemented */
	bool sqd = opcode == D_QDMLAL || opcode == D_QDMLSL || opcode == D_QDMULL;
	if (sqd && (u || size == 0))
		return false;
	if (opcode == D_PMULL && (u || size != 0))
		return false;
	if (scalar && !sqd)
		return false;
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .vm = a64_rm(i), .q = q, .size = size, .u = u,
			  .scalar = scalar, .part2 = q && !scalar, .sub = opcode};
	a64_vcall(c, helper_3diff, &d, A64_ZERO, A64_ZERO);
	return true;
}
