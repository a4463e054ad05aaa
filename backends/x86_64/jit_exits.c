/* Block entry, block exits, and the out-of-line stubs that return to the
 * run loop.  Every way out of generated code is a `ret` to the trampoline
 * with the enum vcpu_exit in eax, cpu->pc set and the guest state in memory. */
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>

#include "backends/x86_64/jit.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

#define CPU_FIELD(f) x64_m(J_CPU, (int32_t)offsetof(struct vcpu, f))

static const enum x64_cc cond_cc[] = {
	[IRC_EQ] = X_CC_E, [IRC_NE] = X_CC_NE, [IRC_LT] = X_CC_L, [IRC_GE] = X_CC_GE, [IRC_LTU] = X_CC_B,
	[IRC_GEU] = X_CC_AE, [IRC_LE] = X_CC_LE, [IRC_GT] = X_CC_G, [IRC_LEU] = X_CC_BE, [IRC_GTU] = X_CC_A,
};

enum x64_cc jit_cond_cc(unsigned cond) { return cond < sizeof(cond_cc) / sizeof(cond_cc[0]) ? cond_cc[cond] : X_CC_A; }

/* [rbx + off] = v, through rax when v does not fit a sign-extended imm32. */
static void store_u64(struct jit_ctx *c, struct x64_mem m, uint64_t v)
{
	if (x64_fits_i32((int64_t)v)) {
		x64_store_imm(c->b, 8, m, (int32_t)v);
	} else {
		x64_mov_ri(c->b, X_RAX, v);
		x64_store(c->b, 8, m, X_RAX);
	}
}

static void leave(struct jit_ctx *c, enum vcpu_exit why)
{
	x64_mov_ri(c->b, X_RAX, why);
	x64_ret(c->b);
}

/* At every entry (from the trampoline, a linked exit or the jump cache):
 * leave at once if an interrupt is pending, so a guest spinning in a loop
 * of chained blocks still reaches the run loop. */
void jit_emit_prologue(struct jit_ctx *c)
{
	if (c->loop) {
		/* see jit_loop.c: back edges come back to loop_top */
		x64_mov_ri(c->b, X_RAX, (uint64_t)(uintptr_t)c->tb);
		x64_store(c->b, 8, CPU_FIELD(cur_tb), X_RAX);
		jit_loop_entry(c);
		c->loop_top = c->b->len;
		x64_alu_mi(c->b, 4, X_CMP, CPU_FIELD(interrupt), 0);
		jit_fixup(c, x64_jcc32(c->b, X_CC_NE), JS_INTERRUPT, -1, 0);
		if (c->tb->ninsns)
			x64_alu_ri(c->b, 8, X_ADD, J_ICOUNT, (int32_t)c->tb->ninsns);
		return;
	}
	x64_alu_mi(c->b, 4, X_CMP, CPU_FIELD(interrupt), 0);
	jit_fixup(c, x64_jcc32(c->b, X_CC_NE), JS_INTERRUPT, -1, 0);
	x64_mov_ri(c->b, X_RAX, (uint64_t)(uintptr_t)c->tb);
	x64_store(c->b, 8, CPU_FIELD(cur_tb), X_RAX);
	if (c->tb->ninsns)
		x64_alu_ri(c->b, 8, X_ADD, J_ICOUNT, (int32_t)c->tb->ninsns);
}

/* A branch to the block's own start in loop mode: the values the next
 * iteration does not keep in registers to memory, every pinned slot in its
 * register (as at loop_top), then straight back. */
static void back_edge(struct jit_ctx *c, const struct ir_insn *i)
{
	int ra = -1, rb = -1;
	if (i->op == IR_BRCC) {
		ra = rc_get(c, i->a);
		rb = rc_get(c, i->b);
	}
	rc_sync_unpinned(c);
	rc_reload_pinned(c, false);
	size_t at;
	if (i->op == IR_BRCC) {
		x64_alu_rr(c->b, 8, X_CMP, ra, rb);
		at = x64_jcc32(c->b, jit_cond_cc(i->c));
	} else {
		at = x64_jmp32(c->b);
	}
	x64_patch_rel32(c->b, at, c->loop_top);
}

/* A guest trap at a memory access or alignment check: the guest address
 * is in rax, the fault map entry pushed.  The cache registers go to the
 * frame (regs[16] by number, then the entry), where jit_h_trap finds the
 * guest values that are only there. */
