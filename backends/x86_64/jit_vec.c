/* Lane-wise v128 ops (VADD ... VXTN, ir_ops.def) in SSE code.
 *
 * A v128 is two slots, low half first.  Operands come into xmm0 (a) and
 * xmm1 (b) from the register cache when a half is there, else from memory;
 * a 128-bit result goes to memory and the cache forgets d and d + 1, so a
 * later scalar read of a half loads it (a load the 16-byte store forwards
 * to).  An op with imm bit 2 clear works on the low 64 bits: its result
 * goes to a register of the cache, and zero to d + 1.
 * VTBL is pshufb (SSSE3) on indices moved into its range.
 * Lane sizes and forms SSE has no instruction for (8-bit multiplies,
 * 64-bit min/max and arithmetic shifts, VCNT) stay with the interpreter
 * fallback; so does everything needing SSSE3/SSE4 on a host without it.
 * The semantics are backends/interp/exec.inc's; tests/unit/jit_ops_test.c
 * compares the two op by op. */
#include "backends/x86_64/jit.h"

/* SSE feature levels beyond x86-64's baseline SSE2. */
enum { SSSE3 = 1, SSE41 = 2, SSE42 = 4 };

static unsigned host_sse(void)
{
	static int have = -1;
	if (have < 0) {
		__builtin_cpu_init();
		have = (__builtin_cpu_supports("ssse3") ? SSSE3 : 0) | (__builtin_cpu_supports("sse4.1") ? SSE41 : 0) |
		       (__builtin_cpu_supports("sse4.2") ? SSE42 : 0);
	}
	return (unsigned)have;
}

/* An SSE opcode (66-prefixed, 0x0fXX or 0x0f38XX) per lane size, with the
 * extensions it needs; 0: no such instruction. */
struct lane_ops {
	uint32_t opc[4];
	uint8_t need[4];
};

static const struct lane_ops padd = {{0x0ffc, 0x0ffd, 0x0ffe, 0x0fd4}, {0}};
static const struct lane_ops psub = {{0x0ff8, 0x0ff9, 0x0ffa, 0x0ffb}, {0}};
static const struct lane_ops pmul = {{0, 0x0fd5, 0x0f3840, 0}, {0, 0, SSE41, 0}};
static const struct lane_ops pcmpeq = {{0x0f74, 0x0f75, 0x0f76, 0x0f3829}, {0, 0, 0, SSE41}};
static const struct lane_ops pcmpgt = {{0x0f64, 0x0f65, 0x0f66, 0x0f3837}, {0, 0, 0, SSE42}};
static const struct lane_ops pmaxs = {{0x0f383c, 0x0fee, 0x0f383d, 0}, {SSE41, 0, SSE41, 0}};
static const struct lane_ops pmaxu = {{0x0fde, 0x0f383e, 0x0f383f, 0}, {0, SSE41, SSE41, 0}};
static const struct lane_ops pmins = {{0x0f3838, 0x0fea, 0x0f3839, 0}, {SSE41, 0, SSE41, 0}};
static const struct lane_ops pminu = {{0x0fda, 0x0f383a, 0x0f383b, 0}, {0, SSE41, SSE41, 0}};
static const struct lane_ops pabs = {{0x0f381c, 0x0f381d, 0x0f381e, 0}, {SSSE3, SSSE3, SSSE3, 0}};
static const struct lane_ops phadd = {{0, 0x0f3801, 0x0f3802, 0}, {0, SSSE3, SSSE3, 0}};
/* punpckl{bw,wd,dq,qdq}: interleave the low halves */
static const uint32_t punpckl[4] = {0x0f60, 0x0f61, 0x0f62, 0x0f6c};

static bool have(const struct lane_ops *t, unsigned sz) { return t->opc[sz] && (t->need[sz] & ~host_sse()) == 0; }

/* The table of the compare and min/max ops; NULL for the others. */
static const struct lane_ops *lane_table(unsigned op)
{
	switch (op) {
	case IR_VADD: return &padd;
	case IR_VSUB: return &psub;
	case IR_VMUL: return &pmul;
	case IR_VCMEQ: case IR_VCMTST: return &pcmpeq;
	case IR_VCMGT: case IR_VCMGE: case IR_VCMGTU: case IR_VCMGEU: return &pcmpgt;
	case IR_VMAX: return &pmaxs;
	case IR_VMAXU: return &pmaxu;
	case IR_VMIN: return &pmins;
	case IR_VMINU: return &pminu;
	case IR_VABS: return &pabs;
	case IR_VADDP: return &phadd;
	default: return NULL;
	}
}

static const struct lane_ops *pair_table(unsigned op)
{
	return op == IR_VMAXP ? &pmaxs : op == IR_VMAXUP ? &pmaxu : op == IR_VMINP ? &pmins : &pminu;
}

