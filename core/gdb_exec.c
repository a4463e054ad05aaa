/* Stopping and resuming guest threads for gdb (see core/gdbstub.h).
 *
 * Every guest thread calls gdb_hook before each block (run_debug_hook).  A
 * thread stops where the hook finds a reason (a breakpoint at a boundary
 * not yet checked, a finished step, a trap since the last call) and posts
 * the event for the server thread; every thread then parks in the hook at
 * its next boundary until gdb resumes it.  A boundary is (pc, instructions
 * retired): the run loop may call the hook twice at one without running
 * anything in between (after a system call), and that must not count as a
 * step or report a breakpoint twice. */
#include "gdb_internal.h"
#include "gdbstub.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "fpu.h"
#include "insn_trace.h"
#include "log.h"
#include "options.h"
#include "tcache.h"
#include "vcpu.h"

extern struct vcpu *all_cpus;
extern pthread_mutex_t all_cpus_lock;

struct gdb_state gdb = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.resumed = PTHREAD_COND_INITIALIZER,
	.event_fd = -1,
};

/* This thread's entry, once looked up. */
static __thread struct gdb_thread *self;

struct gdb_thread *gdb_thread_get(int tid, bool create)
{
	for (struct gdb_thread *t = gdb.threads; t; t = t->next)
		if (t->tid == tid)
			return t;
	if (!create)
		return NULL;
	struct gdb_thread *t = calloc(1, sizeof(*t));
	if (!t)
		ferry_fatal("out of memory");
	t->tid = tid;
	t->action = gdb.default_action;
	t->next = gdb.threads;
	gdb.threads = t;
	return t;
}

void gdb_stop_all_locked(int tid, int signo)
{
	__atomic_store_n(&gdb.stopped, true, __ATOMIC_SEQ_CST);
	if (!gdb.have_event) {
		gdb.have_event = true;
		gdb.event = (struct gdb_event){tid, signo};
		uint64_t one = 1;
		if (write(gdb.event_fd, &one, sizeof(one)) < 0) {
		}
	}
	/* Everyone leaves guest code at its next block exit. */
	pthread_mutex_lock(&all_cpus_lock);
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
		c->interrupt = 1;
	pthread_mutex_unlock(&all_cpus_lock);
}

void gdb_quiesce(void)
{
	for (int tries = 0; tries < 2000; tries++) {
		bool busy = false;
		pthread_mutex_lock(&all_cpus_lock);
		for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
			if (__atomic_load_n(&c->in_guest, __ATOMIC_SEQ_CST)) {
				c->interrupt = 1;
				busy = true;
			}
		pthread_mutex_unlock(&all_cpus_lock);
		if (!busy)
			return;
		usleep(500);
	}
}

/* Blocks of one instruction while anything needs every boundary. */
static void set_single_insn(bool on)
{
	on = on || trace_on(TRACE_INSN);
	if (on == (gdb.single_insn != 0))
		return;
	gdb.single_insn = on;
	tcache_set_max_insns(on ? 1 : 0);
}

void gdb_resume_locked(void)
{
	bool step = false;
	for (struct gdb_thread *t = gdb.threads; t; t = t->next)
		if (t->action == GDB_STEP) {
			t->step_pc = t->seen_pc;
			t->step_icount = t->seen_icount;
			step = true;
		}
	/* Every thread is parked or outside guest code: the flush is quick. */
	set_single_insn(step || gdb.nbps);
	uint64_t drain;
	if (read(gdb.event_fd, &drain, sizeof(drain)) < 0) {
	}
	gdb.have_event = false;
	__atomic_store_n(&gdb.stopped, false, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&gdb.resumed);
}

void gdb_detach_locked(void)
{
	gdb.nbps = 0;
	__atomic_store_n(&gdb.attached, false, __ATOMIC_SEQ_CST);
	gdb.default_action = GDB_CONT;
	for (struct gdb_thread *t = gdb.threads; t; t = t->next)
		t->action = GDB_CONT;
	gdb_resume_locked();
}

static int bp_index(uint64_t pc)
{
	for (unsigned i = 0; i < gdb.nbps; i++)
		if (gdb.bps[i] == pc)
			return (int)i;
	return -1;
}

int gdb_bp_insert(uint64_t pc)
{
	if (bp_index(pc) >= 0)
		return 0;
	if (gdb.nbps == gdb.bps_cap) {
		unsigned cap = gdb.bps_cap ? 2 * gdb.bps_cap : 16;
		uint64_t *b = reallocarray(gdb.bps, cap, sizeof(*b));
		if (!b)
			return -1;
		gdb.bps = b;
		gdb.bps_cap = cap;
	}
	gdb.bps[gdb.nbps++] = pc;
	return 0;
}

int gdb_bp_remove(uint64_t pc)
{
	int i = bp_index(pc);
	if (i >= 0)
		gdb.bps[i] = gdb.bps[--gdb.nbps];
	return 0;
}

static bool same_boundary(uint64_t pc, uint64_t icount, uint64_t pc2, uint64_t icount2)
{
	return pc == pc2 && icount == icount2;
}

