/* Which guest instruction faulted.
 *
 * Inline guest memory accesses store nothing beforehand (a store per access
 * costs up to a fifth of the run time of memory-heavy loops).  Instead the
 * host pc of the fault identifies the instruction: a SIGSEGV/SIGBUS handler
 * placed in front of core/run.c's records it, then hands the signal on
 * unchanged, and fault_pc looks it up in the block's fault map.  Helper
 * calls, where the host pc is in C code, still store the instruction's pc
 * offset in cpu->fault_op before the call. */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>

#include "backends/x86_64/jit.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static struct sigaction next_segv, next_bus;
static __thread uintptr_t fault_rip;

static void on_fault(int sig, siginfo_t *si, void *uctx)
{
	const ucontext_t *uc = uctx;
	fault_rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	const struct sigaction *next = sig == SIGSEGV ? &next_segv : &next_bus;
	if (next->sa_flags & SA_SIGINFO) {
		next->sa_sigaction(sig, si, uctx);
	} else if (next->sa_handler != SIG_DFL && next->sa_handler != SIG_IGN) {
		next->sa_handler(sig);
	} else {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		sigaction(sig, &dfl, NULL); /* returning re-runs the access, which now kills */
	}
}

static void interpose(int sig, struct sigaction *next)
{
	struct sigaction cur;
	if (sigaction(sig, NULL, &cur) < 0 || ((cur.sa_flags & SA_SIGINFO) && cur.sa_sigaction == on_fault))
		return;
	*next = cur;
	struct sigaction sa = cur;
	sa.sa_sigaction = on_fault;
	sa.sa_flags |= SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

/* Called before each compile: cheap, and it survives a later fault_init(). */
void jit_fault_install(void)
{
	interpose(SIGSEGV, &next_segv);
	interpose(SIGBUS, &next_bus);
}

uint64_t jit_fault_pc(const struct vcpu *cpu)
{
	uintptr_t rip = fault_rip;
	fault_rip = 0;
	const struct tblock *tb = cpu->cur_tb;
	if (!tb)
		return cpu->pc;
	if (jit_is_fallback_block(tb))
		return jit_fallback_fault_pc(cpu);
	const uint8_t *code = tb->code;
	const struct jit_block_header *h = jit_header(tb->code);
	if (rip >= (uintptr_t)code && rip < (uintptr_t)code + h->code_len) {
		const struct jit_fault_entry *map = (const void *)(code + ((h->code_len + 3) & ~3u));
		uint32_t off = (uint32_t)(rip - (uintptr_t)code), pc_off = 0;
		for (uint32_t k = 0; k < h->nmap && map[k].host_off <= off; k++)
			pc_off = map[k].pc_off;
		return tb->pc + (uint64_t)(int64_t)(int32_t)pc_off;
	}
	return tb->pc + (uint64_t)(int64_t)(int32_t)(uintptr_t)cpu->fault_op;
}
