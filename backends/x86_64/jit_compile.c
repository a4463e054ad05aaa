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
					       .reg = X_RAX, .target = target};
}

/* A jump to a trap stub for fault map entry `entry`, the guest address in addr_reg. */
void jit_trap_fixup(struct jit_ctx *c, size_t at, enum jit_stub kind, uint32_t entry, int addr_reg)
{
	jit_fixup(c, at, kind, -1, entry);
	c->fix[c->nfix - 1].reg = (int8_t)addr_reg;
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

static void grow(void **p, uint32_t *cap, uint32_t n, size_t size)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 32;
	*p = realloc(*p, *cap * size);
	if (!*p)
		ferry_fatal("out of memory");
}

/* A fault map entry for a guest memory access or trap check about to be
 * emitted: this instruction, and where the register cache keeps guest
 * values that memory does not have (jit_fault.c).  Its host offset is set
 * by jit_access_here. */
uint32_t jit_fault_entry(struct jit_ctx *c)
{
	grow((void **)&c->map, &c->capmap, c->nmap, sizeof(*c->map));
	struct jit_fault_entry *e = &c->map[c->nmap];
	e->host_off = UINT32_MAX;
	e->pc_off = jit_pc_off(c);
	e->first = (uint16_t)c->npairs;
	rc_snapshot(c);
	e->n = (uint16_t)(c->npairs - e->first);
	return c->nmap++;
}

/* The host instruction emitted next is the access of `entry`. */
void jit_access_here(struct jit_ctx *c, uint32_t entry)
{
	if (c->map[entry].host_off != UINT32_MAX) {
		grow((void **)&c->map, &c->capmap, c->nmap, sizeof(*c->map));
		c->map[c->nmap] = c->map[entry];
		entry = c->nmap++;
	}
	c->map[entry].host_off = (uint32_t)c->b->len;
}

/* For rc_snapshot. */
void jit_fault_pair(struct jit_ctx *c, unsigned slot, int reg)
{
	grow((void **)&c->pairs, &c->cappairs, c->npairs, sizeof(*c->pairs));
	c->pairs[c->npairs++] = (struct jit_fault_pair){.slot = (uint16_t)slot, .reg = (uint8_t)reg};
}

bool jit_dies(const struct jit_ctx *c, char pos)
{
	unsigned bit = pos == 'a' ? JL_A_DIES : pos == 'b' ? JL_B_DIES : JL_C_DIES;
	return (c->live[c->k] & bit) != 0;
}

bool jit_d_live(const struct jit_ctx *c) { return (c->live[c->k] & JL_D_LIVE) != 0; }

/* Memory never needs slot's current value again (the slot, an operand of
 * this op, is overwritten before anything observes the guest state). */
bool jit_gone(const struct jit_ctx *c, unsigned slot)
{
	const struct ir_insn *i = &c->ir->ops[c->k];
	uint16_t f = c->live[c->k];
	return (slot == i->a && (f & JL_A_GONE)) || (slot == i->b && (f & JL_B_GONE)) ||
	       (slot == i->c && (f & JL_C_GONE));
}

/* Operands that are not read again lose their registers, unless the op
 * wrote the slot (then its register holds the new value). */
static void release_dead(struct jit_ctx *c, const struct ir_insn *i)
{
	struct jit_operands o;
	jit_op_slots(c, i, &o);
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
	if (jit_emit_alu(c, i) || jit_emit_mem(c, i) || jit_emit_fp_inline(c, i) || jit_emit_call_op(c, i) ||
	    jit_emit_exit(c, i))
		return;
	jit_emit_fallback(c, i);
}

static __thread struct x64_buf code;
static __thread uint16_t *live;
static __thread uint32_t live_cap;

int jit_compile(const struct ir_block *ir, struct tblock *tb)
{
	if (ir->n > live_cap) {
		live_cap = ir->n * 2;
		live = realloc(live, live_cap * sizeof(*live));
		if (!live)
			ferry_fatal("out of memory");
	}
	x64_buf_reset(&code);

	static __thread struct jit_ctx ctx;
	struct jit_ctx *c = &ctx;
	struct jit_fixup *fix = c->fix;
	struct jit_fault_entry *map = c->map;
	struct jit_fault_pair *pairs = c->pairs;
	struct jit_slow *slow = c->slow;
	uint32_t capfix = c->capfix, capmap = c->capmap, cappairs = c->cappairs, capslow = c->capslow;
	memset(c, 0, sizeof(*c));
	c->fix = fix;
	c->capfix = capfix;
	c->map = map;
	c->capmap = capmap;
	c->pairs = pairs;
	c->cappairs = cappairs;
	c->slow = slow;
	c->capslow = capslow;
	c->b = &code;
	c->ir = ir;
	c->tb = tb;
	c->live = live;
	c->insn_pc = ir->pc;
	jit_plan_loop(c);
	jit_liveness(c, live);
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
			continue;
		}
		if (i->op == IR_NOP)
			continue;
		compile_op(c, i);
		release_dead(c, i);
		rc_unlock(c);
	}
	if (c->failed || c->nmap > UINT16_MAX || c->npairs > UINT16_MAX)
		return -1;
	jit_emit_stubs(c);
	jit_emit_slow_stubs(c);

	size_t map_at = (code.len + 3) & ~(size_t)3;
	size_t map_len = c->nmap * sizeof(*c->map), pairs_len = c->npairs * sizeof(*c->pairs);
	uint8_t *mem = tcache_alloc(JIT_BLOCK_HEADER + map_at + map_len + pairs_len);
	if (!mem)
		return -1;
	memcpy(mem + JIT_BLOCK_HEADER, code.p, code.len);
	if (map_len)
		memcpy(mem + JIT_BLOCK_HEADER + map_at, c->map, map_len);
	if (pairs_len)
		memcpy(mem + JIT_BLOCK_HEADER + map_at + map_len, c->pairs, pairs_len);
	struct jit_block_header *h = jit_header(mem + JIT_BLOCK_HEADER);
	h->magic = JIT_BLOCK_MAGIC;
	h->exit_at[0] = c->exit_at[0];
	h->exit_at[1] = c->exit_at[1];
	h->code_len = (uint32_t)code.len;
	h->nmap = (uint16_t)c->nmap;
	h->npairs = (uint16_t)c->npairs;
	tb->nops = ir->n;
	/* Last, and whole: a tiered backend compiles a block other threads may
	 * be jumping to through tb->code (the jump cache). */
	__atomic_store_n(&tb->code, mem + JIT_BLOCK_HEADER, __ATOMIC_RELEASE);
	jit_debug_block(tb, tb->code, code.len);
	return 0;
}
