/* Loads and stores of single registers and pairs (Arm ARM C4.1.88): literal,
 * unsigned offset, unscaled, pre- and post-indexed, unprivileged, register
 * offset, and LDP/STP/LDNP/STNP/LDPSW, for general and SIMD&FP registers.
 * The exclusive, acquire/release and atomic classes are in atomic.c, the
 * SIMD structure loads in simd_ldst.c.
 *
 * IR rule 2: registers change only after the last op that can fault, so a
 * pair is loaded into temps first and base writeback comes last. */
#include "frontends/aarch64/a64.h"

enum wb { WB_NONE, WB_PRE, WB_POST };

/* One transfer: a register of 1 << size bytes (size 4: a Q register) at
 * base + off. */
struct xfer {
	bool simd;     /* a V register */
	bool load;
	bool sign;     /* sign-extending load */
	bool to32;     /* ... into a W register */
	unsigned size; /* log2 bytes */
	unsigned rt;
};

static const enum ir_op load_u[4] = {IR_LD8U, IR_LD16U, IR_LD32U, IR_LD64};
static const enum ir_op load_s[4] = {IR_LD8S, IR_LD16S, IR_LD32S, IR_LD64};
static const enum ir_op store[4] = {IR_ST8, IR_ST16, IR_ST32, IR_ST64};

/* Loads into slot d (a pair for Q) from a + off; the value is final
 * (extended as the register wants). */
static void emit_load(struct a64_ctx *c, const struct xfer *x, unsigned d, unsigned a, int64_t off)
{
	struct ir_block *b = c->b;
	if (x->size == 4) {
		ir_emit(b, IR_LD128, d, a, 0, off);
		return;
	}
	ir_emit(b, x->sign ? load_s[x->size] : load_u[x->size], d, a, 0, off);
	if (x->sign && x->to32)
		ir_emit(b, IR_ZEXT32, d, d, 0, 0);
}

static void emit_store(struct a64_ctx *c, const struct xfer *x, unsigned a, int64_t off)
{
	struct ir_block *b = c->b;
	if (x->simd)
		ir_emit(b, x->size == 4 ? IR_ST128 : store[x->size], 0, a, A64_V(x->rt), off);
	else
		ir_emit(b, store[x->size], 0, a, a64_xr(x->rt), off);
}

/* Where a load's value goes: its register, or a temp when it must wait
 * (direct = false) or is discarded (XZR). */
static unsigned load_dst(struct a64_ctx *c, const struct xfer *x, bool direct)
{
	if (x->simd)
		return direct ? A64_V(x->rt) : (x->size == 4 ? a64_temp2(c) : ir_temp(c->b));
	if (!direct || x->rt == 31)
		return ir_temp(c->b);
	return A64_X(x->rt);
}

/* Moves a waiting loaded value into its register. */
static void load_commit(struct a64_ctx *c, const struct xfer *x, unsigned t)
{
	struct ir_block *b = c->b;
	if (!x->simd) {
		if (x->rt != 31)
			ir_mov(b, A64_X(x->rt), t);
		return;
	}
	if (x->size == 4)
		ir_emit(b, IR_MOV128, A64_V(x->rt), t, 0, 0);
	else
		a64_vset64(c, x->rt, t);
}

/* Zeroes what a direct B/H/S/D load did not write. */
static void load_finish(struct a64_ctx *c, const struct xfer *x)
{
	if (x->simd && x->size < 4)
		a64_vclear_hi(c, x->rt);
}

/* A single transfer with base register rn (SP for 31) and writeback. */
static void single(struct a64_ctx *c, const struct xfer *x, unsigned rn, int64_t imm, enum wb wb)
{
	struct ir_block *b = c->b;
	unsigned base = a64_xrsp(rn), a = base;
	int64_t off = imm;
	if (wb == WB_PRE) {
		a = ir_temp(b);
		ir_emit(b, IR_ADDI, a, base, 0, imm);
		off = 0;
	} else if (wb == WB_POST) {
		off = 0;
	}
	if (!x->load) {
		emit_store(c, x, a, off);
		if (wb == WB_PRE)
			ir_mov(b, base, a);
		else if (wb == WB_POST)
			ir_emit(b, IR_ADDI, base, base, 0, imm);
		return;
	}
	/* With writeback, a load into the base register itself is CONSTRAINED
	 * UNPREDICTABLE (Arm ARM K1.2.9, WBOVERLAPLD); the register gets the
	 * written-back address, as on qemu: the load still happens (it may
	 * fault), its value is dropped. */
	bool into_base = wb != WB_NONE && !x->simd && x->rt == rn && rn != 31;
	unsigned d = load_dst(c, x, !into_base);
	emit_load(c, x, d, a, off);
	if (wb == WB_PRE)
		ir_mov(b, base, a);
	else if (wb == WB_POST)
		ir_emit(b, IR_ADDI, base, base, 0, imm);
	load_finish(c, x);
}

