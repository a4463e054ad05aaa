/* The Linux guest OS: boot, syscall dispatch, traps. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include "syscalls/linux/sys.h"
#include "core/crash.h"
#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/os.h"
#include "core/process.h"
#include "core/vcpu.h"
#include "loader/loader.h"

const struct linux_sysinfo linux_sysinfo[LSYS_COUNT] = {
	[LSYS_none] = { "unknown", "xxxxxx", 'd' },
#define SYSCALL(name, gnr, args, ret) [LSYS_##name] = { #name, args, ret },
#include "syscalls/linux/syscalls.def"
#undef SYSCALL
};

static const struct linux_sys_impl *const impl_lists[] = {
	linux_fs_impls,   linux_io_impls,   linux_ioctl_impls, linux_mman_impls,
	linux_time_impls, linux_process_impls, linux_info_impls, linux_signal_impls,
	linux_poll_impls, linux_net_impls,   linux_exec_impls,	linux_xattr_impls,
	linux_futex_impls, linux_ipc_impls,
};

static linux_sys_fn handlers[LSYS_COUNT];

static void handlers_init(void)
{
	for (size_t i = 0; i < sizeof impl_lists / sizeof impl_lists[0]; i++)
		for (const struct linux_sys_impl *p = impl_lists[i]; p->fn; p++) {
			if (handlers[p->nr])
				FERRY_BUG("syscall %s registered twice", linux_sysinfo[p->nr].name);
			handlers[p->nr] = p->fn;
		}
}

void *guest_buf(uint64_t g, uint64_t len, int prot)
{
	if (len == 0)
		return mem_in_window(g, 0) ? g2h(g) : mem.base;
	return mem_access(g, len, prot);
}

const volatile int *linux_wake_flag(void)
{
	static const int none;

	return current_cpu ? &linux_thread(current_cpu)->sig_wake : &none;
}

/* The boot thread's state is made here; clone makes the others. */
struct linux_thread *linux_thread(struct vcpu *cpu)
{
	struct linux_thread *t = cpu->os_state;

	if (!t) {
		if (!(t = calloc(1, sizeof *t)))
			ferry_fatal("out of memory");
		t->cpu = cpu;
		t->tid = cpu->tid ? cpu->tid : (int)gettid();
		cpu->os_state = t;
		linux_thread_register(t);
	}
	return t;
}

static bool linux_probe(const struct elf_image *exe)
{
	return true; /* the default OS: registered last */
}

static int linux_boot(struct vcpu *cpu, const struct load_info *li)
{
	uint64_t sp;

	if (!handlers[LSYS_exit_group])
		handlers_init();
	linux_thread(cpu);
	linux_signal_boot(cpu);
	/* The kernel names a process after the file it executed (fs/exec.c,
	 * __set_task_comm(kbasename(bprm->filename))): the guest's, not
	 * ferry.  /proc's comm, stat and status show it. */
	if (li->execfn) {
		const char *base = strrchr(li->execfn, '/');

		prctl(PR_SET_NAME, base ? base + 1 : li->execfn);
	}
	sp = linux_stack_build(cpu, li, proc.argc, proc.argv, proc.envp);
	cpu->fe->linux->set_entry_regs(cpu, li->entry, sp);
	return 0;
}

static void linux_syscall(struct vcpu *cpu)
{
	const struct linux_abi *abi = cpu->fe->linux;
	uint64_t nr = cpu->slot[abi->nr_slot];
	enum linux_sys sys = nr < abi->nsysnr ? abi->sysnr[nr] : LSYS_none;
	uint64_t a[6];
	int64_t ret;

	for (int i = 0; i < 6; i++)
		a[i] = cpu->slot[abi->arg_slot[i]];
	if (trace_on(TRACE_SYSCALL))
		strace_enter(cpu, sys, nr, a);
	if (abi->arch_syscall && abi->arch_syscall(cpu, nr, a, &ret)) {
		/* handled by the arch */
	} else if (sys != LSYS_none && handlers[sys]) {
		ret = handlers[sys](cpu, a);
	} else {
		ret = -ENOSYS;
		if (trace_on(TRACE_UNIMP) && !trace_on(TRACE_SYSCALL))
			trace_printf("ferry: unimplemented syscall %s (%llu)\n",
				     sys ? linux_sysinfo[sys].name : "unknown", (unsigned long long)nr);
	}
	if (trace_on(TRACE_SYSCALL))
		strace_leave(cpu, ret);
	if (ret <= -LINUX_ERESTARTSYS && ret >= -LINUX_ERESTARTNOHAND && sys != LSYS_rt_sigreturn) {
		/* Interrupted: the registers stay the call's, the pc goes back
		 * onto the syscall instruction; a handler that runs now may
		 * turn it into -EINTR (linux_signal_deliver), else the guest
		 * makes the call again. */
		linux_thread(cpu)->restart = (int)-ret;
		cpu->pc -= abi->syscall_insn_len;
	} else {
		cpu->slot[abi->ret_slot] = (uint64_t)ret;
	}
	/* with the result in place, a signal frame saves it */
	linux_signal_deliver(cpu);
}

static const char *si_code_name(int signo, int code)
{
	static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR" };
	static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };
	static const char *const ill[] = { NULL,	  "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
					   "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK" };
	static const char *const fpe[] = { NULL,	 "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
					   "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB" };
	static const char *const trap[] = { NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT" };
	const char *const *t;
	int n;

	switch (signo) {
	case SIGSEGV: t = segv, n = sizeof segv / sizeof *segv; break;
	case SIGBUS: t = bus, n = sizeof bus / sizeof *bus; break;
	case SIGILL: t = ill, n = sizeof ill / sizeof *ill; break;
	case SIGFPE: t = fpe, n = sizeof fpe / sizeof *fpe; break;
	case SIGTRAP: t = trap, n = sizeof trap / sizeof *trap; break;
	default: return NULL;
	}
	return code > 0 && code < n ? t[code] : NULL;
}

/* A synchronous signal no guest handler takes: the process dies of it. */
void linux_trap_fatal(struct vcpu *cpu, const struct vcpu_trap *t)
{
	const char *code = si_code_name(t->signo, t->code);
	char cbuf[32];

	if (!code) {
		snprintf(cbuf, sizeof cbuf, "si_code %d", t->code);
		code = cbuf;
	}
	strace_noreturn();
	crash_report(cpu, strace_signame(t->signo), code, t->addr);
	process_kill(t->signo);
}

static void linux_trap(struct vcpu *cpu, const struct vcpu_trap *t)
{
	linux_signal_trap(cpu, t->signo, t->code, t->addr);
}

/* A host signal handler (or a flush request) stopped the guest. */
static void linux_interrupt(struct vcpu *cpu)
{
	cpu->interrupt = 0;
	linux_signal_deliver(cpu);
}

const struct guest_os linux_os = {
	.name = "linux",
	.probe = linux_probe,
	.boot = linux_boot,
	.syscall = linux_syscall,
	.trap = linux_trap,
	.interrupt = linux_interrupt,
	.dying = linux_threads_release_robust,
};
