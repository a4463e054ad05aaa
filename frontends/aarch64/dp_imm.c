/* Data processing, immediate (Arm ARM C4.1.86): PC-relative addressing,
 * add/subtract, logical, move wide, bitfield, extract. */
#include "frontends/aarch64/a64.h"

static uint64_t ones(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

static uint64_t ror(uint64_t x, unsigned r, unsigned esize)
{
	r %= esize;
	if (!r)
		return x;
	return ((x >> r) | (x << (esize - r))) & ones(esize);
}

static uint64_t replicate(uint64_t x, unsigned esize)
{
	for (unsigned w = esize; w < 64; w *= 2)
		x |= x << w;
	return x;
}

/* DecodeBitMasks (Arm ARM J1, shared/functions/bitmasks).  Returns false for
 * a reserved encoding.  immediate: the logical-immediate form, where an
 * all-ones element is reserved. */
static bool decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate, unsigned datasize,
			     uint64_t *wmask, uint64_t *tmask)
{
	unsigned v = (n << 6) | (~imms & 0x3f);
	if (v == 0)
		return false;
	unsigned len = 31 - (unsigned)__builtin_clz(v);
	if (len < 1 || (1u << len) > datasize)
		return false;
	unsigned levels = (1u << len) - 1;
	if (immediate && (imms & levels) == levels)
		return false;
	unsigned s = imms & levels, r = immr & levels;
	unsigned esize = 1u << len, d = (s - r) & levels;
	uint64_t welem = ones(s + 1), telem = ones(d + 1);
	*wmask = replicate(ror(welem, r, esize), esize) & ones(datasize);
	*tmask = replicate(telem, esize) & ones(datasize);
	return true;
}

static bool logic_imm_value(uint32_t i, bool sf, uint64_t *imm)
{
	uint64_t w, t;
	if (!sf && a64_bit(i, 22))
		return false;
	if (!decode_bit_masks(a64_bit(i, 22), a64_bits(i, 15, 10), a64_bits(i, 21, 16), true, sf ? 64 : 32, &w, &t))
		return false;
	*imm = w;
	return true;
}

static bool pc_rel(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	int64_t imm = a64_sext((a64_bits(i, 23, 5) << 2) | a64_bits(i, 30, 29), 21);
	unsigned rd = a64_rd(i);
	if (rd == 31)
		return true;
	if (a64_bit(i, 31)) /* ADRP */
		ir_movi(c->b, A64_X(rd), (int64_t)((c->pc & ~0xfffull) + ((uint64_t)imm << 12)));
	else
		ir_movi(c->b, A64_X(rd), (int64_t)(c->pc + (uint64_t)imm));
	return true;
}

static bool add_sub_imm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), sub = a64_bit(i, 30), s = a64_bit(i, 29);
	uint64_t imm = a64_bits(i, 21, 10) << (a64_bit(i, 22) ? 12 : 0);
	unsigned rn = a64_xrsp(a64_rn(i)), rd = a64_rd(i);
	int64_t k = sub ? -(int64_t)imm : (int64_t)imm;

	if (!s) {
		/* Rd may be SP. */
		ir_emit(b, sf ? IR_ADDI : IR_ADDI32, a64_xwsp(rd), rn, 0, k);
		return true;
	}
	a64_addsub_flags(c, a64_xw(c, rd), rd == 31, rn, 0, true, imm, sf, sub);
	return true;
}

static bool logic_imm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned opc = a64_bits(i, 30, 29), rn = a64_xr(a64_rn(i)), rd = a64_rd(i);
	uint64_t imm;
	if (!logic_imm_value(i, sf, &imm))
		return false;
	/* AND, ORR, EOR write SP for Rd = 31; ANDS writes XZR. */
	unsigned d = opc == 3 ? a64_xw(c, rd) : a64_xwsp(rd);
	static const enum ir_op ops[4] = {IR_ANDI, IR_ORI, IR_XORI, IR_ANDI};
	ir_emit(b, ops[opc], d, rn, 0, (int64_t)imm);
	/* The immediate has no bits above datasize, so only ORR and EOR can
	 * leave upper bits of Wn behind. */
	if (!sf && (opc == 1 || opc == 2))
		ir_emit(b, IR_ZEXT32, d, d, 0, 0);
	if (opc == 3)
		a64_flags_nz(c, d, sf);
	return true;
}

static bool move_wide(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned opc = a64_bits(i, 30, 29), hw = a64_bits(i, 22, 21), rd = a64_rd(i);
	uint64_t imm = (uint64_t)a64_bits(i, 20, 5) << (hw * 16);
	if (opc == 1 || (!sf && hw >= 2))
		return false;
	if (rd == 31)
		return true;
	unsigned d = A64_X(rd);
	switch (opc) {
	case 0: /* MOVN */
		ir_movi(b, d, (int64_t)(sf ? ~imm : (uint32_t)~imm));
		break;
	case 2: /* MOVZ */
		ir_movi(b, d, (int64_t)imm);
		break;
	default: /* MOVK */
		ir_emit(b, IR_ANDI, d, d, 0, (int64_t)~(0xffffull << (hw * 16)));
		if (imm)
			ir_emit(b, IR_ORI, d, d, 0, (int64_t)imm);
		if (!sf)
			ir_emit(b, IR_ZEXT32, d, d, 0, 0);
		break;
	}
	return true;
}