bool jit_vec_native(const struct ir_insn *i)
{
	unsigned sz = i->imm & 3, sh = (unsigned)(i->imm >> 8) & 0xff;
	bool full = i->imm & 4;
	switch (i->op) {
	case IR_VADD: case IR_VSUB: case IR_VMUL: case IR_VCMEQ: case IR_VCMGT: case IR_VCMGE:
	case IR_VCMGTU: case IR_VCMGEU: case IR_VCMTST: case IR_VMAX: case IR_VMAXU: case IR_VMIN: case IR_VMINU:
	case IR_VABS:
		return have(lane_table(i->op), sz);
	case IR_VADDP:
		/* 64-bit lanes by unpacking; 8-bit ones and the one-lane form not */
		return sz == 3 ? full : have(&phadd, sz);
	case IR_VMAXP: case IR_VMAXUP: case IR_VMINP: case IR_VMINUP:
		return have(pair_table(i->op), sz);
	case IR_VNEG:
		return true;
	case IR_VSHLI: /* the interpreter takes a 64-bit lane's count mod 64 */
		return sh < (8u << sz);
	case IR_VSHRI:
		return sh <= (8u << sz);
	case IR_VSARI: /* no 8-bit arithmetic shift to borrow from, no psraq */
		return sz == 1 || sz == 2;
	case IR_VEXTL:
		return sz < 3;
	case IR_VXTN:
		return sz < 3;
	case IR_VTBL: /* pshufb */
		return sz == 0 && (host_sse() & SSSE3);
	default:
		return false;
	}
}

/* What a native op reads besides its a and b, for jit_operands: the upper
 * halves it uses. */
void jit_vec_operands(const struct ir_insn *i, bool *a_hi, bool *b, bool *b_hi)
{
	bool full = i->imm & 4;
	*a_hi = full;
	*b = true;
	*b_hi = full;
	switch (i->op) {
	case IR_VNEG: case IR_VABS: case IR_VSHLI: case IR_VSHRI: case IR_VSARI:
		*b = *b_hi = false;
		break;
	case IR_VEXTL:
		*a_hi = (i->imm & 16) != 0;
		*b = *b_hi = false;
		break;
	case IR_VXTN:
		*a_hi = true;
		*b = (i->imm & 16) != 0;
		*b_hi = false;
		break;
	case IR_VTBL: /* the table is 16 bytes in either form */
		*a_hi = true;
		break;
	default:
		break;
	}
}

static void sse(struct jit_ctx *c, uint32_t opc, int x, int y) { x64_sse(c->b, 0x66, opc, x, y, false); }

/* op xmm, imm8 (the shift-by-immediate groups 0F 71/72/73 /digit ib) */
static void sse_imm(struct jit_ctx *c, uint32_t opc, int digit, int x, unsigned imm)
{
	x64_sse(c->b, 0x66, opc, digit, x, false);
	x64_byte(c->b, (uint8_t)imm);
}

/* xmm x = the 64-bit slot: from its register when the cache has it (it may
 * be ahead of memory), else from memory; the upper half zeroed. */
static void load_half(struct jit_ctx *c, int x, unsigned slot)
{
	int r = c->slot_reg[slot];
	if (r >= 0)
		x64_sse(c->b, 0x66, 0x0f6e, x, r, true);             /* movq xmm, r64 */
	else
		x64_sse_m(c->b, 0xf3, 0x0f7e, x, slot_mem(slot), false); /* movq xmm, m64 */
}

/* xmm x = the v128 at slot (both halves), xmm3 as scratch. */
static void load_v128(struct jit_ctx *c, int x, unsigned slot)
{
	if (c->slot_reg[slot] < 0 && c->slot_reg[slot + 1] < 0) {
		x64_sse_m(c->b, 0xf3, 0x0f6f, x, slot_mem(slot), false); /* movdqu */
		return;
	}
	load_half(c, x, slot);
	load_half(c, 3, slot + 1);
	sse(c, 0x0f6c, x, 3); /* punpcklqdq */
}

static void load(struct jit_ctx *c, int x, unsigned slot, bool hi)
{
	if (hi)
		load_v128(c, x, slot);
	else
		load_half(c, x, slot);
}

/* xmm x = the 64-bit pattern v in both halves (rax as scratch). */
static void splat64(struct jit_ctx *c, int x, uint64_t v)
{
	x64_mov_ri(c->b, X_RAX, v);
	x64_sse(c->b, 0x66, 0x0f6e, x, X_RAX, true);
	sse(c, 0x0f6c, x, x);
}

static uint64_t lane_pattern(unsigned sz, uint64_t lane)
{
	uint64_t v = 0;
	for (unsigned k = 0; k < 64; k += 8u << sz)
		v |= lane << k;
	return v;
}

