/* Guest signals: actions, masks, the alternate stack, delivery to guest
 * handlers through signal frames, and rt_sigreturn.
 *
 * Signal numbers 1-64 of the generic ABI are x86-64's, so most signals
 * travel as host signals ("carried" ones): the guest's mask is the host
 * thread's mask, SIG_IGN and SIG_DFL are the host's dispositions (default
 * actions then happen exactly as the kernel does them), and a guest
 * handler is a host handler that marks the signal pending on the thread it
 * hit and raises cpu->interrupt; the guest handler runs at the next
 * delivery point.  Not carried: the synchronous signals ferry's own fault
 * handling owns (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP), and 32-33,
 * which the host libc keeps for itself; those are only ever raised by the
 * guest at itself or by traps, and are queued here. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/run.h"
#include "core/vcpu.h"

#define SIGBIT(sig) (1ULL << ((sig) - 1))
#define GUEST_SIG_DFL 0
#define GUEST_SIG_IGN 1
/* sa_flags and ss_flags bits (include/uapi/asm-generic/signal-defs.h,
 * include/uapi/linux/signal.h): the same numbers on the host. */
#define GUEST_SA_SIGINFO 0x00000004u
#define GUEST_SA_RESTORER 0x04000000u
#define GUEST_SA_ONSTACK 0x08000000u
#define GUEST_SA_RESTART 0x10000000u
#define GUEST_SA_NODEFER 0x40000000u
#define GUEST_SA_RESETHAND 0x80000000u
#define GUEST_SS_AUTODISARM ((int)(1u << 31))
/* si_code of a signal sent by kill and by tkill/tgkill */
#define GUEST_SI_USER 0
#define GUEST_SI_TKILL (-6)

/* include/uapi/asm-generic/signal.h: { handler, flags, [restorer,] mask },
 * sa_restorer present where the arch defines SA_RESTORER (the arch's
 * linux_abi.sigaction_restorer).  Kept here in the long form; the guest's
 * is read and written field by field. */
struct guest_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

/* stack_t: { void *ss_sp; int ss_flags; size_t ss_size; } */
struct guest_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};
_Static_assert(sizeof(struct guest_stack) == 24, "stack_t");
/* siginfo_t: the same layout on every 64-bit Linux, x86-64 included. */
_Static_assert(sizeof(siginfo_t) == LINUX_SIGINFO_SIZE, "siginfo_t");

static struct guest_sigaction actions[LINUX_NSIG + 1];
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;

/* Signals for the whole process that ferry queues itself (kill and
 * sigqueue to our own pid of the ones the host does not carry): the
 * kernel's shared pending set (signal->shared_pending), taken by the first
 * thread that does not block one. */
static _Atomic uint64_t shared_pending;
static uint8_t shared_info[LINUX_NSIG + 1][LINUX_SIGINFO_SIZE];
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set when a signal was made pending for the process where no thread
 * could be picked (a host handler): the next delivery picks one. */
static atomic_int shared_dispatch;

/* POSIX timers whose signal 32 is for the process (linux_signal_timer32);
 * ids past the table are taken as thread-directed. */
#define TIMER32_MAX 4096
static _Atomic uint64_t timer32[TIMER32_MAX / 64];

void linux_signal_timer32(int id, int process)
{
	if (id < 0 || id >= TIMER32_MAX)
		return;
	if (process)
		atomic_fetch_or(&timer32[id / 64], 1ULL << (id % 64));
	else
		atomic_fetch_and(&timer32[id / 64], ~(1ULL << (id % 64)));
}

static int timer32_process(int id)
{
	return id >= 0 && id < TIMER32_MAX && (atomic_load(&timer32[id / 64]) >> (id % 64) & 1);
}

/* Default actions (signal(7)): these are ignored, these stop. */
static const uint64_t default_ignore = SIGBIT(SIGCHLD) | SIGBIT(SIGCONT) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH);
static const uint64_t default_stop = SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU);
static const uint64_t unblockable = SIGBIT(SIGKILL) | SIGBIT(SIGSTOP);
static const uint64_t not_carried = SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGFPE) |
				    SIGBIT(SIGTRAP) | SIGBIT(32) | SIGBIT(33);

static int carried(int sig)
{
	return sig >= 1 && sig <= LINUX_NSIG && !(SIGBIT(sig) & not_carried);
}

static uint64_t carried_mask(uint64_t m)
{
	return m & ~not_carried & ~unblockable;
}

static int sigaction_read(struct vcpu *cpu, uint64_t g, struct guest_sigaction *act)
{
	uint64_t w[4] = { 0 };
	bool restorer = cpu->fe->linux->sigaction_restorer;

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
	bool restorer = cpu->fe->linux->sigaction_restorer;
	uint64_t w[4] = { act->handler, act->flags, restorer ? act->restorer : act->mask, act->mask };

	return mem_write(g, w, restorer ? 32 : 24);
}

