/* Exclusives, load-acquire/store-release, compare-and-swap (Arm ARM C4.1.88
 * "Load/store exclusive" and "Atomic memory operations"; C6.2 LDXR, STXR,
 * LDXP, STXP, LDAR, STLR, CAS, CASP, SWP, LDADD and friends).
 *
 * The IR's atomics are sequentially consistent, which covers every
 * acquire/release variant.  LDXR/STXR are the IR's value-based LR/SC; the
 * 64-bit LDXP/STXP keep the value LDXP saw in A64_EXCL for SC128's
 * compare.  Misaligned exclusive, acquire/release and atomic accesses are
 * SIGBUS (BUS_ADRALN), as on hardware without FEAT_LSE2. */
#include "frontends/aarch64/a64.h"

static const enum ir_op lr_op[4] = {IR_LR8, IR_LR16, IR_LR32, IR_LR64};
static const enum ir_op sc_op[4] = {IR_SC8, IR_SC16, IR_SC32, IR_SC64};
static const enum ir_op cas_op[4] = {IR_CMPXCHG8, IR_CMPXCHG16, IR_CMPXCHG32, IR_CMPXCHG64};
static const enum ir_op atomic_op[4] = {IR_ATOMIC8, IR_ATOMIC16, IR_ATOMIC32, IR_ATOMIC64};
static const enum ir_op load_op[4] = {IR_LD8U, IR_LD16U, IR_LD32U, IR_LD64};

/* The 32-bit IR atomics sign-extend; a W register wants zero extension. */
static void to_reg(struct a64_ctx *c, unsigned rt, unsigned t, unsigned size)
{
	if (rt == 31)
		return;
	if (size == 2)
		ir_emit(c->b, IR_ZEXT32, A64_X(rt), t, 0, 0);
	else
		ir_mov(c->b, A64_X(rt), t);
}

/* A v128 temp pair holding registers r and r + 1 (XZR reads zero). */
static unsigned reg_pair(struct a64_ctx *c, unsigned r, unsigned r2)
{
	unsigned t = a64_temp2(c);
	ir_mov(c->b, t, a64_xr(r));
	ir_mov(c->b, t + 1, a64_xr(r2));
	return t;
}

/* Two W registers as one 64-bit value, first in the low half. */
static unsigned w_pair(struct a64_ctx *c, unsigned r, unsigned r2)
{
	unsigned lo = a64_w(c, a64_xr(r)), hi = ir_temp(c->b);
	ir_emit(c->b, IR_SHLI, hi, a64_xr(r2), 0, 32);
	ir_emit(c->b, IR_OR, lo, lo, hi, 0);
	return lo;
}

/* Splits a 64-bit value into W registers r (low) and r2 (high). */
static void w_split(struct a64_ctx *c, unsigned v, unsigned r, unsigned r2)
{
	if (r2 != 31)
		ir_emit(c->b, IR_SHRI, A64_X(r2), v, 0, 32);
	if (r != 31)
		ir_emit(c->b, IR_ZEXT32, A64_X(r), v, 0, 0);
}

static bool exclusive(struct a64_ctx *c, unsigned size, bool load, bool pair)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rs = a64_rm(i), rt = a64_rd(i), rt2 = a64_bits(i, 14, 10), rn = a64_xrsp(a64_rn(i));
	if (load) {
		if (!pair) {
			unsigned t = ir_temp(b);
			ir_emit(b, lr_op[size], t, rn, 0, 0);
			to_reg(c, rt, t, size);
		} else if (size == 2) { /* LDXP Wt, Wt2: one 64-bit reservation */
			unsigned t = ir_temp(b);
			ir_emit(b, IR_LR64, t, rn, 0, 0);
			w_split(c, t, rt, rt2);
		} else {
			unsigned t = a64_temp2(c);
			ir_emit(b, IR_LR128, t, rn, 0, 0);
			ir_emit(b, IR_MOV128, A64_EXCL, t, 0, 0);
			if (rt != 31)
				ir_mov(b, A64_X(rt), t);
			if (rt2 != 31)
				ir_mov(b, A64_X(rt2), t + 1);
		}
		return true;
	}
	unsigned status = a64_xw(c, rs);
	if (!pair) {
		ir_emit(b, sc_op[size], status, rn, a64_xr(rt), 0);
	} else if (size == 2) {
		ir_emit(b, IR_SC64, status, rn, w_pair(c, rt, rt2), 0);
	} else {
		ir_emit4(b, IR_SC128, status, rn, reg_pair(c, rt, rt2), A64_EXCL, 0);
	}
	return true;
}

/* LDAR: an aligned load, then a fence so later accesses stay after it.
 * STLR: a swap, which is aligned and sequentially consistent. */
