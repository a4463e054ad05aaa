/* AdvSIMD copy (DUP, INS, UMOV, SMOV and the scalar DUP) and modified
 * immediate (MOVI, MVNI, ORR, BIC, FMOV): moves of whole elements, done
 * with 64-bit IR ops on the halves of the V registers (Arm ARM C4.1.95). */
#include "frontends/aarch64/fp_helpers.h"
#include "frontends/aarch64/simd.h"

/* Multiplier that replicates an element of `size` over 64 bits. */
static const uint64_t rep_mul[4] = {0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1};

/* A temp holding element idx of V[vn], zero-extended. */
unsigned a64_get_elem(struct a64_ctx *c, unsigned vn, unsigned size, unsigned idx)
{
	struct ir_block *b = c->b;
	unsigned bit = idx << (size + 3), t = ir_temp(b);
	unsigned s = A64_V(vn) + (bit >> 6);
	if (size == 3) {
		ir_mov(b, t, s);
		return t;
	}
	ir_emit(b, IR_SHRI, t, s, 0, bit & 63);
	ir_emit(b, IR_ANDI, t, t, 0, (int64_t)vmask(size));
	return t;
}

/* Writes element idx of V[vd] from slot v (only its low bits count). */
void a64_set_elem(struct a64_ctx *c, unsigned vd, unsigned size, unsigned idx, unsigned v)
{
	struct ir_block *b = c->b;
	unsigned bit = idx << (size + 3), d = A64_V(vd) + (bit >> 6);
	if (size == 3) {
		ir_mov(b, d, v);
		return;
	}
	unsigned sh = bit & 63, t = ir_temp(b);
	ir_emit(b, IR_ANDI, t, v, 0, (int64_t)vmask(size));
	if (sh)
		ir_emit(b, IR_SHLI, t, t, 0, sh);
	ir_emit(b, IR_ANDI, d, d, 0, (int64_t)~(vmask(size) << sh));
	ir_emit(b, IR_OR, d, d, t, 0);
}

/* Fills V[vd] (one or both halves) with the element in slot v. */
void a64_dup(struct a64_ctx *c, unsigned vd, unsigned size, bool q, unsigned v)
{
	struct ir_block *b = c->b;
	unsigned d = A64_V(vd);
	if (size == 3) {
		ir_mov(b, d, v);
	} else {
		unsigned m = a64_const(c, rep_mul[size]);
		ir_emit(b, IR_MUL, d, v, m, 0);
	}
	if (q)
		ir_mov(b, d + 1, d);
	else
		ir_movi(b, d + 1, 0);
}

/* imm5: the element size is its lowest set bit, the index the bits above. */
static bool imm5_size(unsigned imm5, unsigned *size, unsigned *idx)
{
	if ((imm5 & 15) == 0)
		return false;
	*size = (unsigned)__builtin_ctz(imm5);
	*idx = imm5 >> (*size + 1);
	return true;
}

bool a64_simd_copy(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool q = a64_bit(i, 30), op = a64_bit(i, 29);
	unsigned imm4 = a64_bits(i, 14, 11), rd = a64_rd(i), rn = a64_rn(i), size, idx;
	if (!imm5_size(a64_bits(i, 20, 16), &size, &idx))
		return false;
	if (op) { /* INS (element) */
		if (!q)
			return false;
		unsigned t = a64_get_elem(c, rn, size, imm4 >> size);
		a64_set_elem(c, rd, size, idx, t);
		return true;
	}
	switch (imm4) {
	case 0: /* DUP (element) */
		if (size == 3 && !q)
			return false;
		a64_dup(c, rd, size, q, a64_get_elem(c, rn, size, idx));
		return true;
	case 1: { /* DUP (general) */
		if (size == 3 && !q)
			return false;
		unsigned t = ir_temp(b);
		ir_emit(b, IR_ANDI, t, a64_xr(rn), 0, (int64_t)vmask(size));
		a64_dup(c, rd, size, q, t);
		return true;
	}
	case 3: /* INS (general) */
		if (!q)
			return false;
		a64_set_elem(c, rd, size, idx, a64_xr(rn));
		return true;
	case 5: { /* SMOV */
		if (size == 3 || (size == 2 && !q))
			return false;
		static const enum ir_op sext[3] = {IR_SEXT8, IR_SEXT16, IR_SEXT32};
		unsigned t = a64_get_elem(c, rn, size, idx), d = a64_xw(c, rd);
		ir_emit(b, sext[size], d, t, 0, 0);
		if (!q)
			ir_emit(b, IR_ZEXT32, d, d, 0, 0);
		return true;
	}
	case 7: /* UMOV */
		if (q != (size == 3))
			return false;
		ir_mov(b, a64_xw(c, rd), a64_get_elem(c, rn, size, idx));
		return true;
	default:
		return false;
	}
}