/* The host thread blocks what the guest thread blocks, and what it holds
 * pending and has not delivered yet: a real-time signal sent again waits
 * in the kernel's queue until the one before is taken (kernel sigset: one
 * 64-bit word, so the raw syscall is used). */
static void host_mask_sync(struct linux_thread *t)
{
	uint64_t m = carried_mask(t->sigmask | atomic_load(&t->sigpending));

	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

/* A carried signal for which the guest has a handler: record it on the
 * thread it hit, stop the guest code at its next block exit, and keep a
 * safe syscall from entering (or make an interrupted one come back as
 * -LINUX_ERESTARTSYS).  Async-signal-safe. */
static void host_handler(int sig, siginfo_t *si, void *uc)
{
	struct vcpu *cpu = current_cpu;
	struct linux_thread *t;

	if (!cpu || !(t = cpu->os_state))
		return;
	memcpy(t->siginfo[sig], si, LINUX_SIGINFO_SIZE);
	atomic_fetch_or(&t->sigpending, SIGBIT(sig));
	/* blocked when the handler returns, until delivered (host_mask_sync):
	 * another one stays queued in the kernel instead of overwriting it */
	sigaddset(&((ucontext_t *)uc)->uc_sigmask, sig);
	t->sig_wake = 1;
	cpu->interrupt = 1;
	safe_syscall_rewind(uc);
}

static void set_host_action(int sig, const struct guest_sigaction *act)
{
	struct sigaction sa;

	if (!carried(sig) || (SIGBIT(sig) & unblockable))
		return;
	memset(&sa, 0, sizeof sa);
	if (act->handler == GUEST_SIG_IGN) {
		sa.sa_handler = SIG_IGN;
	} else if (act->handler == GUEST_SIG_DFL) {
		sa.sa_handler = SIG_DFL;
	} else {
		sa.sa_sigaction = host_handler;
		/* With exact safe syscalls, the kernel's restart puts the pc
		 * back in the window and the guest's SA_RESTART is applied by
		 * run_handler; calls made otherwise just go on. */
		sa.sa_flags = SA_SIGINFO | (safe_syscall_exact || (act->flags & GUEST_SA_RESTART) ? SA_RESTART : 0);
		sigfillset(&sa.sa_mask);
	}
	sigaction(sig, &sa, NULL);
}

/* The wake signal hit this thread: something was queued for it, or it is
 * the expiry of a POSIX timer whose signal is the guest's 32 (glibc's
 * SIGTIMER, behind SIGEV_THREAD: time.c creates those host timers with
 * host signal 32, this one, and the same siginfo layout).  The flag is set
 * even for a blocked signal: a sigtimedwait for it must not sleep on. */
static void on_wake(const siginfo_t *si)
{
	struct vcpu *cpu = current_cpu;
	struct linux_thread *t = cpu ? cpu->os_state : NULL;

	if (si->si_code == SI_TIMER && timer32_process(si->si_timerid)) {
		/* for the process: no lock here (a handler); the next delivery,
		 * this thread's or another's, wakes a thread that can take it */
		memcpy(shared_info[32], si, LINUX_SIGINFO_SIZE);
		atomic_fetch_or(&shared_pending, SIGBIT(32));
		atomic_store(&shared_dispatch, 1);
	} else if (si->si_code == SI_TIMER && t) {
		memcpy(t->siginfo[32], si, LINUX_SIGINFO_SIZE);
		atomic_fetch_or(&t->sigpending, SIGBIT(32));
	}
	if (!t)
		return;
	t->sig_wake = 1;
	cpu->interrupt = 1;
}

void linux_signal_after_fork(struct linux_thread *t)
{
	pthread_mutex_init(&shared_lock, NULL); /* another thread may have held it */
	atomic_store(&shared_pending, 0);
	atomic_store(&shared_dispatch, 0);
	for (int i = 0; i < TIMER32_MAX / 64; i++)
		atomic_store(&timer32[i], 0); /* a child has no timers (fork(2)) */
	atomic_store(&t->sigpending, 0);
	t->sig_wake = 0;
	host_mask_sync(t);
}

/* A carried signal the host handler took on this thread may have been
 * sent to the process (kill, a timer, SIGCHLD): the kernel would give it
 * to another thread, so it is queued again for the process.  Ones sent to
 * this thread (SI_TKILL) die with it, as in the kernel. */
void linux_signal_thread_start(struct linux_thread *t)
{
	host_mask_sync(t);
}

void linux_signal_thread_exit(struct linux_thread *t)
{
	uint64_t pend = atomic_exchange(&t->sigpending, 0);

	while (pend) {
		int sig = __builtin_ctzll(pend) + 1;
		int32_t code;

		pend &= pend - 1;
		memcpy(&code, t->siginfo[sig] + 8, sizeof code);
		/* with its siginfo from the main thread; the kernel refuses a
		 * kill's si_code from another (do_rt_sigqueueinfo): kill then */
		if (carried(sig) && code != GUEST_SI_TKILL &&
		    syscall(SYS_rt_sigqueueinfo, getpid(), sig, t->siginfo[sig]) != 0)
			kill(getpid(), sig);
	}
}

/* Before execve: a carried signal the host handler took that the guest
 * blocks (it blocked it after the signal came) is queued again in the
 * kernel, for this thread, with its siginfo, so that the new program has
 * it pending as after a native execve; the host mask is then the guest's.
 * rt_tgsigqueueinfo may carry any si_code to the caller's own thread
 * group only from its main thread: others resend it with tgkill. */
void linux_signal_before_exec(struct vcpu *cpu)
{
	struct linux_thread *t = cpu ? cpu->os_state : NULL;
	uint64_t held;

	if (!t)
		return;
	held = atomic_fetch_and(&t->sigpending, ~carried_mask(t->sigmask)) & carried_mask(t->sigmask);
	while (held) {
		int sig = __builtin_ctzll(held) + 1;

		held &= held - 1;
		if (syscall(SYS_rt_tgsigqueueinfo, getpid(), t->tid, sig, t->siginfo[sig]) != 0)
			syscall(SYS_tgkill, getpid(), t->tid, sig);
	}
	host_mask_sync(t);
}

/* --exec-signals: "MASK" in hex, then ":SIG=INFO" for each pending
 * signal, INFO its siginfo in hex.  The kernel keeps the mask and the
 * pending signals across execve (the calling thread's and the process's
 * alike become the new program's); those the host carries it keeps
 * itself, the others go this way. */
char *linux_signal_exec_state(struct vcpu *cpu)
{
	struct linux_thread *t = cpu ? cpu->os_state : NULL;
	uint64_t mine, shared;
	size_t len, n;
	char *s;

	if (!t)
		return NULL;
	mine = atomic_load(&t->sigpending) & not_carried;
	shared = atomic_load(&shared_pending) & not_carried & ~mine;
	if (!(t->sigmask & not_carried) && !mine && !shared)
		return NULL;
	len = 20 + (size_t)__builtin_popcountll(mine | shared) * (8 + 2 * LINUX_SIGINFO_SIZE);
	if (!(s = malloc(len)))
		return NULL;
	n = (size_t)snprintf(s, len, "%llx", (unsigned long long)(t->sigmask & not_carried));
	for (uint64_t set = mine | shared; set; set &= set - 1) {
		int sig = __builtin_ctzll(set) + 1;
		const uint8_t *info = mine & SIGBIT(sig) ? t->siginfo[sig] : shared_info[sig];

		n += (size_t)snprintf(s + n, len - n, ":%d=", sig);
		for (int k = 0; k < LINUX_SIGINFO_SIZE; k++)
			n += (size_t)snprintf(s + n, len - n, "%02x", info[k]);
	}
	return s;
}

/* Takes --exec-signals into thread t; a malformed one is ignored (it comes
 * only from ferry itself). */
static void exec_state_restore(struct linux_thread *t, const char *s)
{
	char *end;
	uint64_t mask = strtoull(s, &end, 16);

	t->sigmask |= mask & not_carried;
	while (*end == ':') {
		long sig = strtol(end + 1, &end, 10);
		uint8_t info[LINUX_SIGINFO_SIZE];

		if (*end != '=' || sig < 1 || sig > LINUX_NSIG || !(SIGBIT(sig) & not_carried))
			return;
		end++;
		for (int k = 0; k < LINUX_SIGINFO_SIZE; k++) {
			unsigned v;

			if (sscanf(end, "%2x", &v) != 1)
				return;
			info[k] = (uint8_t)v;
			end += 2;
		}
		memcpy(t->siginfo[sig], info, LINUX_SIGINFO_SIZE);
		atomic_fetch_or(&t->sigpending, SIGBIT(sig));
	}
}

/* At boot: ignored dispositions and the mask survive execve, so the guest
 * starts from the host's. */
void linux_signal_boot(struct vcpu *cpu)
{
	struct linux_thread *t = linux_thread(cpu);
	struct sigaction sa;
	uint64_t m = 0;

	safe_syscall_wake_init(on_wake);
	if (cpu->fe->linux->sigframe && cpu->fe->linux->sigframe->trampoline)
		linux_sigreturn_trampoline(cpu->fe->linux->sigframe->trampoline, cpu->fe->linux->sigframe->trampoline_len);
	for (int sig = 1; sig <= LINUX_NSIG; sig++)
		if (carried(sig) && sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			actions[sig].handler = GUEST_SIG_IGN;
	if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8) == 0)
		t->sigmask = carried_mask(m);
	if (opt.exec_signals)
		exec_state_restore(t, opt.exec_signals);
}

