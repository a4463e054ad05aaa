/* FP ops in SSE code.  core/fpu.h's functions do the op on the host FPU when
 * the host already rounds as asked and the result needs no fixing (no NaN:
 * canonical NaNs, NaN boxing); everything else goes to their slow paths.
 * The common case here is that same fast path inline, with the same
 * function called out of line for the rest, so the semantics stay
 * core/fpu.h's (tests/unit/jit_ops_test.c compares them case by case).
 * The host's exception flags accrue in MXCSR as they do in C.
 * Arm's fmode adds fpu.h's two conditions: FPCR.FZ and DN clear, and no
 * product or quotient of exactly the smallest normal magnitude (compares
 * only the first). */
#include <stddef.h>
#include <stdlib.h>

#include "backends/x86_64/jit.h"
#include "core/fpu.h"
#include "core/log.h"
#include "core/vcpu.h"

#define CPU_FIELD(f) x64_m(J_CPU, (int32_t)offsetof(struct vcpu, f))
#define SCRATCH x64_m(X_RSP, 48) /* the frame's spare word (jit_backend.c) */

static struct jit_slow *new_slow(struct jit_ctx *c, const struct ir_insn *i, int ra, int rb)
{
	if (c->nslow == c->capslow) {
		c->capslow = c->capslow ? c->capslow * 2 : 16;
		c->slow = realloc(c->slow, c->capslow * sizeof(*c->slow));
		if (!c->slow)
			ferry_fatal("out of memory");
	}
	struct jit_slow *s = &c->slow[c->nslow++];
	*s = (struct jit_slow){.fn = (const void *)jit_fp_op(i->op), .reg = {(int8_t)ra, (int8_t)rb},
			       .rm = i->rm, .fmode = i->fmode, .imm = i->imm};
	return s;
}

static void to_slow(struct jit_ctx *c, struct jit_slow *s, enum x64_cc cc)
{
	s->jumps[s->njumps++] = (uint32_t)x64_jcc32(c->b, cc);
}

/* Arm's FPCR.FZ or DN set (fpu_arm_ctl): the slow path. */
static void arm_ctl_check(struct jit_ctx *c, struct jit_slow *s)
{
	x64_load(c->b, 4, X_RAX, CPU_FIELD(fp_arm_mode));
	x64_test_ri(c->b, 4, X_RAX, FPU_ARM_CTL);
	to_slow(c, s, X_CC_NE);
}

/* fpu_host_rounds: the host rounds as the op asks.  rm is static; the
 * thread's mode (cpu->fp_rm) is not; nor are Arm's FPCR.FZ and DN. */
static void round_check(struct jit_ctx *c, struct jit_slow *s, unsigned rm, unsigned fmode)
{
	if (fmode == IRFM_ARM)
		arm_ctl_check(c, s);
	if (rm == IRM_DYN) {
		x64_alu_mi(c->b, 4, X_CMP, CPU_FIELD(fp_rm), IRM_RMM);
		to_slow(c, s, X_CC_AE);
	} else {
		x64_alu_mi(c->b, 4, X_CMP, CPU_FIELD(fp_rm), (int32_t)rm);
		to_slow(c, s, X_CC_NE);
	}
}

/* RISC-V singles: both operands NaN-boxed, else the slow path (which reads
 * an unboxed one as the canonical NaN). */
static void box_check(struct jit_ctx *c, struct jit_slow *s, int ra, int rb)
{
	x64_mov_rr(c->b, 8, X_RAX, ra);
	if (rb >= 0)
		x64_alu_rr(c->b, 8, X_AND, X_RAX, rb);
	x64_shift_ri(c->b, 8, X_SHR, X_RAX, 32);
	x64_alu_ri(c->b, 4, X_CMP, X_RAX, -1);
	to_slow(c, s, X_CC_NE);
}

/* xmm0 = a (and xmm1 = b), as doubles or singles */
static void load_xmm(struct jit_ctx *c, int size, int ra, int rb)
{
	x64_sse(c->b, 0x66, 0x0f6e, 0, ra, size == 8); /* movq/movd */
	if (rb >= 0)
		x64_sse(c->b, 0x66, 0x0f6e, 1, rb, size == 8);
}

/* fpu_arm_min_normal32/64: a product or quotient of magnitude exactly the
 * smallest normal may have been tiny before rounding, which is Arm's
 * underflow (x86 looks after rounding): the slow path decides. */
