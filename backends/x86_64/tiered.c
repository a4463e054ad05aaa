/* The "tiered" backend: a block runs in the threaded interpreter first and
 * is compiled to x86-64 code (the "jit" backend's) once it has been entered
 * --jit-threshold times.  Start-up code mostly runs a few times, and
 * translating it for the interpreter costs a tenth of compiling it; loops
 * cross the threshold within microseconds.
 *
 * A block keeps both forms: tb->icode, the interpreter's ops (made when it
 * is translated), and tb->code, the native code, which is cold_entry until
 * the block is compiled.  The two tiers never jump into each other:
 *   - the interpreter follows its chains and the jump cache from block to
 *     block as usual; its entry hook counts the entries and goes back to
 *     the run loop at a block over the threshold, where exec compiles it;
 *   - native code jumps only to native code: an exit is linked once both
 *     blocks are compiled (tcache_get offers it again until then), and the
 *     jump cache's jump lands on cold_entry for a block still interpreted,
 *     which returns to the run loop with rax, the target pc, as cpu->pc.
 * Compiling translates the block again from guest memory (tcache_recompile):
 * a block whose code changed since it was translated stays interpreted
 * until the flush that change brings. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/interp/interp.h"
#include "backends/x86_64/jit.h"
#include "core/backend.h"
#include "core/fpu.h"
#include "core/log.h"
#include "core/options.h"
#include "core/tcache.h"
#include "core/vcpu.h"

#define DEFAULT_THRESHOLD 20

extern const struct backend backend_jit;

static uint32_t threshold;
static void *cold_entry;
/* Which tier this thread is running, for fault_pc after a guest fault. */
static __thread bool in_native;

static const void *const *threaded_labels;

/* A block over the threshold (and not held back) goes to the run loop. */
static inline bool hot(struct tblock *tb) { return ++tb->hits > threshold && !tb->stay_interp; }

#define INTERP_THREADED
#define EXEC_NAME exec_interp
#define OP(name) L_##name:
#define NEXT goto *(++ip)->h
#define DISPATCH_BEGIN goto *ip->h;
#define DISPATCH_END
#define INTERP_CODE(tb) ((tb)->icode)
#define INTERP_ENTER_HOOK(cpu, tb)                                                                           \
	if (__builtin_expect(hot(tb), 0)) {                                                                  \
		cpu->pc = tb->pc;                                                                            \
		cpu->chain_from = NULL;                                                                      \
		return VEXIT_LOOKUP;                                                                         \
	}
#include "backends/interp/exec.inc"

/* cold_entry: the jump cache's target for a block not compiled yet, in a
 * page of its own behind a zero block header (no JIT block, for the fault
 * handler's look at cpu->cur_tb->code). */
static void make_cold_entry(void)
{
	struct x64_buf b = {0};
	x64_store(&b, 8, x64_m(J_CPU, offsetof(struct vcpu, pc)), X_RAX);
	x64_store_imm(&b, 8, x64_m(J_CPU, offsetof(struct vcpu, chain_from)), 0);
	x64_mov_ri(&b, X_RAX, VEXIT_LOOKUP);
	x64_ret(&b);
	uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		ferry_fatal("tiered: cannot allocate a page");
	memcpy(page + JIT_BLOCK_HEADER, b.p, b.len);
	if (mprotect(page, 4096, PROT_READ | PROT_EXEC) < 0)
		ferry_fatal("tiered: cannot make a page executable");
	free(b.p);
	cold_entry = page + JIT_BLOCK_HEADER;
}

/* A new block, under the translation lock: its interpreter form (or,
 * with threshold 0, its native code at once). */
static int compile(const struct ir_block *ir, struct tblock *tb)
{
	if (!cold_entry) {
		exec_interp(NULL, NULL);
		threshold = opt.have_jit_threshold ? opt.jit_threshold : DEFAULT_THRESHOLD;
		make_cold_entry();
	}
	if (!threshold)
		return backend_jit.compile(ir, tb);
	if (interp_compile(ir, tb, threaded_labels) < 0)
		return -1;
	tb->icode = tb->code;
	tb->code = cold_entry;
	return 0;
}

/* The native form of a hot block, from its IR translated again. */
static int compile_native(const struct ir_block *ir, struct tblock *tb)
{
	if (__atomic_load_n(&tb->code, __ATOMIC_ACQUIRE) != cold_entry)
		return 0; /* another thread was first */
	uint64_t end = ir->end_pc > ir->pc ? ir->end_pc : ir->pc + 1;
	if (ir->ninsns != tb->ninsns || end != tb->end_pc) {
		tb->stay_interp = true;
		return 0;
	}
	if (backend_jit.compile(ir, tb) < 0)
		return -1;
	tcache_stats.recompiled++;
	return 0;
}

static int exec(struct vcpu *cpu, struct tblock *tb)
{
	void *code = __atomic_load_n(&tb->code, __ATOMIC_ACQUIRE);
	if (code == cold_entry && tb->hits >= threshold && !tb->stay_interp) {
		if (tcache_recompile(cpu, tb, compile_native) < 0) {
			/* The cache is full: the flush makes room for it. */
			tb->hits = 0;
			tcache_request_flush();
		}
		code = __atomic_load_n(&tb->code, __ATOMIC_ACQUIRE);
	}
	if (code != cold_entry) {
		in_native = true;
		return backend_jit.exec(cpu, tb);
	}
	in_native = false;
	return exec_interp(cpu, tb);
}

static uint64_t fault_pc(const struct vcpu *cpu)
{
	if (in_native)
		return backend_jit.fault_pc(cpu);
	return interp_fault_pc_in(cpu, cpu->cur_tb ? cpu->cur_tb->icode : NULL);
}

/* Native code jumps only to native code (see the top). */
static void link_native(struct tblock *from, int slot, struct tblock *to)
{
	if (__atomic_load_n(&from->code, __ATOMIC_ACQUIRE) != cold_entry &&
	    __atomic_load_n(&to->code, __ATOMIC_ACQUIRE) != cold_entry)
		backend_jit.link(from, slot, to);
}

const struct backend backend_tiered = {
	.name = "tiered",
	.needs_exec = true,
	.compile = compile,
	.exec = exec,
	.fault_pc = fault_pc,
	.link = link_native,
};
