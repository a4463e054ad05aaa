/* Scalar floating point (Arm ARM C4.1.95, "Floating-point data-processing"
 * and the conversions): single and double precision through the IR's FP
 * ops with IRFM_ARM (NaN propagation, saturating conversions with NaN -> 0)
 * and the FPCR rounding mode (IRM_DYN).  Half precision exists only as a
 * conversion (FCVT), as without FEAT_FP16.  FPCR.FZ, DN and AHP are kept
 * but not applied (docs/coverage/aarch64.md). */
#include "frontends/aarch64/a64.h"
#include "frontends/aarch64/fp_helpers.h"

#define FM IRFM_ARM

/* ftype (inst[23:22]) 0 = single, 1 = double; 3 (half) and 2 are refused. */
static bool ftype_ok(uint32_t i, bool *dbl)
{
	unsigned t = a64_bits(i, 23, 22);
	*dbl = t == 1;
	return t <= 1;
}

static unsigned vreg(unsigned r) { return A64_V(r); }

/* Writes a scalar result already in V[rd]'s low slot: an S result is
 * zero-extended there by the IR's f32 rule; the upper 64 bits go. */
static void finish(struct a64_ctx *c, unsigned rd) { ir_movi(c->b, A64_V(rd) + 1, 0); }

static void fp_op(struct a64_ctx *c, enum ir_op op, unsigned d, unsigned a, unsigned b, unsigned cc, enum ir_rm rm)
{
	ir_emit_fp(c->b, op, d, a, b, cc, rm, FM);
}

static bool dp2(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool dbl;
	unsigned opcode = a64_bits(i, 15, 12);
	if (!ftype_ok(i, &dbl) || opcode > 8)
		return false;
	unsigned d = vreg(a64_rd(i)), n = vreg(a64_rn(i)), m = vreg(a64_rm(i));
	static const enum ir_op ops[2][9] = {
		{IR_FMUL32, IR_FDIV32, IR_FADD32, IR_FSUB32, IR_NOP, IR_NOP, IR_FMAX32, IR_FMIN32, IR_FMUL32},
		{IR_FMUL64, IR_FDIV64, IR_FADD64, IR_FSUB64, IR_NOP, IR_NOP, IR_FMAX64, IR_FMIN64, IR_FMUL64},
	};
	if (opcode == 4 || opcode == 5) { /* FMAX, FMIN: NaNs propagate */
		unsigned sz = a64_const(c, (dbl ? 3 : 2) | (opcode == 4 ? A64_FMAX : 0));
		ir_call(b, a64_helper_fmaxmin, d, n, m, sz);
	} else {
		fp_op(c, ops[dbl][opcode], d, n, m, 0, IRM_DYN);
		if (opcode == 8) /* FNMUL = FPNeg(FPMul): the rounded product negated, NaN too */
			ir_emit(b, IR_XORI, d, d, 0, dbl ? (int64_t)(1ull << 63) : (int64_t)(1ull << 31));
	}
	finish(c, a64_rd(i));
	return true;
}

static bool dp3(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool dbl;
	if (!ftype_ok(i, &dbl))
		return false;
	/* o1:o0 = FMADD a+n*m, FMSUB a-n*m, FNMADD -a-n*m, FNMSUB -a+n*m; the
	 * IR's imm: bit 0 negates the product, bit 1 the addend. */
	static const int neg[4] = {0, 1, 3, 2};
	unsigned k = a64_bit(i, 21) << 1 | a64_bit(i, 15);
	struct ir_insn *in = ir_emit_fp(c->b, dbl ? IR_FMA64 : IR_FMA32, vreg(a64_rd(i)), vreg(a64_rn(i)),
					vreg(a64_rm(i)), vreg(a64_ra(i)), IRM_DYN, FM);
	in->imm = neg[k];
	finish(c, a64_rd(i));
	return true;
}