/* Under gdb.lock: waits while gdb holds this thread.  The host FPU's
 * accrued flags are folded into cpu->fp_flags first so gdb reads them, and
 * whatever gdb wrote to the FP environment is handed back to it after. */
static void park(struct vcpu *cpu, struct gdb_thread *t)
{
	fpu_fflags_get(cpu);
	t->parked = true;
	while (gdb.attached && (gdb.stopped || t->action == GDB_STOP))
		pthread_cond_wait(&gdb.resumed, &gdb.lock);
	t->parked = false;
	fpu_fflags_set(cpu, cpu->fp_flags);
	fpu_frm_set(cpu, cpu->fp_rm);
}

/* Under gdb.lock: the stop checks at this boundary; returns after the
 * thread may run on.  pending_sig is a signal to report first. */
static void boundary_locked(struct vcpu *cpu, struct gdb_thread *t, int pending_sig)
{
	for (;;) {
		t->seen_pc = cpu->pc;
		t->seen_icount = cpu->icount;
		if (!gdb.attached)
			return;
		if (gdb.stopped || t->action == GDB_STOP) {
			park(cpu, t);
			continue;
		}
		int sig = pending_sig;
		pending_sig = 0;
		if (!sig && t->action == GDB_STEP && !same_boundary(cpu->pc, cpu->icount, t->step_pc, t->step_icount))
			sig = SIGTRAP;
		if (!sig && !(t->bp_done && same_boundary(cpu->pc, cpu->icount, t->bp_pc, t->bp_icount)) &&
		    bp_index(cpu->pc) >= 0)
			sig = SIGTRAP;
		/* Reported or passed: resuming from here runs this instruction. */
		t->bp_done = true;
		t->bp_pc = cpu->pc;
		t->bp_icount = cpu->icount;
		if (!sig)
			return;
		t->resume_sig = 0;
		gdb_stop_all_locked(t->tid, sig);
	}
}

static struct gdb_thread *self_locked(struct vcpu *cpu)
{
	if (!self || self->tid != cpu->tid)
		self = gdb_thread_get(cpu->tid, true);
	return self;
}

void gdb_hook(struct vcpu *cpu)
{
	if (trace_on(TRACE_INSN))
		insn_trace_boundary(cpu);
	if (!__atomic_load_n(&gdb.attached, __ATOMIC_SEQ_CST))
		return;
	/* A trap since the last call (the OS layer has acted on it already;
	 * gdb_notify_signal is the way to see it before). */
	int trap = cpu->trap.signo;
	cpu->trap.signo = 0;
	struct gdb_thread *t = self;
	if (t && t->tid == cpu->tid && !trap && !__atomic_load_n(&gdb.stopped, __ATOMIC_SEQ_CST) &&
	    !__atomic_load_n(&gdb.nbps, __ATOMIC_SEQ_CST) && __atomic_load_n(&t->action, __ATOMIC_SEQ_CST) == GDB_CONT) {
		t->seen_pc = cpu->pc;
		t->seen_icount = cpu->icount;
		return;
	}
	pthread_mutex_lock(&gdb.lock);
	boundary_locked(cpu, self_locked(cpu), trap);
	pthread_mutex_unlock(&gdb.lock);
}

int gdb_notify_signal(struct vcpu *cpu, int signo)
{
	if (!__atomic_load_n(&gdb.attached, __ATOMIC_SEQ_CST))
		return signo;
	pthread_mutex_lock(&gdb.lock);
	struct gdb_thread *t = self_locked(cpu);
	/* Reported here, so not again by the hook. */
	if (cpu->trap.signo == signo)
		cpu->trap.signo = 0;
	t->seen_pc = cpu->pc;
	t->seen_icount = cpu->icount;
	if (gdb.attached) {
		while (gdb.stopped || t->action == GDB_STOP)
			park(cpu, t); /* somebody else's stop first */
		t->resume_sig = signo;
		gdb_stop_all_locked(t->tid, signo);
		park(cpu, t);
		signo = t->resume_sig;
	}
	pthread_mutex_unlock(&gdb.lock);
	return signo;
}

int gdb_attached(void) { return __atomic_load_n(&gdb.attached, __ATOMIC_SEQ_CST); }

int gdb_with_cpu(int tid, int (*fn)(struct vcpu *cpu, void *ctx), void *ctx)
{
	int r = -1;
	pthread_mutex_lock(&all_cpus_lock);
	struct vcpu *found = NULL, *first = NULL;
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu) {
		first = c; /* the list is newest first: the last is the main thread */
		if (c->tid == tid)
			found = c;
	}
	if (tid <= 0)
		found = first;
	if (found)
		r = fn(found, ctx);
	pthread_mutex_unlock(&all_cpus_lock);
	return r;
}

int gdb_thread_ids(int *tids, int max)
{
	int n = 0;
	pthread_mutex_lock(&all_cpus_lock);
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
		if (c->tid > 0)
			n++;
	int k = n;
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
		if (c->tid > 0 && --k < max)
			tids[k] = c->tid;
	pthread_mutex_unlock(&all_cpus_lock);
	return n < max ? n : max;
}
