/* NZCV: four 0/1 slots, computed with ordinary ops from a result and its
 * operands (Arm ARM J1 "AddWithCarry"), and the condition codes read from
 * them (J1 "ConditionHolds"; C1.2.4 "Condition code"). */
#include "frontends/aarch64/a64.h"

/* N and Z of r; r is zero-extended when !sf. */
static void nz(struct a64_ctx *c, unsigned r, bool sf)
{
	struct ir_block *b = c->b;
	ir_emit(b, IR_SHRI, A64_NF, r, 0, sf ? 63 : 31);
	if (!sf)
		ir_emit(b, IR_ANDI, A64_NF, A64_NF, 0, 1);
	ir_emit4(b, IR_SETCCI, A64_ZF, r, 0, IRC_EQ, 0);
}

void a64_flags_nz(struct a64_ctx *c, unsigned r, bool sf)
{
	unsigned t = r;
	if (!sf)
		t = a64_w(c, r);
	nz(c, t, sf);
	ir_movi(c->b, A64_CF, 0);
	ir_movi(c->b, A64_VF, 0);
}

/* V = sign bit of (a ^ r) & (b ^ r) for an add, (a ^ b) & (a ^ r) for a
 * subtract: the operands agree in sign and the result does not. */
static void overflow(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf, bool sub)
{
	struct ir_block *bl = c->b;
	unsigned t1 = ir_temp(bl), t2 = ir_temp(bl);
	ir_emit(bl, IR_XOR, t1, a, r, 0);
	ir_emit(bl, IR_XOR, t2, sub ? a : b, sub ? b : r, 0);
	ir_emit(bl, IR_AND, t1, t1, t2, 0);
	ir_emit(bl, IR_SHRI, A64_VF, t1, 0, sf ? 63 : 31);
	if (!sf)
		ir_emit(bl, IR_ANDI, A64_VF, A64_VF, 0, 1);
}

/* r = a + b has been computed (r zero-extended when !sf); r, a and b must
 * be distinct from the flag slots. */
void a64_flags_add(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf)
{
	struct ir_block *bl = c->b;
	if (sf) {
		ir_emit4(bl, IR_SETCC, A64_CF, r, a, IRC_LTU, 0);
	} else {
		/* The 33-bit sum of the zero-extended operands carries into bit 32. */
		unsigned wa = a64_w(c, a), wb = a64_w(c, b);
		ir_emit(bl, IR_ADD, wa, wa, wb, 0);
		ir_emit(bl, IR_SHRI, A64_CF, wa, 0, 32);
	}
	overflow(c, r, a, b, sf, false);
	nz(c, r, sf);
}

void a64_flags_sub(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf)
{
	struct ir_block *bl = c->b;
	/* C is NOT borrow: a >= b unsigned. */
	if (sf) {
		ir_emit4(bl, IR_SETCC, A64_CF, a, b, IRC_GEU, 0);
	} else {
		unsigned wa = a64_w(c, a), wb = a64_w(c, b);
		ir_emit4(bl, IR_SETCC, A64_CF, wa, wb, IRC_GEU, 0);
	}
	overflow(c, r, a, b, sf, true);
	nz(c, r, sf);
}

void a64_adc(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf, bool set_flags)
{
	struct ir_block *bl = c->b;
	unsigned t = ir_temp(bl);
	if (!set_flags) {
		ir_emit(bl, sf ? IR_ADD : IR_ADD32, t, a, b, 0);
		ir_emit(bl, sf ? IR_ADD : IR_ADD32, r, t, A64_CF, 0);
		return;
	}
	if (sf) {
		/* carry = (a + b < a) | (a + b + C < a + b) */
		unsigned c1 = ir_temp(bl), c2 = ir_temp(bl), res = ir_temp(bl);
		ir_emit(bl, IR_ADD, t, a, b, 0);
		ir_emit4(bl, IR_SETCC, c1, t, a, IRC_LTU, 0);
		ir_emit(bl, IR_ADD, res, t, A64_CF, 0);
		ir_emit4(bl, IR_SETCC, c2, res, t, IRC_LTU, 0);
		overflow(c, res, a, b, true, false);
		ir_emit(bl, IR_OR, A64_CF, c1, c2, 0);
		nz(c, res, true);
		ir_mov(bl, r, res);
	} else {
		unsigned wa = a64_w(c, a), wb = a64_w(c, b), res = ir_temp(bl);
		ir_emit(bl, IR_ADD, t, wa, wb, 0);
		ir_emit(bl, IR_ADD, t, t, A64_CF, 0);
		ir_emit(bl, IR_ZEXT32, res, t, 0, 0);
		overflow(c, res, wa, wb, false, false);
		ir_emit(bl, IR_SHRI, A64_CF, t, 0, 32);
		nz(c, res, false);
		ir_mov(bl, r, res);
	}
}