/* d = xmm0: both halves to memory, or the low one to a register of the
 * cache (scalar code reads it next, as often as vector code) and zero to
 * d + 1's memory. */
static void store(struct jit_ctx *c, unsigned d, bool full)
{
	if (full) {
		x64_sse_m(c->b, 0xf3, 0x0f7f, 0, slot_mem(d), false); /* movdqu m128, xmm0 */
		rc_drop_slot(c, d);
		rc_drop_slot(c, d + 1);
		return;
	}
	x64_store_imm(c->b, 8, slot_mem(d + 1), 0);
	rc_drop_slot(c, d + 1);
	int r = rc_dest(c, d);
	x64_sse(c->b, 0x66, 0x0f7e, 0, r, true); /* movq r64, xmm0 */
	rc_def(c, d, r, jit_d_live(c));
}

static void not0(struct jit_ctx *c)
{
	sse(c, 0x0f76, 2, 2); /* pcmpeqd xmm2, xmm2: all ones */
	sse(c, 0x0fef, 0, 2); /* pxor */
}

/* xmm0 = (xmm0 > xmm1) per lane, unsigned: both biased by the sign bit. */
static void gtu(struct jit_ctx *c, unsigned sz)
{
	splat64(c, 2, lane_pattern(sz, 1ull << ((8u << sz) - 1)));
	sse(c, 0x0fef, 0, 2);
	sse(c, 0x0fef, 1, 2);
	sse(c, pcmpgt.opc[sz], 0, 1);
}

/* Shifts by an immediate: 0F 71 (16-bit lanes), 72 (32), 73 (64) with
 * /6 shl, /2 shr, /4 sar.  8-bit lanes shift as 16-bit ones, then the bits
 * that crossed from the neighbour byte are masked off. */
static void shift_imm(struct jit_ctx *c, unsigned op, unsigned sz, unsigned sh)
{
	int digit = op == IR_VSHLI ? 6 : op == IR_VSHRI ? 2 : 4;
	unsigned w = sz ? sz : 1;
	sse_imm(c, 0x0f70u + w, digit, 0, sh);
	if (sz == 0) {
		uint64_t keep = op == IR_VSHLI ? (0xffu << sh) & 0xff : 0xffu >> sh;
		splat64(c, 2, lane_pattern(0, keep));
		sse(c, 0x0fdb, 0, 2); /* pand */
	}
}

/* VXTN: xmm0's 2n-bit lanes truncated to n bits, packed in the low half.
 * Sign-extending the low n bits first makes the saturating pack exact. */
static void narrow(struct jit_ctx *c, unsigned sz)
{
	if (sz == 2) {
		sse_imm(c, 0x0f70, 0, 0, 0x08); /* pshufd xmm0, xmm0: lanes 0, 2, 0, 0 */
		return;
	}
	unsigned wide = sz + 1, bits = 8u << sz;
	sse_imm(c, 0x0f70u + wide, 6, 0, bits); /* psll */
	sse_imm(c, 0x0f70u + wide, 4, 0, bits); /* psra */
	sse(c, sz == 0 ? 0x0f63 : 0x0f6b, 0, 0); /* packsswb / packssdw xmm0, xmm0 */
}

/* Pairwise max/min: xmm0 = the even lanes of a then of b, xmm2 the odd
 * ones, then one lane-wise op.  32-bit lanes by shufps; 8- and 16-bit ones
 * by a signed pack of each lane sign-extended from its half (exact, so the
 * bits are kept whatever the op's signedness).  The 64-bit form packs a's
 * and b's low halves into one register first. */
static void pairwise(struct jit_ctx *c, unsigned op, unsigned sz, bool full)
{
	if (!full) {
		sse(c, 0x0f6c, 0, 1); /* punpcklqdq: a.lo b.lo */
		sse(c, 0x0f6f, 1, 0);
	}
	sse(c, 0x0f6f, 2, 0);
	if (sz == 2) {
		x64_sse(c->b, 0, 0x0fc6, 0, 1, false); /* shufps xmm0, xmm1: lanes 0, 2 of each */
		x64_byte(c->b, 0x88);
		x64_sse(c->b, 0, 0x0fc6, 2, 1, false); /* lanes 1, 3 */
		x64_byte(c->b, 0xdd);
	} else {
		unsigned wide = sz + 1, bits = 8u << sz;
		uint32_t pack = sz == 0 ? 0x0f63 : 0x0f6b; /* packsswb, packssdw */
		sse(c, 0x0f6f, 3, 1);
		sse_imm(c, 0x0f70u + wide, 6, 0, bits); /* even lanes: psll, psra */
		sse_imm(c, 0x0f70u + wide, 4, 0, bits);
		sse_imm(c, 0x0f70u + wide, 6, 1, bits);
		sse_imm(c, 0x0f70u + wide, 4, 1, bits);
		sse(c, pack, 0, 1);
		sse_imm(c, 0x0f70u + wide, 4, 2, bits); /* odd lanes: psra */
		sse_imm(c, 0x0f70u + wide, 4, 3, bits);
		sse(c, pack, 2, 3);
	}
	sse(c, pair_table(op)->opc[sz], 0, 2);
}

