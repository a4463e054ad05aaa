/* The RISC-V block loop: fetch, expand compressed forms, dispatch on the major
 * opcode, stop at a control transfer, a page boundary or a size limit. */
#include <signal.h>
#include <string.h>

#include "core/mem.h"
#include "frontends/riscv64/rv.h"

/* Long enough to amortise the block exit, short enough to keep the
 * translation of rarely-run code cheap. */
#define RV_BLOCK_INSNS 64

unsigned rv_dst(struct rv_ctx *c, unsigned rd) { return rd ? RV_X(rd) : ir_temp(c->b); }

/* Major opcodes, vol. I, table "RISC-V base opcode map" (inst[6:0]). */
static bool dispatch(struct rv_ctx *c)
{
	switch (c->insn & 0x7f) {
	case 0x03: /* LOAD */
	case 0x0f: /* MISC-MEM */
	case 0x13: /* OP-IMM */
	case 0x17: /* AUIPC */
	case 0x1b: /* OP-IMM-32 */
	case 0x23: /* STORE */
	case 0x33: /* OP */
	case 0x37: /* LUI */
	case 0x3b: /* OP-32 */
	case 0x63: /* BRANCH */
	case 0x67: /* JALR */
	case 0x6f: /* JAL */
	case 0x73: /* SYSTEM */
		return rv_translate_i(c);
	case 0x2f: /* AMO */
		return rv_translate_a(c);
	case 0x07: /* LOAD-FP */
	case 0x27: /* STORE-FP */
	case 0x43: /* MADD */
	case 0x47: /* MSUB */
	case 0x4b: /* NMSUB */
	case 0x4f: /* NMADD */
	case 0x53: /* OP-FP */
		return rv_translate_fd(c);
	default:
		return false;
	}
}

/* The code of the block's page, fetched once: one permission check instead
 * of one per instruction.  Falls back to per-instruction fetches when part
 * of the range is not executable. */
struct code_window {
	uint64_t pc;
	size_t len;
	uint8_t bytes[RV_BLOCK_INSNS * 4];
};

static void window_fill(struct code_window *w, uint64_t pc)
{
	uint64_t page_end = PAGE_DOWN(pc) + GUEST_PAGE_SIZE;
	size_t n = sizeof(w->bytes);
	if (page_end - pc < n)
		n = (size_t)(page_end - pc);
	w->pc = pc;
	w->len = mem_fetch(pc, w->bytes, n) == 0 ? n : 0;
}

static int fetch16(const struct code_window *w, uint64_t pc, uint16_t *h)
{
	uint64_t off = pc - w->pc;
	if (off + 2 <= w->len) {
		memcpy(h, w->bytes + off, 2);
		return 0;
	}
	return mem_fetch(pc, h, 2);
}

/* Fetches the instruction at pc: its 32-bit form and length.  Returns 0 or
 * the si_code of the fetch fault; *len says how far the fetch got. */
static int fetch(const struct code_window *w, uint64_t pc, uint32_t *insn, unsigned *len)
{
	uint16_t lo, hi;
	int err;
	*len = 2;
	if ((err = fetch16(w, pc, &lo)))
		return err;
	if ((lo & 3) != 3) {
		*insn = rv_expand_compressed(lo);
		return 0;
	}
	*len = 4;
	/* The upper half may sit on the next page. */
	if ((err = fetch16(w, pc + 2, &hi)))
		return err;
	*insn = (uint32_t)hi << 16 | lo;
	return 0;
}

void rv_translate(struct vcpu *cpu, struct ir_block *b)
{
	struct code_window w;
	struct rv_ctx c = {.cpu = cpu, .b = b};
	uint64_t pc = b->pc, page = PAGE_DOWN(pc);

	window_fill(&w, pc);
	for (unsigned n = 0;; n++) {
		uint32_t insn = 0;
		unsigned len;
		int fault = fetch(&w, pc, &insn, &len);
		if (fault) {
			if (n > 0) {
				/* Run what we have; the fault is raised when the guest gets there. */
				ir_exit(b, pc);
				return;
			}
			ir_insn_start(b, pc);
			ir_exit_trap(b, pc, SIGSEGV, fault);
			ir_insn_end(b, pc + len);
			return;
		}

		ir_insn_start(b, pc);
		uint32_t mark = b->n;
		c.pc = pc;
		c.insn = insn;
		c.len = len;
		c.end = false;
		/* insn = 0: an illegal compressed form.  Low bits 11111: a 48-bit
		 * or longer encoding, none of which are defined. */
		if (insn == 0 || (insn & 0x1f) == 0x1f || !dispatch(&c)) {
			b->n = mark; /* drop anything a decoder emitted before refusing */
			ir_exit_trap(b, pc, SIGILL, ILL_ILLOPC);
			c.end = true;
		}
		pc += len;
		ir_insn_end(b, pc);
		if (b->ended)
			return;
		/* c.end without an exit: the instruction wants the block to stop after it. */
		if (c.end || n + 1 == RV_BLOCK_INSNS || n + 1 == b->max_insns || PAGE_DOWN(pc) != page) {
			ir_exit(b, pc);
			return;
		}
	}
}
