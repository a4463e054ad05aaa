/* What each op reads and writes, and a backward liveness pass over a block,
 * so the register cache knows which values to keep and which temps never
 * need to reach memory. */
#include <string.h>

#include "backends/x86_64/jit.h"

static void rd(struct jit_operands *o, unsigned slot, uint8_t pos)
{
	o->rd[o->nr] = (uint16_t)slot;
	o->rd_pos[o->nr++] = pos;
}

static void wr(struct jit_operands *o, unsigned slot) { o->wr[o->nw++] = (uint16_t)slot; }

/* Which of d, a, b, c an op's form names, read once from ir_op_info. */
enum { FORM_D = 1, FORM_A = 2, FORM_B = 4, FORM_C = 8, FORM_KNOWN = 16 };
static unsigned form_bits(unsigned op)
{
	static uint8_t bits[IR_NUM_OPS];
	if (!bits[op]) {
		unsigned f = FORM_KNOWN;
		for (const char *p = ir_op_info[op].form; *p; p++)
			f |= *p == 'd' ? FORM_D : *p == 'a' ? FORM_A : *p == 'b' ? FORM_B : *p == 'c' ? FORM_C : 0;
		bits[op] = (uint8_t)f;
	}
	return bits[op];
}

void jit_operands(const struct ir_insn *i, struct jit_operands *o)
{
	memset(o, 0, sizeof(*o));
	switch (i->op) {
	case IR_INSN_START: case IR_NOP: case IR_CLREX: case IR_FENCE:
	case IR_EXIT: case IR_EXIT_SYSCALL: case IR_EXIT_TRAP: case IR_EXIT_FLUSH:
		return;
	/* c is a constant (condition or atomic operation), not a slot */
	case IR_SETCC: case IR_BRCC: case IR_ATOMIC32: case IR_ATOMIC64: case IR_ATOMIC8: case IR_ATOMIC16:
	case IR_SC32: case IR_SC64: case IR_SC8: case IR_SC16:
		rd(o, i->a, 'a');
		rd(o, i->b, 'b');
		if (i->op != IR_BRCC)
			wr(o, i->d);
		return;
	case IR_SETCCI:
		rd(o, i->a, 'a');
		wr(o, i->d);
		return;
	/* slot pairs */
	case IR_LD128: case IR_LR128:
		rd(o, i->a, 'a');
		wr(o, i->d);
		wr(o, i->d + 1u);
		return;
	case IR_ST128:
		rd(o, i->a, 'a');
		rd(o, i->b, 'b');
		rd(o, i->b + 1u, 0);
		return;
	case IR_MOV128:
		rd(o, i->a, 'a');
		rd(o, i->a + 1u, 0);
		wr(o, i->d);
		wr(o, i->d + 1u);
		return;
	case IR_SC128: case IR_CMPXCHG128:
		rd(o, i->a, 'a');
		rd(o, i->b, 'b');
		rd(o, i->b + 1u, 0);
		rd(o, i->c, 'c');
		rd(o, i->c + 1u, 0);
		wr(o, i->d);
		if (i->op == IR_CMPXCHG128)
			wr(o, i->d + 1u);
		return;
	case IR_CALL:
		o->all = true;
		rd(o, i->a, 0);
		rd(o, i->b, 0);
		rd(o, i->c, 0);
		wr(o, i->d);
		return;
	/* every other op the JIT knows: the form string says it */
	case IR_MOV: case IR_MOVI:
	case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN: case IR_ORN: case IR_XNOR:
	case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROL: case IR_ROR:
	case IR_ADDI: case IR_ANDI: case IR_ORI: case IR_XORI: case IR_SHLI: case IR_SHRI: case IR_SARI: case IR_RORI:
	case IR_MUL: case IR_MULH: case IR_MULHU: case IR_MULHSU: case IR_DIV: case IR_DIVU: case IR_REM: case IR_REMU:
	case IR_MIN: case IR_MAX: case IR_MINU: case IR_MAXU:
	case IR_CLZ: case IR_CTZ: case IR_CPOP: case IR_BSWAP: case IR_ORCB:
	case IR_ADD32: case IR_SUB32: case IR_SHL32: case IR_SHR32: case IR_SAR32: case IR_ROL32: case IR_ROR32:
	case IR_ADDI32: case IR_SHLI32: case IR_SHRI32: case IR_SARI32: case IR_RORI32:
	case IR_MUL32: case IR_DIV32: case IR_DIVU32: case IR_REM32: case IR_REMU32:
	case IR_CLZ32: case IR_CTZ32: case IR_CPOP32: case IR_BSWAP32: case IR_BSWAP16:
	case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8: case IR_ZEXT16: case IR_ZEXT32:
	case IR_SELECT:
	case IR_LD8U: case IR_LD8S: case IR_LD16U: case IR_LD16S: case IR_LD32U: case IR_LD32S: case IR_LD64:
	case IR_ST8: case IR_ST16: case IR_ST32: case IR_ST64:
	case IR_CMPXCHG32: case IR_CMPXCHG64: case IR_CMPXCHG8: case IR_CMPXCHG16:
	case IR_LR32: case IR_LR64: case IR_LR8: case IR_LR16:
	case IR_ALIGNCHK:
	case IR_FADD32: case IR_FSUB32: case IR_FMUL32: case IR_FDIV32: case IR_FSQRT32: case IR_FMIN32:
	case IR_FMAX32: case IR_FMA32: case IR_FEQ32: case IR_FLT32: case IR_FLE32:
	case IR_FADD64: case IR_FSUB64: case IR_FMUL64: case IR_FDIV64: case IR_FSQRT64: case IR_FMIN64:
	case IR_FMAX64: case IR_FMA64: case IR_FEQ64: case IR_FLT64: case IR_FLE64:
	case IR_CVT_F32_F64: case IR_CVT_F64_F32:
	case IR_CVT_S32_F32: case IR_CVT_U32_F32: case IR_CVT_S64_F32: case IR_CVT_U64_F32:
	case IR_CVT_S32_F64: case IR_CVT_U32_F64: case IR_CVT_S64_F64: case IR_CVT_U64_F64:
	case IR_CVT_F32_S32: case IR_CVT_F32_U32: case IR_CVT_F32_S64: case IR_CVT_F32_U64:
	case IR_CVT_F64_S32: case IR_CVT_F64_U32: case IR_CVT_F64_S64: case IR_CVT_F64_U64:
	case IR_FFLAGS_GET: case IR_FFLAGS_SET: case IR_FRM_SET:
	case IR_RDINSTRET: case IR_RDCYCLE: case IR_RDTIME:
	case IR_EXIT_IND: {
		unsigned f = form_bits(i->op);
		if (f & FORM_A)
			rd(o, i->a, 'a');
		if (f & FORM_B)
			rd(o, i->b, 'b');
		if (f & FORM_C)
			rd(o, i->c, 'c');
		if (f & FORM_D)
			wr(o, i->d);
		return;
	}
	default:
		if (!jit_fallback_all && jit_vec_native(i)) {
			bool a_hi, b, b_hi;
			jit_vec_operands(i, &a_hi, &b, &b_hi);
			rd(o, i->a, 'a');
			if (a_hi)
				rd(o, i->a + 1u, 0);
			if (b)
				rd(o, i->b, 'b');
			if (b_hi)
				rd(o, i->b + 1u, 0);
			wr(o, i->d);
			wr(o, i->d + 1u);
			return;
		}
		/* An op added to ir_ops.def after this file: it runs in the
		 * interpreter, which may read or write any slot. */
		o->all = true;
		return;
	}
}

