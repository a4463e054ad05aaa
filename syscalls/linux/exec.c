/* New processes: clone without a shared address space (fork, vfork) and
 * execve.  Threads are thread.c's. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "core/vcpu.h"
#include "loader/loader.h"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif

/* Flags a fork-like clone may carry: the rest asks for sharing that a
 * separate host process cannot give. */
#define FORK_FLAGS                                                                                           \
	(CSIGNAL | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | CLONE_VFORK | CLONE_VM |   \
	 CLONE_DETACHED | CLONE_PIDFD)

/* clone(flags, newsp, parent_tid, tls, child_tid): kernel/fork.c with
 * CONFIG_CLONE_BACKWARDS, which riscv64, aarch64 and i386 select (x86-64
 * swaps the last two).  clone3 comes here too (process.c), with host3 set
 * when it needs the host's clone3 (set_tid, CLONE_PIDFD) for a fork.
 * vfork (CLONE_VM | CLONE_VFORK) becomes a fork, as in qemu-user: the
 * parent does not see the child's writes, which posix_spawn only uses to
 * report an exec failure. */
int64_t linux_clone(struct vcpu *cpu, const uint64_t *a, const struct linux_host_clone3 *host3)
{
	uint64_t flags = a[0], newsp = a[1], ptid = a[2], ctid = a[4];
	int sig = (int)(flags & CSIGNAL);
	long pid;

	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return linux_clone_thread(cpu, a);
	if (flags & ~(uint64_t)FORK_FLAGS)
		return -EINVAL;
	fflush(trace_file());
	if (host3)
		pid = syscall(SYS_clone3, host3, sizeof *host3);
	else if (sig == SIGCHLD)
		pid = fork(); /* runs the host libc's fork handlers */
	else
		pid = syscall(SYS_clone, (unsigned long)sig, NULL, NULL, NULL, 0);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		cpu->tid = (int)syscall(SYS_gettid);
		linux_thread(cpu)->tid = cpu->tid;
		linux_threads_after_fork(linux_thread(cpu));
		linux_signal_after_fork(linux_thread(cpu));
		if (flags & CLONE_CHILD_SETTID)
			mem_write(ctid, &cpu->tid, sizeof cpu->tid);
		if (flags & CLONE_CHILD_CLEARTID)
			cpu->clear_child_tid = ctid;
		if (newsp)
			cpu->slot[cpu->fe->linux->sp_slot] = newsp;
		return 0;
	}
	if (flags & CLONE_PARENT_SETTID) {
		int child = (int)pid;
		mem_write(ptid, &child, sizeof child);
	}
	return pid;
}

static int64_t sys_clone(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_host_clone3 h = { 0 };
	int *pidfd;

	if (!(a[0] & CLONE_PIDFD) || (a[0] & CLONE_VM && !(a[0] & CLONE_VFORK)))
		return linux_clone(cpu, a, NULL);
	/* clone's CLONE_PIDFD stores the pidfd at parent_tid, so it cannot be
	 * combined with CLONE_PARENT_SETTID (kernel/fork.c, kernel_clone) */
	if (a[0] & CLONE_PARENT_SETTID)
		return -EINVAL;
	if (!(pidfd = guest_buf(a[2], sizeof *pidfd, PROT_WRITE)))
		return -EFAULT;
	h.flags = CLONE_PIDFD;
	h.pidfd = (uintptr_t)pidfd;
	h.exit_signal = a[0] & CSIGNAL;
	return linux_clone(cpu, a, &h);
}

/* Reads a NULL-terminated guest array of string pointers. */
static int read_strv(uint64_t g, const char ***out, int *count)
{
	const char **v = NULL;
	int n = 0;

	*out = NULL;
	*count = 0;
	for (;;) {
		uint64_t p;
		const char **nv;

		if (!g)
			break;
		if (mem_read(&p, g + 8 * (uint64_t)n, 8) < 0)
			goto fault;
		if (!p)
			break;
		if (n >= 0x20000) {
			free(v);
			return -E2BIG;
		}
		if (!(nv = realloc(v, sizeof *v * (size_t)(n + 2)))) {
			free(v);
			return -ENOMEM;
		}
		v = nv;
		if (!(v[n] = mem_string(p, 0x20000)))
			goto fault;
		n++;
	}
	if (!v && !(v = malloc(sizeof *v)))
		return -ENOMEM;
	v[n] = NULL;
	*out = v;
	*count = n;
	return 0;
fault:
	free(v);
	return -EFAULT;
}

/* What the file at path is, from its first bytes. */
enum exe_kind { EXE_GUEST, EXE_SCRIPT, EXE_OTHER };

