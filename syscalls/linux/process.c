/* Process identity, limits, scheduling, exit and prctl. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* struct rlimit64 and struct rusage are 64-bit longs on both sides, and the
 * RLIMIT_* numbers are the asm-generic ones x86-64 uses too. */
_Static_assert(sizeof(struct rlimit) == 16, "struct rlimit");
_Static_assert(sizeof(struct rusage) == 144, "struct rusage");

static int64_t sys_getpid(struct vcpu *cpu, const uint64_t *a) { return getpid(); }
static int64_t sys_getppid(struct vcpu *cpu, const uint64_t *a) { return getppid(); }
static int64_t sys_getuid(struct vcpu *cpu, const uint64_t *a) { return getuid(); }
static int64_t sys_geteuid(struct vcpu *cpu, const uint64_t *a) { return geteuid(); }
static int64_t sys_getgid(struct vcpu *cpu, const uint64_t *a) { return getgid(); }
static int64_t sys_getegid(struct vcpu *cpu, const uint64_t *a) { return getegid(); }

static int64_t sys_gettid(struct vcpu *cpu, const uint64_t *a)
{
	return cpu->tid ? cpu->tid : syscall(SYS_gettid);
}

/* Three uid_t/gid_t out-pointers. */
static int64_t get_res_ids(long nr, const uint64_t *a)
{
	unsigned ids[3];
	long r = syscall(nr, &ids[0], &ids[1], &ids[2]);

	if (r < 0)
		return -errno;
	for (int i = 0; i < 3; i++)
		if (mem_write(a[i], &ids[i], sizeof ids[i]) < 0)
			return -EFAULT;
	return 0;
}

static int64_t sys_getresuid(struct vcpu *cpu, const uint64_t *a) { return get_res_ids(SYS_getresuid, a); }
static int64_t sys_getresgid(struct vcpu *cpu, const uint64_t *a) { return get_res_ids(SYS_getresgid, a); }

/* Credentials go straight to the host.  (With threads this will need the
 * glibc setxid broadcast: a raw syscall changes only the calling thread.) */
static int64_t sys_setuid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_setuid, (unsigned)a[0])); }
static int64_t sys_setgid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_setgid, (unsigned)a[0])); }
static int64_t sys_setreuid(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setreuid, (unsigned)a[0], (unsigned)a[1]));
}
static int64_t sys_setregid(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setregid, (unsigned)a[0], (unsigned)a[1]));
}
static int64_t sys_setresuid(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setresuid, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
}
static int64_t sys_setresgid(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setresgid, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
}
static int64_t sys_setfsuid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_setfsuid, (unsigned)a[0])); }
static int64_t sys_setfsgid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_setfsgid, (unsigned)a[0])); }

static int64_t sys_getgroups(struct vcpu *cpu, const uint64_t *a)
{
	int n = (int)a[0];
	void *list = NULL;

	if (n < 0)
		return -EINVAL;
	if (n && !(list = guest_buf(a[1], (uint64_t)n * 4, PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_getgroups, n, list));
}

static int64_t sys_setgroups(struct vcpu *cpu, const uint64_t *a)
{
	int n = (int)a[0];
	void *list = NULL;

	if (n < 0)
		return -EINVAL;
	if (n && !(list = guest_buf(a[1], (uint64_t)n * 4, PROT_READ)))
		return -EFAULT;
	return host_ret(syscall(SYS_setgroups, n, list));
}

static int64_t sys_getpgid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_getpgid, (int)a[0])); }
static int64_t sys_setpgid(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setpgid, (int)a[0], (int)a[1]));
}
static int64_t sys_getsid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_getsid, (int)a[0])); }
static int64_t sys_setsid(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_setsid)); }