static void min_normal_check(struct jit_ctx *c, struct jit_slow *s, int size)
{
	x64_sse(c->b, 0x66, 0x0f7e, 0, X_RAX, size == 8); /* movq/movd rax, xmm0 */
	x64_shift_ri(c->b, size, X_SHL, X_RAX, 1);        /* the sign out */
	if (size == 8) {
		/* 2^53 is the only value ror 53 turns into 1 */
		x64_shift_ri(c->b, 8, X_ROR, X_RAX, 53);
		x64_alu_ri(c->b, 8, X_CMP, X_RAX, 1);
	} else {
		x64_alu_ri(c->b, 4, X_CMP, X_RAX, 0x00800000 << 1);
	}
	to_slow(c, s, X_CC_E);
}

/* Whether jit_emit_fp_inline compiles the op (else it is a plain call). */
bool jit_fp_inlined(const struct ir_insn *i)
{
	switch (i->op) {
	case IR_FADD64: case IR_FSUB64: case IR_FMUL64: case IR_FDIV64: case IR_FSQRT64:
	case IR_FADD32: case IR_FSUB32: case IR_FMUL32: case IR_FDIV32: case IR_FSQRT32:
		return i->rm < IRM_RMM || i->rm == IRM_DYN;
	case IR_FEQ64: case IR_FLT64: case IR_FLE64: case IR_FEQ32: case IR_FLT32: case IR_FLE32:
		return true;
	case IR_FFLAGS_SET: case IR_FFLAGS_GET:
		return true;
	default:
		return false;
	}
}

/* d = a op b (op: the SSE opcode's low byte: 58 add, 5c sub, 59 mul, 5e div, 51 sqrt) */
static bool arith(struct jit_ctx *c, const struct ir_insn *i, int size, uint8_t opc)
{
	if (!jit_fp_inlined(i))
		return false;
	bool sqrt = opc == 0x51;
	int ra = rc_get(c, i->a), rb = sqrt ? -1 : rc_get(c, i->b);
	struct jit_slow *s = new_slow(c, i, ra, rb);
	round_check(c, s, i->rm, i->fmode);
	bool boxed = size == 4 && i->fmode == IRFM_RISCV;
	if (boxed)
		box_check(c, s, ra, rb);
	load_xmm(c, size, ra, rb);
	uint8_t pfx = size == 8 ? 0xf2 : 0xf3;
	if (sqrt) {
		/* only x >= 0 (not a NaN) is the fast path */
		x64_sse(c->b, 0x66, 0x0fef, 1, 1, false);             /* pxor xmm1, xmm1 */
		x64_sse(c->b, size == 8 ? 0x66 : 0, 0x0f2e, 0, 1, false); /* ucomis[sd] xmm0, xmm1 */
		to_slow(c, s, X_CC_B);
		x64_sse(c->b, pfx, 0x0f51, 0, 0, false);
	} else {
		x64_sse(c->b, pfx, 0x0f00u | opc, 0, 1, false);
		x64_sse(c->b, size == 8 ? 0x66 : 0, 0x0f2e, 0, 0, false); /* a NaN result: unordered */
		to_slow(c, s, X_CC_P);
		if (i->fmode == IRFM_ARM && (opc == 0x59 || opc == 0x5e))
			min_normal_check(c, s, size);
	}
	if (size == 8) {
		x64_sse(c->b, 0x66, 0x0f7e, 0, X_RAX, true); /* movq rax, xmm0 */
	} else if (boxed) {
		x64_sse(c->b, 0x66, 0x0f76, 1, 1, false);    /* pcmpeqd xmm1, xmm1: all ones */
		x64_sse(c->b, 0, 0x0f14, 0, 1, false);       /* unpcklps: the box above the single */
		x64_sse(c->b, 0x66, 0x0f7e, 0, X_RAX, true);
	} else {
		x64_sse(c->b, 0x66, 0x0f7e, 0, X_RAX, false); /* movd eax, xmm0: upper half zero */
	}
	s->join = (uint32_t)c->b->len;
	rc_def(c, i->d, X_RAX, jit_d_live(c));
	return true;
}

/* d = a cond b, quiet (FEQ) or signalling (FLT, FLE): unordered is 0, and
 * for FLT/FLE the invalid flag; FEQ's NaN case is decided in C. */
