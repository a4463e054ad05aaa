/* Waiting on descriptors: poll, select, epoll, and the fd types made for
 * them (eventfd, timerfd, inotify, memfd). */
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* struct pollfd {int fd; short events, revents;}: the same everywhere. */
_Static_assert(sizeof(struct pollfd) == 8, "struct pollfd");
/* struct itimerspec: two timespecs. */
_Static_assert(sizeof(struct itimerspec) == 32, "struct itimerspec");

/* struct epoll_event is packed on x86-64 only (include/uapi/linux/eventpoll.h,
 * EPOLL_PACKED): 12 bytes on the host, 16 for the generic guest. */
struct guest_epoll_event {
	uint32_t events;
	uint32_t pad;
	uint64_t data;
};
_Static_assert(sizeof(struct guest_epoll_event) == 16, "generic struct epoll_event");
_Static_assert(sizeof(struct epoll_event) == 12, "x86-64 struct epoll_event is packed");

/* The kernel's cap on one wait (fs/eventpoll.c, EP_MAX_EVENTS). */
#define EP_MAX_EVENTS (0x7fffffff / sizeof(struct guest_epoll_event))

static int64_t sys_ppoll(struct vcpu *cpu, const uint64_t *a)
{
	uint64_t nfds = a[1];
	void *fds = NULL, *tmo = NULL;
	const void *mask;
	uint64_t host;
	int r;

	if (nfds > 1024 * 1024)
		return -EINVAL;
	if (nfds && !(fds = guest_buf(a[0], nfds * sizeof(struct pollfd), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	if (a[2] && !(tmo = guest_buf(a[2], sizeof(struct timespec), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	if ((r = linux_sigmask_for_wait(cpu, a[3], a[4], &host, &mask)) < 0)
		return r;
	return safe_sys_nohand(SYS_ppoll, fds, (unsigned long)nfds, tmo, mask, mask ? 8 : 0);
}

/* fd_set is an array of longs on both sides: (n + 63) / 64 words. */
static int64_t sys_pselect6(struct vcpu *cpu, const uint64_t *a)
{
	int n = (int)a[0];
	uint64_t setlen;
	void *sets[3], *tmo = NULL;
	const void *mask = NULL;
	uint64_t host;
	struct {
		const void *ss;
		size_t len;
	} host_sig, *sigp = NULL;
	uint64_t gsig[2];
	int r;

	if (n < 0)
		return -EINVAL;
	setlen = (uint64_t)(n + 63) / 64 * 8;
	for (int i = 0; i < 3; i++) {
		sets[i] = NULL;
		if (a[1 + i] && !(sets[i] = guest_buf(a[1 + i], setlen, PROT_READ | PROT_WRITE)))
			return -EFAULT;
	}
	if (a[4] && !(tmo = guest_buf(a[4], sizeof(struct timespec), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	/* the sixth argument points to { const sigset_t *ss; size_t ss_len; } */
	if (a[5]) {
		if (mem_read(gsig, a[5], sizeof gsig) < 0)
			return -EFAULT;
		if ((r = linux_sigmask_for_wait(cpu, gsig[0], gsig[1], &host, &mask)) < 0)
			return r;
		host_sig.ss = mask;
		host_sig.len = mask ? 8 : 0;
		sigp = &host_sig;
	}
	return safe_sys_nohand(SYS_pselect6, n, sets[0], sets[1], sets[2], tmo, sigp);
}

static int64_t sys_epoll_create1(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_epoll_create1, (int)a[0]));
}

static int64_t sys_epoll_ctl(struct vcpu *cpu, const uint64_t *a)
{
	struct guest_epoll_event ge;
	struct epoll_event he, *hp = NULL;

	if ((int)a[1] != EPOLL_CTL_DEL) {
		if (mem_read(&ge, a[3], sizeof ge) < 0)
			return -EFAULT;
		he.events = ge.events;
		he.data.u64 = ge.data;
		hp = &he;
	}
	return host_ret(syscall(SYS_epoll_ctl, (int)a[0], (int)a[1], (int)a[2], hp));
}

/* Waits into a host array, then widens each event into the guest's. */
static int64_t epoll_wait_common(struct vcpu *cpu, const uint64_t *a, int use_timespec)
{
	int maxevents = (int)a[2];
	struct guest_epoll_event *gev;
	struct epoll_event *hev;
	const void *mask;
	void *tmo = NULL;
	uint64_t host;
	long n;
	int r;

	if (maxevents <= 0 || (uint64_t)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!(gev = guest_buf(a[1], (uint64_t)maxevents * sizeof *gev, PROT_WRITE)))
		return -EFAULT;
	if (use_timespec && a[3] && !(tmo = guest_buf(a[3], sizeof(struct timespec), PROT_READ)))
		return -EFAULT;
	if ((r = linux_sigmask_for_wait(cpu, a[4], a[5], &host, &mask)) < 0)
		return r;
	if (!(hev = malloc((size_t)maxevents * sizeof *hev)))
		return -ENOMEM;
	if (use_timespec)
		n = safe_sys_nohand(SYS_epoll_pwait2, (int)a[0], hev, maxevents, tmo, mask, mask ? 8 : 0);
	else
		n = safe_sys_nohand(SYS_epoll_pwait, (int)a[0], hev, maxevents, (int)a[3], mask, mask ? 8 : 0);
	if (n > 0) {
		for (long i = 0; i < n; i++) {
			gev[i].events = hev[i].events;
			gev[i].pad = 0;
			gev[i].data = hev[i].data.u64;
		}
	}
	free(hev);
	return n;
}

static int64_t sys_epoll_pwait(struct vcpu *cpu, const uint64_t *a) { return epoll_wait_common(cpu, a, 0); }
static int64_t sys_epoll_pwait2(struct vcpu *cpu, const uint64_t *a) { return epoll_wait_common(cpu, a, 1); }

static int64_t sys_eventfd2(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

static int64_t sys_timerfd_create(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

static int64_t sys_timerfd_settime(struct vcpu *cpu, const uint64_t *a)
{
	void *nv = guest_buf(a[2], sizeof(struct itimerspec), PROT_READ), *ov = NULL;

	if (!nv || (a[3] && !(ov = guest_buf(a[3], sizeof(struct itimerspec), PROT_WRITE))))
		return -EFAULT;
	return host_ret(syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], nv, ov));
}

static int64_t sys_timerfd_gettime(struct vcpu *cpu, const uint64_t *a)
{
	void *cur = guest_buf(a[1], sizeof(struct itimerspec), PROT_WRITE);

	if (!cur)
		return -EFAULT;
	return host_ret(syscall(SYS_timerfd_gettime, (int)a[0], cur));
}

static int64_t sys_inotify_init1(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

static int64_t sys_inotify_add_watch(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_inotify_add_watch, (int)a[0], p.host, (unsigned)a[2]));
}

static int64_t sys_inotify_rm_watch(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_inotify_rm_watch, (int)a[0], (int)a[1]));
}

static int64_t sys_memfd_create(struct vcpu *cpu, const uint64_t *a)
{
	const char *name = mem_string(a[0], 4096);

	if (!name)
		return -EFAULT;
	return host_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

/* The host reads the signals it carries for the guest (which the guest
 * blocks, and so the host thread does); struct signalfd_siginfo is 128
 * arch-independent bytes. */
static int64_t sys_signalfd4(struct vcpu *cpu, const uint64_t *a)
{
	uint64_t m;
	const uint64_t not_carried = 1ULL << (SIGSEGV - 1) | 1ULL << (SIGBUS - 1) | 1ULL << (SIGILL - 1) |
				     1ULL << (SIGFPE - 1) | 1ULL << (SIGTRAP - 1) | 1ULL << 31 | 1ULL << 32;

	if (a[2] != 8)
		return -EINVAL;
	if (mem_read(&m, a[1], sizeof m) < 0)
		return -EFAULT;
	m &= ~not_carried;
	return host_ret(syscall(SYS_signalfd4, (int)a[0], &m, 8, linux_open_flags_in(cpu, (int)a[3])));
}

const struct linux_sys_impl linux_poll_impls[] = {
	SYS_IMPL(ppoll),	  SYS_IMPL(pselect6),	     SYS_IMPL(epoll_create1),	 SYS_IMPL(epoll_ctl),
	SYS_IMPL(epoll_pwait),	  SYS_IMPL(epoll_pwait2),    SYS_IMPL(eventfd2),	 SYS_IMPL(timerfd_create),
	SYS_IMPL(timerfd_settime), SYS_IMPL(timerfd_gettime), SYS_IMPL(inotify_init1),	 SYS_IMPL(inotify_add_watch),
	SYS_IMPL(inotify_rm_watch), SYS_IMPL(memfd_create),  SYS_IMPL(signalfd4),	 { 0, NULL },
};