/* The raw getpriority returns 20 - nice, which the guest libc expects too. */
static int64_t sys_getpriority(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_getpriority, (int)a[0], (int)a[1]));
}
static int64_t sys_setpriority(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_setpriority, (int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_exit(struct vcpu *cpu, const uint64_t *a)
{
	linux_thread_exit(cpu, (int)a[0] & 0xff);
}

static int64_t sys_exit_group(struct vcpu *cpu, const uint64_t *a)
{
	process_exit((int)a[0] & 0xff);
}

static int64_t sys_set_tid_address(struct vcpu *cpu, const uint64_t *a)
{
	cpu->clear_child_tid = a[0];
	return sys_gettid(cpu, a);
}

/* struct robust_list_head is 3 pointers: 24 bytes on a 64-bit guest. */
static int64_t sys_set_robust_list(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);

	if (a[1] != 24)
		return -EINVAL;
	t->robust_list = a[0];
	t->robust_len = a[1];
	return 0;
}

static int64_t sys_get_robust_list(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_thread *t = linux_thread(cpu);

	if (a[0] != 0 && (int)a[0] != getpid())
		return -EPERM; /* other threads: none yet */
	if (mem_write(a[1], &t->robust_list, 8) < 0 || mem_write(a[2], &t->robust_len, 8) < 0)
		return -EFAULT;
	return 0;
}

/* Limits on the address space, data and stack would constrain ferry itself
 * (its guest window reservation, its own heap and stack), so, as qemu-user
 * does, they are remembered for the guest and not applied to the host. */
static struct {
	int set;
	struct rlimit lim;
} shadow[RLIMIT_NLIMITS];

static int shadowed(int res)
{
	return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

static int64_t do_prlimit(int pid, int res, uint64_t gnew, uint64_t gold)
{
	struct rlimit nl, ol;
	int self = pid == 0 || pid == getpid();

	if (res < 0 || res >= RLIMIT_NLIMITS)
		return -EINVAL;
	if (gnew && mem_read(&nl, gnew, sizeof nl) < 0)
		return -EFAULT;
	if (gold && !guest_buf(gold, sizeof ol, PROT_WRITE))
		return -EFAULT;
	if (self && shadowed(res)) {
		if (!shadow[res].set) {
			if (getrlimit(res, &shadow[res].lim) < 0)
				return -errno;
			shadow[res].set = 1;
		}
		ol = shadow[res].lim;
		if (gnew) {
			if (nl.rlim_cur > nl.rlim_max)
				return -EINVAL;
			if (nl.rlim_max > ol.rlim_max && geteuid() != 0)
				return -EPERM;
			shadow[res].lim = nl;
		}
	} else if (syscall(SYS_prlimit64, pid, res, gnew ? &nl : NULL, &ol) < 0) {
		return -errno;
	}
	if (gold && mem_write(gold, &ol, sizeof ol) < 0)
		return -EFAULT;
	return 0;
}

static int64_t sys_prlimit64(struct vcpu *cpu, const uint64_t *a)
{
	return do_prlimit((int)a[0], (int)a[1], a[2], a[3]);
}

static int64_t sys_getrlimit(struct vcpu *cpu, const uint64_t *a)
{
	if (!a[1])
		return -EFAULT;
	return do_prlimit(0, (int)a[0], 0, a[1]);
}

static int64_t sys_setrlimit(struct vcpu *cpu, const uint64_t *a)
{
	if (!a[1])
		return -EFAULT;
	return do_prlimit(0, (int)a[0], a[1], 0);
}

static int64_t sys_getrusage(struct vcpu *cpu, const uint64_t *a)
{
	void *ru = guest_buf(a[1], sizeof(struct rusage), PROT_WRITE);

	if (!ru)
		return -EFAULT;
	return host_ret(syscall(SYS_getrusage, (int)a[0], ru));
}

static int64_t sys_wait4(struct vcpu *cpu, const uint64_t *a)
{
	void *status = NULL, *ru = NULL;

	if (a[1] && !(status = guest_buf(a[1], sizeof(int), PROT_WRITE)))
		return -EFAULT;
	if (a[3] && !(ru = guest_buf(a[3], sizeof(struct rusage), PROT_WRITE)))
		return -EFAULT;
	return safe_sys(SYS_wait4, (int)a[0], status, (int)a[2], ru);
}

/* siginfo_t is 128 bytes, and its SIGCHLD fields sit at the same offsets
 * on every 64-bit arch (include/uapi/asm-generic/siginfo.h). */
static int64_t sys_waitid(struct vcpu *cpu, const uint64_t *a)
{
	void *info = NULL, *ru = NULL;

	if (a[2] && !(info = guest_buf(a[2], 128, PROT_WRITE)))
		return -EFAULT;
	if (a[4] && !(ru = guest_buf(a[4], sizeof(struct rusage), PROT_WRITE)))
		return -EFAULT;
	return safe_sys(SYS_waitid, (int)a[0], (int)a[1], info, (int)a[3], ru);
}

static int64_t sys_sched_getaffinity(struct vcpu *cpu, const uint64_t *a)
{
	void *mask = guest_buf(a[2], (unsigned)a[1], PROT_WRITE);

	if (!mask)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_getaffinity, (int)a[0], (unsigned)a[1], mask));
}