/* jit_sync_point, given the op's operands. */
static bool sync_point(const struct ir_insn *i, const struct jit_operands *o)
{
	if (i->op >= IR_NUM_OPS || i->op == IR_CALL)
		return true;
	switch (i->op) {
	/* the ops jit_operands() knows that call no C reading slots and cannot fault */
	case IR_INSN_START: case IR_NOP: case IR_CLREX: case IR_FENCE:
		return false;
	default:
		return o->all || (ir_op_info[i->op].flags & (IRF_MEM | IRF_EXIT | IRF_CALL));
	}
}

bool jit_sync_point(const struct ir_insn *i)
{
	struct jit_operands o;
	jit_operands(i, &o);
	return sync_point(i, &o);
}

#define NWORDS (IR_SLOTS / 64)

static bool test(const uint64_t *set, unsigned s) { return set[s / 64] >> (s % 64) & 1; }
static void set(uint64_t *set, unsigned s) { set[s / 64] |= 1ull << (s % 64); }
static void clear(uint64_t *set, unsigned s) { set[s / 64] &= ~(1ull << (s % 64)); }

void jit_op_slots(const struct jit_ctx *c, const struct ir_insn *i, struct jit_operands *o)
{
	jit_operands(i, o);
	if (jit_is_back_edge(c, i))
		jit_loop_reads(c, o);
}

