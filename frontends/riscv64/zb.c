/* Zba, Zbb, Zbs: address generation, basic bit manipulation and single-bit
 * instructions (ISA manual vol. I, ch. "B" Extension for Bit Manipulation,
 * whose instruction pages give each encoding).  They live in OP, OP-32,
 * OP-IMM and OP-IMM-32 beside the base instructions; rvi.c sends here what
 * it does not own. */
#include "frontends/riscv64/rv.h"

static inline unsigned x(unsigned r) { return RV_X(r); }

/* A 32-bit op into a temp, then sign-extended into d: the pattern backends
 * fuse into one sign-extending op (docs/ir.md). */
static void emit_w(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned s, int64_t imm)
{
	unsigned t = ir_temp(b);
	ir_emit(b, op, t, a, s, imm);
	ir_emit(b, IR_SEXT32, d, t, 0, 0);
}

/* d = (zext32(a) if uw) << sh, + s. */
static void shadd(struct ir_block *b, unsigned d, unsigned a, unsigned s, unsigned sh, bool uw)
{
	unsigned t = ir_temp(b);
	if (uw) {
		ir_emit(b, IR_ZEXT32, t, a, 0, 0);
		if (sh)
			ir_emit(b, IR_SHLI, t, t, 0, sh);
	} else {
		ir_emit(b, IR_SHLI, t, a, 0, sh);
	}
	ir_emit(b, IR_ADD, d, t, s, 0);
}

/* bclr, bset, binv with the bit number in a register (mod 64). */
static void bit_reg(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned s)
{
	unsigned m = ir_temp(b);
	ir_movi(b, m, 1);
	ir_emit(b, IR_SHL, m, m, s, 0);
	ir_emit(b, op, d, a, m, 0);
}

/* OP (0x33) with funct7 other than 0, 1, 0x20 (and 0x20 for andn/orn/xnor). */
static bool op(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), f7 = rv_funct7(i), rd = rv_rd(i);
	unsigned d, a = x(rv_rs1(i)), s = x(rv_rs2(i));
	enum ir_op one; /* the single IR op, if it is one */

	switch (f7 << 3 | f3) {
	case 0x10 << 3 | 2: /* sh1add */
	case 0x10 << 3 | 4: /* sh2add */
	case 0x10 << 3 | 6: /* sh3add */
		if (rd)
			shadd(b, x(rd), a, s, f3 >> 1, false);
		return true;
	case 0x20 << 3 | 7: one = IR_ANDN; break;
	case 0x20 << 3 | 6: one = IR_ORN; break;
	case 0x20 << 3 | 4: one = IR_XNOR; break;
	case 0x05 << 3 | 4: one = IR_MIN; break;
	case 0x05 << 3 | 5: one = IR_MINU; break;
	case 0x05 << 3 | 6: one = IR_MAX; break;
	case 0x05 << 3 | 7: one = IR_MAXU; break;
	case 0x30 << 3 | 1: one = IR_ROL; break;
	case 0x30 << 3 | 5: one = IR_ROR; break;
	case 0x24 << 3 | 1: /* bclr */
	case 0x14 << 3 | 1: /* bset */
	case 0x34 << 3 | 1: /* binv */
		if (rd)
			bit_reg(b, f7 == 0x24 ? IR_ANDN : f7 == 0x14 ? IR_OR : IR_XOR, x(rd), a, s);
		return true;
	case 0x24 << 3 | 5: /* bext: (a >> (s mod 64)) & 1 */
		if (rd) {
			d = x(rd);
			unsigned t = ir_temp(b);
			ir_emit(b, IR_SHR, t, a, s, 0);
			ir_emit(b, IR_ANDI, d, t, 0, 1);
		}
		return true;
	default:
		return false;
	}
	if (rd)
		ir_emit(b, one, x(rd), a, s, 0);
	return true;
}

/* OP-32 (0x3b): add.uw, shNadd.uw, rolw, rorw, zext.h. */
static bool op_32(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), f7 = rv_funct7(i), rd = rv_rd(i);
	unsigned a = x(rv_rs1(i)), s = x(rv_rs2(i));

	switch (f7 << 3 | f3) {
	case 0x04 << 3 | 0: /* add.uw (zext.w when rs2 = x0) */
		if (rd)
			shadd(b, x(rd), a, s, 0, true);
		return true;
	case 0x10 << 3 | 2: /* sh1add.uw */
	case 0x10 << 3 | 4: /* sh2add.uw */
	case 0x10 << 3 | 6: /* sh3add.uw */
		if (rd)
			shadd(b, x(rd), a, s, f3 >> 1, true);
		return true;
	case 0x04 << 3 | 4: /* zext.h (the RV64 encoding is packw with rs2 = x0) */
		if (rv_rs2(i) != 0)
			return false;
		if (rd)
			ir_emit(b, IR_ZEXT16, x(rd), a, 0, 0);
		return true;
	case 0x30 << 3 | 1: /* rolw */
	case 0x30 << 3 | 5: /* rorw */
		if (rd) {
			emit_w(b, f3 == 1 ? IR_ROL32 : IR_ROR32, x(rd), a, s, 0);
		}
		return true;
	default:
		return false;
	}
}