static void trap_stub(struct jit_ctx *c, bool bus)
{
	static const int8_t saved[] = {X_RCX, X_RDX, X_RBP, X_RSI, X_RDI, X_R8,
				       X_R9,  X_R10, X_R11, X_R13, X_R14, J_ICOUNT};
	x64_alu_ri(c->b, 8, X_SUB, X_RSP, 136); /* with the push: 144, rsp stays 16-byte aligned */
	for (unsigned k = 0; k < sizeof(saved); k++)
		x64_store(c->b, 8, x64_m(X_RSP, 8 * saved[k]), saved[k]);
	x64_mov_rr(c->b, 8, X_RDI, J_CPU);
	x64_mov_rr(c->b, 8, X_RSI, X_RSP);
	x64_load(c->b, 4, X_RDX, x64_m(X_RSP, 136));
	x64_mov_rr(c->b, 8, X_RCX, X_RAX);
	x64_mov_ri(c->b, X_R8, bus);
	x64_mov_ri(c->b, X_RAX, (uint64_t)(uintptr_t)jit_h_trap);
	x64_call_r(c->b, X_RAX);
	x64_alu_ri(c->b, 8, X_ADD, X_RSP, 144);
	x64_ret(c->b);
}

/* A direct exit not linked (yet): back to the run loop, which links slot
 * to the target block (slot -1: never linked). */
static void exit_stub(struct jit_ctx *c, int slot, uint64_t target)
{
	store_u64(c, CPU_FIELD(pc), target);
	if (slot >= 0) {
		x64_mov_ri(c->b, X_RAX, (uint64_t)(uintptr_t)c->tb);
		x64_store(c->b, 8, CPU_FIELD(chain_from), X_RAX);
		x64_store_imm(c->b, 4, CPU_FIELD(chain_slot), slot);
	} else {
		x64_store_imm(c->b, 8, CPU_FIELD(chain_from), 0);
	}
	leave(c, VEXIT_LOOKUP);
}

/* After the block's code: one stub per direct exit; for traps, an entry
 * per fault map entry that loads its number, then one shared stub per kind. */
void jit_emit_stubs(struct jit_ctx *c)
{
	struct x64_buf *b = c->b;
	size_t interrupt = 0;
	/* trap entries: kind, fault map entry, offset of the entry, its jump to
	 * the shared stub; kept from block to block (most blocks have a few) */
	struct entry {
		uint8_t kind;
		uint32_t map;
		size_t at, jump;
	};
	static __thread struct entry *ent;
	static __thread size_t capent;
	size_t nent = 0;
	for (uint32_t f = 0; f < c->nfix; f++) {
		const struct jit_fixup *x = &c->fix[f];
		switch (x->kind) {
		case JS_EXIT:
			x64_patch_rel32(b, x->at, b->len);
			exit_stub(c, x->slot, x->target);
			break;
		case JS_INTERRUPT:
			if (!interrupt) {
				interrupt = b->len;
				if (c->loop)
					jit_loop_flush(c);
				store_u64(c, CPU_FIELD(pc), c->tb->pc);
				x64_store_imm(b, 8, CPU_FIELD(chain_from), 0);
				leave(c, VEXIT_LOOKUP);
			}
			x64_patch_rel32(b, x->at, interrupt);
			break;
		default: {
			size_t k = 0;
			while (k < nent && !(ent[k].kind == x->kind && ent[k].map == (uint32_t)x->target))
				k++;
			if (k == nent) {
				if (nent == capent) {
					capent = capent ? 2 * capent : 16;
					ent = realloc(ent, capent * sizeof(*ent));
					if (!ent)
						ferry_fatal("out of memory");
				}
				ent[k].kind = x->kind;
				ent[k].map = (uint32_t)x->target;
				ent[k].at = b->len;
				if (x->reg != X_RAX)
					x64_mov_rr(b, 8, X_RAX, x->reg);
				x64_push_imm(b, (int32_t)ent[k].map);
				ent[k].jump = x64_jmp32(b);
				nent++;
			}
			x64_patch_rel32(b, x->at, ent[k].at);
			break;
		}
		}
	}
	size_t shared[JS_EXIT] = {0, 0, 0};
	for (size_t k = 0; k < nent; k++) {
		if (!shared[ent[k].kind]) {
			shared[ent[k].kind] = b->len;
			trap_stub(c, ent[k].kind == JS_MISALIGNED);
		}
		x64_patch_rel32(b, ent[k].jump, shared[ent[k].kind]);
	}
}

/* Pads with NOPs so that an instruction emitted by fn, whose rel32 ends
 * it, has that rel32 4-byte aligned: link() rewrites it with one atomic
 * store while other threads may be running it. */
