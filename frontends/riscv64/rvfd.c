/* The F and D extensions on RV64: single- and double-precision loads,
 * stores, arithmetic, conversions, moves, compares and fclass (ISA manual
 * vol. I, ch. "F" and "D" Standard Extensions).
 *
 * f registers are 64-bit slots; a single lives NaN-boxed in the low half
 * (vol. I, "NaN Boxing of Narrower Values").  The IR's FP ops with
 * IRFM_RISCV read unboxed operands as the canonical NaN and box their
 * results; the bit-level instructions here (fsgnj*.s) do the same by hand,
 * while the moves (fmv.x.w, fsw) pass the bits through untouched. */
#include "core/fpu.h"
#include "core/vcpu.h"
#include "frontends/riscv64/rv.h"

static inline unsigned x(unsigned r) { return RV_X(r); }
static inline unsigned f(unsigned r) { return RV_F(r); }

#define SIGN_S 0x80000000ll
#define SIGN_D INT64_MIN

/* The rm field: 5 and 6 are reserved, 7 is the dynamic mode (vol. I,
 * "Rounding mode encoding").  Returns -1 for a reserved value, and for the
 * dynamic mode while frm holds a reserved value (translations follow frm:
 * see frm_written in zicsr.c). */
static int rm_field(const struct rv_ctx *c)
{
	unsigned rm = rv_funct3(c->insn);
	if (rm == 7 && c->cpu && c->cpu->slot[RV_FRM] > 4)
		return -1;
	return rm == 5 || rm == 6 ? -1 : (int)rm;
}

static struct ir_insn *fp(struct rv_ctx *c, enum ir_op op, unsigned d, unsigned a, unsigned b, unsigned cc,
			  enum ir_rm rm)
{
	return ir_emit_fp(c->b, op, d, a, b, cc, rm, IRFM_RISCV);
}

/* ---- fclass (vol. I, "Single-Precision Floating-Point Classify Instruction") ---- */

static uint64_t classify(bool neg, bool exp_ones, bool exp_zero, bool frac_zero, bool quiet)
{
	if (exp_ones)
		return frac_zero ? (neg ? 1u << 0 : 1u << 7) : (quiet ? 1u << 9 : 1u << 8);
	if (exp_zero)
		return frac_zero ? (neg ? 1u << 3 : 1u << 4) : (neg ? 1u << 2 : 1u << 5);
	return neg ? 1u << 1 : 1u << 6;
}

static uint64_t fclass_s(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c)
{
	uint32_t v = a >> 32 == 0xffffffffu ? (uint32_t)a : FPU_CNAN32; /* unboxed: the canonical NaN */
	uint32_t e = v & 0x7f800000u, m = v & 0x7fffffu;
	return classify(v >> 31, e == 0x7f800000u, e == 0, m == 0, v & 0x400000u);
}

static uint64_t fclass_d(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t e = a & 0x7ff0000000000000ull, m = a & 0x000fffffffffffffull;
	return classify(a >> 63, e == 0x7ff0000000000000ull, e == 0, m == 0, a & 0x0008000000000000ull);
}

/* ---- loads and stores ---- */

static bool load_fp(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	unsigned rd = f(rv_rd(i)), base = x(rv_rs1(i));
	switch (rv_funct3(i)) {
	case 2: /* flw: boxed on the way in; a faulting load leaves rd alone */
		ir_emit(c->b, IR_LD32U, rd, base, 0, rv_imm_i(i));
		ir_emit(c->b, IR_ORI, rd, rd, 0, (int64_t)FPU_BOX);
		return true;
	case 3: /* fld */
		ir_emit(c->b, IR_LD64, rd, base, 0, rv_imm_i(i));
		return true;
	default: /* flh, flq, vector loads */
		return false;
	}
}

static bool store_fp(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	unsigned base = x(rv_rs1(i)), val = f(rv_rs2(i));
	switch (rv_funct3(i)) {
	case 2: ir_emit(c->b, IR_ST32, 0, base, val, rv_imm_s(i)); return true; /* fsw: the low bits, as is */
	case 3: ir_emit(c->b, IR_ST64, 0, base, val, rv_imm_s(i)); return true;
	default: return false;
	}
}

/* ---- fused multiply-add: fmadd, fmsub, fnmsub, fnmadd (.s/.d) ---- */