/* OP-IMM (0x13), funct3 1 and 5, imm[11:6] != 0 except srai. */
static bool op_imm(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), rd = rv_rd(i), a = x(rv_rs1(i));
	unsigned funct6 = i >> 26, sh = (i >> 20) & 63, funct12 = i >> 20;
	enum ir_op op;
	int64_t imm = 0;

	if (f3 == 1) {
		switch (funct6) {
		case 0x12: op = IR_ANDI; imm = (int64_t)~(1ULL << sh); break; /* bclri */
		case 0x0a: op = IR_ORI; imm = (int64_t)(1ULL << sh); break;     /* bseti */
		case 0x1a: op = IR_XORI; imm = (int64_t)(1ULL << sh); break;    /* binvi */
		default:
			switch (funct12) {
			case 0x600: op = IR_CLZ; break;
			case 0x601: op = IR_CTZ; break;
			case 0x602: op = IR_CPOP; break;
			case 0x604: op = IR_SEXT8; break;  /* sext.b */
			case 0x605: op = IR_SEXT16; break; /* sext.h */
			default: return false;
			}
		}
	} else { /* f3 == 5 */
		switch (funct6) {
		case 0x18: op = IR_RORI; imm = sh; break; /* rori */
		case 0x12:                                 /* bexti */
			if (rd) {
				unsigned t = ir_temp(b);
				ir_emit(b, IR_SHRI, t, a, 0, sh);
				ir_emit(b, IR_ANDI, x(rd), t, 0, 1);
			}
			return true;
		default:
			switch (funct12) {
			case 0x287: op = IR_ORCB; break;  /* orc.b */
			case 0x6b8: op = IR_BSWAP; break; /* rev8 (RV64 encoding) */
			default: return false;
			}
		}
	}
	if (rd)
		ir_emit(b, op, x(rd), a, 0, imm);
	return true;
}

/* OP-IMM-32 (0x1b): slli.uw, clzw, ctzw, cpopw, roriw. */
static bool op_imm_32(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), rd = rv_rd(i), a = x(rv_rs1(i));
	unsigned funct12 = i >> 20;

	if (f3 == 1 && i >> 26 == 0x02) { /* slli.uw: 6-bit shamt */
		if (rd) {
			ir_emit(b, IR_ZEXT32, x(rd), a, 0, 0);
			ir_emit(b, IR_SHLI, x(rd), x(rd), 0, (i >> 20) & 63);
		}
		return true;
	}
	if (f3 == 1) {
		enum ir_op op;
		switch (funct12) {
		case 0x600: op = IR_CLZ32; break;
		case 0x601: op = IR_CTZ32; break;
		case 0x602: op = IR_CPOP32; break;
		default: return false;
		}
		/* Results are 0..32: zero- and sign-extension agree. */
		if (rd)
			ir_emit(b, op, x(rd), a, 0, 0);
		return true;
	}
	if (f3 == 5 && rv_funct7(i) == 0x30) { /* roriw: 5-bit shamt */
		if (rd) {
			emit_w(b, IR_RORI32, x(rd), a, 0, rv_rs2(i));
		}
		return true;
	}
	return false;
}

/* Which of the three extensions an encoding belongs to, for --cpu. */
static const char *ext_of(uint32_t i)
{
	unsigned major = i & 0x7f, f3 = rv_funct3(i), f7 = rv_funct7(i), funct6 = i >> 26;
	switch (major) {
	case 0x33:
		if (f7 == 0x10)
			return "zba";
		if ((f7 == 0x24 || f7 == 0x14 || f7 == 0x34) && f3 == 1)
			return "zbs";
		if (f7 == 0x24 && f3 == 5)
			return "zbs";
		return "zbb";
	case 0x3b:
		return f7 == 0x10 || (f7 == 0x04 && f3 == 0) ? "zba" : "zbb";
	case 0x13:
		if ((f3 == 1 && (funct6 == 0x12 || funct6 == 0x0a || funct6 == 0x1a)) || (f3 == 5 && funct6 == 0x12))
			return "zbs";
		return "zbb";
	default: /* 0x1b */
		return f3 == 1 && funct6 == 0x02 ? "zba" : "zbb";
	}
}

bool rv_translate_zb(struct rv_ctx *c)
{
	if (!rv_ext_enabled(ext_of(c->insn)))
		return false;
	switch (c->insn & 0x7f) {
	case 0x33: return op(c);
	case 0x3b: return op_32(c);
	case 0x13: return op_imm(c);
	case 0x1b: return op_imm_32(c);
	default: return false;
	}
}
