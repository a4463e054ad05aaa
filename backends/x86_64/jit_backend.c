/* The "jit" backend: IR blocks compiled to x86-64 code in the translation
 * cache, entered through a trampoline, chained by patching jumps. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/x86_64/jit.h"
#include "core/backend.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

typedef int (*jit_entry_fn)(struct vcpu *cpu, const void *code);
static jit_entry_fn enter;
static pthread_once_t enter_once = PTHREAD_ONCE_INIT;

/* The trampoline: saves the callee-saved registers, loads the fixed ones
 * (rbx = cpu, r12 = mem_base, r15 = icount), puts mem_limit - size for the
 * bounds checks of 1-, 2-, 4-, 8- and 16-byte accesses in the frame, and
 * calls the block, which returns the exit in eax; then stores icount.
 * Generated code runs with rsp 16-byte aligned, so it calls C directly. */
static void make_trampoline(void)
{
	struct x64_buf b = {0};
	static const int8_t saved[] = {X_RBX, X_RBP, X_R12, X_R13, X_R14, X_R15};
	for (unsigned k = 0; k < sizeof(saved); k++)
		x64_push(&b, saved[k]);
	x64_alu_ri(&b, 8, X_SUB, X_RSP, 48); /* entry rsp = 8 mod 16; after the call rsp = 0 mod 16 */
	x64_mov_rr(&b, 8, J_CPU, X_RDI);
	x64_load(&b, 8, J_MEM, x64_m(J_CPU, offsetof(struct vcpu, mem_base)));
	x64_load(&b, 8, J_ICOUNT, x64_m(J_CPU, offsetof(struct vcpu, icount)));
	x64_load(&b, 8, X_RAX, x64_m(J_CPU, offsetof(struct vcpu, mem_limit)));
	static const unsigned sizes[] = {1, 2, 4, 8, 16};
	for (unsigned k = 0; k < 5; k++) {
		x64_lea(&b, 8, X_RCX, x64_m(X_RAX, -(int32_t)sizes[k]));
		/* the block sees these 8 bytes further up, past the return address */
		x64_store(&b, 8, x64_m(X_RSP, jit_limit_disp(sizes[k]) - 8), X_RCX);
	}
	x64_call_r(&b, X_RSI);
	x64_store(&b, 8, x64_m(J_CPU, offsetof(struct vcpu, icount)), J_ICOUNT);
	x64_alu_ri(&b, 8, X_ADD, X_RSP, 48);
	for (unsigned k = sizeof(saved); k-- > 0;)
		x64_pop(&b, saved[k]);
	x64_ret(&b);

	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		ferry_fatal("jit: cannot allocate the trampoline");
	memcpy(page, b.p, b.len);
	if (mprotect(page, 4096, PROT_READ | PROT_EXEC) < 0)
		ferry_fatal("jit: cannot make the trampoline executable");
	free(b.p);
	enter = (jit_entry_fn)page;
}

static int compile(const struct ir_block *ir, struct tblock *tb)
{
	pthread_once(&enter_once, make_trampoline);
	/* Our fault handler stays in front of core's (checked now and then:
	 * fault_init() runs once, at start-up). */
	static unsigned compiles;
	if (compiles++ % 256 == 0)
		jit_fault_install();
	return jit_compile(ir, tb);
}

static int exec(struct vcpu *cpu, struct tblock *tb) { return enter(cpu, tb->code); }

/* Points exit `slot` of `from` straight at `to`'s code.  The rel32 is
 * 4-byte aligned, so one atomic store switches it while other threads may
 * be executing it. */
static void link(struct tblock *from, int slot, struct tblock *to)
{
	uint8_t *code = from->code;
	uint32_t at = jit_header(code)->exit_at[slot];
	if (!at)
		return;
	int64_t rel = (int64_t)((uint8_t *)to->code - (code + at + 4));
	if (!x64_fits_i32(rel))
		return; /* a cache over 2 GiB: this exit keeps going through the run loop */
	__atomic_store_n((int32_t *)(void *)(code + at), (int32_t)rel, __ATOMIC_RELEASE);
}

const struct backend backend_jit = {
	.name = "jit",
	.needs_exec = true,
	.compile = compile,
	.exec = exec,
	.fault_pc = jit_fault_pc,
	.link = link,
};