static void compare(struct jit_ctx *c, const struct ir_insn *i, int size, enum x64_cc cc)
{
	int ra = rc_get(c, i->a), rb = rc_get(c, i->b);
	bool boxed = size == 4 && i->fmode == IRFM_RISCV, arm = i->fmode == IRFM_ARM;
	struct jit_slow *s = cc == X_CC_E || boxed || arm ? new_slow(c, i, ra, rb) : NULL;
	if (boxed)
		box_check(c, s, ra, rb);
	if (arm) /* FPCR.FZ flushes denormal operands first (core/fpu.h) */
		arm_ctl_check(c, s);
	load_xmm(c, size, ra, rb);
	x64_alu_rr(c->b, 4, X_XOR, X_RAX, X_RAX);
	x64_sse(c->b, size == 8 ? 0x66 : 0, 0x0f2e, 0, 1, false); /* ucomis[sd] xmm0, xmm1 */
	if (cc == X_CC_E) {
		to_slow(c, s, X_CC_P);
		x64_setcc(c->b, cc, X_RAX);
	} else {
		size_t ordered = x64_jcc8(c->b, X_CC_NP);
		x64_alu_mi(c->b, 4, X_OR, CPU_FIELD(fp_flags), IR_FFLAG_NV);
		size_t done = x64_jmp8(c->b);
		x64_patch_rel8(c->b, ordered, c->b->len);
		x64_setcc(c->b, cc, X_RAX);
		x64_patch_rel8(c->b, done, c->b->len);
	}
	if (s)
		s->join = (uint32_t)c->b->len;
	rc_def(c, i->d, X_RAX, jit_d_live(c));
}

/* fpu_fflags_set: the accrued flags replaced, the host's cleared (x87 and
 * MXCSR, as feclearexcept(FE_ALL_EXCEPT), whose x87 environment save and
 * restore is the slow part there). */
static void fflags_set(struct jit_ctx *c, const struct ir_insn *i)
{
	int ra = rc_get(c, i->a);
	x64_mov_rr(c->b, 4, X_RAX, ra);
	x64_alu_ri(c->b, 4, X_AND, X_RAX, 0x1f);
	x64_store(c->b, 4, CPU_FIELD(fp_flags), X_RAX);
	x64_fnclex(c->b);
	x64_stmxcsr(c->b, SCRATCH);
	x64_alu_mi(c->b, 4, X_AND, SCRATCH, ~0x3f);
	x64_ldmxcsr(c->b, SCRATCH);
}

/* The host's exception flags (x87 status word or MXCSR, bits IE ZE OE UE PE)
 * to IR_FFLAG_*: what host_flags() in core/fpu.c computes from fetestexcept. */
static const uint8_t host_to_ir[64] = {
#define HF(x) (((x) & 1 ? IR_FFLAG_NV : 0) | ((x) & 4 ? IR_FFLAG_DZ : 0) | ((x) & 8 ? IR_FFLAG_OF : 0) | \
	       ((x) & 16 ? IR_FFLAG_UF : 0) | ((x) & 32 ? IR_FFLAG_NX : 0))
#define HF4(x) HF(x), HF((x) + 1), HF((x) + 2), HF((x) + 3)
#define HF16(x) HF4(x), HF4((x) + 4), HF4((x) + 8), HF4((x) + 12)
	HF16(0), HF16(16), HF16(32), HF16(48),
#undef HF16
#undef HF4
#undef HF
};

/* fpu_fflags_get: the host's flags folded into cpu->fp_flags, which is the result. */
static void fflags_get(struct jit_ctx *c, const struct ir_insn *i)
{
	rc_claim(c, X_RCX);
	x64_fnstsw_ax(c->b);
	x64_stmxcsr(c->b, SCRATCH);
	x64_alu_rm(c->b, 4, X_OR, X_RAX, SCRATCH);
	x64_alu_ri(c->b, 4, X_AND, X_RAX, 0x3d);
	x64_mov_ri(c->b, X_RCX, (uint64_t)(uintptr_t)host_to_ir);
	x64_movzx_m(c->b, 1, X_RAX, x64_mi(X_RCX, X_RAX, 0, 0));
	x64_alu_rm(c->b, 4, X_OR, X_RAX, CPU_FIELD(fp_flags));
	x64_store(c->b, 4, CPU_FIELD(fp_flags), X_RAX);
	x64_mov_rr(c->b, 4, X_RCX, X_RAX);
	rc_def(c, i->d, X_RCX, jit_d_live(c));
}

