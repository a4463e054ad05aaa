/* The register cache of one block.
 *
 * A result stays in a host register, so later reads in the block take the
 * register and a dependency chain never waits on a store-to-load forward.
 * Architectural slots reach memory before a helper call or an exit, or
 * when their register is needed; a value overwritten before anything can
 * observe it is never stored.  A guest memory access does not store
 * anything: its fault map entry lists the guest values that are only in
 * registers there (rc_snapshot), and a fault copies them to cpu->slot.
 * Temps (slots >= IR_ARCH_SLOTS) die with their guest instruction
 * (docs/ir.md rule 3): they reach memory only when evicted or before a
 * helper that reads cpu->slot. */
#include <stddef.h>

#include "backends/x86_64/jit.h"
#include "core/log.h"
#include "core/vcpu.h"

/* Callee-saved registers first: their values survive helper calls; rcx
 * and rdx last: shifts, division and atomics claim them. */
static const int8_t pool[JIT_POOL] = {X_R13, X_R14, X_RBP, X_R10, X_R11, X_RSI,
				      X_RDI, X_R8,  X_R9,  X_RDX, X_RCX};

bool rc_caller_saved(int reg)
{
	return reg != X_RBX && reg != X_RBP && reg != X_R12 && reg != X_R13 && reg != X_R14 && reg != X_R15;
}

static bool in_pool(int reg)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (pool[k] == reg)
			return true;
	return false;
}

void rc_reset(struct jit_ctx *c)
{
	for (int r = 0; r < 16; r++) {
		c->reg_slot[r] = -1;
		c->dirty[r] = false;
	}
	for (int s = 0; s < IR_SLOTS; s++)
		c->slot_reg[s] = -1;
	c->locked = 0;
}

static void unmap(struct jit_ctx *c, int r)
{
	if (c->reg_slot[r] >= 0)
		c->slot_reg[c->reg_slot[r]] = -1;
	c->reg_slot[r] = -1;
	c->dirty[r] = false;
	c->nostore[r] = false;
}

/* Memory catches up with register r (a value still to be read from memory
 * later, so even a JL_D_DEAD one). */
static void spill(struct jit_ctx *c, int r)
{
	if (c->dirty[r]) {
		x64_store(c->b, 8, slot_mem((unsigned)c->reg_slot[r]), r);
		c->dirty[r] = false;
		c->nostore[r] = false;
	}
}

/* How far ahead each candidate register's value is read again: the op
 * distance, or UINT32_MAX if it is overwritten first or dies (a temp at the
 * next instruction).  Ops that read every slot read memory, not registers. */
static void next_uses(const struct jit_ctx *c, const int *cand, int n, uint32_t *dist)
{
	int open = n;
	for (int k = 0; k < n; k++)
		dist[k] = 0;
	for (uint32_t j = c->k + 1; j < c->ir->n && open; j++) {
		const struct ir_insn *i = &c->ir->ops[j];
		struct jit_operands o;
		if (i->op == IR_INSN_START) {
			for (int k = 0; k < n; k++)
				if (!dist[k] && c->reg_slot[cand[k]] >= IR_ARCH_SLOTS)
					dist[k] = UINT32_MAX, open--;
			continue;
		}
		jit_op_slots(c, i, &o);
		for (int k = 0; k < n; k++) {
			if (dist[k])
				continue;
			unsigned s = (unsigned)c->reg_slot[cand[k]];
			bool rd = false, wr = false;
			for (unsigned r = 0; r < o.nr; r++)
				rd |= o.rd[r] == s;
			for (unsigned w = 0; w < o.nw; w++)
				wr |= o.wr[w] == s;
			if (rd)
				dist[k] = j - c->k, open--;
			else if (wr)
				dist[k] = UINT32_MAX, open--;
		}
	}
	for (int k = 0; k < n; k++)
		if (!dist[k])
			dist[k] = UINT32_MAX;
}

/* A register for a new value: a free one, else the one whose value is
 * needed furthest ahead (Belady's choice: the block is known in full). */
