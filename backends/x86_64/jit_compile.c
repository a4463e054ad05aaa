/* Compiling one IR block: liveness, the op loop, stubs, and the copy into
 * the translation cache (header and code, see struct jit_block_header). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "backends/x86_64/jit.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

bool jit_fallback_all;

void jit_fixup(struct jit_ctx *c, size_t at, enum jit_stub kind, int slot, uint64_t target)
{
	if (c->nfix == c->capfix) {
		c->capfix = c->capfix ? c->capfix * 2 : 16;
		c->fix = realloc(c->fix, c->capfix * sizeof(*c->fix));
		if (!c->fix)
			ferry_fatal("out of memory");
	}
	c->fix[c->nfix++] = (struct jit_fixup){.at = (uint32_t)at, .kind = (uint8_t)kind, .slot = (int8_t)slot,
					       .target = target};
}

uint32_t jit_pc_off(const struct jit_ctx *c) { return (uint32_t)(c->insn_pc - c->tb->pc); }

/* Before a call that may touch guest memory: cpu->fault_op = this
 * instruction's pc, as an offset from the block's pc. */
void jit_mark_fault_pc(struct jit_ctx *c)
{
	if (c->fault_pc_set)
		return;
	x64_store_imm(c->b, 8, x64_m(J_CPU, offsetof(struct vcpu, fault_op)), (int32_t)jit_pc_off(c));
	c->fault_pc_set = true;
}

/* Before an inline guest memory access: a fault map entry, so a host
 * fault from here on names this instruction (jit_fault.c). */
void jit_mark_mem(struct jit_ctx *c)
{
	if (c->insn_mapped)
		return;
	if (c->nmap == c->capmap) {
		c->capmap = c->capmap ? c->capmap * 2 : 16;
		c->map = realloc(c->map, c->capmap * sizeof(*c->map));
		if (!c->map)
			ferry_fatal("out of memory");
	}
	c->map[c->nmap++] = (struct jit_fault_entry){(uint32_t)c->b->len, jit_pc_off(c)};
	c->insn_mapped = true;
}

bool jit_dies(const struct jit_ctx *c, char pos)
{
	unsigned bit = pos == 'a' ? JL_A_DIES : pos == 'b' ? JL_B_DIES : JL_C_DIES;
	return (c->live[c->k] & bit) != 0;
}

bool jit_d_live(const struct jit_ctx *c) { return (c->live[c->k] & JL_D_LIVE) != 0; }

/* Operands that are not read again lose their registers, unless the op
 * wrote the slot (then its register holds the new value). */
static void release_dead(struct jit_ctx *c, const struct ir_insn *i)
{
	struct jit_operands o;
	jit_operands(i, &o);
	for (unsigned r = 0; r < o.nr; r++) {
		if (!o.rd_pos[r] || !jit_dies(c, (char)o.rd_pos[r]))
			continue;
		bool written = false;
		for (unsigned w = 0; w < o.nw; w++)
			written |= o.wr[w] == o.rd[r];
		if (!written)
			rc_release(c, o.rd[r]);
	}
}

static void compile_op(struct jit_ctx *c, const struct ir_insn *i)
{
	bool exit = i->op < IR_NUM_OPS && (ir_op_info[i->op].flags & IRF_EXIT);
	if (jit_fallback_all && !exit) {
		jit_emit_fallback(c, i);
		return;
	}
	if (jit_emit_alu(c, i) || jit_emit_mem(c, i) || jit_emit_call_op(c, i) || jit_emit_exit(c, i))
		return;
	jit_emit_fallback(c, i);
}

static __thread struct x64_buf code;
static __thread uint8_t *live;
static __thread uint32_t live_cap;

int jit_compile(const struct ir_block *ir, struct tblock *tb)
{
	if (ir->n > live_cap) {
		live_cap = ir->n * 2;
		live = realloc(live, live_cap);
		if (!live)
			ferry_fatal("out of memory");
	}
	jit_liveness(ir, live);
	x64_buf_reset(&code);

	static __thread struct jit_ctx ctx;
	struct jit_ctx *c = &ctx;
	struct jit_fixup *fix = c->fix;
	struct jit_fault_entry *map = c->map;
	uint32_t capfix = c->capfix, capmap = c->capmap;
	memset(c, 0, sizeof(*c));
	c->fix = fix;
	c->capfix = capfix;
	c->map = map;
	c->capmap = capmap;
	c->b = &code;
	c->ir = ir;
	c->tb = tb;
	c->live = live;
	c->insn_pc = ir->pc;
	rc_reset(c);

	/* Chain targets as the interpreter records them (the run loop links by these). */
	for (uint32_t k = 0; k < ir->n; k++) {
		if (ir->ops[k].op == IR_BRCC)
			tb->chain_pc[0] = (uint64_t)ir->ops[k].imm;
		else if (ir->ops[k].op == IR_EXIT)
			tb->chain_pc[1] = (uint64_t)ir->ops[k].imm;
	}

	jit_emit_prologue(c);
	for (uint32_t k = 0; k < ir->n && !c->failed; k++) {
		const struct ir_insn *i = &ir->ops[k];
		c->k = k;
		if (i->op == IR_INSN_START) {
			if (live[k] & JL_CROSS)
				rc_sync_all(c);
			rc_forget_temps(c);
			c->insn_pc = (uint64_t)i->imm;
			c->fault_pc_set = false;
			c->insn_mapped = false;
			continue;
		}
		if (i->op == IR_NOP)
			continue;
		compile_op(c, i);
		release_dead(c, i);
		rc_unlock(c);
	}
	if (c->failed)
		return -1;
	jit_emit_stubs(c);

	size_t map_at = (code.len + 3) & ~(size_t)3;
	uint8_t *mem = tcache_alloc(JIT_BLOCK_HEADER + map_at + c->nmap * sizeof(*c->map));
	if (!mem)
		return -1;
	memcpy(mem + JIT_BLOCK_HEADER, code.p, code.len);
	memcpy(mem + JIT_BLOCK_HEADER + map_at, c->map, c->nmap * sizeof(*c->map));
	tb->code = mem + JIT_BLOCK_HEADER;
	struct jit_block_header *h = jit_header(tb->code);
	h->exit_at[0] = c->exit_at[0];
	h->exit_at[1] = c->exit_at[1];
	h->code_len = (uint32_t)code.len;
	h->nmap = c->nmap;
	tb->nops = ir->n;
	jit_debug_block(tb, tb->code, code.len);
	return 0;
}