static int64_t sys_sched_setaffinity(struct vcpu *cpu, const uint64_t *a)
{
	void *mask = guest_buf(a[2], (unsigned)a[1], PROT_READ);

	if (!mask)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_setaffinity, (int)a[0], (unsigned)a[1], mask));
}

static int64_t sys_sched_yield(struct vcpu *cpu, const uint64_t *a) { return host_ret(syscall(SYS_sched_yield)); }

static int64_t sys_sched_get_priority_max(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

static int64_t sys_sched_get_priority_min(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

static int64_t sys_sched_getscheduler(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_sched_getscheduler, (int)a[0]));
}

/* struct sched_param is one int. */
static int64_t sys_sched_getparam(struct vcpu *cpu, const uint64_t *a)
{
	void *p = guest_buf(a[1], sizeof(int), PROT_WRITE);

	if (!p)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_getparam, (int)a[0], p));
}

static int64_t sys_sched_setparam(struct vcpu *cpu, const uint64_t *a)
{
	void *p = guest_buf(a[1], sizeof(int), PROT_READ);

	if (!p)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_setparam, (int)a[0], p));
}

static int64_t sys_sched_setscheduler(struct vcpu *cpu, const uint64_t *a)
{
	void *p = guest_buf(a[2], sizeof(int), PROT_READ);

	if (!p)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_setscheduler, (int)a[0], (int)a[1], p));
}

/* The kernel copies up to 15 bytes, stopping at a NUL (kernel/sys.c). */
static int64_t set_name(uint64_t g)
{
	char name[16] = { 0 };

	for (int i = 0; i < 15; i++) {
		if (mem_read(&name[i], g + (uint64_t)i, 1) < 0)
			return -EFAULT;
		if (!name[i])
			break;
	}
	return host_ret(prctl(PR_SET_NAME, name));
}

static int64_t sys_sched_rr_get_interval(struct vcpu *cpu, const uint64_t *a)
{
	void *ts = guest_buf(a[1], 16, PROT_WRITE);

	if (!ts)
		return -EFAULT;
	return host_ret(syscall(SYS_sched_rr_get_interval, (int)a[0], ts));
}

static int64_t sys_prctl(struct vcpu *cpu, const uint64_t *a)
{
	int option = (int)a[0];
	void *p;

	switch (option) {
	case PR_SET_NAME:
		return set_name(a[1]);
	case PR_GET_NAME:
		if (!(p = guest_buf(a[1], 16, PROT_WRITE)))
			return -EFAULT;
		return host_ret(prctl(PR_GET_NAME, p));
	case PR_GET_PDEATHSIG:
	case PR_GET_CHILD_SUBREAPER:
		if (!(p = guest_buf(a[1], sizeof(int), PROT_WRITE)))
			return -EFAULT;
		return host_ret(prctl(option, p));
	case PR_SET_PDEATHSIG:
	case PR_GET_DUMPABLE:
	case PR_SET_DUMPABLE:
	case PR_SET_NO_NEW_PRIVS:
	case PR_GET_NO_NEW_PRIVS:
	case PR_SET_CHILD_SUBREAPER:
	case PR_GET_TIMERSLACK:
	case PR_SET_TIMERSLACK:
	case PR_CAPBSET_READ:
	case PR_GET_KEEPCAPS:
	case PR_SET_KEEPCAPS:
		return host_ret(prctl(option, (unsigned long)a[1], (unsigned long)a[2], (unsigned long)a[3],
				      (unsigned long)a[4]));
	default:
		/* as a kernel without the option would answer */
		if (trace_on(TRACE_UNIMP | TRACE_SYSCALL))
			trace_printf("ferry: prctl option %d not supported\n", option);
		return -EINVAL;
	}
}

