/* Clocks, sleeps and timers.  struct timespec, timeval, timezone, tms and
 * itimerval are made of 64-bit longs (and two ints for timezone) on every
 * 64-bit Linux arch, so they are copied through; clock ids are the same
 * (include/uapi/linux/time.h). */
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

_Static_assert(sizeof(struct timespec) == 16, "struct timespec");
_Static_assert(sizeof(struct timeval) == 16, "struct timeval");
_Static_assert(sizeof(struct timezone) == 8, "struct timezone");
_Static_assert(sizeof(struct tms) == 32, "struct tms");
_Static_assert(sizeof(struct itimerval) == 32, "struct itimerval");

/* An optional guest pointer: NULL stays NULL, a bad one is a fault. */
static int opt_buf(void **out, uint64_t g, uint64_t len, int prot)
{
	*out = NULL;
	if (!g)
		return 0;
	*out = guest_buf(g, len, prot);
	return *out ? 0 : -EFAULT;
}

static int64_t sys_clock_gettime(struct vcpu *cpu, const uint64_t *a)
{
	void *tp = guest_buf(a[1], sizeof(struct timespec), PROT_WRITE);

	if (!tp)
		return -EFAULT;
	return host_ret(syscall(SYS_clock_gettime, (clockid_t)a[0], tp));
}

static int64_t sys_clock_getres(struct vcpu *cpu, const uint64_t *a)
{
	void *res;

	if (opt_buf(&res, a[1], sizeof(struct timespec), PROT_WRITE))
		return -EFAULT;
	return host_ret(syscall(SYS_clock_getres, (clockid_t)a[0], res));
}

static int64_t sys_clock_settime(struct vcpu *cpu, const uint64_t *a)
{
	void *tp = guest_buf(a[1], sizeof(struct timespec), PROT_READ);

	if (!tp)
		return -EFAULT;
	return host_ret(syscall(SYS_clock_settime, (clockid_t)a[0], tp));
}

static int64_t sys_nanosleep(struct vcpu *cpu, const uint64_t *a)
{
	void *req = guest_buf(a[0], sizeof(struct timespec), PROT_READ), *rem;

	if (!req || opt_buf(&rem, a[1], sizeof(struct timespec), PROT_WRITE))
		return -EFAULT;
	return safe_sys_nohand(SYS_nanosleep, req, rem);
}

static int64_t sys_clock_nanosleep(struct vcpu *cpu, const uint64_t *a)
{
	void *req = guest_buf(a[2], sizeof(struct timespec), PROT_READ), *rem;

	if (!req || opt_buf(&rem, a[3], sizeof(struct timespec), PROT_WRITE))
		return -EFAULT;
	return safe_sys_nohand(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem);
}

static int64_t sys_gettimeofday(struct vcpu *cpu, const uint64_t *a)
{
	void *tv, *tz;

	if (opt_buf(&tv, a[0], sizeof(struct timeval), PROT_WRITE) ||
	    opt_buf(&tz, a[1], sizeof(struct timezone), PROT_WRITE))
		return -EFAULT;
	return host_ret(syscall(SYS_gettimeofday, tv, tz));
}

static int64_t sys_settimeofday(struct vcpu *cpu, const uint64_t *a)
{
	void *tv, *tz;

	if (opt_buf(&tv, a[0], sizeof(struct timeval), PROT_READ) ||
	    opt_buf(&tz, a[1], sizeof(struct timezone), PROT_READ))
		return -EFAULT;
	return host_ret(syscall(SYS_settimeofday, tv, tz));
}

/* times() returns clock ticks, which may look negative: it is not an error
 * unless the kernel said so through errno, so the raw value is kept. */
static int64_t sys_times(struct vcpu *cpu, const uint64_t *a)
{
	void *buf;

	if (opt_buf(&buf, a[0], sizeof(struct tms), PROT_WRITE))
		return -EFAULT;
	errno = 0;
	long r = syscall(SYS_times, buf);
	return r == -1 && errno ? -errno : r;
}

static int64_t sys_getitimer(struct vcpu *cpu, const uint64_t *a)
{
	void *cur = guest_buf(a[1], sizeof(struct itimerval), PROT_WRITE);

	if (!cur)
		return -EFAULT;
	return host_ret(syscall(SYS_getitimer, (int)a[0], cur));
}

/* The timer's signal goes to the host process; with the guest's default
 * action that ends it the same way (SIGALRM, SIGVTALRM, SIGPROF). */
