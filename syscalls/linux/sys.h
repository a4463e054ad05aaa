/* Private interface of the Linux guest OS layer (syscalls/linux/). */
#ifndef FERRY_LINUX_SYS_H
#define FERRY_LINUX_SYS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/run.h"
#include "core/safe_syscall.h"
#include "syscalls/linux/linux_abi.h"
#include "syscalls/linux/linux_signal.h"
#include "syscalls/linux/sysnr.h"

struct vcpu;

/* A handler gets the six raw argument registers and returns the result or
 * a negative errno. */
typedef int64_t (*linux_sys_fn)(struct vcpu *cpu, const uint64_t *a);

struct linux_sys_impl {
	enum linux_sys nr;
	linux_sys_fn fn;
};
#define SYS_IMPL(name) { LSYS_##name, sys_##name }

/* Each area file registers its handlers; the lists end with { 0, NULL }. */
extern const struct linux_sys_impl linux_fs_impls[];      /* fs.c */
extern const struct linux_sys_impl linux_io_impls[];      /* io.c */
extern const struct linux_sys_impl linux_ioctl_impls[];   /* ioctl.c */
extern const struct linux_sys_impl linux_mman_impls[];    /* mman.c */
extern const struct linux_sys_impl linux_time_impls[];    /* time.c */
extern const struct linux_sys_impl linux_process_impls[]; /* process.c */
extern const struct linux_sys_impl linux_info_impls[];    /* info.c */
extern const struct linux_sys_impl linux_signal_impls[];  /* signal.c */
extern const struct linux_sys_impl linux_poll_impls[];    /* poll.c */
extern const struct linux_sys_impl linux_net_impls[];     /* net.c */
extern const struct linux_sys_impl linux_exec_impls[];    /* exec.c */
extern const struct linux_sys_impl linux_xattr_impls[];   /* xattr.c */
extern const struct linux_sys_impl linux_futex_impls[];   /* futex.c */
extern const struct linux_sys_impl linux_ipc_impls[];     /* ipc.c */

struct linux_sysinfo {
	const char *name;
	const char *args; /* see syscalls.def */
	char ret;
};
extern const struct linux_sysinfo linux_sysinfo[LSYS_COUNT];

/* Per-thread state, in vcpu.os_state. */
#define LINUX_NSIG 64
struct linux_thread {
	struct vcpu *cpu;
	int tid;
	struct linux_thread *next;      /* thread.c's list of live threads */
	uint64_t sigmask;               /* blocked signals, bit n-1 for signal n */
	_Atomic uint64_t sigpending;    /* arrived, not delivered yet */
	uint8_t siginfo[LINUX_NSIG + 1][LINUX_SIGINFO_SIZE]; /* the guest siginfo_t of each pending one */
	uint64_t saved_mask;            /* mask to restore after a wait with a temporary one */
	int saved_mask_valid;
	uint64_t ss_sp, ss_size;        /* sigaltstack */
	int ss_flags;
	uint64_t robust_list, robust_len;
	/* Set when a signal may be due (a host handler ran, or one was queued
	 * here); cleared by linux_signal_deliver.  Safe syscalls test it. */
	volatile int sig_wake;
	/* The -LINUX_ERESTART* code of a syscall that was interrupted and
	 * whose pc was backed up onto the syscall instruction; the handler
	 * about to run decides between restart and -EINTR. */
	int restart;
	/* The set a sigtimedwait is waiting for, 0 when none: a signal
	 * queued for the process wakes such a thread though it blocks it. */
	_Atomic uint64_t waiting;
};
struct linux_thread *linux_thread(struct vcpu *cpu);

/* strace.c: --strace lines.  The call is formatted before it runs (its
 * arguments may be overwritten) and printed with its result after. */
void strace_enter(struct vcpu *cpu, enum linux_sys sys, uint64_t nr, const uint64_t *a);
void strace_leave(struct vcpu *cpu, int64_t ret);
/* Prints a pending entry line with "= ?" (the call does not return). */
void strace_noreturn(void);
/* The same just before an exec, which may still fail: then the line is
 * printed again with the error. */
void strace_exec(void);
/* Formats a guest string argument, quoted and truncated. */
void strace_quote(char *out, size_t outsz, uint64_t g, size_t maxlen);
const char *strace_signame(int sig);

