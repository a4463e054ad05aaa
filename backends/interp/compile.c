/* Turns an IR block into struct iop arrays for the interpreter. */
#include <time.h>

#include "backends/interp/interp.h"
#include "core/tcache.h"
#include "core/vcpu.h"

int interp_compile(const struct ir_block *ir, struct tblock *tb, const void *const *labels)
{
	uint32_t nops = 0, nmark = 0;
	for (uint32_t k = 0; k < ir->n; k++) {
		if (ir->ops[k].op == IR_INSN_START)
			nmark++;
		else if (ir->ops[k].op != IR_NOP)
			nops++;
	}
	struct iop *code = tcache_alloc(nops * sizeof(struct iop));
	uint64_t *ipc = tcache_alloc((nmark ? nmark : 1) * sizeof(uint64_t));
	uint32_t *iop_idx = tcache_alloc((nmark ? nmark : 1) * sizeof(uint32_t));
	if (!code || !ipc || !iop_idx)
		return -1;
	uint32_t o = 0, m = 0;
	for (uint32_t k = 0; k < ir->n; k++) {
		const struct ir_insn *i = &ir->ops[k];
		if (i->op == IR_INSN_START) {
			ipc[m] = (uint64_t)i->imm;
			iop_idx[m++] = o;
			continue;
		}
		if (i->op == IR_NOP)
			continue;
		unsigned k_op = i->op == IR_BRCC ? IOP_BR_EQ + i->c : i->op;
		code[o++] = (struct iop){.h = labels ? labels[k_op] : (const void *)(uintptr_t)k_op,
					 .d = i->d, .a = i->a, .b = i->b, .c = i->c,
					 .rm = i->rm, .fmode = i->fmode, .imm = i->imm};
		if (i->op == IR_BRCC)
			tb->chain_pc[0] = (uint64_t)i->imm;
		else if (i->op == IR_EXIT)
			tb->chain_pc[1] = (uint64_t)i->imm;
	}
	tb->code = code;
	tb->nops = nops;
	tb->insn_pc = ipc;
	tb->insn_op = iop_idx;
	tb->ninsns_marked = nmark;
	return 0;
}

/* The guest pc of the instruction whose op last touched memory. */
uint64_t interp_fault_pc(const struct vcpu *cpu)
{
	const struct tblock *tb = cpu->cur_tb;
	const struct iop *op = cpu->fault_op;
	if (!tb || !op)
		return cpu->pc;
	uint32_t idx = (uint32_t)(op - (const struct iop *)tb->code);
	uint64_t pc = tb->pc;
	for (uint32_t m = 0; m < tb->ninsns_marked && tb->insn_op[m] <= idx; m++)
		pc = tb->insn_pc[m];
	return pc;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* rdcycle: a 1 GHz notional clock. */
uint64_t interp_rdcycle(void) { return mono_ns(); }
uint64_t interp_rdtime(void) { return mono_ns() / (1000000000u / IR_TIMER_HZ); }