static size_t aligned_jump(struct jit_ctx *c, int ra, int rb, int is_jcc, enum x64_cc cc)
{
	size_t start = c->b->len;
	for (int pass = 0; pass < 2; pass++) {
		if (is_jcc)
			x64_alu_rr(c->b, 8, X_CMP, ra, rb);
		size_t rel_at = c->b->len + (is_jcc ? 2 : 1);
		unsigned pad = (unsigned)((4 - rel_at % 4) % 4);
		if (pad == 0 || pass == 1)
			break;
		c->b->len = start;
		x64_nops(c->b, pad);
	}
	return is_jcc ? x64_jcc32(c->b, cc) : x64_jmp32(c->b);
}

/* The slot of a direct exit to target, or -1 if another exit already owns
 * the chain slot (only one jump per slot is patchable). */
static int exit_slot(struct jit_ctx *c, int slot, uint64_t target)
{
	if (c->exit_at[slot] || c->tb->chain_pc[slot] != target)
		return -1;
	return slot;
}

static void emit_exit_ind(struct jit_ctx *c, const struct ir_insn *i)
{
	/* memory is exact here (the exit synced it): the cache can be clobbered */
	int rt = rc_get(c, i->a);
	x64_mov_rr(c->b, 8, X_RAX, rt);
	/* jmp_cache->tb[(pc >> 1) & mask], as tcache_jmp_hash */
	x64_mov_rr(c->b, 4, X_RCX, X_RAX);
	x64_shift_ri(c->b, 4, X_SHR, X_RCX, 1);
	x64_alu_ri(c->b, 4, X_AND, X_RCX, (1 << TCACHE_JMP_BITS) - 1);
	x64_load(c->b, 8, X_RDX, CPU_FIELD(jmp_cache));
	x64_load(c->b, 8, X_RDX, x64_mi(X_RDX, X_RCX, 3, offsetof(struct tcache_jmp, tb)));
	x64_test_rr(c->b, 8, X_RDX, X_RDX);
	size_t miss1 = x64_jcc8(c->b, X_CC_E);
	x64_alu_rm(c->b, 8, X_CMP, X_RAX, x64_m(X_RDX, offsetof(struct tblock, pc)));
	size_t miss2 = x64_jcc8(c->b, X_CC_NE);
	/* The target's entry checks cpu->interrupt.  rax still holds the target
	 * pc: a block tiered.c has not compiled yet has its cold_entry here. */
	x64_jmp_m(c->b, x64_m(X_RDX, offsetof(struct tblock, code)));
	x64_patch_rel8(c->b, miss1, c->b->len);
	x64_patch_rel8(c->b, miss2, c->b->len);
	x64_store(c->b, 8, CPU_FIELD(pc), X_RAX);
	x64_store_imm(c->b, 8, CPU_FIELD(chain_from), 0);
	leave(c, VEXIT_LOOKUP);
}

bool jit_emit_exit(struct jit_ctx *c, const struct ir_insn *i)
{
	if (jit_is_back_edge(c, i)) {
		back_edge(c, i);
		return true;
	}
	if (i->op < IR_NUM_OPS && (ir_op_info[i->op].flags & IRF_EXIT))
		rc_sync_arch(c);
	switch (i->op) {
	case IR_BRCC: {
		int ra = rc_get(c, i->a), rb = rc_get(c, i->b);
		int slot = exit_slot(c, 0, (uint64_t)i->imm);
		size_t at = aligned_jump(c, ra, rb, 1, jit_cond_cc(i->c));
		if (slot >= 0)
			c->exit_at[0] = (uint32_t)at;
		jit_fixup(c, at, JS_EXIT, slot, (uint64_t)i->imm);
		return true;
	}
	case IR_EXIT: {
		int slot = exit_slot(c, 1, (uint64_t)i->imm);
		size_t at = aligned_jump(c, 0, 0, 0, X_CC_O);
		if (slot >= 0)
			c->exit_at[1] = (uint32_t)at;
		jit_fixup(c, at, JS_EXIT, slot, (uint64_t)i->imm);
		return true;
	}
	case IR_EXIT_IND:
		emit_exit_ind(c, i);
		return true;
	case IR_EXIT_SYSCALL:
		store_u64(c, CPU_FIELD(pc), (uint64_t)i->imm);
		leave(c, VEXIT_SYSCALL);
		return true;
	case IR_EXIT_FLUSH:
		store_u64(c, CPU_FIELD(pc), (uint64_t)i->imm);
		leave(c, VEXIT_FLUSH);
		return true;
	case IR_EXIT_TRAP:
		store_u64(c, CPU_FIELD(pc), (uint64_t)i->imm);
		store_u64(c, CPU_FIELD(trap.addr), (uint64_t)i->imm);
		x64_store_imm(c->b, 4, CPU_FIELD(trap.signo), i->a);
		x64_store_imm(c->b, 4, CPU_FIELD(trap.code), i->b);
		leave(c, VEXIT_TRAP);
		return true;
	default:
		return false;
	}
}