/* path.c: guest path arguments.  linux_path() reads the guest string at g
 * and gives the host path to use: sysroot first for absolute paths (qemu -L
 * semantics), /proc/self/exe as the guest program. */
struct linux_path {
	char buf[4096 + 64];
	const char *host;  /* the path to pass to the host call */
	const char *guest; /* as the guest wrote it */
};
int linux_path(uint64_t g, struct linux_path *p);
/* The guest program's absolute host path (what /proc/self/exe names). */
const char *linux_exe_path(void);
/* Nonzero if the guest path names this process's /proc/<pid>/<what>
 * ("self" or our own pid); then *what points past the pid. */
int linux_proc_self(const char *path, const char **what);
/* The same, and which thread's view it is: *tid is the thread of
 * /proc/thread-self/ and /proc/<pid>/task/<tid>/, 0 for the process's. */
int linux_proc_self_tid(const char *path, const char **what, int *tid);

/* procfs.c: /proc files whose host version would describe ferry, not the
 * guest (/proc/self/maps, smaps, smaps_rollup, statm, status, stat, auxv,
 * cmdline, environ; /proc/cpuinfo).  Returns
 * a memfd holding the generated text, -errno, or LINUX_PROC_HOST when the
 * path is not one of them. */
#define LINUX_PROC_HOST 1
int linux_proc_open(struct vcpu *cpu, const char *guest_path, int flags);

/* Guest stat layouts (fs.c). */
struct stat;
int linux_stat_to_guest(struct vcpu *cpu, uint64_t g, const struct stat *st);

/* open_flags.c: O_* flags from the guest to the host and back (F_GETFL),
 * through the arch's linux_abi.open_flags. */
int linux_open_flags_in(const struct vcpu *cpu, int flags);
int linux_open_flags_out(const struct vcpu *cpu, int flags);

/* exec.c: clone's work, shared with clone3.  a[] holds clone's arguments
 * (flags with the exit signal, newsp, parent_tid, tls, child_tid); host3,
 * if not NULL, is the host clone3 request a fork-like clone makes instead
 * of fork() (for set_tid and CLONE_PIDFD, which only clone3 has). */
struct linux_host_clone3 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
		set_tid_size, cgroup;
};
int64_t linux_clone(struct vcpu *cpu, const uint64_t *a, const struct linux_host_clone3 *host3);

/* thread.c: clone of a thread, and the end of one. */
int64_t linux_clone_thread(struct vcpu *cpu, const uint64_t *a);
__attribute__((noreturn)) void linux_thread_exit(struct vcpu *cpu, int status);
void linux_threads_after_fork(struct linux_thread *self);
/* robust_list.c: release the robust futexes thread `tid` still holds
 * (the list registered with set_robust_list; len 24 or 12 bytes). */
void linux_robust_list_release(uint64_t head, uint64_t len, int tid);
void linux_threads_release_robust(void);
/* The list of live guest threads, for signals aimed at one of them. */
void linux_thread_register(struct linux_thread *t);
/* Calls fn on the live thread with this tid under the list lock; returns
 * 0, or -ESRCH if there is none. */
int linux_thread_with_tid(int tid, void (*fn)(struct linux_thread *t, void *ctx), void *ctx);
/* Calls fn on each live thread under the list lock until it returns
 * nonzero; returns that value, or 0. */
int linux_thread_find(int (*fn)(struct linux_thread *t, void *ctx), void *ctx);

/* signal.c */
/* Delivers what is pending and not blocked: runs guest handlers (signal
 * frames) or default actions.  Called where the guest may be interrupted:
 * after a syscall's result is in place, and on cpu->interrupt. */
void linux_signal_deliver(struct vcpu *cpu);
/* linux.c: the one-line report and death for a trap nobody handles. */
struct vcpu_trap;
__attribute__((noreturn)) void linux_trap_fatal(struct vcpu *cpu, const struct vcpu_trap *t);
/* A synchronous trap: to a guest handler if there is one, else death. */
void linux_signal_trap(struct vcpu *cpu, int sig, int code, uint64_t addr);
/* A fork's child starts with nothing pending (kernel/fork.c,
 * init_sigpending), and the host mask without what the parent held. */