static bool dp1(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned type = a64_bits(i, 23, 22), opcode = a64_bits(i, 20, 15);
	unsigned rd = a64_rd(i), d = vreg(rd), n = vreg(a64_rn(i));
	uint64_t sign = type == 1 ? 1ull << 63 : 1ull << 31;

	if ((opcode & 0x3c) == 0x04) { /* FCVT between precisions: opc = destination */
		unsigned to = opcode & 3;
		if (type == 2 || to == 2 || to == type)
			return false;
		if (type == 0 && to == 1)
			fp_op(c, IR_CVT_F32_F64, d, n, 0, 0, IRM_DYN);
		else if (type == 1 && to == 0)
			fp_op(c, IR_CVT_F64_F32, d, n, 0, 0, IRM_DYN);
		else
			ir_call(b, a64_helper_fcvt_half, d, n, a64_const(c, type << 2 | to), A64_ZERO);
		finish(c, rd);
		return true;
	}
	if (type > 1)
		return false;
	bool dbl = type == 1;
	switch (opcode) {
	case 0: /* FMOV */
		if (dbl)
			ir_mov(b, d, n);
		else
			ir_emit(b, IR_ZEXT32, d, n, 0, 0);
		break;
	case 1: /* FABS: the sign bit only, NaNs included, no exception */
		ir_emit(b, IR_ANDI, d, n, 0, (int64_t)(sign - 1));
		break;
	case 2: /* FNEG */
		if (!dbl) {
			unsigned t = a64_w(c, n);
			ir_emit(b, IR_XORI, d, t, 0, (int64_t)sign);
		} else {
			ir_emit(b, IR_XORI, d, n, 0, (int64_t)sign);
		}
		break;
	case 3: /* FSQRT */
		fp_op(c, dbl ? IR_FSQRT64 : IR_FSQRT32, d, n, 0, 0, IRM_DYN);
		break;
	case 8: case 9: case 10: case 11: case 12: case 14: case 15: { /* FRINTN, P, M, Z, A, X, I */
		static const unsigned rm[8] = {IRM_RNE, IRM_RUP, IRM_RDN, IRM_RTZ, IRM_RMM, 0, IRM_DYN, IRM_DYN};
		unsigned k = opcode & 7;
		unsigned desc = a64_const(c, (dbl ? 3 : 2) | rm[k] << 4 | (k == 6 ? A64_FRINT_EXACT : 0));
		ir_call(b, a64_helper_frint, d, n, desc, A64_ZERO);
		break;
	}
	default:
		return false;
	}
	finish(c, rd);
	return true;
}

/* NZCV of a comparison (Arm ARM J1 "FPCompare"): unordered 0011, equal
 * 0110, less 1000, greater 0010.  signal: FCMPE, NV for any NaN; else NV
 * only for a signalling one.  holds: a 0/1 slot; when 0 the operands are
 * replaced by zeros first, so nothing is raised (FCCMP). */
static void compare(struct a64_ctx *c, bool dbl, unsigned a, unsigned b, bool signal, unsigned holds)
{
	struct ir_block *bl = c->b;
	enum ir_op feq = dbl ? IR_FEQ64 : IR_FEQ32, flt = dbl ? IR_FLT64 : IR_FLT32;
	if (holds) {
		unsigned ta = ir_temp(bl), tb = ir_temp(bl);
		ir_emit4(bl, IR_SELECT, ta, a, A64_ZERO, holds, 0);
		ir_emit4(bl, IR_SELECT, tb, b, A64_ZERO, holds, 0);
		a = ta, b = tb;
	}
	unsigned ord = ir_temp(bl), t = ir_temp(bl), lt = ir_temp(bl), eq = ir_temp(bl);
	fp_op(c, feq, ord, a, a, 0, IRM_DYN);
	fp_op(c, feq, t, b, b, 0, IRM_DYN);
	ir_emit(bl, IR_AND, ord, ord, t, 0);
	fp_op(c, feq, eq, a, b, 0, IRM_DYN);
	if (signal) {
		fp_op(c, flt, lt, a, b, 0, IRM_DYN);
	} else { /* a quiet less-than: NaNs replaced by zeros */
		unsigned qa = ir_temp(bl), qb = ir_temp(bl);
		ir_emit4(bl, IR_SELECT, qa, a, A64_ZERO, ord, 0);
		ir_emit4(bl, IR_SELECT, qb, b, A64_ZERO, ord, 0);
		fp_op(c, flt, lt, qa, qb, 0, IRM_DYN);
	}
	ir_mov(bl, A64_NF, lt);
	ir_mov(bl, A64_ZF, eq);
	ir_emit(bl, IR_XORI, A64_CF, lt, 0, 1);
	ir_emit(bl, IR_XORI, A64_VF, ord, 0, 1);
	a64_flags_written(c);
}

static bool fcmp(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool dbl;
	unsigned opc2 = a64_bits(i, 4, 0);
	if (!ftype_ok(i, &dbl) || a64_bits(i, 15, 14) != 0 || (opc2 & 7) != 0)
		return false;
	/* The zero forms' Rm is "should be zero"; like hardware commonly does,
	 * a non-zero value is ignored. */
	bool zero = opc2 & 8, signal = opc2 & 16;
	compare(c, dbl, vreg(a64_rn(i)), zero ? A64_ZERO : vreg(a64_rm(i)), signal, 0);
	return true;
}

