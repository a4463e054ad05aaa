/* IR block builder and printer. */
#include "ir.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

const struct ir_op_info ir_op_info[IR_NUM_OPS] = {
#define IR_OP(name, type, form, flags) [IR_##name] = {#name, IRT_##type, form, flags},
#include "ir_ops.def"
#undef IR_OP
};

void ir_block_init(struct ir_block *b, uint64_t pc)
{
	memset(b, 0, sizeof(*b));
	b->cap = 256;
	b->ops = malloc(b->cap * sizeof(*b->ops));
	if (!b->ops)
		ferry_fatal("out of memory");
	ir_block_reset(b, pc);
}

void ir_block_free(struct ir_block *b)
{
	free(b->ops);
	b->ops = NULL;
}

void ir_block_reset(struct ir_block *b, uint64_t pc)
{
	b->pc = b->end_pc = pc;
	b->ninsns = 0;
	b->n = 0;
	b->next_temp = IR_ARCH_SLOTS;
	b->ended = false;
}

void ir_insn_start(struct ir_block *b, uint64_t pc)
{
	b->next_temp = IR_ARCH_SLOTS;
	ir_emit(b, IR_INSN_START, 0, 0, 0, (int64_t)pc);
}

void ir_insn_end(struct ir_block *b, uint64_t next_pc)
{
	b->ninsns++;
	b->end_pc = next_pc;
}

uint16_t ir_temp(struct ir_block *b)
{
	if (b->next_temp >= IR_SLOTS)
		FERRY_BUG("guest instruction at block pc %#" PRIx64 " needs more than %d IR temps", b->pc,
			  IR_TEMP_SLOTS);
	return b->next_temp++;
}

struct ir_insn *ir_emit4(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, unsigned c,
			 int64_t imm)
{
	if (b->n == b->cap) {
		b->cap *= 2;
		b->ops = realloc(b->ops, b->cap * sizeof(*b->ops));
		if (!b->ops)
			ferry_fatal("out of memory");
	}
	struct ir_insn *i = &b->ops[b->n++];
	*i = (struct ir_insn){.op = op, .d = d, .a = a, .b = bb, .c = c, .imm = imm};
	if (ir_op_info[op].flags & IRF_EXIT && op != IR_BRCC)
		b->ended = true;
	return i;
}

struct ir_insn *ir_emit(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, int64_t imm)
{
	return ir_emit4(b, op, d, a, bb, 0, imm);
}

struct ir_insn *ir_emit_fp(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, unsigned c,
			   enum ir_rm rm, enum ir_fmode fm)
{
	struct ir_insn *i = ir_emit4(b, op, d, a, bb, c, 0);
	i->rm = rm;
	i->fmode = fm;
	return i;
}

void ir_call(struct ir_block *b, ir_helper_fn fn, unsigned d, unsigned a, unsigned bb, unsigned c)
{
	ir_emit4(b, IR_CALL, d, a, bb, c, (int64_t)(uintptr_t)fn);
}

void ir_brcc(struct ir_block *b, enum ir_cond cond, unsigned a, unsigned bb, uint64_t target)
{
	ir_emit4(b, IR_BRCC, 0, a, bb, cond, (int64_t)target);
}

void ir_exit(struct ir_block *b, uint64_t target) { ir_emit(b, IR_EXIT, 0, 0, 0, (int64_t)target); }
void ir_exit_ind(struct ir_block *b, unsigned slot) { ir_emit(b, IR_EXIT_IND, 0, slot, 0, 0); }
void ir_exit_syscall(struct ir_block *b, uint64_t next_pc) { ir_emit(b, IR_EXIT_SYSCALL, 0, 0, 0, (int64_t)next_pc); }
void ir_exit_flush(struct ir_block *b, uint64_t next_pc) { ir_emit(b, IR_EXIT_FLUSH, 0, 0, 0, (int64_t)next_pc); }

void ir_exit_trap(struct ir_block *b, uint64_t pc, int signo, int code)
{
	ir_emit(b, IR_EXIT_TRAP, 0, (unsigned)signo, (unsigned)code, (int64_t)pc);
}

static const char *const cond_names[] = {"eq", "ne", "lt", "ge", "ltu", "geu", "le", "gt", "leu", "gtu"};

const char *ir_cond_name(enum ir_cond c)
{
	return (unsigned)c < sizeof(cond_names) / sizeof(cond_names[0]) ? cond_names[c] : "?";
}

static void slot_name(char *buf, size_t n, unsigned s)
{
	if (s >= IR_ARCH_SLOTS)
		snprintf(buf, n, "t%u", s - IR_ARCH_SLOTS);
	else
		snprintf(buf, n, "s%u", s);
}

/* One line per op: "  add      s10, s11, t0". */
void ir_print(const struct ir_block *b, void (*out)(void *ctx, const char *line), void *ctx)
{
	char line[160], tmp[24];
	for (uint32_t k = 0; k < b->n; k++) {
		const struct ir_insn *i = &b->ops[k];
		const struct ir_op_info *info = &ir_op_info[i->op];
		int len;
		if (i->op == IR_INSN_START) {
			snprintf(line, sizeof(line), "---- %#" PRIx64, (uint64_t)i->imm);
			out(ctx, line);
			continue;
		}
		len = snprintf(line, sizeof(line), "  %-12s", info->name);
		const char *sep = "";
		for (const char *f = info->form; *f; f++) {
			const char *piece = NULL;
			switch (*f) {
			case 'd': slot_name(tmp, sizeof(tmp), i->d); piece = tmp; break;
			case 'a': slot_name(tmp, sizeof(tmp), i->a); piece = tmp; break;
			case 'b': slot_name(tmp, sizeof(tmp), i->b); piece = tmp; break;
			case 'c':
				if (i->op == IR_SETCC || i->op == IR_SETCCI || i->op == IR_BRCC)
					piece = ir_cond_name(i->c);
				else if (!strncmp(info->name, "ATOMIC", 6))
					snprintf(tmp, sizeof(tmp), "op%u", i->c), piece = tmp;
				else
					slot_name(tmp, sizeof(tmp), i->c), piece = tmp;
				break;
			case 'i': snprintf(tmp, sizeof(tmp), "%#" PRIx64, (uint64_t)i->imm); piece = tmp; break;
			case 'k': snprintf(tmp, sizeof(tmp), "%u, %u", i->a, i->b); piece = tmp; break;
			default: break;
			}
			if (piece && len < (int)sizeof(line)) {
				len += snprintf(line + len, sizeof(line) - len, "%s%s", sep, piece);
				sep = ", ";
			}
		}
		if ((info->flags & IRF_FP) && len < (int)sizeof(line))
			snprintf(line + len, sizeof(line) - len, "  rm=%u fm=%u", i->rm, i->fmode);
		out(ctx, line);
	}
}