void linux_signal_status(const struct linux_thread *t, uint64_t host_pnd, uint64_t host_shd,
			 struct linux_sig_status *st)
{
	st->pending = atomic_load(&t->sigpending) | carried_mask(host_pnd);
	st->shared = carried_mask(host_shd) | atomic_load(&shared_pending);
	st->blocked = t->sigmask;
	st->ignored = st->caught = 0;
	pthread_mutex_lock(&actions_lock);
	for (int sig = 1; sig <= LINUX_NSIG; sig++)
		if (actions[sig].handler == GUEST_SIG_IGN)
			st->ignored |= SIGBIT(sig);
		else if (actions[sig].handler != GUEST_SIG_DFL)
			st->caught |= SIGBIT(sig);
	pthread_mutex_unlock(&actions_lock);
}

static int64_t sys_rt_sigaction(struct vcpu *cpu, const uint64_t *a)
{
	int sig = (int)a[0];
	struct guest_sigaction act, old;

	if (a[3] != LINUX_SIGSET_SIZE)
		return -EINVAL;
	if (sig < 1 || sig > LINUX_NSIG)
		return -EINVAL;
	if (a[1]) {
		if (SIGBIT(sig) & unblockable)
			return -EINVAL;
		if (sigaction_read(cpu, a[1], &act) < 0)
			return -EFAULT;
		act.mask &= ~unblockable;
	}
	pthread_mutex_lock(&actions_lock);
	old = actions[sig];
	if (a[1]) {
		actions[sig] = act;
		set_host_action(sig, &act);
		/* Setting SIG_IGN, or SIG_DFL for a default-ignored signal,
		 * discards what is pending (kernel/signal.c, do_sigaction). */
		if (act.handler == GUEST_SIG_IGN || (act.handler == GUEST_SIG_DFL && (SIGBIT(sig) & default_ignore))) {
			atomic_fetch_and(&linux_thread(cpu)->sigpending, ~SIGBIT(sig));
			atomic_fetch_and(&shared_pending, ~SIGBIT(sig));
		}
	}
	pthread_mutex_unlock(&actions_lock);
	if (a[2] && sigaction_write(cpu, a[2], &old) < 0)
		return -EFAULT;
	return 0;
}