void a64_flags_set_imm(struct a64_ctx *c, unsigned nzcv)
{
	ir_movi(c->b, A64_NF, (nzcv >> 3) & 1);
	ir_movi(c->b, A64_ZF, (nzcv >> 2) & 1);
	ir_movi(c->b, A64_CF, (nzcv >> 1) & 1);
	ir_movi(c->b, A64_VF, nzcv & 1);
}

/* cond[3:1] picks the test, cond[0] inverts it, except that 1111 (NV) is
 * "always" like 1110 (AL). */
unsigned a64_cond(struct a64_ctx *c, unsigned cond)
{
	struct ir_block *b = c->b;
	unsigned t = ir_temp(b), base;
	switch (cond >> 1) {
	case 0: base = A64_ZF; break;             /* EQ */
	case 1: base = A64_CF; break;             /* CS */
	case 2: base = A64_NF; break;             /* MI */
	case 3: base = A64_VF; break;             /* VS */
	case 4: /* HI: C == 1 && Z == 0 */
		ir_emit4(b, IR_SETCC, t, A64_CF, A64_ZF, IRC_GTU, 0);
		base = t;
		break;
	case 5: /* GE: N == V */
		ir_emit4(b, IR_SETCC, t, A64_NF, A64_VF, IRC_EQ, 0);
		base = t;
		break;
	case 6: /* GT: Z == 0 && N == V */
		ir_emit(b, IR_XOR, t, A64_NF, A64_VF, 0);
		ir_emit(b, IR_OR, t, t, A64_ZF, 0);
		ir_emit4(b, IR_SETCCI, t, t, 0, IRC_EQ, 0);
		base = t;
		break;
	default: /* AL, NV */
		ir_movi(b, t, 1);
		return t;
	}
	if (!(cond & 1))
		return base;
	ir_emit(b, IR_XORI, t, base, 0, 1);
	return t;
}

void a64_brcond(struct a64_ctx *c, unsigned cond, uint64_t target)
{
	struct ir_block *b = c->b;
	bool inv = cond & 1;
	switch (cond >> 1) {
	case 0: ir_brcc(b, inv ? IRC_EQ : IRC_NE, A64_ZF, A64_ZERO, target); break;
	case 1: ir_brcc(b, inv ? IRC_EQ : IRC_NE, A64_CF, A64_ZERO, target); break;
	case 2: ir_brcc(b, inv ? IRC_EQ : IRC_NE, A64_NF, A64_ZERO, target); break;
	case 3: ir_brcc(b, inv ? IRC_EQ : IRC_NE, A64_VF, A64_ZERO, target); break;
	case 4: ir_brcc(b, inv ? IRC_LEU : IRC_GTU, A64_CF, A64_ZF, target); break;
	case 5: ir_brcc(b, inv ? IRC_NE : IRC_EQ, A64_NF, A64_VF, target); break;
	case 6: {
		unsigned t = ir_temp(b);
		ir_emit(b, IR_XOR, t, A64_NF, A64_VF, 0);
		ir_emit(b, IR_OR, t, t, A64_ZF, 0);
		ir_brcc(b, inv ? IRC_NE : IRC_EQ, t, A64_ZERO, target);
		break;
	}
	default: ir_exit(b, target); break;
	}
}