static bool acquire_release(struct a64_ctx *c, unsigned size, bool load)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rt = a64_rd(i), rn = a64_xrsp(a64_rn(i));
	unsigned t = ir_temp(b);
	if (load) {
		ir_emit(b, IR_ALIGNCHK, 0, rn, 0, (1 << size) - 1);
		ir_emit(b, load_op[size], t, rn, 0, 0);
		ir_emit(b, IR_FENCE, 0, 0, 0, 0);
		if (rt != 31)
			ir_mov(b, A64_X(rt), t);
	} else {
		ir_emit4(b, atomic_op[size], t, rn, a64_xr(rt), IRA_SWAP, 0);
	}
	return true;
}

static bool cas(struct a64_ctx *c, unsigned size)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rs = a64_rm(i), rt = a64_rd(i), rn = a64_xrsp(a64_rn(i));
	unsigned t = ir_temp(b);
	ir_emit4(b, cas_op[size], t, rn, a64_xr(rs), a64_xr(rt), 0);
	to_reg(c, rs, t, size);
	return true;
}

/* CASP: Rs and Rt name even/odd register pairs. */
static bool casp(struct a64_ctx *c, bool x64)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rs = a64_rm(i), rt = a64_rd(i), rn = a64_xrsp(a64_rn(i));
	if ((rs & 1) || (rt & 1))
		return false;
	if (!x64) {
		unsigned t = ir_temp(b);
		ir_emit4(b, IR_CMPXCHG64, t, rn, w_pair(c, rs, rs + 1), w_pair(c, rt, rt + 1), 0);
		w_split(c, t, rs, rs + 1);
		return true;
	}
	unsigned old = a64_temp2(c);
	ir_emit4(b, IR_CMPXCHG128, old, rn, reg_pair(c, rs, rs + 1), reg_pair(c, rt, rt + 1), 0);
	if (rs != 31)
		ir_mov(b, A64_X(rs), old);
	if (rs + 1 != 31)
		ir_mov(b, A64_X(rs + 1), old + 1);
	return true;
}

/* Load/store exclusive class: size, o2 (23), L (22), o1 (21), o0 (15). */
bool a64_ldst_excl(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned size = a64_bits(i, 31, 30), o2 = a64_bit(i, 23), l = a64_bit(i, 22), o1 = a64_bit(i, 21);
	/* Fields the encodings fix to ones (Rs of the loads, Rt2 of the
	 * single-register forms) are checked: other values are CONSTRAINED
	 * UNPREDICTABLE, and ferry takes the UNDEFINED choice. */
	bool rs_ones = a64_rm(i) == 31, rt2_ones = a64_bits(i, 14, 10) == 31;
	if (a64_bits(i, 29, 24) != 0x08)
		return false;
	if (!o2 && !o1) {
		if (!rt2_ones || (l && !rs_ones))
			return false;
		return exclusive(c, size, l, false);
	}
	if (!o2 && o1) {
		if (size >= 2)
			return l && !rs_ones ? false : exclusive(c, size, l, true);
		if (!rt2_ones)
			return false;
		return casp(c, size == 1);
	}
	if (o2 && !o1) { /* LDAR/STLR and the LORegions LDLAR/STLLR, the same without LORegions */
		if (!rs_ones || !rt2_ones)
			return false;
		return acquire_release(c, size, l);
	}
	if (a64_bits(i, 14, 10) != 31)
		return false;
	return cas(c, size);
}

/* Atomic memory operations: size, V (26), A (23), R (22), Rs, o3 (15), opc. */
bool a64_ldst_atomic(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned size = a64_bits(i, 31, 30), o3 = a64_bit(i, 15), opc = a64_bits(i, 14, 12);
	if (a64_bit(i, 26))
		return false;
	unsigned rs = a64_xr(a64_rm(i)), rt = a64_rd(i), rn = a64_xrsp(a64_rn(i));
	unsigned op, v = rs, t = ir_temp(b);
	if (o3) {
		if (opc != 0)
			return false; /* LDAPR (FEAT_LRCPC) and the rest are not implemented */
		op = IRA_SWAP;
	} else {
		static const unsigned ops[8] = {IRA_ADD, IRA_AND, IRA_XOR, IRA_OR,
						IRA_MAX, IRA_MIN, IRA_MAXU, IRA_MINU};
		op = ops[opc];
		if (opc == 1) { /* LDCLR: memory AND NOT Rs */
			v = ir_temp(b);
			ir_emit(b, IR_XORI, v, rs, 0, -1);
		}
	}
	ir_emit4(b, atomic_op[size], t, rn, v, op, 0);
	to_reg(c, rt, t, size);
	return true;
}
