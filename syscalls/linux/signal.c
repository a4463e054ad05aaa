/* Guest signal state: actions, masks, the alternate stack, and signals a
 * process sends itself.  Running guest handlers (signal frames) is not
 * written yet; what is here is what glibc start-up, abort() and raise()
 * need.  Signal numbers 1-64 of the generic ABI are x86-64's. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

#define NSIG_GUEST 64
#define SIGBIT(sig) (1ULL << ((sig) - 1))
#define GUEST_SIG_DFL 0
#define GUEST_SIG_IGN 1
#define GUEST_SS_AUTODISARM ((int)(1u << 31)) /* include/uapi/linux/signal.h */

/* include/uapi/asm-generic/signal.h: { handler, flags, [restorer,] mask },
 * sa_restorer present where the arch defines SA_RESTORER (aarch64; not
 * riscv64).  Kept here in the long form; the guest's is read and written
 * field by field. */
struct guest_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

static int sigaction_read(struct vcpu *cpu, uint64_t g, struct guest_sigaction *act)
{
	uint64_t w[4] = { 0 };
	int restorer = linux_arch(cpu)->sa_restorer;

	if (mem_read(w, g, restorer ? 32 : 24) < 0)
		return -EFAULT;
	act->handler = w[0];
	act->flags = w[1];
	act->restorer = restorer ? w[2] : 0;
	act->mask = restorer ? w[3] : w[2];
	return 0;
}

static int sigaction_write(struct vcpu *cpu, uint64_t g, const struct guest_sigaction *act)
{
	int restorer = linux_arch(cpu)->sa_restorer;
	uint64_t w[4] = { act->handler, act->flags, restorer ? act->restorer : act->mask, act->mask };

	return mem_write(g, w, restorer ? 32 : 24);
}

/* stack_t: { void *ss_sp; int ss_flags; size_t ss_size; } */
struct guest_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};
_Static_assert(sizeof(struct guest_stack) == 24, "stack_t");

static struct guest_sigaction actions[NSIG_GUEST + 1];

/* Signals whose host disposition follows the guest's SIG_IGN / SIG_DFL, so
 * that an ignored SIGPIPE makes write() fail with EPIPE and an ignored
 * SIGINT does not end the process.  The synchronous signals and glibc's
 * internal real-time ones stay ferry's. */
static const uint64_t host_mirrored =
	SIGBIT(SIGHUP) | SIGBIT(SIGINT) | SIGBIT(SIGQUIT) | SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2) |
	SIGBIT(SIGPIPE) | SIGBIT(SIGALRM) | SIGBIT(SIGTERM) | SIGBIT(SIGCHLD) | SIGBIT(SIGTSTP) |
	SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU) | SIGBIT(SIGURG) | SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ) |
	SIGBIT(SIGVTALRM) | SIGBIT(SIGPROF) | SIGBIT(SIGWINCH) | SIGBIT(SIGIO) | SIGBIT(SIGPWR);

/* Default actions (signal(7)): these are ignored, these stop. */
static const uint64_t default_ignore = SIGBIT(SIGCHLD) | SIGBIT(SIGCONT) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH);
static const uint64_t default_stop = SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU);
static const uint64_t unblockable = SIGBIT(SIGKILL) | SIGBIT(SIGSTOP);

/* An ignored disposition survives execve: start from the host's. */
static void actions_init(void)
{
	static int done;
	struct sigaction sa;

	if (done)
		return;
	done = 1;
	for (int sig = 1; sig <= 31; sig++)
		if ((host_mirrored & SIGBIT(sig)) && sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			actions[sig].handler = GUEST_SIG_IGN;
}

static void mirror_to_host(int sig, uint64_t handler)
{
	struct sigaction sa;

	if (sig > 31 || !(host_mirrored & SIGBIT(sig)))
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler == GUEST_SIG_IGN ? SIG_IGN : SIG_DFL;
	sigaction(sig, &sa, NULL);
}

static int64_t sys_rt_sigaction(struct vcpu *cpu, const uint64_t *a)
{
	int sig = (int)a[0];
	struct guest_sigaction act;

	if (a[3] != 8)
		return -EINVAL;
	if (sig < 1 || sig > NSIG_GUEST)
		return -EINVAL;
	actions_init();
	if (a[1]) {
		if (SIGBIT(sig) & unblockable)
			return -EINVAL;
		if (sigaction_read(cpu, a[1], &act) < 0)
			return -EFAULT;
	}
	if (a[2] && sigaction_write(cpu, a[2], &actions[sig]) < 0)
		return -EFAULT;
	if (a[1]) {
		act.mask &= ~unblockable;
		actions[sig] = act;
		mirror_to_host(sig, act.handler);
		/* Setting SIG_IGN discards what is pending (kernel/signal.c, do_sigaction). */
		if (act.handler == GUEST_SIG_IGN)
			linux_thread(cpu)->sigpending &= ~SIGBIT(sig);
	}
	return 0;
}

/* Acts on one signal that reached this process and is not blocked. */
static void deliver(struct vcpu *cpu, int sig)
{
	uint64_t handler = actions[sig].handler;

	if (trace_on(TRACE_SIGNAL))
		trace_printf("ferry: signal %s to the guest (%s)\n", strace_signame(sig),
			     handler == GUEST_SIG_IGN ? "ignored" : handler == GUEST_SIG_DFL ? "default action" : "handler");
	if (handler == GUEST_SIG_IGN && !(SIGBIT(sig) & unblockable))
		return;
	if (handler != GUEST_SIG_DFL && !(SIGBIT(sig) & unblockable)) {
		ferry_warn("guest handler for %s not run: signal delivery is not implemented yet",
			   strace_signame(sig));
		if (SIGBIT(sig) & default_ignore)
			return;
	}
	if (SIGBIT(sig) & default_ignore)
		return;
	if (SIGBIT(sig) & default_stop) {
		kill(getpid(), SIGSTOP);
		return;
	}
	strace_noreturn();
	process_kill(sig);
}

static void deliver_pending(struct vcpu *cpu)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t ready;

	while ((ready = t->sigpending & ~t->sigmask)) {
		int sig = __builtin_ctzll(ready) + 1;

		t->sigpending &= ~SIGBIT(sig);
		deliver(cpu, sig);
	}
}