static int exe_kind(const char *path, char *head, size_t headsz, size_t *got)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, head, headsz - 1);
	close(fd);
	if (n < 0)
		return -errno;
	head[n] = 0;
	*got = (size_t)n;
	if (n >= 2 && head[0] == '#' && head[1] == '!')
		return EXE_SCRIPT;
	if ((size_t)n >= sizeof(Elf64_Ehdr) && !memcmp(head, ELFMAG, SELFMAG)) {
		const struct frontend *fe = proc.fe;
		uint16_t machine;

		memcpy(&machine, head + 18, 2); /* e_machine: the same offset in both classes */
		if (machine == fe->elf_machine && (uint8_t)head[EI_CLASS] == fe->elf_class &&
		    (uint8_t)head[EI_DATA] == fe->elf_data)
			return EXE_GUEST;
	}
	return EXE_OTHER;
}

/* "#!interp [arg]": the interpreter and its one optional argument, as
 * fs/binfmt_script.c splits the first line. */
static int parse_shebang(char *head, char **interp, char **arg)
{
	char *p = head + 2, *end = strchr(p, '\n');

	if (!end)
		return -ENOEXEC;
	*end = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			char *e = p + strlen(p);
			while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
				*--e = 0;
			*arg = p;
		}
	}
	return 0;
}

static void add(const char **v, int *n, const char *s)
{
	v[(*n)++] = s;
}

/* The host execve, as a safe syscall: a signal the host hands to ferry
 * after the guest's execve began and before the host's is delivered
 * first, and the call made again (-ERESTARTNOINTR), as a signal pending
 * before a native execve is; otherwise it would stay blocked on the host
 * and undelivered, so the new program would start with it in its mask.
 * What the guest blocks and ferry holds goes back to the kernel first
 * (linux_signal_before_exec), so the new program has it pending. */
static int exec_now(const char *path, const char *const *argv, const char *const *envp)
{
	int64_t r;

	linux_signal_before_exec(current_cpu);
	strace_exec();
	fflush(trace_file());
	safe_syscall_wake_ignore(1);
	r = safe_sys(SYS_execve, path, argv, envp);
	safe_syscall_wake_ignore(0);
	return r == -LINUX_ERESTARTSYS ? -LINUX_ERESTARTNOINTR : (int)r;
}

/* Whether path reaches the file through one of this process's descriptors
 * (fexecve's /proc/self/fd/N, /dev/fd/N): a close-on-exec one is gone
 * when the new ferry looks for it, though the kernel opens the file before
 * it closes them. */
static bool through_fd(const char *path)
{
	const char *what;

	return strncmp(path, "/dev/fd/", 8) == 0 || (linux_proc_self(path, &what) && strncmp(what, "fd/", 3) == 0);
}

/* Runs a guest program in this process: ferry again, with the options that
 * describe how this one runs. */
static int exec_ferry(const char *host_path, const char *const *argv, int argc, const char *const *envp)
{
	static const char *const trace_names[] = { "syscall", "signal", "exec", "block", "insn", "ir", "unimp" };
	char trace[128] = "", stack[32], seed[32], tc[32], fdnum[16], fdpath[48];
	const char **v = calloc((size_t)argc + 34, sizeof *v);
	int n = 0, r, keep = -1;
	char *sigstate = NULL;

	if (!v)
		return -ENOMEM;
	if (through_fd(host_path)) {
		/* the new ferry gets a descriptor of its own for the file, which
		 * it closes once the program is loaded (--exec-fd) */
		if ((keep = open(host_path, O_RDONLY)) < 0) {
			free(v);
			return -errno;
		}
		snprintf(fdnum, sizeof fdnum, "%d", keep);
		snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", keep);
		host_path = fdpath;
	}
	add(v, &n, "ferry");
	if (keep >= 0)
		add(v, &n, "--exec-fd"), add(v, &n, fdnum);
	if ((sigstate = linux_signal_exec_state(current_cpu)))
		add(v, &n, "--exec-signals"), add(v, &n, sigstate);
	if (proc.sysroot)
		add(v, &n, "-L"), add(v, &n, proc.sysroot);
	for (unsigned i = 0; i < sizeof trace_names / sizeof *trace_names; i++)
		if (opt.trace & (1u << i)) {
			strcat(trace, trace[0] ? "," : "--trace=");
			strcat(trace, trace_names[i]);
		}
	if (trace[0])
		add(v, &n, trace);
	if (opt.log_file)
		add(v, &n, "--log"), add(v, &n, opt.log_file);
	if (opt.backend)
		add(v, &n, "--backend"), add(v, &n, opt.backend);
	if (opt.stats)
		add(v, &n, "--stats");
	if (opt.uname_release)
		add(v, &n, "-r"), add(v, &n, opt.uname_release);
	if (opt.stack_size) {
		snprintf(stack, sizeof stack, "%llu", (unsigned long long)opt.stack_size);
		add(v, &n, "-s"), add(v, &n, stack);
	}
	if (opt.have_seed) {
		snprintf(seed, sizeof seed, "%llu", (unsigned long long)opt.seed);
		add(v, &n, "--seed"), add(v, &n, seed);
	}
	if (opt.tcache_size) {
		snprintf(tc, sizeof tc, "%llu", (unsigned long long)opt.tcache_size);
		add(v, &n, "--tcache-size"), add(v, &n, tc);
	}
	add(v, &n, "-0"), add(v, &n, argc > 0 ? argv[0] : host_path);
	add(v, &n, "--");
	add(v, &n, host_path);
	for (int i = 1; i < argc; i++)
		add(v, &n, argv[i]);
	v[n] = NULL;
	r = exec_now("/proc/self/exe", v, envp);
	if (keep >= 0)
		close(keep);
	free(sigstate);
	free(v);
	return r;
}