static bool fccmp(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool dbl;
	if (!ftype_ok(i, &dbl))
		return false;
	unsigned holds = a64_cond(c, a64_bits(i, 15, 12)), nzcv = a64_bits(i, 3, 0);
	if (holds < IR_ARCH_SLOTS) { /* a flag slot: keep it before the flags change */
		unsigned t = ir_temp(b);
		ir_mov(b, t, holds);
		holds = t;
	}
	compare(c, dbl, vreg(a64_rn(i)), vreg(a64_rm(i)), a64_bit(i, 4), holds);
	unsigned one = a64_const(c, 1);
	static const unsigned flag[4] = {A64_VF, A64_CF, A64_ZF, A64_NF};
	for (unsigned k = 0; k < 4; k++)
		ir_emit4(b, IR_SELECT, flag[k], flag[k], (nzcv >> k) & 1 ? one : A64_ZERO, holds, 0);
	a64_flags_written(c);
	return true;
}

static bool fcsel(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool dbl;
	if (!ftype_ok(i, &dbl))
		return false;
	unsigned holds = a64_cond(c, a64_bits(i, 15, 12)), d = vreg(a64_rd(i));
	unsigned t = ir_temp(b);
	ir_emit4(b, IR_SELECT, t, vreg(a64_rn(i)), vreg(a64_rm(i)), holds, 0);
	ir_emit(b, dbl ? IR_MOV : IR_ZEXT32, d, t, 0, 0);
	finish(c, a64_rd(i));
	return true;
}

/* VFPExpandImm: sign, NOT(b6), b6 replicated, b5:4 as the exponent; b3:0
 * the top of the fraction. */
uint64_t a64_fp_imm(unsigned imm8, bool dbl)
{
	uint64_t sign = imm8 >> 7, b6 = imm8 >> 6 & 1, e54 = imm8 >> 4 & 3, frac = imm8 & 15;
	if (dbl) {
		uint64_t exp = (b6 ^ 1) << 10 | (b6 ? 0xffull << 2 : 0) | e54;
		return sign << 63 | exp << 52 | frac << 48;
	}
	uint64_t exp = (b6 ^ 1) << 7 | (b6 ? 0x1full << 2 : 0) | e54;
	return sign << 31 | exp << 23 | frac << 19;
}

static bool fmov_imm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool dbl;
	if (!ftype_ok(i, &dbl) || a64_bits(i, 9, 5) != 0)
		return false;
	ir_movi(c->b, vreg(a64_rd(i)), (int64_t)a64_fp_imm(a64_bits(i, 20, 13), dbl));
	finish(c, a64_rd(i));
	return true;
}

/* Float to integer with rounding mode rm; 32-bit results zero-extended. */
static void f2i(struct a64_ctx *c, unsigned d, unsigned n, bool dbl, bool sf, bool uns, enum ir_rm rm)
{
	static const enum ir_op ops[2][2][2] = {
		{{IR_CVT_F32_S32, IR_CVT_F32_U32}, {IR_CVT_F32_S64, IR_CVT_F32_U64}},
		{{IR_CVT_F64_S32, IR_CVT_F64_U32}, {IR_CVT_F64_S64, IR_CVT_F64_U64}},
	};
	fp_op(c, ops[dbl][sf][uns], d, n, 0, 0, rm);
	if (!sf)
		ir_emit(c->b, IR_ZEXT32, d, d, 0, 0);
}

static void i2f(struct a64_ctx *c, unsigned d, unsigned n, bool dbl, bool sf, bool uns)
{
	static const enum ir_op ops[2][2][2] = {
		{{IR_CVT_S32_F32, IR_CVT_U32_F32}, {IR_CVT_S64_F32, IR_CVT_U64_F32}},
		{{IR_CVT_S32_F64, IR_CVT_U32_F64}, {IR_CVT_S64_F64, IR_CVT_U64_F64}},
	};
	fp_op(c, ops[dbl][sf][uns], d, n, 0, 0, IRM_DYN);
}

