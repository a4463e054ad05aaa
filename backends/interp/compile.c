/* Turns an IR block into struct iop arrays for the interpreter. */
#include <time.h>

#include "backends/interp/interp.h"
#include "core/tcache.h"
#include "core/vcpu.h"

/* Can op k (writing temp t) and the SEXT32 after it become one sign-extending
 * op?  Only if nothing later in the same guest instruction reads t. */
static int fusable_sext(const struct ir_block *ir, uint32_t k)
{
	const struct ir_insn *i = &ir->ops[k];
	if (k + 1 >= ir->n || ir->ops[k + 1].op != IR_SEXT32 || ir->ops[k + 1].a != i->d || i->d < IR_ARCH_SLOTS)
		return 0;
	switch (i->op) {
#define SX_CASE(name) case IR_##name:
		INTERP_SX_OPS(SX_CASE)
#undef SX_CASE
		break;
	default:
		return 0;
	}
	for (uint32_t j = k + 2; j < ir->n && ir->ops[j].op != IR_INSN_START; j++)
		if (ir->ops[j].a == i->d || ir->ops[j].b == i->d || ir->ops[j].c == i->d)
			return 0;
	return 1;
}

static unsigned sx_kind(unsigned op)
{
	switch (op) {
#define SX_MAP(name) case IR_##name: return IOP_##name##_SX;
		INTERP_SX_OPS(SX_MAP)
#undef SX_MAP
	default: return op;
	}
}

int interp_compile(const struct ir_block *ir, struct tblock *tb, const void *const *labels)
{
	uint32_t nops = 0, nmark = 0;
	for (uint32_t k = 0; k < ir->n; k++) {
		if (ir->ops[k].op == IR_INSN_START)
			nmark++;
		else if (ir->ops[k].op != IR_NOP)
			nops++;
		if (fusable_sext(ir, k))
			k++; /* the SEXT32 folds into op k */
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
		unsigned d = i->d;
		if (fusable_sext(ir, k)) {
			k_op = sx_kind(i->op);
			d = ir->ops[++k].d;
		}
		code[o++] = (struct iop){.h = labels ? labels[k_op] : (const void *)(uintptr_t)k_op,
					 .d = d, .a = i->a, .b = i->b, .c = i->c,
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
	return interp_fault_pc_in(cpu, cpu->cur_tb ? cpu->cur_tb->code : NULL);
}

uint64_t interp_fault_pc_in(const struct vcpu *cpu, const void *code)
{
	const struct tblock *tb = cpu->cur_tb;
	const struct iop *op = cpu->fault_op;
	if (!tb || !op || !code)
		return cpu->pc;
	uint32_t idx = (uint32_t)(op - (const struct iop *)code);
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
