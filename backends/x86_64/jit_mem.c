/* Guest memory ops: loads, stores, atomics, LR/SC.  The guest address goes
 * to rax and is checked against the window (mem_limit - size, kept in the
 * frame by the trampoline); host address = r12 + rax.  An unmapped page
 * inside the window faults on the host; the fault map entry of the access
 * names the instruction and the guest values still in registers
 * (jit_fault.c), so memory is not brought up to date before accesses. */
#include <stddef.h>

#include "backends/x86_64/jit.h"
#include "core/vcpu.h"

#define CPU_FIELD(f) x64_m(J_CPU, (int32_t)offsetof(struct vcpu, f))
#define HOST(disp) x64_mi(J_MEM, X_RAX, 0, (disp))
#define HOST_AT(r, disp) x64_mi(J_MEM, (r), 0, (disp))

/* The guest address a + imm in a register (a's own when imm is 0 and
 * in_rax is not asked), or a guest SIGSEGV if a size-byte access there
 * leaves the window.  *entry is the access's fault map entry: nothing may
 * change the register cache between here and the access. */
static int address(struct jit_ctx *c, unsigned a, int64_t imm, unsigned size, bool in_rax, uint32_t *entry)
{
	int ra = rc_get(c, a), r = X_RAX;
	if (imm == 0 && !in_rax) {
		r = ra;
	} else if (imm == 0) {
		x64_mov_rr(c->b, 8, X_RAX, ra);
	} else if (x64_fits_i32(imm)) {
		x64_lea(c->b, 8, X_RAX, x64_m(ra, (int32_t)imm));
	} else {
		x64_mov_ri(c->b, X_RAX, (uint64_t)imm);
		x64_alu_rr(c->b, 8, X_ADD, X_RAX, ra);
	}
	*entry = jit_fault_entry(c);
	x64_alu_rm(c->b, 8, X_CMP, r, x64_m(X_RSP, jit_limit_disp(size)));
	jit_trap_fixup(c, x64_jcc32(c->b, X_CC_A), JS_BAD_ADDRESS, *entry, r);
	return r;
}

/* Atomics must be naturally aligned: SIGBUS BUS_ADRALN otherwise. */
static void aligned(struct jit_ctx *c, unsigned size, uint32_t e)
{
	if (size == 1)
		return;
	x64_test_ri(c->b, 4, X_RAX, (int32_t)size - 1);
	jit_trap_fixup(c, x64_jcc32(c->b, X_CC_NE), JS_MISALIGNED, e, X_RAX);
}

/* Atomics and LR/SC: the address in rax. */
static uint32_t address_rax(struct jit_ctx *c, unsigned a, unsigned size)
{
	uint32_t e;
	address(c, a, 0, size, true, &e);
	aligned(c, size, e);
	return e;
}

static void def(struct jit_ctx *c, const struct ir_insn *i, int reg) { rc_def(c, i->d, reg, jit_d_live(c)); }

static void load(struct jit_ctx *c, const struct ir_insn *i, unsigned size, bool sign)
{
	int rd = jit_d_live(c) ? rc_dest(c, i->d) : rc_new(c);
	uint32_t e;
	int ra = address(c, i->a, i->imm, size, false, &e);
	jit_access_here(c, e);
	if (size == 8)
		x64_load(c->b, 8, rd, HOST_AT(ra, 0));
	else if (sign)
		x64_movsx_m(c->b, (int)size, rd, HOST_AT(ra, 0));
	else if (size == 4)
		x64_load(c->b, 4, rd, HOST_AT(ra, 0));
	else
		x64_movzx_m(c->b, (int)size, rd, HOST_AT(ra, 0));
	def(c, i, rd);
}

static void store(struct jit_ctx *c, const struct ir_insn *i, unsigned size)
{
	int rb = rc_get(c, i->b);
	uint32_t e;
	int ra = address(c, i->a, i->imm, size, false, &e);
	jit_access_here(c, e);
	x64_store(c->b, (int)size, HOST_AT(ra, 0), rb);
}

/* Widens an atomic's result in register r as the IR says: 32-bit forms
 * sign-extended, 8- and 16-bit ones zero-extended. */
static void widen(struct jit_ctx *c, int r, unsigned size)
{
	if (size == 4)
		x64_movsx(c->b, 4, r, r);
	else if (size < 4)
		x64_movzx(c->b, (int)size, r, r);
}

static void cmpxchg(struct jit_ctx *c, const struct ir_insn *i, unsigned size)
{
	rc_claim(c, X_RDX);
	int rb = rc_get(c, i->b), rn = rc_get(c, i->c);
	uint32_t e = address_rax(c, i->a, size);
	x64_mov_rr(c->b, 8, X_RDX, X_RAX);
	x64_mov_rr(c->b, 8, X_RAX, rb);
	jit_access_here(c, e);
	x64_lock_cmpxchg(c->b, (int)size, x64_mi(J_MEM, X_RDX, 0, 0), rn);
	/* the result in a claimed register: this op already holds four */
	x64_mov_rr(c->b, 8, X_RDX, X_RAX);
	widen(c, X_RDX, size);
	def(c, i, X_RDX);
}