bool jit_emit_fp_inline(struct jit_ctx *c, const struct ir_insn *i)
{
	if (!jit_fp_inlined(i))
		return false;
	switch (i->op) {
	case IR_FADD64: return arith(c, i, 8, 0x58);
	case IR_FSUB64: return arith(c, i, 8, 0x5c);
	case IR_FMUL64: return arith(c, i, 8, 0x59);
	case IR_FDIV64: return arith(c, i, 8, 0x5e);
	case IR_FSQRT64: return arith(c, i, 8, 0x51);
	case IR_FADD32: return arith(c, i, 4, 0x58);
	case IR_FSUB32: return arith(c, i, 4, 0x5c);
	case IR_FMUL32: return arith(c, i, 4, 0x59);
	case IR_FDIV32: return arith(c, i, 4, 0x5e);
	case IR_FSQRT32: return arith(c, i, 4, 0x51);
	case IR_FEQ64: compare(c, i, 8, X_CC_E); return true;
	case IR_FLT64: compare(c, i, 8, X_CC_B); return true;
	case IR_FLE64: compare(c, i, 8, X_CC_BE); return true;
	case IR_FEQ32: compare(c, i, 4, X_CC_E); return true;
	case IR_FLT32: compare(c, i, 4, X_CC_B); return true;
	case IR_FLE32: compare(c, i, 4, X_CC_BE); return true;
	case IR_FFLAGS_SET: fflags_set(c, i); return true;
	case IR_FFLAGS_GET: fflags_get(c, i); return true;
	default: return false;
	}
}

/* Each slow path: the caller-saved registers pushed (the cache's values
 * stay where the inline code left them), the call, the result in rax. */
void jit_emit_slow_stubs(struct jit_ctx *c)
{
	static const int8_t saved[8] = {X_RCX, X_RDX, X_RSI, X_RDI, X_R8, X_R9, X_R10, X_R11};
	static const int8_t args[6] = {X_RDI, X_RSI, X_RDX, X_RCX, X_R8, X_R9};
	struct x64_buf *b = c->b;
	for (uint32_t k = 0; k < c->nslow; k++) {
		const struct jit_slow *s = &c->slow[k];
		if (!s->njumps)
			continue;
		for (uint32_t j = 0; j < s->njumps; j++)
			x64_patch_rel32(b, s->jumps[j], b->len);
		for (int r = 0; r < 8; r++)
			x64_push(b, saved[r]);
		/* 64 bytes pushed: rsp is still 16-byte aligned; 16 more for the
		 * seventh argument */
		x64_alu_ri(b, 8, X_SUB, X_RSP, 16);
		if (x64_fits_i32(s->imm)) {
			x64_store_imm(b, 8, x64_m(X_RSP, 0), (int32_t)s->imm);
		} else {
			x64_mov_ri(b, X_RAX, (uint64_t)s->imm);
			x64_store(b, 8, x64_m(X_RSP, 0), X_RAX);
		}
		/* operands from the pushed copies (argument registers are being
		 * overwritten) or from callee-saved registers */
		for (int a = 0; a < 2; a++) {
			int dst = args[1 + a], r = s->reg[a];
			if (r < 0) {
				x64_mov_ri(b, dst, 0);
				continue;
			}
			int at = -1;
			for (int p = 0; p < 8; p++)
				if (saved[p] == r)
					at = p;
			if (at >= 0)
				x64_load(b, 8, dst, x64_m(X_RSP, 16 + 8 * (7 - at)));
			else
				x64_mov_rr(b, 8, dst, r);
		}
		x64_mov_ri(b, args[3], 0);
		x64_mov_ri(b, args[4], s->rm);
		x64_mov_ri(b, args[5], s->fmode);
		x64_mov_rr(b, 8, args[0], J_CPU);
		x64_mov_ri(b, X_RAX, (uint64_t)(uintptr_t)s->fn);
		x64_call_r(b, X_RAX);
		x64_alu_ri(b, 8, X_ADD, X_RSP, 16);
		for (int r = 8; r-- > 0;)
			x64_pop(b, saved[r]);
		size_t back = x64_jmp32(b);
		x64_patch_rel32(b, back, s->join);
	}
}