/* struct __user_cap_header_struct {u32 version; int pid;} and data
 * {u32 effective, permitted, inheritable} times 1 or 2 (version 1: one,
 * versions 2 and 3: two); the same on every arch. */
static int cap_data_count(uint64_t header)
{
	uint32_t version;

	if (mem_read(&version, header, sizeof version) < 0)
		return -EFAULT;
	return version == 0x19980330 ? 1 : 2;
}

static int64_t sys_capget(struct vcpu *cpu, const uint64_t *a)
{
	void *hdr = guest_buf(a[0], 8, PROT_READ | PROT_WRITE), *data = NULL;
	int n = cap_data_count(a[0]);

	if (!hdr || n < 0)
		return -EFAULT;
	if (a[1] && !(data = guest_buf(a[1], 12 * (uint64_t)n, PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_capget, hdr, data));
}

static int64_t sys_capset(struct vcpu *cpu, const uint64_t *a)
{
	void *hdr = guest_buf(a[0], 8, PROT_READ | PROT_WRITE), *data;
	int n = cap_data_count(a[0]);

	if (!hdr || n < 0)
		return -EFAULT;
	if (!(data = guest_buf(a[1], 12 * (uint64_t)n, PROT_READ)))
		return -EFAULT;
	return host_ret(syscall(SYS_capset, hdr, data));
}

/* Personality flags (ADDR_NO_RANDOMIZE...) are the same numbers; they
 * apply to ferry, and through exec to what it runs next. */
static int64_t sys_personality(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_personality, (unsigned long)(unsigned)a[0]));
}

static int64_t sys_ioprio_get(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_ioprio_get, (int)a[0], (int)a[1]));
}

static int64_t sys_ioprio_set(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_pidfd_open(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_pidfd_open, (int)a[0], (unsigned)a[1]));
}

static int64_t sys_pidfd_getfd(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_pidfd_getfd, (int)a[0], (int)a[1], (unsigned)a[2]));
}

/* clone3(struct clone_args *, size): include/uapi/linux/sched.h, all u64,
 * the same for every arch.  Sizes grow by versions; a larger struct than
 * ours is accepted if the rest is zero (copy_struct_from_user). */
#define CLONE_ARGS_SIZE_VER0 64 /* up to tls */
#define CLONE_ARGS_SIZE_VER2 88 /* with cgroup */
#define MAX_PID_NS_LEVEL 32
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#define CLONE_INTO_CGROUP 0x200000000ULL

/* The checks of kernel/fork.c (copy_clone_args_from_user and
 * clone3_args_valid), in its order: the errno is the kernel's. */
