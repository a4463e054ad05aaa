/* Data processing, scalar FP and Advanced SIMD (op0 = x111): the class
 * decode of Arm ARM C4.1.95, handing each class to its file. */
#include "frontends/aarch64/simd.h"

void a64_vset64(struct a64_ctx *c, unsigned vd, unsigned s)
{
	ir_mov(c->b, A64_V(vd), s);
	ir_movi(c->b, A64_V(vd) + 1, 0);
}

void a64_vclear_hi(struct a64_ctx *c, unsigned vd) { ir_movi(c->b, A64_V(vd) + 1, 0); }

void a64_vcall(struct a64_ctx *c, ir_helper_fn fn, const struct vdesc *d, unsigned x, unsigned y)
{
	unsigned t = a64_const(c, vdesc_pack(d));
	ir_call(c->b, fn, ir_temp(c->b), t, x, y);
}

/* Vector classes: inst[31] = 0, inst[28] = 0. */
static bool vector(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op1 = a64_bits(i, 24, 23);
	if (op1 & 2) {
		if (!a64_bit(i, 10))
			return a64_simd_elem(c, false);
		if (op1 == 3)
			return false;
		return a64_bits(i, 22, 19) == 0 ? a64_simd_modimm(c) : a64_simd_shift(c, false);
	}
	if (a64_bit(i, 21)) {
		if (a64_bit(i, 10))
			return a64_simd_3same(c, false);
		if (a64_bits(i, 11, 10) == 0)
			return a64_simd_3diff(c, false);
		switch (a64_bits(i, 20, 17)) {
		case 0: return a64_simd_2misc(c, false);
		case 8: return a64_simd_across(c);
		default: return false; /* FP16 two-register misc, crypto */
		}
	}
	if (a64_bit(i, 10)) {
		/* copy; the rest (FP16 three same, three-register extension) is not implemented */
		if (op1 == 0 && a64_bits(i, 22, 21) == 0 && !a64_bit(i, 15))
			return a64_simd_copy(c);
		return false;
	}
	/* TBL, permute, EXT: inst[23:22] is op2 (00) for TBL and EXT, size for permutes */
	if (a64_bit(i, 15))
		return false;
	if (a64_bit(i, 29)) /* EXT: imm4 is inst[14:11] */
		return a64_bits(i, 23, 22) == 0 ? a64_simd_ext(c) : false;
	if (a64_bit(i, 11))
		return a64_simd_permute(c);
	return a64_bits(i, 23, 22) == 0 ? a64_simd_tbl(c) : false;
}

/* AdvSIMD scalar classes: inst[31:30] = 01, inst[28] = 1. */
static bool scalar(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op1 = a64_bits(i, 24, 23);
	if (op1 & 2) {
		if (!a64_bit(i, 10))
			return a64_simd_elem(c, true);
		if (op1 == 3 || a64_bits(i, 22, 19) == 0)
			return false;
		return a64_simd_shift(c, true);
	}
	if (a64_bit(i, 21)) {
		if (a64_bit(i, 10))
			return a64_simd_3same(c, true);
		if (a64_bits(i, 11, 10) == 0)
			return a64_simd_3diff(c, true);
		switch (a64_bits(i, 20, 17)) {
		case 0: return a64_simd_2misc(c, true);
		case 8: return a64_simd_pairwise(c);
		default: return false;
		}
	}
	if (op1 == 0 && a64_bits(i, 22, 21) == 0 && !a64_bit(i, 15) && a64_bit(i, 10))
		return a64_simd_scalar_copy(c);
	return false;
}

bool a64_simd(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	if (!a64_bit(i, 28))
		return a64_bit(i, 31) ? false : vector(c); /* 1x00: cryptography */
	if (!a64_bit(i, 30))
		return a64_fp(c);
	return a64_bit(i, 31) ? false : scalar(c);
}