static bool fused(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	unsigned fmt = (i >> 25) & 3;
	int rm = rm_field(c);
	if (fmt > 1 || rm < 0)
		return false;
	/* imm bit 0 negates the product, bit 1 the addend:
	 * fmadd a*b+c, fmsub a*b-c, fnmsub -(a*b)+c, fnmadd -(a*b)-c */
	static const int8_t neg[4] = {0, 2, 1, 3};
	struct ir_insn *op = fp(c, fmt ? IR_FMA64 : IR_FMA32, f(rv_rd(i)), f(rv_rs1(i)), f(rv_rs2(i)), f(rv_rs3(i)),
				(enum ir_rm)rm);
	op->imm = neg[((i & 0x7f) - 0x43) >> 2];
	return true;
}

/* ---- sign injection ---- */

/* A single as the F extension reads it: the slot itself if NaN-boxed, else
 * the canonical NaN, boxed.  The result is a boxed value in a temp. */
static unsigned unboxed(struct rv_ctx *c, unsigned s)
{
	struct ir_block *b = c->b;
	unsigned hi = ir_temp(b), ok = ir_temp(b), nan = ir_temp(b), d = ir_temp(b);
	ir_emit(b, IR_SHRI, hi, s, 0, 32);
	ir_emit4(b, IR_SETCCI, ok, hi, 0, IRC_EQ, 0xffffffffll);
	ir_movi(b, nan, (int64_t)(FPU_BOX | FPU_CNAN32));
	ir_emit4(b, IR_SELECT, d, s, nan, ok, 0);
	return d;
}

/* fsgnj / fsgnjn / fsgnjx: rs1's magnitude with rs2's sign, its inverse, or
 * the xor of both signs.  For singles the magnitude mask keeps the box. */
static bool sign_inject(struct rv_ctx *c, bool dbl)
{
	struct ir_block *b = c->b;
	uint32_t i = c->insn;
	unsigned kind = rv_funct3(i), rd = f(rv_rd(i));
	int64_t sign = dbl ? SIGN_D : SIGN_S;
	if (kind > 2)
		return false;
	unsigned a = f(rv_rs1(i)), s = f(rv_rs2(i));
	bool same = a == s; /* fmv, fneg, fabs */
	if (!dbl) {
		a = unboxed(c, a);
		s = same ? a : unboxed(c, s);
	}
	if (same) {
		switch (kind) {
		case 0: ir_mov(b, rd, a); break;
		case 1: ir_emit(b, IR_XORI, rd, a, 0, sign); break;
		default: ir_emit(b, IR_ANDI, rd, a, 0, ~sign); break;
		}
		return true;
	}
	unsigned mag = ir_temp(b), sg = ir_temp(b);
	switch (kind) {
	case 0:
		ir_emit(b, IR_ANDI, mag, a, 0, ~sign);
		ir_emit(b, IR_ANDI, sg, s, 0, sign);
		ir_emit(b, IR_OR, rd, mag, sg, 0);
		break;
	case 1:
		ir_emit(b, IR_ANDI, mag, a, 0, ~sign);
		ir_emit(b, IR_XORI, sg, s, 0, sign);
		ir_emit(b, IR_ANDI, sg, sg, 0, sign);
		ir_emit(b, IR_OR, rd, mag, sg, 0);
		break;
	default:
		ir_emit(b, IR_ANDI, sg, s, 0, sign);
		ir_emit(b, IR_XOR, rd, a, sg, 0);
		break;
	}
	return true;
}

/* ---- OP-FP ---- */

/* fcvt.{w,wu,l,lu}.{s,d} and back, indexed by [dbl][rs2]. */
static const enum ir_op to_int[2][4] = {
	{IR_CVT_F32_S32, IR_CVT_F32_U32, IR_CVT_F32_S64, IR_CVT_F32_U64},
	{IR_CVT_F64_S32, IR_CVT_F64_U32, IR_CVT_F64_S64, IR_CVT_F64_U64},
};
static const enum ir_op from_int[2][4] = {
	{IR_CVT_S32_F32, IR_CVT_U32_F32, IR_CVT_S64_F32, IR_CVT_U64_F32},
	{IR_CVT_S32_F64, IR_CVT_U32_F64, IR_CVT_S64_F64, IR_CVT_U64_F64},
};