static int64_t clone3_read(uint64_t g, uint64_t size, struct linux_host_clone3 *ca)
{
	if (size > 4096)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(ca, 0, sizeof *ca);
	if (mem_read(ca, g, size < sizeof *ca ? size : sizeof *ca) < 0)
		return -EFAULT;
	for (uint64_t off = sizeof *ca; off < size; off++) {
		uint8_t b;

		if (mem_read(&b, g + off, 1) < 0)
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (ca->set_tid_size > MAX_PID_NS_LEVEL || (!ca->set_tid && ca->set_tid_size) ||
	    (ca->set_tid && !ca->set_tid_size))
		return -EINVAL;
	if ((ca->exit_signal & ~(uint64_t)CSIGNAL) || ca->exit_signal > LINUX_NSIG)
		return -EINVAL;
	if ((ca->flags & CLONE_INTO_CGROUP) && (ca->cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	if (ca->flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (ca->flags & (CLONE_DETACHED | CSIGNAL))
		return -EINVAL;
	if ((ca->flags & CLONE_SIGHAND) && (ca->flags & CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((ca->flags & (CLONE_THREAD | CLONE_PARENT)) && ca->exit_signal)
		return -EINVAL;
	/* clone3_stack_valid: both or neither; the stack grows down from
	 * stack + stack_size */
	if (!ca->stack != !ca->stack_size)
		return -EINVAL;
	return 0;
}

/* A thread clone3 goes where clone's goes; a fork-like one too, through
 * the host's clone3 when it asks for a pidfd or chosen pids. */
static int64_t sys_clone3(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_host_clone3 ca, host = { 0 };
	uint64_t args[5];
	int64_t r = clone3_read(a[0], a[1], &ca);
	int thread = (ca.flags & CLONE_VM) && !(ca.flags & CLONE_VFORK);
	uint64_t unsupported = CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | (thread ? CLONE_PIDFD : 0);

	if (r < 0)
		return r;
	if ((ca.flags & unsupported) || (thread && ca.set_tid)) {
		if (trace_on(TRACE_UNIMP | TRACE_SYSCALL))
			trace_printf("ferry: clone3 flags 0x%llx%s: not supported\n", (unsigned long long)ca.flags,
				     ca.set_tid ? " with set_tid" : "");
		return -ENOSYS;
	}
	args[0] = ca.flags | ca.exit_signal;
	args[1] = ca.stack ? ca.stack + ca.stack_size : 0;
	args[2] = ca.parent_tid;
	args[3] = ca.tls;
	args[4] = ca.child_tid;
	if (thread || !((ca.flags & CLONE_PIDFD) || ca.set_tid))
		return linux_clone(cpu, args, NULL);
	/* the host writes the pidfd and reads set_tid[] in guest memory */
	host.exit_signal = ca.exit_signal;
	if (ca.flags & CLONE_PIDFD) {
		void *p = guest_buf(ca.pidfd, sizeof(int), PROT_WRITE);

		if (!p)
			return -EFAULT;
		host.flags = CLONE_PIDFD;
		host.pidfd = (uintptr_t)p;
	}
	if (ca.set_tid) {
		void *p = guest_buf(ca.set_tid, ca.set_tid_size * sizeof(int32_t), PROT_READ);

		if (!p)
			return -EFAULT;
		host.set_tid = (uintptr_t)p;
		host.set_tid_size = ca.set_tid_size;
	}
	return linux_clone(cpu, args, &host);
}

const struct linux_sys_impl linux_process_impls[] = {
	SYS_IMPL(getpid),	  SYS_IMPL(getppid),	     SYS_IMPL(getuid),		SYS_IMPL(geteuid),
	SYS_IMPL(getgid),	  SYS_IMPL(getegid),	     SYS_IMPL(gettid),		SYS_IMPL(getresuid),
	SYS_IMPL(getresgid),	  SYS_IMPL(setuid),	     SYS_IMPL(setgid),		SYS_IMPL(setreuid),
	SYS_IMPL(setregid),	  SYS_IMPL(setresuid),	     SYS_IMPL(setresgid),	SYS_IMPL(setfsuid),
	SYS_IMPL(setfsgid),	  SYS_IMPL(getgroups),	     SYS_IMPL(setgroups),	SYS_IMPL(getpgid),
	SYS_IMPL(setpgid),	  SYS_IMPL(getsid),	     SYS_IMPL(setsid),		SYS_IMPL(getpriority),
	SYS_IMPL(setpriority),	  SYS_IMPL(exit),	     SYS_IMPL(exit_group),	SYS_IMPL(set_tid_address),
	SYS_IMPL(set_robust_list), SYS_IMPL(get_robust_list), SYS_IMPL(prlimit64),	SYS_IMPL(getrlimit),
	SYS_IMPL(setrlimit),	  SYS_IMPL(getrusage),	     SYS_IMPL(wait4),		SYS_IMPL(waitid),
	SYS_IMPL(sched_getaffinity),
	SYS_IMPL(sched_setaffinity), SYS_IMPL(sched_yield),  SYS_IMPL(sched_get_priority_max),
	SYS_IMPL(sched_get_priority_min), SYS_IMPL(sched_getscheduler), SYS_IMPL(sched_getparam),
	SYS_IMPL(sched_setparam), SYS_IMPL(sched_setscheduler), SYS_IMPL(prctl), SYS_IMPL(capget),
	SYS_IMPL(capset),	  SYS_IMPL(personality),     SYS_IMPL(ioprio_get),	SYS_IMPL(ioprio_set),
	SYS_IMPL(pidfd_open),	  SYS_IMPL(pidfd_getfd),     SYS_IMPL(sched_rr_get_interval), SYS_IMPL(clone3), { 0, NULL },
};
