/* Calls from generated code into C: argument set-up (a parallel move, as
 * cached values may sit in argument registers), the SysV stack argument,
 * and the ops that are calls: FP ops not done inline (core/fpu.h), the IR's
 * CALL, FRM_SET, clocks, and the interpreter fallback for ops this JIT does
 * not know. */
#include <stddef.h>

#include "backends/x86_64/jit.h"
#include "core/fpu.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static const int8_t arg_regs[6] = {X_RDI, X_RSI, X_RDX, X_RCX, X_R8, X_R9};

/* Loads the argument registers.  Register sources are moved first, in an
 * order that reads each before it is overwritten (cycles are broken with
 * xchg); memory and constant sources, which read no argument register,
 * come last. */
static void load_args(struct jit_ctx *c, const struct jit_arg *args, int nargs)
{
	int8_t src[6];
	bool pending[6] = {false};
	for (int k = 0; k < nargs; k++) {
		src[k] = -1;
		if (args[k].kind == JA_SLOT && c->slot_reg[args[k].v] >= 0)
			src[k] = c->slot_reg[args[k].v];
		else if (args[k].kind == JA_REG)
			src[k] = (int8_t)args[k].v;
		else if (args[k].kind == JA_CPU)
			src[k] = J_CPU;
		pending[k] = src[k] >= 0 && src[k] != arg_regs[k];
	}
	for (;;) {
		bool any = false, moved = false;
		for (int k = 0; k < nargs; k++) {
			if (!pending[k])
				continue;
			any = true;
			bool blocked = false;
			for (int j = 0; j < nargs; j++)
				blocked |= j != k && pending[j] && src[j] == arg_regs[k];
			if (!blocked) {
				x64_mov_rr(c->b, 8, arg_regs[k], src[k]);
				pending[k] = false;
				moved = true;
			}
		}
		if (!any)
			break;
		if (moved)
			continue;
		/* Only cycles are left: swap one pair into place. */
		for (int k = 0; k < nargs; k++) {
			if (!pending[k])
				continue;
			int d = arg_regs[k], s = src[k];
			x64_xchg_rr(c->b, d, s);
			pending[k] = false;
			for (int j = 0; j < nargs; j++)
				if (pending[j] && src[j] == d)
					src[j] = (int8_t)s;
			break;
		}
	}
	for (int k = 0; k < nargs; k++) {
		if (src[k] >= 0)
			continue;
		if (args[k].kind == JA_SLOT)
			x64_load(c->b, 8, arg_regs[k], slot_mem((unsigned)args[k].v));
		else
			x64_mov_ri(c->b, arg_regs[k], args[k].v);
	}
}

static void call(struct jit_ctx *c, const void *fn, const struct jit_arg *args, int nargs, bool stack,
		 int64_t stack_arg)
{
	rc_spill_caller_saved(c);
	/* C may read cpu->icount (the fallback, a fault) */
	x64_store(c->b, 8, x64_m(J_CPU, (int32_t)offsetof(struct vcpu, icount)), J_ICOUNT);
	if (stack) {
		/* The seventh argument at [rsp]; rsp stays 16-byte aligned. */
		x64_alu_ri(c->b, 8, X_SUB, X_RSP, 16);
		if (x64_fits_i32(stack_arg)) {
			x64_store_imm(c->b, 8, x64_m(X_RSP, 0), (int32_t)stack_arg);
		} else {
			x64_mov_ri(c->b, X_RAX, (uint64_t)stack_arg);
			x64_store(c->b, 8, x64_m(X_RSP, 0), X_RAX);
		}
	}
	load_args(c, args, nargs);
	x64_mov_ri(c->b, X_RAX, (uint64_t)(uintptr_t)fn);
	x64_call_r(c->b, X_RAX);
	if (stack)
		x64_alu_ri(c->b, 8, X_ADD, X_RSP, 16);
	rc_drop_caller_saved(c);
}

void jit_call(struct jit_ctx *c, const void *fn, const struct jit_arg *args, int nargs)
{
	call(c, fn, args, nargs, false, 0);
}

void jit_call7(struct jit_ctx *c, const void *fn, const struct jit_arg *args, int64_t stack)
{
	call(c, fn, args, 6, true, stack);
}

static void def(struct jit_ctx *c, const struct ir_insn *i) { rc_def(c, i->d, X_RAX, jit_d_live(c)); }

/* Whether the op's code may call C (and so clobber caller-saved
 * registers): everything but the ops compiled to plain code. */
