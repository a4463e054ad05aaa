/* The AArch64 block loop: fetch, dispatch on op0 (inst[28:25], Arm ARM C4.1
 * "A64 instruction set encoding"), stop at a control transfer, a page
 * boundary or a size limit. */
#include <signal.h>
#include <string.h>

#include "core/mem.h"
#include "frontends/aarch64/a64.h"

/* Long enough to amortise the block exit, short enough to keep the
 * translation of rarely-run code cheap. */
#define A64_BLOCK_INSNS 64

unsigned a64_const(struct a64_ctx *c, uint64_t v)
{
	unsigned t = ir_temp(c->b);
	ir_movi(c->b, t, (int64_t)v);
	return t;
}

unsigned a64_w(struct a64_ctx *c, unsigned s)
{
	unsigned t = ir_temp(c->b);
	ir_emit(c->b, IR_ZEXT32, t, s, 0, 0);
	return t;
}

unsigned a64_temp2(struct a64_ctx *c)
{
	unsigned t = ir_temp(c->b);
	ir_temp(c->b);
	return t;
}

static bool dispatch(struct a64_ctx *c)
{
	uint32_t op0 = a64_bits(c->insn, 28, 25);
	switch (op0) {
	case 0x8: case 0x9: /* 100x */
		return a64_dp_imm(c);
	case 0xa: case 0xb: /* 101x */
		return a64_branch_sys(c);
	case 0x4: case 0x6: case 0xc: case 0xe: /* x1x0 */
		return a64_ldst(c);
	case 0x5: case 0xd: /* x101 */
		return a64_dp_reg(c);
	case 0x7: case 0xf: /* x111 */
		return a64_simd(c);
	default:
		/* 0000 reserved (UDF), 0001 and 0011 unallocated, 0010 SVE */
		return false;
	}
}

/* Decodes c->insn into c->b; on refusal drops whatever was emitted and
 * raises SIGILL at the instruction. */
static void translate_one(struct a64_ctx *c)
{
	uint32_t mark = c->b->n;
	uint16_t temps = c->b->next_temp;
	unsigned fk = c->fk;
	if (!dispatch(c)) {
		c->b->n = mark;
		c->b->next_temp = temps;
		c->fk = fk;
		c->b->ended = false;
		ir_exit_trap(c->b, c->pc, SIGILL, ILL_ILLOPC);
		c->end = true;
	}
}

bool a64_decodes(uint32_t insn)
{
	struct ir_block b;
	ir_block_init(&b, 0x10000);
	struct a64_ctx c = {.cpu = NULL, .b = &b, .pc = 0x10000, .insn = insn, .fk = A64_FK_UNKNOWN};
	ir_insn_start(&b, c.pc);
	bool ok = dispatch(&c);
	ir_block_free(&b);
	return ok;
}

void a64_translate(struct vcpu *cpu, struct ir_block *b)
{
	uint32_t code[A64_BLOCK_INSNS];
	struct a64_ctx c = {.cpu = cpu, .b = b, .fk = A64_FK_UNKNOWN};
	uint64_t pc = b->pc;

	/* A misaligned pc (a branch to a register holding one) is a PC
	 * alignment fault: SIGBUS, BUS_ADRALN at that pc (arm64 do_sp_pc_abort). */
	if (pc & 3) {
		ir_insn_start(b, pc);
		ir_exit_trap(b, pc, SIGBUS, BUS_ADRALN);
		ir_insn_end(b, pc);
		return;
	}
	/* The rest of the page, up to the block limit, in one fetch; falls back
	 * to a single instruction when part of it is not executable. */
	uint64_t page_end = PAGE_DOWN(pc) + GUEST_PAGE_SIZE;
	unsigned n = (unsigned)((page_end - pc) / 4);
	if (n > A64_BLOCK_INSNS)
		n = A64_BLOCK_INSNS;
	int fault = mem_fetch(pc, code, n * 4);
	if (fault) {
		n = 1;
		fault = mem_fetch(pc, code, 4);
	}
	if (fault) {
		ir_insn_start(b, pc);
		ir_exit_trap(b, pc, SIGSEGV, fault);
		ir_insn_end(b, pc + 4);
		return;
	}
	for (unsigned k = 0; k < n; k++) {
		ir_insn_start(b, pc);
		c.pc = pc;
		c.insn = code[k];
		c.end = false;
		translate_one(&c);
		pc += 4;
		ir_insn_end(b, pc);
		if (c.end || b->ended)
			return;
	}
	ir_exit(b, pc);
}