static int on_altstack(const struct linux_thread *t, uint64_t sp)
{
	return t->ss_size && sp > t->ss_sp && sp - t->ss_sp <= t->ss_size;
}

/* Runs the guest's handler: a frame on the stack the kernel would pick
 * (arch/<arch>/kernel/signal.c, get_sigframe), then the mask the handler
 * runs with.  Returns 0, or -EFAULT if the frame cannot be written. */
static int run_handler(struct vcpu *cpu, int sig, const uint8_t *info)
{
	const struct linux_sigframe_ops *ops = cpu->fe->linux->sigframe;
	const struct linux_abi *abi = cpu->fe->linux;
	struct linux_thread *t = linux_thread(cpu);
	struct guest_sigaction act;
	struct linux_sigframe f;
	uint64_t sp = cpu->slot[abi->sp_slot];

	pthread_mutex_lock(&actions_lock);
	act = actions[sig];
	if (act.flags & GUEST_SA_RESETHAND) {
		actions[sig].handler = GUEST_SIG_DFL;
		set_host_action(sig, &actions[sig]);
	}
	pthread_mutex_unlock(&actions_lock);

	memset(&f, 0, sizeof f);
	f.sig = sig;
	f.info = info;
	f.handler = act.handler;
	f.restorer = act.flags & GUEST_SA_RESTORER ? act.restorer : 0;
	f.mask = t->saved_mask_valid ? t->saved_mask : t->sigmask;
	f.stack.sp = t->ss_sp;
	f.stack.size = t->ss_size;
	f.stack.flags = !t->ss_size ? SS_DISABLE : on_altstack(t, sp) ? SS_ONSTACK : t->ss_flags;
	if ((act.flags & GUEST_SA_ONSTACK) && t->ss_size && !on_altstack(t, sp)) {
		sp = t->ss_sp + t->ss_size;
		if (t->ss_flags & GUEST_SS_AUTODISARM)
			t->ss_sp = t->ss_size = 0;
	}
	f.sp = sp;
	if (t->restart) {
		/* an interrupted syscall: restart it after the handler, or make
		 * it fail with EINTR (arch/<arch>/kernel/signal.c, handle_signal) */
		int r = t->restart;

		t->restart = 0;
		if (r == LINUX_ERESTARTNOHAND || (r == LINUX_ERESTARTSYS && !(act.flags & GUEST_SA_RESTART))) {
			cpu->pc += abi->syscall_insn_len;
			cpu->slot[abi->ret_slot] = (uint64_t)-EINTR;
		}
	}
	if (ops->setup(cpu, &f) < 0)
		return -EFAULT;
	t->saved_mask_valid = 0;
	t->sigmask |= act.mask | (act.flags & GUEST_SA_NODEFER ? 0 : SIGBIT(sig));
	t->sigmask &= ~unblockable;
	host_mask_sync(t);
	if (trace_on(TRACE_SIGNAL))
		trace_printf("ferry: signal %s: guest handler 0x%llx\n", strace_signame(sig),
			     (unsigned long long)act.handler);
	return 0;
}