static int64_t sys_setitimer(struct vcpu *cpu, const uint64_t *a)
{
	void *val, *old;

	if (opt_buf(&val, a[1], sizeof(struct itimerval), PROT_READ) ||
	    opt_buf(&old, a[2], sizeof(struct itimerval), PROT_WRITE))
		return -EFAULT;
	return host_ret(syscall(SYS_setitimer, (int)a[0], val, old));
}

/* POSIX timers.  struct sigevent is 64 bytes with the same layout on every
 * 64-bit arch (sigval, signo, notify, then the tid or thread data).  The
 * host delivers the timer's signal, so it must be one the host carries for
 * the guest (see signal.c), or 32 (timer_signal_ok): not 33, which the
 * host's libc owns, and not the synchronous ones.  SIGEV_THREAD itself is
 * the guest libc's business: it asks for SIGEV_THREAD_ID with 32. */
struct guest_sigevent {
	uint64_t value;
	int32_t signo;
	int32_t notify;
	int32_t tid;
	uint8_t pad[44];
};
_Static_assert(sizeof(struct guest_sigevent) == 64, "struct sigevent");

static int host_carries(int sig)
{
	return sig >= 1 && sig <= 64 && sig != 32 && sig != 33 && sig != SIGSEGV && sig != SIGBUS && sig != SIGILL &&
	       sig != SIGFPE && sig != SIGTRAP;
}

/* Signal 32, glibc's SIGTIMER behind SIGEV_THREAD, rides on ferry's wake
 * signal, host 32, whose handler queues it for the guest (signal.c,
 * on_wake); only where that signal exists (core/safe_syscall.h). */
static int timer_signal_ok(int sig)
{
	return host_carries(sig) || (sig == 32 && safe_syscall_exact);
}

static int64_t sys_timer_create(struct vcpu *cpu, const uint64_t *a)
{
	struct guest_sigevent ev, *evp = NULL;
	int *id = guest_buf(a[2], sizeof(int), PROT_WRITE);

	if (!id)
		return -EFAULT;
	if (a[1]) {
		if (mem_read(&ev, a[1], sizeof ev) < 0)
			return -EFAULT;
		if (ev.notify != SIGEV_NONE && !timer_signal_ok(ev.signo)) {
			if (trace_on(TRACE_UNIMP | TRACE_SYSCALL))
				trace_printf("ferry: timer signal %d cannot be carried by the host\n", ev.signo);
			return -EINVAL;
		}
		evp = &ev;
	}
	int64_t r = host_ret(syscall(SYS_timer_create, (clockid_t)a[0], evp, id));

	/* with no sigevent: SIGEV_SIGNAL with SIGALRM, not 32 */
	if (r == 0)
		linux_signal_timer32(*id, evp && ev.notify == SIGEV_SIGNAL && ev.signo == 32);
	return r;
}

static int64_t sys_timer_settime(struct vcpu *cpu, const uint64_t *a)
{
	void *nv = guest_buf(a[2], sizeof(struct itimerspec), PROT_READ), *ov = NULL;

	if (!nv || (a[3] && !(ov = guest_buf(a[3], sizeof(struct itimerspec), PROT_WRITE))))
		return -EFAULT;
	return host_ret(syscall(SYS_timer_settime, (int)a[0], (int)a[1], nv, ov));
}

static int64_t sys_timer_gettime(struct vcpu *cpu, const uint64_t *a)
{
	void *cur = guest_buf(a[1], sizeof(struct itimerspec), PROT_WRITE);

	if (!cur)
		return -EFAULT;
	return host_ret(syscall(SYS_timer_gettime, (int)a[0], cur));
}

static int64_t sys_timer_getoverrun(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

static int64_t sys_timer_delete(struct vcpu *cpu, const uint64_t *a)
{
	int64_t r = host_ret(syscall(SYS_timer_delete, (int)a[0]));

	if (r == 0)
		linux_signal_timer32((int)a[0], 0);
	return r;
}

const struct linux_sys_impl linux_time_impls[] = {
	SYS_IMPL(clock_gettime), SYS_IMPL(clock_getres), SYS_IMPL(clock_settime), SYS_IMPL(nanosleep),
	SYS_IMPL(clock_nanosleep), SYS_IMPL(gettimeofday), SYS_IMPL(settimeofday), SYS_IMPL(times),
	SYS_IMPL(getitimer), SYS_IMPL(setitimer), SYS_IMPL(timer_create), SYS_IMPL(timer_settime),
	SYS_IMPL(timer_gettime), SYS_IMPL(timer_getoverrun), SYS_IMPL(timer_delete), { 0, NULL },
};