bool jit_op_calls(const struct ir_insn *i)
{
	if (jit_fallback_all)
		return !(i->op < IR_NUM_OPS && (ir_op_info[i->op].flags & IRF_EXIT));
	if (jit_fp_inlined(i))
		return false; /* their slow paths keep every register */
	switch (i->op) {
	case IR_INSN_START: case IR_NOP: case IR_MOV: case IR_MOVI:
	case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN: case IR_ORN: case IR_XNOR:
	case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROL: case IR_ROR:
	case IR_ADDI: case IR_ANDI: case IR_ORI: case IR_XORI: case IR_SHLI: case IR_SHRI: case IR_SARI: case IR_RORI:
	case IR_MUL: case IR_MULH: case IR_MULHU: case IR_MULHSU: case IR_DIV: case IR_DIVU: case IR_REM: case IR_REMU:
	case IR_MIN: case IR_MAX: case IR_MINU: case IR_MAXU: case IR_CLZ: case IR_CTZ: case IR_BSWAP:
	case IR_ADD32: case IR_SUB32: case IR_SHL32: case IR_SHR32: case IR_SAR32: case IR_ROL32: case IR_ROR32:
	case IR_ADDI32: case IR_SHLI32: case IR_SHRI32: case IR_SARI32: case IR_RORI32:
	case IR_MUL32: case IR_DIV32: case IR_DIVU32: case IR_REM32: case IR_REMU32:
	case IR_CLZ32: case IR_CTZ32: case IR_BSWAP32: case IR_BSWAP16:
	case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8: case IR_ZEXT16: case IR_ZEXT32:
	case IR_SETCC: case IR_SETCCI: case IR_SELECT:
	case IR_LD8U: case IR_LD8S: case IR_LD16U: case IR_LD16S: case IR_LD32U: case IR_LD32S: case IR_LD64: case IR_LD128:
	case IR_ST8: case IR_ST16: case IR_ST32: case IR_ST64: case IR_ST128:
	case IR_CMPXCHG32: case IR_CMPXCHG64: case IR_CMPXCHG8: case IR_CMPXCHG16:
	case IR_ATOMIC32: case IR_ATOMIC64: case IR_ATOMIC8: case IR_ATOMIC16:
	case IR_LR32: case IR_LR64: case IR_LR8: case IR_LR16: case IR_SC32: case IR_SC64: case IR_SC8: case IR_SC16:
	case IR_CLREX: case IR_FENCE: case IR_MOV128: case IR_RDINSTRET: case IR_ALIGNCHK:
	case IR_BRCC: case IR_EXIT: case IR_EXIT_IND: case IR_EXIT_SYSCALL: case IR_EXIT_TRAP: case IR_EXIT_FLUSH:
		return false;
	default:
		return !jit_vec_native(i);
	}
}

/* fpu_<OP>(cpu, a, b, c, rm, fmode, imm); operands the op's form lacks are 0. */
static void fp_op(struct jit_ctx *c, const struct ir_insn *i, jit_fp_fn fn)
{
	const char *form = ir_op_info[i->op].form;
	bool has_b = form[1] == 'a' && form[2] == 'b', has_c = has_b && form[3] == 'c';
	struct jit_arg args[6] = {JARG_CPU, JARG_SLOT(i->a), has_b ? JARG_SLOT(i->b) : JARG_IMM(0),
				  has_c ? JARG_SLOT(i->c) : JARG_IMM(0), JARG_IMM(i->rm), JARG_IMM(i->fmode)};
	jit_call7(c, (const void *)fn, args, i->imm);
	def(c, i);
}

bool jit_emit_call_op(struct jit_ctx *c, const struct ir_insn *i)
{
	jit_fp_fn fp = jit_fp_op(i->op);
	if (fp) {
		fp_op(c, i, fp);
		return true;
	}
	switch (i->op) {
	case IR_CALL: {
		/* A helper may read and write any slot in cpu->slot, temps too. */
		struct jit_arg args[] = {JARG_CPU, JARG_SLOT(i->a), JARG_SLOT(i->b), JARG_SLOT(i->c)};
		rc_sync_all(c);
		jit_mark_fault_pc(c);
		jit_call(c, (const void *)(uintptr_t)i->imm, args, 4);
		rc_drop_all(c);
		def(c, i);
		return true;
	}
	case IR_FRM_SET: {
		struct jit_arg args[] = {JARG_CPU, JARG_SLOT(i->a)};
		jit_call(c, (const void *)fpu_frm_set, args, 2);
		return true;
	}
	case IR_RDCYCLE: case IR_RDTIME:
		jit_call(c, i->op == IR_RDCYCLE ? (const void *)jit_h_rdcycle : (const void *)jit_h_rdtime, NULL, 0);
		def(c, i);
		return true;
	case IR_ORCB: {
		struct jit_arg args[] = {JARG_SLOT(i->a)};
		jit_call(c, (const void *)jit_h_orcb, args, 1);
		def(c, i);
		return true;
	}
	default:
		return false;
	}
}

/* An op this JIT has no code for: the interpreter runs it alone on the
 * same vcpu (jit_helpers.c).  It may read and write any slot, so the
 * cache is written back before and forgotten after; a non-zero result
 * is an exit (a trap, or an exit op) to leave with. */
void jit_emit_fallback(struct jit_ctx *c, const struct ir_insn *i)
{
	struct tblock *op_tb = jit_fallback_block(i, c->insn_pc, c->tb->ninsns);
	if (!op_tb) {
		c->failed = true;
		return;
	}
	struct jit_arg args[] = {JARG_CPU, JARG_IMM((uintptr_t)op_tb)};
	rc_sync_all(c);
	jit_call(c, (const void *)jit_h_fallback, args, 2);
	rc_drop_all(c);
	c->fault_pc_set = false;
	x64_test_rr(c->b, 4, X_RAX, X_RAX);
	size_t go_on = x64_jcc8(c->b, X_CC_E);
	x64_ret(c->b);
	x64_patch_rel8(c->b, go_on, c->b->len);
}
