/* A: atomic memory operations (ISA manual vol. I, ch. "A" Standard Extension
 * for Atomic Instructions).  The IR atomics are sequentially consistent, which
 * satisfies every combination of the aq/rl bits, so those are ignored.  A
 * misaligned address raises SIGBUS in the IR op, as Linux does. */
#include "frontends/riscv64/rv.h"

/* funct5 (inst[31:27]) of the AMO opcode. */
enum {
	AMO_ADD = 0x00, AMO_SWAP = 0x01, AMO_LR = 0x02, AMO_SC = 0x03, AMO_XOR = 0x04, AMO_OR = 0x08,
	AMO_AND = 0x0c, AMO_MIN = 0x10, AMO_MAX = 0x14, AMO_MINU = 0x18, AMO_MAXU = 0x1c,
};

static int fetch_op(unsigned funct5)
{
	switch (funct5) {
	case AMO_ADD: return IRA_ADD;
	case AMO_SWAP: return IRA_SWAP;
	case AMO_XOR: return IRA_XOR;
	case AMO_OR: return IRA_OR;
	case AMO_AND: return IRA_AND;
	case AMO_MIN: return IRA_MIN;
	case AMO_MAX: return IRA_MAX;
	case AMO_MINU: return IRA_MINU;
	case AMO_MAXU: return IRA_MAXU;
	default: return -1;
	}
}

bool rv_translate_a(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), funct5 = i >> 27;
	unsigned addr = RV_X(rv_rs1(i)), src = RV_X(rv_rs2(i));
	bool w = f3 == 2;

	if (f3 != 2 && f3 != 3)
		return false;
	/* Even with rd = x0 the access happens: results go to a temp. */
	unsigned d = rv_dst(c, rv_rd(i));
	switch (funct5) {
	case AMO_LR:
		if (rv_rs2(i) != 0)
			return false;
		ir_emit(b, w ? IR_LR32 : IR_LR64, d, addr, 0, 0);
		break;
	case AMO_SC: /* d = 0 on success, 1 on failure */
		ir_emit(b, w ? IR_SC32 : IR_SC64, d, addr, src, 0);
		return true;
	default: {
		int op = fetch_op(funct5);
		if (op < 0)
			return false;
		ir_emit4(b, w ? IR_ATOMIC32 : IR_ATOMIC64, d, addr, src, (unsigned)op, 0);
		break;
	}
	}
	/* The 32-bit forms sign-extend the loaded word into rd, which is what
	 * the IR's 32-bit atomics and LR32 produce (core/ir_ops.def). */
	return true;
}
