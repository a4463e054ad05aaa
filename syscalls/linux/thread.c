/* Guest threads: clone(CLONE_VM | CLONE_THREAD ...) gets a new vcpu run by
 * a new host thread in this process, so the guest's memory, descriptors
 * and futex words are shared as the kernel would share them. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/fpu.h"
#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/run.h"
#include "core/vcpu.h"

/* Guest threads alive; the last one to call exit ends the process. */
static atomic_int live_threads = 1;

/* The live threads' state, for signals aimed at a tid. */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct linux_thread *threads;

void linux_thread_register(struct linux_thread *t)
{
	pthread_mutex_lock(&list_lock);
	t->next = threads;
	threads = t;
	pthread_mutex_unlock(&list_lock);
}

static void unregister(struct linux_thread *t)
{
	pthread_mutex_lock(&list_lock);
	for (struct linux_thread **p = &threads; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	pthread_mutex_unlock(&list_lock);
}

/* The process ends: every live thread's robust futexes are released, as
 * the kernel does when it takes the threads down one by one. */
void linux_threads_release_robust(void)
{
	pthread_mutex_lock(&list_lock);
	for (struct linux_thread *t = threads; t; t = t->next)
		linux_robust_list_release(t->robust_list, t->robust_len, t->tid);
	pthread_mutex_unlock(&list_lock);
}

int linux_thread_with_tid(int tid, void (*fn)(struct linux_thread *t, void *ctx), void *ctx)
{
	int r = -ESRCH;

	pthread_mutex_lock(&list_lock);
	for (struct linux_thread *t = threads; t; t = t->next)
		if (t->tid == tid) {
			fn(t, ctx);
			r = 0;
			break;
		}
	pthread_mutex_unlock(&list_lock);
	return r;
}

int linux_thread_find(int (*fn)(struct linux_thread *t, void *ctx), void *ctx)
{
	int r = 0;

	pthread_mutex_lock(&list_lock);
	for (struct linux_thread *t = threads; t && !r; t = t->next)
		r = fn(t, ctx);
	pthread_mutex_unlock(&list_lock);
	return r;
}

/* What a thread shares, at least, to be a thread rather than a process. */
#define THREAD_NEEDS (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)
#define THREAD_FLAGS                                                                                         \
	(THREAD_NEEDS | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |         \
	 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_DETACHED)

struct thread_start {
	struct vcpu *cpu;
	uint64_t flags, ptid, ctid;
	/* the parent's dynamic rounding mode and accrued flags: a new thread
	 * inherits them (copy_thread copies fcsr, FPCR/FPSR) */
	uint64_t fp_rm, fp_flags;
	sem_t ready;
	int tid;
};

static void *thread_main(void *arg)
{
	struct thread_start *ts = arg;
	struct vcpu *cpu = ts->cpu;
	int tid = (int)syscall(SYS_gettid);

	/* host signals stay blocked (from linux_clone_thread) until the
	 * handlers can find this thread's state */
	current_cpu = cpu;
	linux_signal_thread_start(cpu->os_state);
	/* the host FP environment is per host thread: set up this one's */
	fpu_thread_init(cpu);
	fpu_frm_set(cpu, ts->fp_rm);
	fpu_fflags_set(cpu, ts->fp_flags);
	cpu->tid = tid;
	((struct linux_thread *)cpu->os_state)->tid = tid;
	linux_thread_register(cpu->os_state);
	if (ts->flags & CLONE_CHILD_SETTID)
		mem_write(ts->ctid, &tid, sizeof tid);
	if (ts->flags & CLONE_PARENT_SETTID)
		mem_write(ts->ptid, &tid, sizeof tid);
	ts->tid = tid;
	sem_post(&ts->ready); /* ts belongs to the parent from here on */
	run_loop(cpu);
}

int64_t linux_clone_thread(struct vcpu *cpu, const uint64_t *a)
{
	const struct linux_abi *abi = cpu->fe->linux;
	uint64_t flags = a[0];
	struct thread_start ts;
	struct linux_thread *lt;
	struct vcpu *child;
	pthread_attr_t attr;
	pthread_t th;
	uint64_t all = ~0ULL, old;
	int r;

	if ((flags & THREAD_NEEDS) != THREAD_NEEDS || (flags & ~(uint64_t)THREAD_FLAGS) || (flags & CSIGNAL)) {
		if (trace_on(TRACE_UNIMP | TRACE_SYSCALL))
			trace_printf("ferry: clone flags 0x%llx share memory without being a thread: not supported\n",
				     (unsigned long long)flags);
		return (flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND) ? -EINVAL : -ENOSYS;
	}
	if ((flags & CLONE_SETTLS) && abi->tls_slot < 0)
		return -ENOSYS;
	if (!(lt = calloc(1, sizeof *lt)))
		return -ENOMEM;
	child = vcpu_new(cpu->fe);
	memcpy(child->slot, cpu->slot, sizeof(uint64_t) * IR_ARCH_SLOTS);
	child->fp_arm_mode = cpu->fp_arm_mode; /* FPCR.FZ/DN, FPSR.IDC */
	child->pc = cpu->pc;
	ts.fp_rm = cpu->fp_rm;
	ts.fp_flags = fpu_fflags_get(cpu);
	child->slot[abi->ret_slot] = 0;
	if (a[1])
		child->slot[abi->sp_slot] = a[1];
	/* (flags, newsp, parent_tid, tls, child_tid): see sys_clone */
	if (flags & CLONE_SETTLS)
		child->slot[abi->tls_slot] = a[3];
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = a[4];
	lt->sigmask = linux_thread(cpu)->sigmask;
	lt->cpu = child;
	child->os_state = lt;

	ts.cpu = child;
	ts.flags = flags;
	ts.ptid = a[2];
	ts.ctid = a[4];
	sem_init(&ts.ready, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&live_threads, 1);
	/* The new host thread inherits this mask: with everything blocked, a
	 * signal aimed at it (a timer's SIGEV_THREAD_ID, tgkill, a process
	 * signal the kernel picks it for) waits in the kernel until
	 * thread_main has set current_cpu, instead of reaching a handler that
	 * finds no vcpu and drops it. */
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
	r = pthread_create(&th, &attr, thread_main, &ts);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
	pthread_attr_destroy(&attr);
	if (r != 0) {
		atomic_fetch_sub(&live_threads, 1);
		vcpu_free(child);
		free(lt);
		sem_destroy(&ts.ready);
		return -EAGAIN;
	}
	while (sem_wait(&ts.ready) < 0 && errno == EINTR)
		;
	sem_destroy(&ts.ready);
	return ts.tid;
}

int linux_thread_count(void)
{
	return atomic_load(&live_threads);
}

/* exit(2) of one thread: the kernel clears and wakes clear_child_tid
 * (kernel/fork.c, mm_release), which is how pthread_join learns of it. */
void linux_thread_exit(struct vcpu *cpu, int status)
{
	uint64_t all = ~0ULL;
	struct linux_thread *t = cpu->os_state;

	/* before clear_child_tid, as the kernel's mm_release */
	if (t)
		linux_robust_list_release(t->robust_list, t->robust_len, t->tid);
	if (atomic_fetch_sub(&live_threads, 1) == 1)
		process_exit(status);
	/* no host handler may run on this thread once its vcpu is gone */
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 8);
	linux_signal_thread_exit(cpu->os_state);
	if (cpu->clear_child_tid) {
		int zero = 0;
		void *w = mem_access(cpu->clear_child_tid, sizeof zero, PROT_WRITE);

		if (w) {
			memcpy(w, &zero, sizeof zero);
			syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
		}
	}
	unregister(cpu->os_state);
	free(cpu->os_state);
	cpu->os_state = NULL;
	vcpu_free(cpu);
	pthread_exit(NULL);
}

/* A fork's child has one thread, whatever its parent had. */
void linux_threads_after_fork(struct linux_thread *self)
{
	atomic_store(&live_threads, 1);
	pthread_mutex_init(&list_lock, NULL);
	self->robust_list = self->robust_len = 0; /* copy_process: none in the child */
	threads = self;
	self->next = NULL;
	vcpu_forget_others(self->cpu);
}