int linux_signal_self(struct vcpu *cpu, int sig)
{
	struct linux_thread *t = linux_thread(cpu);

	if (sig == 0)
		return 0;
	if (sig < 0 || sig > NSIG_GUEST)
		return -EINVAL;
	actions_init();
	if (actions[sig].handler == GUEST_SIG_IGN && !(SIGBIT(sig) & unblockable))
		return 0;
	if (trace_on(TRACE_SIGNAL) && (t->sigmask & SIGBIT(sig)))
		trace_printf("ferry: signal %s held: blocked by the guest\n", strace_signame(sig));
	t->sigpending |= SIGBIT(sig);
	deliver_pending(cpu);
	return 0;
}

static int64_t sys_rt_sigprocmask(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t set, old = t->sigmask;

	if (a[3] != 8)
		return -EINVAL;
	if (a[1]) {
		if (mem_read(&set, a[1], sizeof set) < 0)
			return -EFAULT;
		switch ((int)a[0]) {
		case SIG_BLOCK: t->sigmask |= set; break;
		case SIG_UNBLOCK: t->sigmask &= ~set; break;
		case SIG_SETMASK: t->sigmask = set; break;
		default: return -EINVAL;
		}
		t->sigmask &= ~unblockable;
	}
	if (a[2] && mem_write(a[2], &old, sizeof old) < 0) {
		t->sigmask = old;
		return -EFAULT;
	}
	deliver_pending(cpu);
	return 0;
}

static int64_t sys_rt_sigpending(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t set = t->sigpending & t->sigmask;

	if (a[1] > 8)
		return -EINVAL;
	return mem_write(a[0], &set, (size_t)a[1]);
}

static int64_t sys_sigaltstack(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	struct guest_stack ns, os;

	memset(&os, 0, sizeof os);
	os.sp = t->ss_sp;
	os.size = t->ss_size;
	os.flags = t->ss_size ? t->ss_flags : SS_DISABLE;
	if (a[0]) {
		if (mem_read(&ns, a[0], sizeof ns) < 0)
			return -EFAULT;
		int mode = ns.flags & ~GUEST_SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ns.sp = 0;
			ns.size = 0;
		} else if (ns.size < cpu->fe->linux->minsigstksz) {
			return -ENOMEM;
		}
	}
	if (a[1] && mem_write(a[1], &os, sizeof os) < 0)
		return -EFAULT;
	if (a[0]) {
		t->ss_sp = ns.sp;
		t->ss_size = ns.size;
		t->ss_flags = ns.flags & GUEST_SS_AUTODISARM;
	}
	return 0;
}

static int64_t sys_kill(struct vcpu *cpu, const uint64_t *a)
{
	int pid = (int)a[0], sig = (int)a[1];

	if (pid == getpid())
		return linux_signal_self(cpu, sig);
	return host_ret(syscall(SYS_kill, pid, sig));
}

/* A signal for one of this process's threads acts as if sent to the
 * process: guest handlers do not run yet, so which thread takes it does
 * not matter, and the host thread must not get it (glibc's internal
 * real-time signals would reach ferry's own libc). */
static int own_thread(int tid)
{
	return syscall(SYS_tgkill, getpid(), tid, 0) == 0;
}

static int64_t sys_tkill(struct vcpu *cpu, const uint64_t *a)
{
	int tid = (int)a[0], sig = (int)a[1];

	if (tid <= 0)
		return -EINVAL;
	if (own_thread(tid))
		return linux_signal_self(cpu, sig);
	return host_ret(syscall(SYS_tkill, tid, sig));
}

static int64_t sys_tgkill(struct vcpu *cpu, const uint64_t *a)
{
	int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid == getpid()) {
		if (!own_thread(tid))
			return -ESRCH;
		return linux_signal_self(cpu, sig);
	}
	return host_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

const struct linux_sys_impl linux_signal_impls[] = {
	SYS_IMPL(rt_sigaction), SYS_IMPL(rt_sigprocmask), SYS_IMPL(rt_sigpending), SYS_IMPL(sigaltstack),
	SYS_IMPL(kill),		SYS_IMPL(tkill),	  SYS_IMPL(tgkill),	   { 0, NULL },
};