/* Decodes size:V:opc of the single-register classes into x; false when
 * unallocated.  *prfm is set for PRFM (a hint: no access, no fault). */
static bool decode_single(uint32_t i, struct xfer *x, bool *prfm)
{
	unsigned size = a64_bits(i, 31, 30), opc = a64_bits(i, 23, 22);
	*prfm = false;
	*x = (struct xfer){.simd = a64_bit(i, 26), .rt = a64_rd(i)};
	if (x->simd) {
		if (opc >= 2 && size != 0)
			return false;
		x->size = opc >= 2 ? 4 : size;
		x->load = opc & 1;
		return true;
	}
	x->size = size;
	switch (opc) {
	case 0: x->load = false; return true;
	case 1: x->load = true; return true;
	case 2: /* LDRS* into X; size 3 is PRFM */
		if (size == 3)
			*prfm = true;
		x->load = x->sign = true;
		return true;
	default: /* LDRS* into W */
		if (size >= 2)
			return false;
		x->load = x->sign = x->to32 = true;
		return true;
	}
}

static bool load_literal(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned opc = a64_bits(i, 31, 30);
	uint64_t addr = c->pc + (uint64_t)(a64_sext(a64_bits(i, 23, 5), 19) * 4);
	struct xfer x = {.simd = a64_bit(i, 26), .load = true, .rt = a64_rd(i)};
	if (x.simd) {
		if (opc == 3)
			return false;
		x.size = 2 + opc;
	} else {
		if (opc == 3)
			return true; /* PRFM (literal) */
		x.size = opc == 0 ? 2 : 3 - (opc == 2);
		x.sign = opc == 2;
	}
	unsigned d = load_dst(c, &x, true);
	emit_load(c, &x, d, A64_ZERO, (int64_t)addr);
	load_finish(c, &x);
	return true;
}

static bool pair(struct a64_ctx *c, unsigned op2)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned opc = a64_bits(i, 31, 30), rn = a64_rn(i);
	bool simd = a64_bit(i, 26), load = a64_bit(i, 22);
	struct xfer x[2] = {{.simd = simd, .load = load, .rt = a64_rd(i)},
			    {.simd = simd, .load = load, .rt = a64_bits(i, 14, 10)}};
	unsigned size;
	if (opc == 3)
		return false;
	if (simd) {
		size = 2 + opc;
	} else if (opc == 1) { /* LDPSW; STGP is MTE */
		if (!load || op2 == 0)
			return false;
		size = 2;
		x[0].sign = x[1].sign = true;
	} else {
		size = opc == 0 ? 2 : 3;
	}
	x[0].size = x[1].size = size;
	int64_t imm = a64_sext(a64_bits(i, 21, 15), 7) * (1 << size);
	unsigned bytes = 1u << size;
	enum wb wb = op2 == 1 ? WB_POST : op2 == 3 ? WB_PRE : WB_NONE;

	unsigned base = a64_xrsp(rn), a = base;
	int64_t off = imm;
	if (wb == WB_PRE) {
		a = ir_temp(b);
		ir_emit(b, IR_ADDI, a, base, 0, imm);
		off = 0;
	} else if (wb == WB_POST) {
		off = 0;
	}
	/* X registers n and n + 1 are consecutive slots: one 128-bit access
	 * (LDP/STP x29, x30 and friends). */
	bool one = !simd && size == 3 && !x[0].sign && x[1].rt == x[0].rt + 1 && x[1].rt != 31;
	if (one)
		ir_emit(b, load ? IR_LD128 : IR_ST128, load ? A64_X(x[0].rt) : 0, a, load ? 0 : A64_X(x[0].rt), off);
	else if (!load) {
		emit_store(c, &x[0], a, off);
		emit_store(c, &x[1], a, off + bytes);
	} else {
		unsigned t0 = load_dst(c, &x[0], false), t1 = load_dst(c, &x[1], false);
		emit_load(c, &x[0], t0, a, off);
		emit_load(c, &x[1], t1, a, off + bytes);
		load_commit(c, &x[0], t0);
		load_commit(c, &x[1], t1);
	}
	/* A load into the base register with writeback: the written-back
	 * address wins, as in single(). */
	if (wb == WB_PRE)
		ir_mov(b, base, a);
	else if (wb == WB_POST)
		ir_emit(b, IR_ADDI, base, base, 0, imm);
	return true;
}