static int alloc(struct jit_ctx *c)
{
	int cand[JIT_POOL], n = 0;
	for (int k = 0; k < JIT_POOL; k++) {
		int r = pool[k];
		if ((c->locked | c->pin_mask) & (1u << r))
			continue;
		if (c->reg_slot[r] < 0)
			return r;
		cand[n++] = r;
	}
	if (!n)
		FERRY_BUG("jit: every cache register is in use by one op");
	uint32_t dist[JIT_POOL];
	next_uses(c, cand, n, dist);
	int best = 0;
	for (int k = 1; k < n; k++)
		if (dist[k] > dist[best] || (dist[k] == dist[best] && c->dirty[cand[best]] && !c->dirty[cand[k]]))
			best = k;
	int victim = cand[best];
	spill(c, victim);
	unmap(c, victim);
	return victim;
}

static void lock(struct jit_ctx *c, int r)
{
	c->locked |= (uint16_t)(1u << r);
}

int rc_new(struct jit_ctx *c)
{
	int r = alloc(c);
	lock(c, r);
	return r;
}

/* A register to compute slot's new value in: a pinned slot's own register
 * when the op does not read it (a faulting op leaves it intact until it
 * writes it), else a new one. */
int rc_dest(struct jit_ctx *c, unsigned slot)
{
	int pin = slot < IR_SLOTS ? c->pin_reg[slot] : -1;
	if (pin >= 0 && !(c->locked & (1u << pin))) {
		lock(c, pin);
		return pin;
	}
	return rc_new(c);
}

int rc_get(struct jit_ctx *c, unsigned slot)
{
	int r = c->slot_reg[slot];
	if (r < 0) {
		r = c->pin_reg[slot] >= 0 ? c->pin_reg[slot] : alloc(c);
		x64_load(c->b, 8, r, slot_mem(slot));
		c->reg_slot[r] = (int16_t)slot;
		c->slot_reg[slot] = (int8_t)r;
	}
	lock(c, r);
	return r;
}

/* A register holding slot's value that the op may overwrite with its
 * result: the cached one itself when the value dies here. */
int rc_take(struct jit_ctx *c, unsigned slot, bool dies)
{
	int r = c->slot_reg[slot], pin = c->pin_reg[slot];
	bool redefined = c->ir->ops[c->k].d == slot;
	if (pin >= 0 && !redefined)
		dies = false; /* a pinned register only ever holds its slot */
	if (r >= 0 && dies && !(c->locked & (1u << r))) {
		/* a temp's value dies here; an architectural slot's may still be
		 * needed in memory, unless it is overwritten before anyone looks */
		if (slot < IR_ARCH_SLOTS && !c->nostore[r] && !jit_gone(c, slot))
			spill(c, r);
		unmap(c, r);
		lock(c, r);
		return r;
	}
	if (r < 0 && dies) {
		r = pin >= 0 ? pin : alloc(c);
		lock(c, r);
		x64_load(c->b, 8, r, slot_mem(slot));
		return r;
	}
	int src = rc_get(c, slot);
	int n = rc_dest(c, c->ir->ops[c->k].d);
	x64_mov_rr(c->b, 8, n, src);
	return n;
}

/* slot's new value is in reg: a register from rc_new/rc_take, a scratch
 * register, or the cached register of another slot (a copy is made when
 * the value must stay); live: it is read again in this block. */
void rc_def(struct jit_ctx *c, unsigned slot, int reg, bool live)
{
	int old = c->slot_reg[slot];
	if (old >= 0 && old != reg)
		unmap(c, old);
	bool arch = slot < IR_ARCH_SLOTS;
	bool dead = (c->live[c->k] & JL_D_DEAD) && c->ir->ops[c->k].d == slot;
	int pin = c->pin_reg[slot];
	bool own = in_pool(reg) && (c->reg_slot[reg] < 0 || c->reg_slot[reg] == (int)slot) &&
		   (!(c->pin_mask & (1u << reg)) || pin == reg);
	if (!live) {
		if (arch && !dead)
			x64_store(c->b, 8, slot_mem(slot), reg);
		if (own)
			unmap(c, reg);
		return;
	}
	if (pin >= 0) {
		if (reg != pin)
			x64_mov_rr(c->b, 8, pin, reg);
		reg = pin;
	} else if (!own) {
		int p = alloc(c);
		x64_mov_rr(c->b, 8, p, reg);
		reg = p;
	}
	c->reg_slot[reg] = (int16_t)slot;
	c->slot_reg[slot] = (int8_t)reg;
	c->dirty[reg] = true;
	c->nostore[reg] = arch && dead;
	lock(c, reg);
}