static bool conv_int(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned type = a64_bits(i, 23, 22), rmode = a64_bits(i, 20, 19), opcode = a64_bits(i, 18, 16);
	unsigned rd = a64_rd(i), rn = a64_rn(i);
	if (a64_bit(i, 29))
		return false;
	if (opcode >= 6) { /* FMOV between general and FP registers */
		bool to_fp = opcode == 7;
		if (rmode == 0 && type == 0 && !sf) {        /* W <-> S */
			if (to_fp) {
				ir_emit(b, IR_ZEXT32, A64_V(rd), a64_xr(rn), 0, 0);
				finish(c, rd);
			} else {
				ir_emit(b, IR_ZEXT32, a64_xw(c, rd), A64_V(rn), 0, 0);
			}
		} else if (rmode == 0 && type == 1 && sf) {  /* X <-> D */
			if (to_fp) {
				ir_mov(b, A64_V(rd), a64_xr(rn));
				finish(c, rd);
			} else {
				ir_mov(b, a64_xw(c, rd), A64_V(rn));
			}
		} else if (rmode == 1 && type == 2 && sf) {  /* X <-> V.D[1]: the low half stays */
			if (to_fp)
				ir_mov(b, A64_V(rd) + 1, a64_xr(rn));
			else
				ir_mov(b, a64_xw(c, rd), A64_V(rn) + 1);
		} else {
			return false; /* half precision, FJCVTZS */
		}
		return true;
	}
	bool dbl;
	if (!ftype_ok(i, &dbl))
		return false;
	bool uns = opcode & 1;
	if (opcode == 2 || opcode == 3) { /* SCVTF, UCVTF */
		if (rmode != 0)
			return false;
		i2f(c, A64_V(rd), a64_xr(rn), dbl, sf, uns);
		finish(c, rd);
		return true;
	}
	/* FCVT{N,P,M,Z}{S,U} by rmode; FCVTA{S,U} are opcode 4, 5 with rmode 0. */
	static const enum ir_rm rms[4] = {IRM_RNE, IRM_RUP, IRM_RDN, IRM_RTZ};
	enum ir_rm rm;
	if (opcode <= 1)
		rm = rms[rmode];
	else if (rmode == 0)
		rm = IRM_RMM;
	else
		return false;
	f2i(c, a64_xw(c, rd), A64_V(rn), dbl, sf, uns, rm);
	return true;
}

static bool conv_fixed(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), dbl;
	unsigned rmode = a64_bits(i, 20, 19), opcode = a64_bits(i, 18, 16), scale = a64_bits(i, 15, 10);
	unsigned rd = a64_rd(i), rn = a64_rn(i);
	if (a64_bit(i, 29) || !ftype_ok(i, &dbl) || (!sf && scale < 32))
		return false;
	unsigned fbits = 64 - scale;
	if (rmode == 0 && (opcode == 2 || opcode == 3)) { /* SCVTF, UCVTF (fixed): exact scaling after */
		unsigned d = A64_V(rd);
		i2f(c, d, a64_xr(rn), dbl, sf, opcode & 1);
		unsigned k = a64_const(c, dbl ? (uint64_t)(1023 - fbits) << 52 : (uint64_t)(127 - fbits) << 23);
		fp_op(c, dbl ? IR_FMUL64 : IR_FMUL32, d, d, k, 0, IRM_DYN);
		finish(c, rd);
		return true;
	}
	if (rmode == 3 && opcode <= 1) { /* FCVTZS, FCVTZU (fixed) */
		unsigned desc = a64_const(c, fbits | (uint64_t)dbl << 8 | (uint64_t)sf << 9 | (uint64_t)(opcode & 1) << 10);
		ir_call(b, a64_helper_fcvtz_fixed, a64_xw(c, rd), A64_V(rn), desc, A64_ZERO);
		return true;
	}
	return false;
}

bool a64_fp(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	if (a64_bit(i, 24))
		return a64_bit(i, 31) || a64_bit(i, 29) ? false : dp3(c);
	if (!a64_bit(i, 21))
		return conv_fixed(c);
	if (a64_bits(i, 15, 10) == 0)
		return conv_int(c);
	if (a64_bit(i, 31) || a64_bit(i, 29))
		return false; /* M and S must be 0 */
	if (a64_bits(i, 14, 10) == 0x10)
		return dp1(c);
	if (a64_bits(i, 13, 10) == 0x8)
		return fcmp(c);
	if (a64_bits(i, 12, 10) == 0x4)
		return fmov_imm(c);
	switch (a64_bits(i, 11, 10)) {
	case 1: return fccmp(c);
	case 2: return dp2(c);
	case 3: return fcsel(c);
	default: return false;
	}
}