/* The default action, for a signal that reached the guest. */
static void default_action(struct vcpu *cpu, int sig)
{
	if (trace_on(TRACE_SIGNAL))
		trace_printf("ferry: signal %s: default action\n", strace_signame(sig));
	if (SIGBIT(sig) & default_ignore)
		return;
	if (SIGBIT(sig) & default_stop) {
		kill(getpid(), SIGSTOP);
		return;
	}
	strace_noreturn();
	process_kill(sig);
}

static void deliver(struct vcpu *cpu, int sig, const uint8_t *info)
{
	uint64_t handler = actions[sig].handler;

	if (handler == GUEST_SIG_IGN && !(SIGBIT(sig) & unblockable))
		return;
	if (handler == GUEST_SIG_DFL || (SIGBIT(sig) & unblockable)) {
		default_action(cpu, sig);
		return;
	}
	if (!cpu->fe->linux->sigframe) {
		ferry_warn("guest handler for %s not run: signal frames for %s are not written yet", strace_signame(sig),
			   cpu->fe->name);
		default_action(cpu, sig);
		return;
	}
	if (run_handler(cpu, sig, info) < 0) {
		/* no room for the frame: the kernel's force_sigsegv */
		ferry_warn("guest killed by SIGSEGV: no room for the %s signal frame below sp 0x%llx", strace_signame(sig),
			   (unsigned long long)cpu->slot[cpu->fe->linux->sp_slot]);
		strace_noreturn();
		process_kill(SIGSEGV);
	}
}

static int wake_one(struct linux_thread *t, void *ctx);

/* Wakes a thread for each signal pending for the process. */
static void dispatch_shared(void)
{
	uint64_t set = atomic_load(&shared_pending);

	while (set) {
		int sig = __builtin_ctzll(set) + 1;

		set &= set - 1;
		linux_thread_find(wake_one, &sig);
	}
}

/* Takes sig from the process's pending set; 0 if another thread took it. */
static int take_shared(int sig, uint8_t *info)
{
	int r = 0;

	pthread_mutex_lock(&shared_lock);
	if (atomic_load(&shared_pending) & SIGBIT(sig)) {
		memcpy(info, shared_info[sig], LINUX_SIGINFO_SIZE);
		atomic_fetch_and(&shared_pending, ~SIGBIT(sig));
		r = 1;
	}
	pthread_mutex_unlock(&shared_lock);
	return r;
}

/* The next of set to take: the thread's own before the process's, the
 * synchronous ones first, then the lowest (kernel/signal.c, dequeue_signal
 * and next_signal).  Fills info; 0 if none. */
static int take_pending(struct linux_thread *t, uint64_t set, uint8_t *info)
{
	uint64_t mine, from, sync;
	int sig;

	for (;;) {
		mine = atomic_load(&t->sigpending) & set;
		from = mine ? mine : atomic_load(&shared_pending) & set;
		if (!from)
			return 0;
		sync = from & not_carried & ~(SIGBIT(32) | SIGBIT(33));
		sig = __builtin_ctzll(sync ? sync : from) + 1;
		if (mine) {
			memcpy(info, t->siginfo[sig], LINUX_SIGINFO_SIZE);
			atomic_fetch_and(&t->sigpending, ~SIGBIT(sig));
			return sig;
		}
		if (take_shared(sig, info))
			return sig;
	}
}

