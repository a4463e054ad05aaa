/* The run loop, guest fault handling, and process exit. */
#include "run.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "frontend.h"
#include "gdbstub.h"
#include "log.h"
#include "mem.h"
#include "os.h"
#include "process.h"
#include "profile.h"
#include "tcache.h"

__thread struct vcpu *current_cpu;
void (*run_debug_hook)(struct vcpu *cpu);
struct process proc;

int run_until_exit(struct vcpu *cpu)
{
	const struct backend *be = proc.be;
	current_cpu = cpu;
	/* A guest memory fault (host SIGSEGV/SIGBUS inside the guest window)
	 * comes back here with cpu->trap filled in.  No signal mask is saved:
	 * the fault handler runs with SA_NODEFER. */
	if (sigsetjmp(cpu->fault_jmp, 0)) {
		cpu->pc = be->fault_pc(cpu);
		cpu->chain_from = NULL;
		tcache_leave(cpu);
		return VEXIT_TRAP;
	}
	tcache_enter(cpu);
	for (;;) {
		if (cpu->interrupt) {
			cpu->interrupt = 0;
			cpu->chain_from = NULL;
			tcache_leave(cpu);
			if (tcache_flush_pending())
				tcache_flush();
			return VEXIT_INTERRUPT;
		}
		if (run_debug_hook) {
			/* Outside guest code while a debugger may hold the thread, so a
			 * flush elsewhere does not wait for it. */
			tcache_leave(cpu);
			run_debug_hook(cpu);
			tcache_enter(cpu);
			if (cpu->interrupt)
				continue;
		}
		struct tblock *tb = tcache_get(cpu, cpu->pc);
		int r = be->exec(cpu, tb);
		if (r != VEXIT_LOOKUP) {
			tcache_leave(cpu);
			return r;
		}
	}
}

void run_loop(struct vcpu *cpu)
{
	const struct guest_os *os = proc.os;
	for (;;) {
		switch (run_until_exit(cpu)) {
		case VEXIT_SYSCALL:
			os->syscall(cpu);
			break;
		case VEXIT_TRAP:
			os->trap(cpu, &cpu->trap);
			break;
		case VEXIT_FLUSH:
			tcache_flush();
			break;
		case VEXIT_INTERRUPT:
			os->interrupt(cpu);
			break;
		default:
			break;
		}
	}
}

static void fault_handler(int sig, siginfo_t *si, void *uctx)
{
	(void)uctx;
	struct vcpu *cpu = current_cpu;
	uint8_t *h = si->si_addr;
	if (cpu && cpu->in_guest && h >= mem.base && h < mem.base + mem.size) {
		uint64_t g = h2g(h);
		if (sig == SIGSEGV && mem_code_write_fault(g))
			return; /* retry the store; the page's translations are dropped */
		int prot = mem_prot_at(g);
		cpu->trap.signo = sig;
		cpu->trap.addr = g;
		if (sig == SIGSEGV)
			cpu->trap.code = prot < 0 ? SEGV_MAPERR : SEGV_ACCERR;
		else
			cpu->trap.code = si->si_code;
		siglongjmp(cpu->fault_jmp, 1);
	}
	/* Not the guest's: ferry itself crashed. */
	char msg[160];
	int n = snprintf(msg, sizeof(msg), "ferry: internal error: %s at host address %p\n",
			 sig == SIGSEGV ? "segmentation fault" : "bus error", si->si_addr);
	if (write(2, msg, (size_t)n) < 0) {
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void fault_init(void)
{
	static char altstack[64 * 1024];
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static void print_stats(void)
{
	if (opt.profile)
		profile_report();
	if (!opt.stats)
		return;
	uint64_t icount = 0;
	extern struct vcpu *all_cpus;
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
		icount += c->icount;
	FILE *f = trace_file();
	fprintf(f, "ferry: stats: guest instructions %llu, blocks translated %llu, cache %llu/%llu KiB, "
		   "flushes %llu, translation time %.3f ms\n",
		(unsigned long long)icount, (unsigned long long)tcache_stats.blocks,
		(unsigned long long)tcache_stats.bytes_used / 1024, (unsigned long long)tcache_stats.bytes_max / 1024,
		(unsigned long long)tcache_stats.flushes, tcache_stats.translate_ns / 1e6);
	if (tcache_stats.recompiled)
		fprintf(f, "ferry: stats: blocks compiled to native code when hot %llu\n",
			(unsigned long long)tcache_stats.recompiled);
	fflush(f);
}

/* The guest OS's last rites, once: both ends below may run on two threads. */
static void os_dying(void)
{
	static atomic_flag once = ATOMIC_FLAG_INIT;

	if (proc.os && proc.os->dying && !atomic_flag_test_and_set(&once))
		proc.os->dying();
}

void process_exit(int status)
{
	os_dying();
	gdb_notify_exit(status);
	print_stats();
	fflush(trace_file());
	_exit(status);
}

void process_kill(int host_signo)
{
	os_dying();
	gdb_notify_killed(host_signo);
	print_stats();
	fflush(trace_file());
	/* No core file of ferry itself: it would describe the translator, not the guest. */
	struct rlimit rl = {0, 0};
	setrlimit(RLIMIT_CORE, &rl);
	signal(host_signo, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, host_signo);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(host_signo);
	_exit(128 + host_signo);
}
