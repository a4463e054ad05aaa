/* Loops: a block that branches back to its own start (an inner loop the
 * frontend put in one block) keeps its loop-carried slots in fixed host
 * registers across iterations.
 *
 *   entry:     cpu->cur_tb = tb; load the pinned slots
 *   loop_top:  interrupt check; icount += ninsns
 *              body ... BRCC/EXIT to the block's pc: jump to loop_top
 *
 * So an iteration neither reloads its values from memory (a store-to-load
 * forward on every loop-carried dependency) nor stores them.  The register
 * cache keeps each pinned slot in its register at every back edge, where
 * the other dirty values are stored; pinned values reach memory at the
 * loop's exits and calls, in the interrupt stub, and through the fault map. */
#include <string.h>

#include "backends/x86_64/jit.h"
#include "core/run.h"

/* Registers to pin to, callee-saved first (only those survive helper calls). */
static const int8_t pin_order[] = {X_R13, X_R14, X_RBP, X_R10, X_R11, X_RSI, X_RDI, X_R8, X_R9};
#define CALLEE_SAVED 3
#define KEEP_FREE 4   /* cache registers left for everything else: an op locks up to 4 */

bool jit_is_back_edge(const struct jit_ctx *c, const struct ir_insn *i)
{
	return c->loop && (i->op == IR_BRCC || i->op == IR_EXIT) && (uint64_t)i->imm == c->ir->pc;
}

void jit_plan_loop(struct jit_ctx *c)
{
	const struct ir_block *ir = c->ir;
	memset(c->pin_reg, -1, sizeof(c->pin_reg));
	c->pin_mask = 0;
	c->npinned = 0;
	c->loop = false;

	/* A debugger or --trace=insn sees every block boundary (core/run.c):
	 * an iteration must come back to the run loop as it does unlinked. */
	if (run_debug_hook)
		return;
	bool back = false, calls = false;
	for (uint32_t k = 0; k < ir->n && !back; k++)
		back = (ir->ops[k].op == IR_BRCC || ir->ops[k].op == IR_EXIT) && (uint64_t)ir->ops[k].imm == ir->pc;
	if (!back)
		return;
	static __thread uint16_t reads[IR_ARCH_SLOTS];
	static __thread bool written[IR_ARCH_SLOTS], exposed[IR_ARCH_SLOTS];
	memset(reads, 0, sizeof(reads));
	memset(written, 0, sizeof(written));
	memset(exposed, 0, sizeof(exposed));
	for (uint32_t k = 0; k < ir->n; k++) {
		const struct ir_insn *i = &ir->ops[k];
		calls |= jit_op_calls(i);
		struct jit_operands o;
		jit_operands(i, &o);
		for (unsigned r = 0; r < o.nr; r++)
			if (o.rd[r] < IR_ARCH_SLOTS) {
				reads[o.rd[r]]++;
				exposed[o.rd[r]] |= !written[o.rd[r]];
			}
		for (unsigned w = 0; w < o.nw; w++)
			if (o.wr[w] < IR_ARCH_SLOTS)
				written[o.wr[w]] = true;
	}
	c->loop = true;
	int avail = calls ? CALLEE_SAVED : JIT_POOL - KEEP_FREE;
	int next = 0;
	/* First the slots carried from one iteration to the next (read, then
	 * written: a dependency chain through memory otherwise), then the ones
	 * only read (a load each time), then the ones only written (a store at
	 * each back edge); the most read first. */
	while (next < avail) {
		int best = -1, best_rank = 0;
		for (int s = 0; s < IR_ARCH_SLOTS; s++) {
			if (c->pin_reg[s] >= 0 || (!exposed[s] && !written[s]))
				continue;
			int rank = (exposed[s] && written[s] ? 3 << 16 : exposed[s] ? 2 << 16 : 1 << 16) + reads[s];
			if (rank > best_rank)
				best = s, best_rank = rank;
		}
		if (best < 0)
			break;
		c->pin_reg[best] = pin_order[next++];
		c->pinned[c->npinned++] = (uint16_t)best;
	}
	for (int k = 0; k < next; k++)
		c->pin_mask |= (uint16_t)(1u << pin_order[k]);
}

/* Back edges read every pinned slot (its value goes to the next iteration). */
void jit_loop_reads(const struct jit_ctx *c, struct jit_operands *o)
{
	for (unsigned k = 0; k < c->npinned && o->nr < JIT_MAX_READS; k++) {
		o->rd[o->nr] = c->pinned[k];
		o->rd_pos[o->nr++] = 0;
	}
}

/* Cold entry, after cur_tb is set: the registers the loop keeps.  At
 * loop_top the pinned values count as dirty (a back edge brings them so). */
void jit_loop_entry(struct jit_ctx *c) { rc_reload_pinned(c, true); }

/* After C code that may have written any slot. */
void jit_loop_reload(struct jit_ctx *c)
{
	if (c->loop)
		rc_reload_pinned(c, false);
}

/* The interrupt stub at loop_top: memory catches up with the registers. */
void jit_loop_flush(struct jit_ctx *c)
{
	for (unsigned k = 0; k < c->npinned; k++)
		x64_store(c->b, 8, slot_mem(c->pinned[k]), c->pin_reg[c->pinned[k]]);
}