void linux_signal_after_fork(struct linux_thread *t);
/* A thread ending (its host signals blocked): what it took for the whole
 * process and did not deliver goes back to the process. */
void linux_signal_thread_exit(struct linux_thread *t);
/* A new thread, once current_cpu names it: its host mask from its guest
 * mask (it starts with every host signal blocked, see thread.c). */
void linux_signal_thread_start(struct linux_thread *t);
/* How many guest threads the process has (thread.c). */
int linux_thread_count(void);
/* time.c: whether POSIX timer id sends signal 32 to the whole process
 * (SIGEV_SIGNAL) rather than to one thread (glibc's SIGEV_THREAD_ID):
 * the wake signal's handler, which gets its expiries, cannot tell. */
void linux_signal_timer32(int id, int process);
/* Just before the host execve: the blocked signals ferry holds for this
 * thread go back to the kernel, and the host mask is the guest's. */
void linux_signal_before_exec(struct vcpu *cpu);
/* The boot thread's mask, from the host's (inherited across execve), and
 * from --exec-signals what the host could not carry. */
void linux_signal_boot(struct vcpu *cpu);
/* What execve must keep of the thread's signal state that only ferry
 * holds: the blocked signals and the pending ones (with their siginfo) of
 * those the host does not carry, as the text of --exec-signals; NULL if
 * none (malloc'd). */
char *linux_signal_exec_state(struct vcpu *cpu);
/* The signal sets /proc/<pid>/status shows for thread t, in guest
 * numbering (bit n-1 for signal n): its pending (ours, and host_pnd, the
 * host's SigPnd, for the carried signals), the process's shared pending
 * (from host_shd), its mask, and the guest's ignored and caught signals. */
struct linux_sig_status {
	uint64_t pending, shared, blocked, ignored, caught;
};
void linux_signal_status(const struct linux_thread *t, uint64_t host_pnd, uint64_t host_shd,
			 struct linux_sig_status *st);
/* A guest wait with a temporary mask (ppoll, pselect6, epoll_pwait): reads
 * the guest sigset at g (size must be 8), makes it the thread's mask until
 * the next delivery, and gives the host mask to wait with.  *hostp is NULL
 * when g is 0. */
int linux_sigmask_for_wait(struct vcpu *cpu, uint64_t g, uint64_t size, uint64_t *host, const void **hostp);

/* The host pointer for guest buffer [g, g+len) with access prot, or NULL
 * (the caller returns -EFAULT).  A zero-length buffer is never a fault. */
void *guest_buf(uint64_t g, uint64_t len, int prot);

/* io.c: reads the guest's iovec array at g (cnt entries, at most IOV_MAX)
 * into host form; the buffers need prot (PROT_WRITE for reads into them).
 * Returns the count or -errno. */
struct iovec;
int linux_iov_import(struct iovec *host, uint64_t g, uint64_t cnt, int prot);

/* The kernel's codes for an interrupted call (include/linux/errno.h): a
 * handler with SA_RESTART restarts ERESTARTSYS, ERESTARTNOINTR always
 * restarts, ERESTARTNOHAND restarts only if no handler runs (kernel/
 * signal.c, arch/<arch>/kernel/signal.c handle_signal). */
#define LINUX_ERESTARTSYS 512
#define LINUX_ERESTARTNOINTR 513
#define LINUX_ERESTARTNOHAND 514

/* A host call that may block, made as a safe syscall (core/safe_syscall.h)
 * for the current thread: the raw result (-errno), or -LINUX_ERESTARTSYS
 * if a signal came first.  safe_sys_nohand does the same for calls the
 * kernel never restarts after a handler (poll, waits with a timeout). */
#define safe_sys(...) ((int64_t)safe_syscall_base(linux_wake_flag(), __VA_ARGS__))
#define safe_sys_nohand(...) linux_nohand(safe_sys(__VA_ARGS__))
const volatile int *linux_wake_flag(void);
static inline int64_t linux_nohand(int64_t r)
{
	return r == -LINUX_ERESTARTSYS ? -LINUX_ERESTARTNOHAND : r;
}

/* The result of a raw host syscall() as the guest wants it. */
static inline int64_t host_ret(long r)
{
	return r < 0 ? -errno : r;
}

#endif