void linux_signal_deliver(struct vcpu *cpu)
{
	struct linux_thread *t = cpu->os_state;
	uint8_t info[LINUX_SIGINFO_SIZE];
	int taken = 0, sig;

	if (!t)
		return;
	t->sig_wake = 0;
	if (atomic_exchange(&shared_dispatch, 0))
		dispatch_shared();
	while ((sig = take_pending(t, ~t->sigmask, info))) {
		taken = 1;
		deliver(cpu, sig, info);
	}
	/* no handler ran: an interrupted call is made again */
	t->restart = 0;
	if (t->saved_mask_valid) {
		t->sigmask = t->saved_mask;
		t->saved_mask_valid = 0;
		taken = 1;
	}
	/* the next of a queue taken, or the mask of before a wait */
	if (taken)
		host_mask_sync(t);
}

/* A signal queued here (not carried by the host) at thread t: unless it
 * is blocked there, t must notice it, in guest code or in a safe syscall. */
static void wake_thread(struct linux_thread *t, int sig)
{
	if (t->sigmask & SIGBIT(sig))
		return;
	t->sig_wake = 1;
	t->cpu->interrupt = 1;
	if (t->tid != (int)gettid())
		safe_syscall_wake(t->tid);
}

static void make_info(uint8_t *info, int sig, int code)
{
	int32_t w[4] = { sig, 0, code, 0 };
	uint32_t ids[2] = { (uint32_t)getpid(), (uint32_t)getuid() };

	memset(info, 0, LINUX_SIGINFO_SIZE);
	memcpy(info, w, sizeof w);
	memcpy(info + 16, ids, sizeof ids); /* si_pid, si_uid */
}

/* Queues a not-carried signal at thread t (the kernel's pending set). */
struct queued {
	int sig, code;
};

static void queue_at(struct linux_thread *t, void *ctx)
{
	const struct queued *q = ctx;

	make_info(t->siginfo[q->sig], q->sig, q->code);
	atomic_fetch_or(&t->sigpending, SIGBIT(q->sig));
	wake_thread(t, q->sig);
}

static int64_t signal_thread(int tid, int sig, int code)
{
	struct queued q = { sig, code };

	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (carried(sig) || sig == 0 || (SIGBIT(sig) & unblockable))
		return host_ret(syscall(SYS_tgkill, getpid(), tid, sig));
	if (actions[sig].handler == GUEST_SIG_IGN)
		return 0;
	return linux_thread_with_tid(tid, queue_at, &q);
}

void linux_signal_trap(struct vcpu *cpu, int sig, int code, uint64_t addr)
{
	struct linux_thread *t = linux_thread(cpu);
	struct vcpu_trap trap = { sig, code, addr };
	uint64_t handler = actions[sig].handler;
	uint8_t info[LINUX_SIGINFO_SIZE];

	/* blocked or ignored, a synchronous signal still kills
	 * (kernel/signal.c, force_sig_info_to_task) */
	if (handler == GUEST_SIG_DFL || handler == GUEST_SIG_IGN || (t->sigmask & SIGBIT(sig)) ||
	    !cpu->fe->linux->sigframe)
		linux_trap_fatal(cpu, &trap);
	make_info(info, sig, code);
	memset(info + 16, 0, 8);
	memcpy(info + 16, &addr, sizeof addr); /* si_addr */
	if (run_handler(cpu, sig, info) < 0)
		linux_trap_fatal(cpu, &trap);
}

static int64_t sys_rt_sigprocmask(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t set, old = t->sigmask;

	if (a[3] != LINUX_SIGSET_SIZE)
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
	host_mask_sync(t);
	return 0;
}

/* Blocked and pending: ours, and the host's for the carried ones. */
static int64_t sys_rt_sigpending(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t host = 0, set;

	if (a[1] > LINUX_SIGSET_SIZE)
		return -EINVAL;
	syscall(SYS_rt_sigpending, &host, 8);
	set = (atomic_load(&t->sigpending) | atomic_load(&shared_pending) | carried_mask(host)) & t->sigmask;
	return mem_write(a[0], &set, (size_t)a[1]);
}

int linux_sigmask_for_wait(struct vcpu *cpu, uint64_t g, uint64_t size, uint64_t *host, const void **hostp)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t m;

	*hostp = NULL;
	if (!g)
		return 0;
	if (size != LINUX_SIGSET_SIZE)
		return -EINVAL;
	if (mem_read(&m, g, sizeof m) < 0)
		return -EFAULT;
	t->saved_mask = t->sigmask;
	t->saved_mask_valid = 1;
	t->sigmask = m & ~unblockable;
	*host = carried_mask(t->sigmask);
	*hostp = host;
	/* one of ours that the wait's mask lets through: the wait returns at
	 * once (the host's own are handled by its atomic mask switch) */
	if ((atomic_load(&t->sigpending) | atomic_load(&shared_pending)) & ~t->sigmask)
		t->sig_wake = 1;
	return 0;
}

/* Waits with the given mask until a handler is due; the frame saves the
 * mask from before (kernel/signal.c, sigsuspend). */