/* slot's value is not read again in the block: its register is free,
 * unless memory still needs the value (then it stays until evicted, stored
 * at a sync point, or overwritten). */
void rc_release(struct jit_ctx *c, unsigned slot)
{
	int r = c->slot_reg[slot];
	if (r < 0)
		return;
	if (c->dirty[r] && slot < IR_ARCH_SLOTS && !c->nostore[r] && !jit_gone(c, slot))
		return;
	unmap(c, r);
}

void rc_unlock(struct jit_ctx *c) { c->locked = 0; }

/* An op needs reg (rcx, rdx) as a fixed scratch register: a value cached
 * there moves to another register.  Called before the op's rc_get. */
void rc_claim(struct jit_ctx *c, int reg)
{
	if (c->locked & (1u << reg))
		FERRY_BUG("jit: register %d claimed after the op used it", reg);
	lock(c, reg);
	int s = c->reg_slot[reg];
	if (s < 0)
		return;
	int n = alloc(c);
	x64_mov_rr(c->b, 8, n, reg);
	c->reg_slot[n] = (int16_t)s;
	c->slot_reg[s] = (int8_t)n;
	c->dirty[n] = c->dirty[reg];
	c->nostore[n] = c->nostore[reg];
	c->reg_slot[reg] = -1;
	c->dirty[reg] = c->nostore[reg] = false;
}

/* Before an exit: the guest state in memory is exact. */
void rc_sync_arch(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (c->reg_slot[pool[k]] >= 0 && c->reg_slot[pool[k]] < IR_ARCH_SLOTS && !c->nostore[pool[k]])
			spill(c, pool[k]);
}

/* Before C code that reads cpu->slot: temps too. */
void rc_sync_all(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (!c->nostore[pool[k]])
			spill(c, pool[k]);
}

/* At a loop's back edge: what the next iteration will not find in registers. */
void rc_sync_unpinned(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++) {
		int r = pool[k], s = c->reg_slot[r];
		if (s >= 0 && s < IR_ARCH_SLOTS && c->pin_reg[s] < 0 && !c->nostore[r])
			spill(c, r);
	}
}

/* The fault map's view of this point: guest registers whose values are
 * only in host registers. */
void rc_snapshot(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++) {
		int r = pool[k], s = c->reg_slot[r];
		if (s >= 0 && s < IR_ARCH_SLOTS && c->dirty[r])
			jit_fault_pair(c, (unsigned)s, r);
	}
}

void rc_forget_temps(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (c->reg_slot[pool[k]] >= IR_ARCH_SLOTS)
			unmap(c, pool[k]);
}

/* slot was written behind the cache's back: forget its register (a
 * pinned slot's register is loaded again). */
void rc_drop_slot(struct jit_ctx *c, unsigned slot)
{
	int r = c->slot_reg[slot];
	if (r >= 0)
		unmap(c, r);
	if (c->pin_reg[slot] >= 0)
		rc_reload_pinned(c, false);
}

/* After C code that may have written any slot. */
void rc_drop_all(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		unmap(c, pool[k]);
	jit_loop_reload(c);
}

/* Every pinned slot in its register (memory has the values of those that
 * are not).  dirty: treat them all as ahead of memory, as loop_top does. */
void rc_reload_pinned(struct jit_ctx *c, bool dirty)
{
	for (unsigned k = 0; k < c->npinned; k++) {
		unsigned s = c->pinned[k];
		int r = c->pin_reg[s];
		if (c->slot_reg[s] != r) {
			x64_load(c->b, 8, r, slot_mem(s));
			c->reg_slot[r] = (int16_t)s;
			c->slot_reg[s] = (int8_t)r;
		}
		if (dirty) {
			c->dirty[r] = true;
			c->nostore[r] = false;
		}
	}
}

void rc_spill_caller_saved(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (rc_caller_saved(pool[k]))
			spill(c, pool[k]);
}

void rc_drop_caller_saved(struct jit_ctx *c)
{
	for (int k = 0; k < JIT_POOL; k++)
		if (rc_caller_saved(pool[k]))
			unmap(c, pool[k]);
}