/* Fetch-and-op: xchg and xadd directly, the others in a cmpxchg loop. */
static void atomic_rmw(struct jit_ctx *c, const struct ir_insn *i, unsigned size)
{
	rc_claim(c, X_RDX);
	rc_claim(c, X_RCX);
	int rv = rc_get(c, i->b);
	uint32_t e = address_rax(c, i->a, size);
	struct x64_buf *b = c->b;
	struct x64_mem m = x64_mi(J_MEM, X_RDX, 0, 0);
	x64_mov_rr(b, 8, X_RDX, X_RAX);
	switch (i->c) {
	case IRA_SWAP:
		x64_mov_rr(b, 8, X_RCX, rv);
		jit_access_here(c, e);
		x64_xchg_m(b, (int)size, m, X_RCX);
		break;
	case IRA_ADD:
		x64_mov_rr(b, 8, X_RCX, rv);
		jit_access_here(c, e);
		x64_lock_xadd(b, (int)size, m, X_RCX);
		break;
	default: {
		jit_access_here(c, e);
		if (size >= 4)
			x64_load(b, (int)size, X_RAX, m);
		else
			x64_movzx_m(b, (int)size, X_RAX, m);
		size_t loop = b->len;
		switch (i->c) {
		case IRA_AND: case IRA_OR: case IRA_XOR:
			x64_mov_rr(b, 8, X_RCX, X_RAX);
			x64_alu_rr(b, 8, i->c == IRA_AND ? X_AND : i->c == IRA_OR ? X_OR : X_XOR, X_RCX, rv);
			break;
		default: {
			/* new = old if old is the min (max) at this width, else v */
			enum x64_cc keep = i->c == IRA_MIN ? X_CC_L : i->c == IRA_MAX ? X_CC_G
					 : i->c == IRA_MINU ? X_CC_B : X_CC_A;
			x64_mov_rr(b, 8, X_RCX, rv);
			x64_alu_rr(b, (int)size, X_CMP, X_RAX, rv);
			x64_cmov(b, 8, keep, X_RCX, X_RAX);
			break;
		}
		}
		jit_access_here(c, e);
		x64_lock_cmpxchg(b, (int)size, m, X_RCX);
		size_t back = x64_jcc8(b, X_CC_NE);
		x64_patch_rel8(b, back, loop);
		/* the result in a claimed register: this op already holds four */
		x64_mov_rr(b, 8, X_RCX, X_RAX);
		break;
	}
	}
	widen(c, X_RCX, size);
	def(c, i, X_RCX);
}

static void load_reserved(struct jit_ctx *c, const struct ir_insn *i, unsigned size)
{
	rc_claim(c, X_RCX);
	uint32_t e = address_rax(c, i->a, size);
	jit_access_here(c, e);
	if (size >= 4)
		x64_load(c->b, (int)size, X_RCX, HOST(0));
	else
		x64_movzx_m(c->b, (int)size, X_RCX, HOST(0));
	x64_store(c->b, 8, CPU_FIELD(resv_addr), X_RAX);
	x64_store(c->b, 8, CPU_FIELD(resv_val), X_RCX);
	x64_store_imm(c->b, 4, CPU_FIELD(resv_valid), (int32_t)size);
	if (size == 4)
		x64_movsx(c->b, 4, X_RCX, X_RCX);
	def(c, i, X_RCX);
}

/* d = 0 if the reservation (size, address) holds and memory still has the
 * value seen, by compare-exchange; else 1.  The reservation ends either way. */
static void store_conditional(struct jit_ctx *c, const struct ir_insn *i, unsigned size)
{
	rc_claim(c, X_RDX);
	rc_claim(c, X_RCX);
	int rv = rc_get(c, i->b);
	uint32_t e = address_rax(c, i->a, size);
	struct x64_buf *b = c->b;
	x64_alu_mi(b, 4, X_CMP, CPU_FIELD(resv_valid), (int32_t)size);
	size_t fail1 = x64_jcc8(b, X_CC_NE);
	x64_alu_rm(b, 8, X_CMP, X_RAX, CPU_FIELD(resv_addr));
	size_t fail2 = x64_jcc8(b, X_CC_NE);
	x64_mov_rr(b, 8, X_RDX, X_RAX);
	x64_load(b, 8, X_RAX, CPU_FIELD(resv_val));
	jit_access_here(c, e);
	x64_lock_cmpxchg(b, (int)size, x64_mi(J_MEM, X_RDX, 0, 0), rv);
	x64_setcc(b, X_CC_NE, X_RCX);
	x64_movzx(b, 1, X_RCX, X_RCX);
	size_t done = x64_jmp8(b);
	x64_patch_rel8(b, fail1, b->len);
	x64_patch_rel8(b, fail2, b->len);
	x64_mov_ri(b, X_RCX, 1);
	x64_patch_rel8(b, done, b->len);
	x64_store_imm(b, 4, CPU_FIELD(resv_valid), 0);
	def(c, i, X_RCX);
}

/* The 128-bit forms are rare (AArch64 LDXP/STXP/CASP): C helpers that read
 * and write the slot pairs in cpu->slot. */
