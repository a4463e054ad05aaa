/* Guest faults in generated code.
 *
 * Guest memory accesses store nothing beforehand, neither the instruction's
 * pc nor the guest values still in registers: each access has a fault map
 * entry (jit_compile.c) saying which guest instruction it belongs to and
 * where the register cache keeps values memory does not have.  A host
 * fault's program counter finds the entry: a SIGSEGV/SIGBUS handler placed
 * in front of core/run.c's copies those values from the interrupted
 * registers to cpu->slot, notes the pc, and hands the signal on unchanged;
 * fault_pc then answers with the pc.  The trap stubs (an address beyond
 * the window, a misaligned atomic) do the same from registers they save.
 * Helper calls, where the fault is in C code, store the instruction's pc
 * offset in cpu->fault_op (and the guest state) before the call. */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>

#include "backends/x86_64/jit.h"
#include "core/run.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static struct sigaction next_segv, next_bus;
static __thread bool fault_found;
static __thread uint64_t fault_found_pc;

/* The block cpu is running if it is a JIT block and host pc h is in its code. */
static const struct jit_block_header *jit_block_at(const struct vcpu *cpu, uintptr_t h)
{
	const struct tblock *tb = cpu->cur_tb;
	if (!tb || jit_is_fallback_block(tb) || !tb->code)
		return NULL;
	const struct jit_block_header *hd = jit_header(tb->code);
	if (hd->magic != JIT_BLOCK_MAGIC || h < (uintptr_t)tb->code || h >= (uintptr_t)tb->code + hd->code_len)
		return NULL;
	return hd;
}

uint64_t jit_fault_restore(struct vcpu *cpu, uint32_t entry, const uint64_t *regs)
{
	const struct tblock *tb = cpu->cur_tb;
	const struct jit_block_header *h = jit_header(tb->code);
	const struct jit_fault_entry *map = jit_fault_map(tb->code, h);
	const struct jit_fault_pair *pairs = (const struct jit_fault_pair *)(map + h->nmap);
	const struct jit_fault_entry *e = &map[entry];
	for (unsigned k = e->first; k < (unsigned)e->first + e->n; k++)
		cpu->slot[pairs[k].slot] = regs[pairs[k].reg];
	cpu->icount = regs[J_ICOUNT];
	return tb->pc + (uint64_t)(int64_t)(int32_t)e->pc_off;
}

/* From the trap stubs: rax held the guest address, ecx the entry. */
int jit_h_trap(struct vcpu *cpu, const uint64_t *regs, uint32_t entry, uint64_t addr, uint64_t bus)
{
	cpu->pc = jit_fault_restore(cpu, entry, regs);
	cpu->trap = (struct vcpu_trap){.signo = bus ? SIGBUS : SIGSEGV, .code = bus ? BUS_ADRALN : SEGV_MAPERR,
				       .addr = addr};
	return VEXIT_TRAP;
}

static void on_fault(int sig, siginfo_t *si, void *uctx)
{
	ucontext_t *uc = uctx;
	struct vcpu *cpu = current_cpu;
	const greg_t *g = uc->uc_mcontext.gregs;
	uintptr_t rip = (uintptr_t)g[REG_RIP];
	const struct jit_block_header *h;
	fault_found = false;
	if (cpu && cpu->in_guest && (h = jit_block_at(cpu, rip))) {
		const struct jit_fault_entry *map = jit_fault_map(cpu->cur_tb->code, h);
		uint32_t off = (uint32_t)(rip - (uintptr_t)cpu->cur_tb->code);
		for (uint32_t k = 0; k < h->nmap; k++) {
			if (map[k].host_off != off)
				continue;
			/* register numbers as the encoder's: rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8.. */
			static const int8_t greg[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
							REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
							REG_R12, REG_R13, REG_R14, REG_R15};
			uint64_t regs[16];
			for (int r = 0; r < 16; r++)
				regs[r] = (uint64_t)g[greg[r]];
			fault_found_pc = jit_fault_restore(cpu, k, regs);
			fault_found = true;
			break;
		}
	}
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
	if (fault_found) {
		fault_found = false;
		return fault_found_pc;
	}
	const struct tblock *tb = cpu->cur_tb;
	if (!tb)
		return cpu->pc;
	if (jit_is_fallback_block(tb))
		return jit_fallback_fault_pc(cpu);
	return tb->pc + (uint64_t)(int64_t)(int32_t)(uintptr_t)cpu->fault_op;
}