static bool bitfield(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned opc = a64_bits(i, 30, 29), n = a64_bit(i, 22);
	unsigned immr = a64_bits(i, 21, 16), imms = a64_bits(i, 15, 10);
	unsigned datasize = sf ? 64 : 32;
	uint64_t wmask, tmask;
	if (opc == 3 || n != sf || (!sf && ((immr | imms) & 0x20)))
		return false;
	if (!decode_bit_masks(n, imms, immr, false, datasize, &wmask, &tmask))
		return false;
	unsigned src = a64_xr(a64_rn(i)), rd = a64_rd(i);
	unsigned d = a64_xw(c, rd);
	/* The shift and extension aliases as single ops. */
	if (opc != 1 && imms == datasize - 1) { /* LSR, ASR */
		ir_emit(b, opc ? (sf ? IR_SHRI : IR_SHRI32) : (sf ? IR_SARI : IR_SARI32), d, src, 0, immr);
		return true;
	}
	if (opc == 2 && imms + 1 == immr) { /* LSL */
		ir_emit(b, sf ? IR_SHLI : IR_SHLI32, d, src, 0, datasize - 1 - imms);
		return true;
	}
	if (opc != 1 && immr == 0 && (imms == 7 || imms == 15 || imms == 31) && (opc == 2 || sf)) {
		/* UXTB, UXTH, (64-bit UBFM #0, #31), SXTB, SXTH, SXTW */
		static const enum ir_op ext[2][3] = {{IR_SEXT8, IR_SEXT16, IR_SEXT32}, {IR_ZEXT8, IR_ZEXT16, IR_ZEXT32}};
		ir_emit(b, ext[opc == 2][imms == 7 ? 0 : imms == 15 ? 1 : 2], d, src, 0, 0);
		return true;
	}
	unsigned rot = ir_temp(b);
	if (immr)
		ir_emit(b, sf ? IR_RORI : IR_RORI32, rot, src, 0, immr);
	else if (sf)
		ir_mov(b, rot, src);
	else
		ir_emit(b, IR_ZEXT32, rot, src, 0, 0);
	switch (opc) {
	case 0: { /* SBFM: bits above the field copy src<imms> */
		unsigned top = ir_temp(b);
		ir_emit(b, IR_SHLI, top, src, 0, 63 - imms);
		ir_emit(b, IR_SARI, top, top, 0, 63);
		ir_emit(b, IR_ANDI, top, top, 0, (int64_t)(~tmask & ones(datasize)));
		ir_emit(b, IR_ANDI, rot, rot, 0, (int64_t)(wmask & tmask));
		ir_emit(b, IR_OR, d, top, rot, 0);
		break;
	}
	case 1: { /* BFM: dst keeps the bits outside the field */
		uint64_t m = wmask & tmask;
		unsigned keep = ir_temp(b);
		ir_emit(b, IR_ANDI, keep, a64_xr(rd), 0, (int64_t)(~m & ones(datasize)));
		ir_emit(b, IR_ANDI, rot, rot, 0, (int64_t)m);
		ir_emit(b, IR_OR, d, keep, rot, 0);
		break;
	}
	default: /* UBFM */
		ir_emit(b, IR_ANDI, d, rot, 0, (int64_t)(wmask & tmask));
		break;
	}
	return true;
}

static bool extract(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned op21 = a64_bits(i, 30, 29), n = a64_bit(i, 22), o0 = a64_bit(i, 21), lsb = a64_bits(i, 15, 10);
	if (op21 != 0 || o0 != 0 || n != sf || (!sf && lsb >= 32))
		return false;
	unsigned rn = a64_xr(a64_rn(i)), rm = a64_xr(a64_rm(i)), d = a64_xw(c, a64_rd(i));
	if (rn == rm) { /* ROR (immediate) is EXTR of a register with itself */
		ir_emit(b, sf ? IR_RORI : IR_RORI32, d, rn, 0, lsb);
		return true;
	}
	unsigned t = ir_temp(b), u = ir_temp(b);
	if (sf) {
		if (lsb == 0) {
			ir_mov(b, d, rm);
			return true;
		}
		ir_emit(b, IR_SHRI, t, rm, 0, lsb);
		ir_emit(b, IR_SHLI, u, rn, 0, 64 - lsb);
		ir_emit(b, IR_OR, d, t, u, 0);
	} else {
		/* (Wn:Wm) >> lsb, low 32 bits */
		ir_emit(b, IR_ZEXT32, t, rm, 0, 0);
		ir_emit(b, IR_SHLI, u, rn, 0, 32);
		ir_emit(b, IR_OR, t, t, u, 0);
		ir_emit(b, IR_SHRI, t, t, 0, lsb);
		ir_emit(b, IR_ZEXT32, d, t, 0, 0);
	}
	return true;
}

bool a64_dp_imm(struct a64_ctx *c)
{
	switch (a64_bits(c->insn, 25, 23)) {
	case 0: case 1: return pc_rel(c);
	case 2: return add_sub_imm(c);
	case 4: return logic_imm(c);
	case 5: return move_wide(c);
	case 6: return bitfield(c);
	case 7: return extract(c);
	default: return false; /* 011: add/subtract with tags (MTE) */
	}
}