static bool op_fp(struct rv_ctx *c)
{
	struct ir_block *b = c->b;
	uint32_t i = c->insn;
	unsigned funct5 = rv_funct7(i) >> 2, fmt = rv_funct7(i) & 3, f3 = rv_funct3(i);
	unsigned rd = rv_rd(i), rs1 = rv_rs1(i), rs2 = rv_rs2(i);
	bool dbl = fmt == 1;
	int rm = rm_field(c);
	if (fmt > 1) /* Zfh, Q */
		return false;

	switch (funct5) {
	case 0x00: case 0x01: case 0x02: case 0x03: { /* fadd, fsub, fmul, fdiv */
		static const enum ir_op ops[2][4] = {
			{IR_FADD32, IR_FSUB32, IR_FMUL32, IR_FDIV32},
			{IR_FADD64, IR_FSUB64, IR_FMUL64, IR_FDIV64},
		};
		if (rm < 0)
			return false;
		fp(c, ops[dbl][funct5], f(rd), f(rs1), f(rs2), 0, (enum ir_rm)rm);
		return true;
	}
	case 0x0b: /* fsqrt */
		if (rm < 0 || rs2 != 0)
			return false;
		fp(c, dbl ? IR_FSQRT64 : IR_FSQRT32, f(rd), f(rs1), 0, 0, (enum ir_rm)rm);
		return true;
	case 0x04: /* fsgnj, fsgnjn, fsgnjx */
		return sign_inject(c, dbl);
	case 0x05: /* fmin, fmax */
		if (f3 > 1)
			return false;
		fp(c, f3 ? (dbl ? IR_FMAX64 : IR_FMAX32) : (dbl ? IR_FMIN64 : IR_FMIN32), f(rd), f(rs1), f(rs2), 0,
		   IRM_DYN);
		return true;
	case 0x08: /* fcvt.s.d (fmt S, rs2 = D) and fcvt.d.s (fmt D, rs2 = S) */
		if (rm < 0 || rs2 != (dbl ? 0u : 1u))
			return false;
		fp(c, dbl ? IR_CVT_F32_F64 : IR_CVT_F64_F32, f(rd), f(rs1), 0, 0, (enum ir_rm)rm);
		return true;
	case 0x14: { /* fle, flt, feq */
		static const enum ir_op ops[2][3] = {
			{IR_FLE32, IR_FLT32, IR_FEQ32},
			{IR_FLE64, IR_FLT64, IR_FEQ64},
		};
		if (f3 > 2)
			return false;
		fp(c, ops[dbl][f3], rv_dst(c, rd), f(rs1), f(rs2), 0, IRM_DYN);
		return true;
	}
	case 0x18: /* fcvt.{w,wu,l,lu}.fmt: 32-bit results sign-extended by the op */
		if (rm < 0 || rs2 > 3)
			return false;
		fp(c, to_int[dbl][rs2], rv_dst(c, rd), f(rs1), 0, 0, (enum ir_rm)rm);
		return true;
	case 0x1a: /* fcvt.fmt.{w,wu,l,lu} */
		if (rm < 0 || rs2 > 3)
			return false;
		fp(c, from_int[dbl][rs2], f(rd), x(rs1), 0, 0, (enum ir_rm)rm);
		return true;
	case 0x1c: /* fmv.x.w / fmv.x.d (funct3 0), fclass (funct3 1) */
		if (rs2 != 0 || f3 > 1)
			return false;
		if (f3 == 1)
			ir_call(b, dbl ? fclass_d : fclass_s, rv_dst(c, rd), f(rs1), 0, 0);
		else if (dbl)
			ir_mov(b, rv_dst(c, rd), f(rs1));
		else /* the low 32 bits, sign-extended, boxed or not */
			ir_emit(b, IR_SEXT32, rv_dst(c, rd), f(rs1), 0, 0);
		return true;
	case 0x1e: /* fmv.w.x (boxes) / fmv.d.x */
		if (rs2 != 0 || f3 != 0)
			return false;
		if (dbl)
			ir_mov(b, f(rd), x(rs1));
		else
			ir_emit(b, IR_ORI, f(rd), x(rs1), 0, (int64_t)FPU_BOX);
		return true;
	default:
		return false;
	}
}

bool rv_translate_fd(struct rv_ctx *c)
{
	switch (c->insn & 0x7f) {
	case 0x07: return load_fp(c);
	case 0x27: return store_fp(c);
	case 0x43: case 0x47: case 0x4b: case 0x4f: return fused(c);
	case 0x53: return op_fp(c);
	default: return false;
	}
}