static void pair_op(struct jit_ctx *c, const struct ir_insn *i)
{
	address_rax(c, i->a, 16);
	rc_sync_all(c);
	jit_mark_fault_pc(c);
	switch (i->op) {
	case IR_LR128: {
		struct jit_arg args[] = {JARG_CPU, JARG_REG(X_RAX), JARG_IMM(i->d)};
		jit_call(c, (const void *)jit_h_lr128, args, 3);
		break;
	}
	case IR_SC128: {
		struct jit_arg args[] = {JARG_CPU, JARG_REG(X_RAX), JARG_IMM(i->b), JARG_IMM(i->c)};
		jit_call(c, (const void *)jit_h_sc128, args, 4);
		break;
	}
	default: {
		struct jit_arg args[] = {JARG_CPU, JARG_REG(X_RAX), JARG_IMM(i->b | (uint64_t)i->c << 16), JARG_IMM(i->d)};
		jit_call(c, (const void *)jit_h_cmpxchg128, args, 4);
		break;
	}
	}
	if (i->op == IR_SC128) {
		def(c, i, X_RAX);
	} else {
		rc_drop_slot(c, i->d);
		rc_drop_slot(c, i->d + 1u);
	}
}

bool jit_emit_mem(struct jit_ctx *c, const struct ir_insn *i)
{
	switch (i->op) {
	case IR_LD8U: load(c, i, 1, false); break;
	case IR_LD8S: load(c, i, 1, true); break;
	case IR_LD16U: load(c, i, 2, false); break;
	case IR_LD16S: load(c, i, 2, true); break;
	case IR_LD32U: load(c, i, 4, false); break;
	case IR_LD32S: load(c, i, 4, true); break;
	case IR_LD64: load(c, i, 8, false); break;
	case IR_LD128: {
		rc_claim(c, X_RCX);
		rc_claim(c, X_RDX);
		uint32_t e;
		int ra = address(c, i->a, i->imm, 16, false, &e);
		jit_access_here(c, e);
		x64_load(c->b, 8, X_RCX, HOST_AT(ra, 0));
		jit_access_here(c, e);
		x64_load(c->b, 8, X_RDX, HOST_AT(ra, 8));
		rc_def(c, i->d, X_RCX, jit_d_live(c));
		rc_def(c, i->d + 1u, X_RDX, (c->live[c->k] & JL_D1_LIVE) != 0);
		break;
	}
	case IR_ST8: store(c, i, 1); break;
	case IR_ST16: store(c, i, 2); break;
	case IR_ST32: store(c, i, 4); break;
	case IR_ST64: store(c, i, 8); break;
	case IR_ST128: {
		int lo = rc_get(c, i->b), hi = rc_get(c, i->b + 1u);
		uint32_t e;
		int ra = address(c, i->a, i->imm, 16, false, &e);
		jit_access_here(c, e);
		x64_store(c->b, 8, HOST_AT(ra, 0), lo);
		jit_access_here(c, e);
		x64_store(c->b, 8, HOST_AT(ra, 8), hi);
		break;
	}
	case IR_CMPXCHG8: cmpxchg(c, i, 1); break;
	case IR_CMPXCHG16: cmpxchg(c, i, 2); break;
	case IR_CMPXCHG32: cmpxchg(c, i, 4); break;
	case IR_CMPXCHG64: cmpxchg(c, i, 8); break;
	case IR_ATOMIC8: atomic_rmw(c, i, 1); break;
	case IR_ATOMIC16: atomic_rmw(c, i, 2); break;
	case IR_ATOMIC32: atomic_rmw(c, i, 4); break;
	case IR_ATOMIC64: atomic_rmw(c, i, 8); break;
	case IR_LR8: load_reserved(c, i, 1); break;
	case IR_LR16: load_reserved(c, i, 2); break;
	case IR_LR32: load_reserved(c, i, 4); break;
	case IR_LR64: load_reserved(c, i, 8); break;
	case IR_SC8: store_conditional(c, i, 1); break;
	case IR_SC16: store_conditional(c, i, 2); break;
	case IR_SC32: store_conditional(c, i, 4); break;
	case IR_SC64: store_conditional(c, i, 8); break;
	case IR_LR128: case IR_SC128: case IR_CMPXCHG128: pair_op(c, i); break;
	case IR_ALIGNCHK: {
		if (!x64_fits_i32(i->imm) || i->imm < 0)
			rc_claim(c, X_RCX);
		int ra = rc_get(c, i->a);
		x64_mov_rr(c->b, 8, X_RAX, ra);
		if (x64_fits_i32(i->imm) && i->imm >= 0) {
			x64_test_ri(c->b, 8, X_RAX, (int32_t)i->imm);
		} else {
			x64_mov_ri(c->b, X_RCX, (uint64_t)i->imm);
			x64_test_rr(c->b, 8, X_RAX, X_RCX);
		}
		uint32_t e = jit_fault_entry(c);
		jit_trap_fixup(c, x64_jcc32(c->b, X_CC_NE), JS_MISALIGNED, e, X_RAX);
		break;
	}
	default: return false;
	}
	return true;
}
