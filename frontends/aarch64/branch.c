/* Branches (Arm ARM C4.1.85 "Branches, Exception Generating and System
 * instructions"): B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET.  The
 * exception, hint, barrier and system-register classes go to system.c.
 * The pointer-authenticating branches (BRAA, RETAA, ...) are SIGILL: PAC
 * is not advertised. */
#include "frontends/aarch64/a64.h"

static bool b_imm(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	uint64_t target = c->pc + (uint64_t)(a64_sext(a64_bits(i, 25, 0), 26) * 4);
	if (a64_bit(i, 31)) /* BL */
		ir_movi(c->b, A64_X(30), (int64_t)(c->pc + 4));
	ir_exit(c->b, target);
	c->end = true;
	return true;
}

static bool b_cond(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	if (a64_bit(i, 24) || a64_bit(i, 4)) /* o1, o0: BC.cond is FEAT_HBC */
		return false;
	uint64_t target = c->pc + (uint64_t)(a64_sext(a64_bits(i, 23, 5), 19) * 4);
	a64_brcond(c, a64_bits(i, 3, 0), target);
	if (!c->b->ended)
		ir_exit(c->b, c->pc + 4);
	c->end = true;
	return true;
}

static bool cbz(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool sf = a64_bit(i, 31), nz = a64_bit(i, 24);
	uint64_t target = c->pc + (uint64_t)(a64_sext(a64_bits(i, 23, 5), 19) * 4);
	unsigned t = a64_xr(a64_rd(i));
	if (!sf)
		t = a64_w(c, t);
	ir_brcc(c->b, nz ? IRC_NE : IRC_EQ, t, A64_ZERO, target);
	ir_exit(c->b, c->pc + 4);
	c->end = true;
	return true;
}

static bool tbz(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned bit = (a64_bit(i, 31) << 5) | a64_bits(i, 23, 19);
	uint64_t target = c->pc + (uint64_t)(a64_sext(a64_bits(i, 18, 5), 14) * 4);
	unsigned t = ir_temp(b);
	ir_emit(b, IR_SHRI, t, a64_xr(a64_rd(i)), 0, bit);
	ir_emit(b, IR_ANDI, t, t, 0, 1);
	ir_brcc(b, a64_bit(i, 24) ? IRC_NE : IRC_EQ, t, A64_ZERO, target);
	ir_exit(b, c->pc + 4);
	c->end = true;
	return true;
}

/* BR, BLR, RET: opc inst[24:21], op2 = 11111, op3 = 000000, op4 = 00000. */
static bool b_reg(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned opc = a64_bits(i, 24, 21);
	if (a64_bits(i, 20, 16) != 31 || a64_bits(i, 15, 10) != 0 || a64_bits(i, 4, 0) != 0)
		return false;
	if (opc > 2)
		return false; /* ERET, DRPS, and the authenticating forms */
	/* The target first: BLR X30 branches to the old X30. */
	unsigned t = ir_temp(b);
	ir_mov(b, t, a64_xr(a64_rn(i)));
	if (opc == 1)
		ir_movi(b, A64_X(30), (int64_t)(c->pc + 4));
	ir_exit_ind(b, t);
	c->end = true;
	return true;
}

bool a64_branch_sys(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op0 = a64_bits(i, 31, 29);
	switch (op0) {
	case 0: case 4: /* x00: B, BL */
		return b_imm(c);
	case 1: case 5: /* x01: CBZ/CBNZ (bit 25 = 0), TBZ/TBNZ (bit 25 = 1) */
		return a64_bit(i, 25) ? tbz(c) : cbz(c);
	case 2:
		return a64_bit(i, 25) ? false : b_cond(c);
	case 6:
		return a64_bit(i, 25) ? b_reg(c) : a64_system(c);
	default:
		return false;
	}
}