/* Load/store register, register offset: [Xn, Rm{, extend {#s}}]. */
static bool reg_offset(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	struct xfer x;
	bool prfm;
	unsigned option = a64_bits(i, 15, 13);
	if (!(option & 2) || !decode_single(i, &x, &prfm))
		return false;
	if (prfm)
		return true;
	static const enum ir_op ext[8] = {IR_NOP, IR_NOP, IR_ZEXT32, IR_MOV, IR_NOP, IR_NOP, IR_SEXT32, IR_MOV};
	unsigned t = ir_temp(b), m = a64_xr(a64_rm(i));
	bool shift = a64_bit(i, 12) && x.size;
	if (ext[option] == IR_MOV && !shift) {
		ir_emit(b, IR_ADD, t, a64_xrsp(a64_rn(i)), m, 0);
	} else if (ext[option] == IR_MOV) {
		ir_emit(b, IR_SHLI, t, m, 0, x.size);
		ir_emit(b, IR_ADD, t, a64_xrsp(a64_rn(i)), t, 0);
	} else {
		ir_emit(b, ext[option], t, m, 0, 0);
		if (shift)
			ir_emit(b, IR_SHLI, t, t, 0, x.size);
		ir_emit(b, IR_ADD, t, a64_xrsp(a64_rn(i)), t, 0);
	}
	if (x.load) {
		unsigned d = load_dst(c, &x, true);
		emit_load(c, &x, d, t, 0);
		load_finish(c, &x);
	} else {
		emit_store(c, &x, t, 0);
	}
	return true;
}

/* Unscaled, post-indexed, unprivileged and pre-indexed (imm9) forms. */
static bool imm9(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct xfer x;
	bool prfm;
	unsigned op4 = a64_bits(i, 11, 10);
	if (!decode_single(i, &x, &prfm))
		return false;
	int64_t imm = a64_sext(a64_bits(i, 20, 12), 9);
	if (prfm) /* PRFUM; the indexed and unprivileged forms are unallocated */
		return op4 == 0;
	if (op4 == 2 && x.simd)
		return false; /* no unprivileged SIMD&FP form */
	single(c, &x, a64_rn(i), imm, op4 == 1 ? WB_POST : op4 == 3 ? WB_PRE : WB_NONE);
	return true;
}

static bool unsigned_imm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct xfer x;
	bool prfm;
	if (!decode_single(i, &x, &prfm))
		return false;
	if (prfm)
		return true;
	single(c, &x, a64_rn(i), (int64_t)a64_bits(i, 21, 10) << x.size, WB_NONE);
	return true;
}

bool a64_ldst(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op0 = a64_bits(i, 31, 28), op1 = a64_bit(i, 26), op2 = a64_bits(i, 24, 23);
	if ((op0 & 0xb) == 0 && op1)
		return a64_ldst_simd(c);
	switch (op0 & 3) {
	case 0:
		return op2 < 2 && !op1 ? a64_ldst_excl(c) : false;
	case 1:
		return op2 < 2 ? load_literal(c) : false; /* 1x: RCpc unscaled (FEAT_LRCPC2) */
	case 2:
		return pair(c, op2);
	default:
		if (op2 >= 2)
			return unsigned_imm(c);
		if (!a64_bit(i, 21))
			return imm9(c);
		switch (a64_bits(i, 11, 10)) {
		case 0: return a64_ldst_atomic(c);
		case 2: return reg_offset(c);
		default: return false; /* LDRAA/LDRAB: pointer authentication */
		}
	}
}