bool a64_simd_scalar_copy(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned size, idx;
	if (a64_bit(i, 29) || a64_bits(i, 14, 11) != 0 || !imm5_size(a64_bits(i, 20, 16), &size, &idx))
		return false;
	a64_vset64(c, a64_rd(i), a64_get_elem(c, a64_rn(i), size, idx));
	return true;
}

/* AdvSIMDExpandImm (Arm ARM J1): the 64-bit pattern of one half. */
static bool expand_imm(bool op, unsigned cmode, unsigned imm8, uint64_t *out)
{
	uint64_t v = imm8;
	switch (cmode >> 1) {
	case 0: v = v * rep_mul[2]; break;
	case 1: v = (v << 8) * rep_mul[2]; break;
	case 2: v = (v << 16) * rep_mul[2]; break;
	case 3: v = (v << 24) * rep_mul[2]; break;
	case 4: v = v * rep_mul[1]; break;
	case 5: v = (v << 8) * rep_mul[1]; break;
	case 6: v = (cmode & 1 ? (v << 16) | 0xffff : (v << 8) | 0xff) * rep_mul[2]; break;
	default:
		if (!(cmode & 1)) {
			if (!op) {
				v = v * rep_mul[0];
			} else {
				uint64_t r = 0;
				for (int k = 0; k < 8; k++)
					if (imm8 >> k & 1)
						r |= 0xffull << (8 * k);
				v = r;
			}
		} else {
			v = op ? a64_fp_imm(imm8, true) : a64_fp_imm(imm8, false) * rep_mul[2];
		}
		break;
	}
	*out = v;
	return true;
}

bool a64_simd_modimm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool q = a64_bit(i, 30), op = a64_bit(i, 29);
	unsigned cmode = a64_bits(i, 15, 12), rd = a64_rd(i), d = A64_V(rd);
	unsigned imm8 = a64_bits(i, 18, 16) << 5 | a64_bits(i, 9, 5);
	uint64_t v;
	if (a64_bit(i, 11))
		return false; /* o2: FMOV (half) */
	if (cmode == 15 && op && !q)
		return false;
	expand_imm(op, cmode, imm8, &v);
	/* ORR and BIC: cmode 0xx1 and 10x1 */
	bool logic = (cmode < 12) && (cmode & 1);
	if (logic) {
		if (op)
			ir_emit(b, IR_ANDI, d, d, 0, (int64_t)~v);
		else
			ir_emit(b, IR_ORI, d, d, 0, (int64_t)v);
		if (q) {
			if (op)
				ir_emit(b, IR_ANDI, d + 1, d + 1, 0, (int64_t)~v);
			else
				ir_emit(b, IR_ORI, d + 1, d + 1, 0, (int64_t)v);
		} else {
			ir_movi(b, d + 1, 0);
		}
		return true;
	}
	/* MVNI: cmode 0xx0, 10x0, 110x with op = 1 */
	if (op && cmode < 14)
		v = ~v;
	ir_movi(b, d, (int64_t)v);
	ir_movi(b, d + 1, q ? (int64_t)v : 0);
	return true;
}
