/* M: multiplication and division (ISA manual vol. I, ch. "M" Standard
 * Extension).  The IR's division is total (x/0 = 0, remainder x; MIN/-1 =
 * MIN, remainder 0); RISC-V differs only in the quotient of a division by
 * zero, which is all ones (table "Semantics for division by zero and
 * division overflow"), so div/divu select -1 when the divisor is zero.
 * The remainders already match. */
#include "frontends/riscv64/rv.h"

/* A 32-bit op into a temp, then sign-extended into d: the pattern backends
 * fuse into one sign-extending op (docs/ir.md). */
static void emit_w(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned s, int64_t imm)
{
	unsigned t = ir_temp(b);
	ir_emit(b, op, t, a, s, imm);
	ir_emit(b, IR_SEXT32, d, t, 0, 0);
}

/* d = (divisor == 0) ? -1 : q.  zero_test is the slot compared with 0. */
static void quotient_or_ones(struct ir_block *b, unsigned d, unsigned q, unsigned zero_test)
{
	unsigned z = ir_temp(b), ones = ir_temp(b);
	ir_emit4(b, IR_SETCCI, z, zero_test, 0, IRC_EQ, 0);
	ir_movi(b, ones, -1);
	ir_emit4(b, IR_SELECT, d, ones, q, z, 0);
}

static bool op_64(struct rv_ctx *c)
{
	static const uint16_t ops[8] = {IR_MUL, IR_MULH, IR_MULHSU, IR_MULHU, IR_DIV, IR_DIVU, IR_REM, IR_REMU};
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), rd = rv_rd(i), a = RV_X(rv_rs1(i)), s = RV_X(rv_rs2(i));

	if (!rd) /* no side effects: division never traps on RISC-V */
		return true;
	if (f3 == 4 || f3 == 5) {
		unsigned q = ir_temp(b);
		ir_emit(b, ops[f3], q, a, s, 0);
		quotient_or_ones(b, RV_X(rd), q, s);
	} else {
		ir_emit(b, ops[f3], RV_X(rd), a, s, 0);
	}
	return true;
}

/* The W forms work on the low 32 bits and sign-extend the 32-bit result. */
static bool op_32(struct rv_ctx *c)
{
	static const uint16_t ops[8] = {IR_MUL32, 0, 0, 0, IR_DIV32, IR_DIVU32, IR_REM32, IR_REMU32};
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), rd = rv_rd(i), a = RV_X(rv_rs1(i)), s = RV_X(rv_rs2(i));

	if (!ops[f3])
		return false;
	if (!rd)
		return true;
	unsigned d = RV_X(rd);
	if (f3 == 4 || f3 == 5) {
		/* divw/divuw by zero: all ones in 32 bits, -1 once extended.
		 * The divisor is zero when its low 32 bits are. */
		unsigned lo = ir_temp(b), q = ir_temp(b);
		ir_emit(b, IR_ZEXT32, lo, s, 0, 0);
		emit_w(b, ops[f3], q, a, s, 0);
		quotient_or_ones(b, d, q, lo);
		return true;
	}
	emit_w(b, ops[f3], d, a, s, 0);
	return true;
}

bool rv_translate_m(struct rv_ctx *c)
{
	switch (c->insn & 0x7f) {
	case 0x33: return op_64(c);
	case 0x3b: return op_32(c);
	default: return false;
	}
}
