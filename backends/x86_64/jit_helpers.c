/* C functions that generated code calls: counters, ORC.B, the 128-bit
 * atomics, and the interpreter fallback for ops the JIT does not know. */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "backends/x86_64/jit.h"
#include "core/backend.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* As the interpreter: rdcycle is a notional 1 GHz clock, rdtime ticks at IR_TIMER_HZ. */
uint64_t jit_h_rdcycle(void) { return mono_ns(); }
uint64_t jit_h_rdtime(void) { return mono_ns() / (1000000000u / IR_TIMER_HZ); }

uint64_t jit_h_orcb(uint64_t x)
{
	uint64_t r = 0;
	for (int k = 0; k < 64; k += 8)
		if ((x >> k) & 0xff)
			r |= 0xffull << k;
	return r;
}

/* 16-byte compare-exchange (SDM: CMPXCHG16B); old[] is expected in and
 * found out.  True if the new value was stored. */
static bool cas128(uint64_t *p, uint64_t old[2], uint64_t lo, uint64_t hi)
{
	bool ok;
	__asm__ volatile("lock cmpxchg16b %1"
			 : "=@ccz"(ok), "+m"(*(volatile uint64_t(*)[2])p), "+a"(old[0]), "+d"(old[1])
			 : "b"(lo), "c"(hi)
			 : "memory");
	return ok;
}

static uint64_t *host(struct vcpu *cpu, uint64_t g) { return (uint64_t *)(cpu->mem_base + g); }

void jit_h_lr128(struct vcpu *cpu, uint64_t g, uint64_t d)
{
	uint64_t *p = host(cpu, g);
	uint64_t lo = __atomic_load_n(p, __ATOMIC_SEQ_CST), hi = __atomic_load_n(p + 1, __ATOMIC_SEQ_CST);
	cpu->resv_addr = g;
	cpu->resv_val = lo;
	cpu->resv_valid = 16;
	cpu->slot[d] = lo;
	cpu->slot[d + 1] = hi;
}

uint64_t jit_h_sc128(struct vcpu *cpu, uint64_t g, uint64_t b, uint64_t c)
{
	uint64_t fail = 1;
	if (cpu->resv_valid == 16 && cpu->resv_addr == g) {
		uint64_t old[2] = {cpu->slot[c], cpu->slot[c + 1]};
		fail = !cas128(host(cpu, g), old, cpu->slot[b], cpu->slot[b + 1]);
	}
	cpu->resv_valid = 0;
	return fail;
}

void jit_h_cmpxchg128(struct vcpu *cpu, uint64_t g, uint64_t bc, uint64_t d)
{
	unsigned b = bc & 0xffff, c = (unsigned)(bc >> 16) & 0xffff;
	uint64_t old[2] = {cpu->slot[b], cpu->slot[b + 1]};
	(void)cas128(host(cpu, g), old, cpu->slot[c], cpu->slot[c + 1]);
	cpu->slot[d] = old[0];
	cpu->slot[d + 1] = old[1];
}

/* ---- the fallback: one op run by the interpreter ----
 * The op becomes a two-op interpreter block [op, EXIT_SYSCALL DONE]: if
 * the interpreter comes back from the EXIT_SYSCALL with pc DONE, the op
 * completed; anything else (a trap, an exit op's exit) is the block's exit. */
#define FALLBACK_DONE 0xfffffffffffffe11ull /* an odd pc beyond every guest window */

struct op_block {
	struct tblock tb;
	bool exit; /* the op is an exit */
};

static const struct backend *interpreter(void)
{
	static const struct backend *be;
	if (!be)
		be = backend_by_name("interp");
	return be;
}

/* Op blocks are told apart by end_pc 0: a real block ends after it starts. */
bool jit_is_fallback_block(const struct tblock *tb) { return tb->end_pc == 0; }

uint64_t jit_fallback_fault_pc(const struct vcpu *cpu) { return interpreter()->fault_pc(cpu); }

struct tblock *jit_fallback_block(const struct ir_insn *i, uint64_t pc, uint32_t ninsns)
{
	struct ir_insn ops[2] = {*i, {.op = IR_EXIT_SYSCALL, .imm = (int64_t)FALLBACK_DONE}};
	struct ir_block b = {.pc = pc, .end_pc = pc + 1, .ninsns = ninsns, .n = 2, .cap = 2, .ops = ops,
			     .ended = true};
	struct op_block *ob = tcache_alloc(sizeof(*ob));
	if (!ob)
		return NULL;
	memset(ob, 0, sizeof(*ob));
	ob->exit = i->op < IR_NUM_OPS && (ir_op_info[i->op].flags & IRF_EXIT);
	ob->tb.pc = pc;
	ob->tb.ninsns = ninsns;
	if (interpreter()->compile(&b, &ob->tb) < 0)
		return NULL;
	ob->tb.end_pc = 0;
	return &ob->tb;
}

uint64_t jit_h_fallback(struct vcpu *cpu, struct tblock *op_tb)
{
	const struct op_block *ob = (const struct op_block *)op_tb;
	const struct tblock *cur = cpu->cur_tb;
	/* The interpreter adds ninsns on entry; the block already counted
	 * them, and RDINSTRET must see the block's count. */
	cpu->icount -= op_tb->ninsns;
	/* An exit op must not chain into a block from the interpreter: with
	 * an interrupt pending it returns to us instead. */
	if (ob->exit)
		cpu->interrupt = 1;
	int r = interpreter()->exec(cpu, op_tb);
	cpu->cur_tb = cur;
	if (r == VEXIT_SYSCALL && cpu->pc == FALLBACK_DONE)
		return 0;
	if (r == VEXIT_LOOKUP)
		cpu->chain_from = NULL;
	return (uint64_t)r;
}