bool jit_emit_vec(struct jit_ctx *c, const struct ir_insn *i)
{
	if (i->op < IR_VADD || i->op > IR_VXTN || !jit_vec_native(i))
		return false;
	unsigned sz = i->imm & 3, sh = (unsigned)(i->imm >> 8) & 0xff;
	bool full = i->imm & 4, a_hi, has_b, b_hi;
	jit_vec_operands(i, &a_hi, &has_b, &b_hi);
	load(c, 0, i->a, a_hi);
	if (has_b)
		load(c, 1, i->b, b_hi);
	const struct lane_ops *t = lane_table(i->op);
	switch (i->op) {
	case IR_VADD: case IR_VSUB: case IR_VMUL: case IR_VCMEQ: case IR_VCMGT:
	case IR_VMAX: case IR_VMAXU: case IR_VMIN: case IR_VMINU:
		sse(c, t->opc[sz], 0, 1);
		break;
	case IR_VCMGE: /* a >= b: not b > a */
		sse(c, pcmpgt.opc[sz], 1, 0);
		sse(c, 0x0f6f, 0, 1); /* movdqa xmm0, xmm1 */
		not0(c);
		break;
	case IR_VCMGTU:
		gtu(c, sz);
		break;
	case IR_VCMGEU: /* a >= b: not b > a */
		sse(c, 0x0f6f, 2, 0);
		sse(c, 0x0f6f, 0, 1);
		sse(c, 0x0f6f, 1, 2);
		gtu(c, sz);
		not0(c);
		break;
	case IR_VCMTST: /* (a & b) != 0 */
		sse(c, 0x0fdb, 0, 1);
		sse(c, 0x0fef, 1, 1);
		sse(c, pcmpeq.opc[sz], 0, 1);
		not0(c);
		break;
	case IR_VNEG:
		sse(c, 0x0fef, 1, 1);
		sse(c, psub.opc[sz], 1, 0);
		sse(c, 0x0f6f, 0, 1);
		break;
	case IR_VABS:
		sse(c, t->opc[sz], 0, 0);
		break;
	case IR_VADDP:
		if (sz == 3) {
			sse(c, 0x0f6f, 2, 0);
			sse(c, 0x0f6c, 0, 1); /* punpcklqdq: a0 b0 */
			sse(c, 0x0f6d, 2, 1); /* punpckhqdq: a1 b1 */
			sse(c, padd.opc[3], 0, 2);
		} else if (full) {
			sse(c, t->opc[sz], 0, 1);
		} else {
			/* pairs of a's low half, then of b's: one 128-bit phadd */
			sse(c, 0x0f6c, 0, 1);
			sse(c, t->opc[sz], 0, 0);
		}
		break;
	case IR_VMAXP: case IR_VMAXUP: case IR_VMINP: case IR_VMINUP:
		pairwise(c, i->op, sz, full);
		break;
	case IR_VSHLI: case IR_VSHRI: case IR_VSARI:
		shift_imm(c, i->op, sz, sh);
		break;
	case IR_VTBL:
		/* indices less 16k, then + 0x70 saturating: 0..15 keep their low
		 * nibble with bit 7 clear, the others get bit 7, which makes
		 * pshufb give 0 */
		if ((16 * sh) & 0xff) {
			splat64(c, 2, lane_pattern(0, (16 * sh) & 0xff));
			sse(c, 0x0ff8, 1, 2); /* psubb */
		}
		splat64(c, 2, lane_pattern(0, 0x70));
		sse(c, 0x0fdc, 1, 2);   /* paddusb */
		sse(c, 0x0f3800, 0, 1); /* pshufb xmm0, xmm1 */
		break;
	case IR_VEXTL:
		if (i->imm & 16)
			sse_imm(c, 0x0f73, 3, 0, 8); /* psrldq xmm0, 8: the upper half down */
		sse(c, 0x0fef, 1, 1);
		if (i->imm & 8)
			sse(c, pcmpgt.opc[sz], 1, 0); /* xmm1 = 0 > a: the sign of each lane */
		sse(c, punpckl[sz], 0, 1);
		full = true;
		break;
	case IR_VXTN:
		narrow(c, sz);
		if (i->imm & 16) {
			/* b's low half below the narrowed lanes */
			sse(c, punpckl[3], 1, 0);
			sse(c, 0x0f6f, 0, 1);
			full = true;
		} else {
			full = false;
		}
		break;
	default:
		return false;
	}
	store(c, i->d, full);
	return true;
}