static int64_t sys_rt_sigsuspend(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t host, m;

	if (a[1] != LINUX_SIGSET_SIZE)
		return -EINVAL;
	if (mem_read(&m, a[0], sizeof m) < 0)
		return -EFAULT;
	t->saved_mask = t->sigmask;
	t->saved_mask_valid = 1;
	t->sigmask = m & ~unblockable;
	host = carried_mask(t->sigmask);
	/* The host's sigsuspend switches to the wait's mask atomically; one
	 * that arrives before it is entered stops the safe syscall. */
	for (;;) {
		t->sig_wake = 0;
		if ((atomic_load(&t->sigpending) | atomic_load(&shared_pending)) & ~t->sigmask)
			break;
		safe_sys(SYS_rt_sigsuspend, &host, 8);
	}
	return -EINTR;
}

/* sigwaitinfo/sigtimedwait: a queued one of ours first (the thread's,
 * then the process's), else the host's. */
static int64_t sys_rt_sigtimedwait(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint8_t info[LINUX_SIGINFO_SIZE];
	uint64_t set, host;
	const void *tmo = NULL;
	siginfo_t si;
	long r;
	int sig;

	if (a[3] != LINUX_SIGSET_SIZE)
		return -EINVAL;
	if (mem_read(&set, a[0], sizeof set) < 0)
		return -EFAULT;
	if (a[2] && !(tmo = guest_buf(a[2], sizeof(struct timespec), PROT_READ)))
		return -EFAULT;
	set &= ~unblockable;
	host = carried_mask(set);
	atomic_store(&t->waiting, set);
	for (;;) {
		if ((sig = take_pending(t, set, info))) {
			atomic_store(&t->waiting, 0);
			host_mask_sync(t); /* the next one queued may come */
			if (a[1] && mem_write(a[1], info, LINUX_SIGINFO_SIZE) < 0)
				return -EFAULT;
			return sig;
		}
		r = safe_sys_nohand(SYS_rt_sigtimedwait, &host, &si, tmo, 8);
		/* woken for one of ours in the set: take it */
		if ((r == -LINUX_ERESTARTNOHAND || r == -EINTR) &&
		    ((atomic_load(&t->sigpending) | atomic_load(&shared_pending)) & set))
			continue;
		break;
	}
	atomic_store(&t->waiting, 0);
	if (r < 0)
		return r;
	if (a[1] && mem_write(a[1], &si, LINUX_SIGINFO_SIZE) < 0)
		return -EFAULT;
	return r;
}

static int64_t sys_rt_sigreturn(struct vcpu *cpu, const uint64_t *a)
{
	const struct linux_sigframe_ops *ops = cpu->fe->linux->sigframe;
	struct linux_thread *t = linux_thread(cpu);
	struct linux_sigstack ss;
	uint64_t mask;
	struct vcpu_trap trap = { SIGSEGV, 0x80 /* SI_KERNEL */, 0 };

	if (!ops)
		return -ENOSYS;
	if (ops->restore(cpu, &mask, &ss) < 0)
		linux_trap_fatal(cpu, &trap); /* a bad frame: the kernel's force_sig(SIGSEGV) */
	t->sigmask = mask & ~unblockable;
	host_mask_sync(t);
	/* restore_altstack(): as sigaltstack would take it, errors ignored */
	if (!on_altstack(t, cpu->slot[cpu->fe->linux->sp_slot])) {
		int mode = ss.flags & ~GUEST_SS_AUTODISARM;
		if (mode == SS_DISABLE) {
			t->ss_sp = t->ss_size = 0;
		} else if (mode == 0 && ss.size >= cpu->fe->linux->minsigstksz) {
			t->ss_sp = ss.sp;
			t->ss_size = ss.size;
			t->ss_flags = ss.flags & GUEST_SS_AUTODISARM;
		}
	}
	/* the registers are the interrupted ones, a0 included */
	return (int64_t)cpu->slot[cpu->fe->linux->ret_slot];
}