/* A program for the host itself runs natively, as binfmt_misc would have
 * it; anything else gets the host kernel's answer (ENOEXEC, EACCES...). */
static int exec_host(const char *path, const char *const *argv, const char *const *envp)
{
	return exec_now(path, argv, envp);
}

static int do_execve(const struct linux_path *p, const char **argv, int argc, const char **envp)
{
	char head[256], *interp, *iarg;
	const char **sv;
	size_t got;
	int kind, r, sn = 0;

	if ((kind = exe_kind(p->host, head, sizeof head, &got)) < 0)
		return kind;
	if (kind == EXE_GUEST)
		return exec_ferry(p->host, argv, argc, envp);
	if (kind == EXE_OTHER)
		return exec_host(p->host, argv, envp);
	/* a script: run its interpreter with the script's path (binfmt_script) */
	if ((r = parse_shebang(head, &interp, &iarg)) < 0)
		return r;
	if (!(sv = calloc((size_t)argc + 4, sizeof *sv)))
		return -ENOMEM;
	add(sv, &sn, interp);
	if (iarg)
		add(sv, &sn, iarg);
	add(sv, &sn, p->guest);
	for (int i = 1; i < argc; i++)
		add(sv, &sn, argv[i]);
	sv[sn] = NULL;
	{
		char ibuf[4096 + 64], ihead[256];
		/* the interpreter is named as the guest sees the file system */
		const char *ihost = interp[0] == '/' ? sysroot_resolve(interp, ibuf, sizeof ibuf) : interp;

		kind = exe_kind(ihost, ihead, sizeof ihead, &got);
		if (kind == EXE_GUEST)
			r = exec_ferry(ihost, sv, sn, envp);
		else if (kind == EXE_OTHER)
			r = exec_host(ihost, sv, envp);
		else
			r = kind < 0 ? kind : -ELOOP; /* no script as interpreter of a script */
	}
	free(sv);
	return r;
}

static int exec_path(const struct linux_path *p, uint64_t gargv, uint64_t genvp)
{
	const char **argv, **envp;
	int argc, envc, r;

	if ((r = read_strv(gargv, &argv, &argc)) < 0)
		return r;
	if ((r = read_strv(genvp, &envp, &envc)) < 0) {
		free(argv);
		return r;
	}
	r = do_execve(p, argv, argc, envp);
	free(argv);
	free(envp);
	return r;
}

static int64_t sys_execve(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r;

	if ((r = linux_path(a[0], &p)) < 0)
		return r;
	return exec_path(&p, a[1], a[2]);
}

/* execveat(dirfd, path, argv, envp, flags): a relative path from dirfd,
 * or with AT_EMPTY_PATH and "" the file dirfd is open on.  The program
 * (and a script's interpreter) sees it as /dev/fd/N[/path], as the kernel
 * names it (fs/exec.c alloc_bprm). */
static int64_t sys_execveat(struct vcpu *cpu, const uint64_t *a)
{
	int dirfd = (int)a[0], flags = (int)a[4], r;
	bool named;
	struct linux_path p;
	char guest[PATH_MAX + 32];
	struct stat st;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	if ((r = linux_path(a[1], &p)) < 0)
		return r;
	named = p.guest[0] != 0;
	if (p.guest[0] == '/' || (dirfd == AT_FDCWD && p.guest[0])) {
		/* as execve */
	} else if (fcntl(dirfd, F_GETFD) < 0) {
		return -EBADF;
	} else if (!p.guest[0]) {
		if (!(flags & AT_EMPTY_PATH))
			return -ENOENT;
		snprintf(p.buf, sizeof p.buf, "/proc/self/fd/%d", dirfd);
		snprintf(guest, sizeof guest, "/dev/fd/%d", dirfd);
		p.host = p.buf, p.guest = guest;
	} else {
		snprintf(guest, sizeof guest, "/dev/fd/%d/%s", dirfd, p.guest);
		if (snprintf(p.buf, sizeof p.buf, "/proc/self/fd/%d/%s", dirfd, p.guest) >= (int)sizeof p.buf)
			return -ENAMETOOLONG;
		p.host = p.buf, p.guest = guest;
	}
	/* the last component of a path given must not be a symbolic link */
	if ((flags & AT_SYMLINK_NOFOLLOW) && named && lstat(p.host, &st) == 0 && S_ISLNK(st.st_mode))
		return -ELOOP;
	return exec_path(&p, a[2], a[3]);
}

const struct linux_sys_impl linux_exec_impls[] = {
	SYS_IMPL(clone),
	SYS_IMPL(execve),
	SYS_IMPL(execveat),
	{ 0, NULL },
};