void jit_liveness(const struct jit_ctx *c, uint16_t *flags)
{
	const struct ir_block *ir = c->ir;
	/* live: read later (helper calls read everything); xlive: read later
	 * by an op naming the slot, which is what rule 3 is about. */
	uint64_t live[NWORDS] = {0}, xlive[NWORDS] = {0};
	/* ow: written again before the next sync point */
	uint64_t ow[NWORDS] = {0};
	for (uint32_t k = ir->n; k-- > 0;) {
		const struct ir_insn *i = &ir->ops[k];
		uint16_t f = 0;
		if (i->op == IR_INSN_START) {
			for (unsigned w = IR_ARCH_SLOTS / 64; w < NWORDS; w++)
				if (xlive[w])
					f |= JL_CROSS;
			flags[k] = f;
			continue;
		}
		struct jit_operands o;
		jit_op_slots(c, i, &o);
		/* ow describes the ops after this one: an operand written again
		 * before any observation, or by this op, is gone after it */
		for (unsigned r = 0; r < o.nr; r++) {
			unsigned s = o.rd[r];
			bool gone = s < IR_SLOTS && test(ow, s);
			for (unsigned w = 0; w < o.nw; w++)
				gone |= o.wr[w] == s;
			if (gone)
				f |= o.rd_pos[r] == 'a' ? JL_A_GONE : o.rd_pos[r] == 'b' ? JL_B_GONE
					: o.rd_pos[r] == 'c' ? JL_C_GONE : 0;
		}
		if (o.nw > 0 && o.wr[0] < IR_SLOTS && test(live, o.wr[0]))
			f |= JL_D_LIVE;
		if (o.nw > 1 && o.wr[1] < IR_SLOTS && test(live, o.wr[1]))
			f |= JL_D1_LIVE;
		if (o.nw > 0 && o.wr[0] < IR_SLOTS && test(ow, o.wr[0]))
			f |= JL_D_DEAD;
		if (o.nw > 1 && o.wr[1] < IR_SLOTS && test(ow, o.wr[1]))
			f |= JL_D1_DEAD;
		for (unsigned w = 0; w < o.nw; w++)
			if (o.wr[w] < IR_SLOTS) {
				clear(live, o.wr[w]);
				clear(xlive, o.wr[w]);
				set(ow, o.wr[w]);
			}
		/* memory is synced before the op runs: earlier values are seen */
		if (sync_point(i, &o))
			memset(ow, 0, sizeof(ow));
		if (o.all) {
			memset(live, 0xff, sizeof(live));
			for (unsigned r = 0; r < o.nr; r++)
				if (o.rd[r] < IR_SLOTS)
					set(xlive, o.rd[r]);
		} else {
			for (unsigned r = 0; r < o.nr; r++) {
				unsigned s = o.rd[r];
				if (s >= IR_SLOTS)
					continue;
				if (!test(live, s))
					f |= o.rd_pos[r] == 'a' ? JL_A_DIES : o.rd_pos[r] == 'b' ? JL_B_DIES
						: o.rd_pos[r] == 'c' ? JL_C_DIES : 0;
				set(live, s);
				set(xlive, s);
			}
		}
		flags[k] = f;
	}
}