static int64_t sys_sigaltstack(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);
	uint64_t sp = cpu->slot[cpu->fe->linux->sp_slot];
	struct guest_stack ns, os;

	memset(&os, 0, sizeof os);
	os.sp = t->ss_sp;
	os.size = t->ss_size;
	os.flags = !t->ss_size ? SS_DISABLE : on_altstack(t, sp) ? SS_ONSTACK : t->ss_flags;
	if (a[0]) {
		if (mem_read(&ns, a[0], sizeof ns) < 0)
			return -EFAULT;
		int mode = ns.flags & ~GUEST_SS_AUTODISARM;
		if (on_altstack(t, sp))
			return -EPERM;
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

/* A thread queue_process may give the signal to: one that does not block
 * it, or waits for it in sigtimedwait. */
static int wake_one(struct linux_thread *t, void *ctx)
{
	uint64_t bit = SIGBIT(*(const int *)ctx);

	if ((t->sigmask & bit) && !(atomic_load(&t->waiting) & bit))
		return 0;
	t->sig_wake = 1;
	t->cpu->interrupt = 1;
	if (t->tid != (int)gettid())
		safe_syscall_wake(t->tid);
	return 1;
}

/* A signal for the whole process that the host does not carry: pending for
 * the process, and a thread woken to take it, the sender if it can
 * (kernel/signal.c, complete_signal).  If every thread blocks it, it waits
 * for one to unblock it: every delivery looks at the process's set. */
static int64_t queue_process(struct vcpu *cpu, int sig, const uint8_t *info)
{
	if (actions[sig].handler == GUEST_SIG_IGN)
		return 0;
	pthread_mutex_lock(&shared_lock);
	if (!(atomic_load(&shared_pending) & SIGBIT(sig))) {
		memcpy(shared_info[sig], info, LINUX_SIGINFO_SIZE);
		atomic_fetch_or(&shared_pending, SIGBIT(sig));
	}
	pthread_mutex_unlock(&shared_lock);
	if (!wake_one(linux_thread(cpu), &sig))
		linux_thread_find(wake_one, &sig);
	return 0;
}

static int64_t sys_kill(struct vcpu *cpu, const uint64_t *a)
{
	int pid = (int)a[0], sig = (int)a[1];

	if (pid == getpid() && sig > 0 && sig <= LINUX_NSIG && !carried(sig) && !(SIGBIT(sig) & unblockable)) {
		uint8_t info[LINUX_SIGINFO_SIZE];

		make_info(info, sig, GUEST_SI_USER);
		return queue_process(cpu, sig, info);
	}
	return host_ret(syscall(SYS_kill, pid, sig));
}

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
		return signal_thread(tid, sig, GUEST_SI_TKILL);
	return host_ret(syscall(SYS_tkill, tid, sig));
}

static int64_t sys_tgkill(struct vcpu *cpu, const uint64_t *a)
{
	int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid == getpid())
		return signal_thread(tid, sig, GUEST_SI_TKILL);
	return host_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

/* sigqueue(): a caller-made siginfo.  Carried signals go through the host
 * (same siginfo layout); the others are queued here with it. */
struct queued_info {
	int sig;
	const uint8_t *info;
};

static void queue_info_at(struct linux_thread *t, void *ctx)
{
	const struct queued_info *q = ctx;

	memcpy(t->siginfo[q->sig], q->info, LINUX_SIGINFO_SIZE);
	atomic_fetch_or(&t->sigpending, SIGBIT(q->sig));
	wake_thread(t, q->sig);
}

static int64_t queue_with_info(struct vcpu *cpu, int tgid, int tid, int sig, uint64_t ginfo)
{
	uint8_t info[LINUX_SIGINFO_SIZE];
	struct queued_info q = { sig, info };

	if (mem_read(info, ginfo, sizeof info) < 0)
		return -EFAULT;
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (tgid != getpid() || carried(sig) || sig == 0 || (SIGBIT(sig) & unblockable)) {
		if (tid)
			return host_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, info));
		return host_ret(syscall(SYS_rt_sigqueueinfo, tgid, sig, info));
	}
	if (!tid)
		return queue_process(cpu, sig, info);
	if (actions[sig].handler == GUEST_SIG_IGN)
		return 0;
	return linux_thread_with_tid(tid, queue_info_at, &q);
}

static int64_t sys_rt_sigqueueinfo(struct vcpu *cpu, const uint64_t *a)
{
	return queue_with_info(cpu, (int)a[0], 0, (int)a[1], a[2]);
}

static int64_t sys_rt_tgsigqueueinfo(struct vcpu *cpu, const uint64_t *a)
{
	if ((int)a[1] <= 0)
		return -EINVAL;
	return queue_with_info(cpu, (int)a[0], (int)a[1], (int)a[2], a[3]);
}

const struct linux_sys_impl linux_signal_impls[] = {
	SYS_IMPL(rt_sigaction), SYS_IMPL(rt_sigprocmask), SYS_IMPL(rt_sigpending), SYS_IMPL(rt_sigsuspend),
	SYS_IMPL(rt_sigtimedwait), SYS_IMPL(rt_sigreturn), SYS_IMPL(sigaltstack), SYS_IMPL(kill),
	SYS_IMPL(tkill),	SYS_IMPL(tgkill),	  SYS_IMPL(rt_sigqueueinfo), SYS_IMPL(rt_tgsigqueueinfo),
	{ 0, NULL },
};
