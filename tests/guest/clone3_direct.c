/* clone3 called directly (struct clone_args, include/uapi/linux/sched.h):
 * the kernel's EINVAL/E2BIG/EFAULT checks, a fork-like clone3 with the tid
 * flags and a pidfd, a thread on its own stack, and glibc's own users of
 * clone3 (pthread_create, posix_spawn) beside fork. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CLONE_PIDFD_ 0x1000ULL
#define CLONE_CLEAR_SIGHAND_ 0x100000000ULL

struct args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
		set_tid_size, cgroup;
};

/* clone3 whose child calls fn(arg) on its new stack and exits with its
 * result: the child has no frame to return to, hence assembly. */
long clone3_run(struct args *ca, size_t size, int (*fn)(void *), void *arg);
#if defined(__x86_64__)
__asm__(".text\n.globl clone3_run\nclone3_run:\n"
	"mov %rdx, %r8\n mov %rcx, %r9\n mov $435, %eax\n syscall\n test %rax, %rax\n jnz 1f\n"
	"mov %r9, %rdi\n call *%r8\n mov %eax, %edi\n mov $60, %eax\n syscall\n"
	"1: ret\n");
#elif defined(__riscv)
__asm__(".text\n.globl clone3_run\nclone3_run:\n"
	"mv t0, a2\n mv t1, a3\n li a7, 435\n ecall\n bnez a0, 1f\n"
	"mv a0, t1\n jalr t0\n li a7, 93\n ecall\n"
	"1: ret\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl clone3_run\nclone3_run:\n"
	"mov x9, x2\n mov x10, x3\n mov x8, #435\n svc #0\n cbnz x0, 1f\n"
	"mov x0, x10\n blr x9\n mov x8, #93\n svc #0\n"
	"1: ret\n");
#endif

static long clone3(struct args *ca, size_t size)
{
	long r = syscall(SYS_clone3, ca, size);
	return r < 0 ? -errno : r;
}

static void expect_err(const char *what, struct args ca, size_t size, int want)
{
	long r = clone3(&ca, size);
	if (r == 0)
		_exit(99); /* a child that should not exist */
	if (r > 0)
		waitpid((pid_t)r, NULL, 0);
	printf("%-40s %s\n", what, r == -want ? "ok" : "WRONG");
	if (r != -want)
		printf("  got %ld (%s)\n", r, r < 0 ? strerror((int)-r) : "a child");
}

static void errors(void)
{
	struct args base = { .exit_signal = SIGCHLD };
	struct args a;
	unsigned char big[128];

	expect_err("size below VER0: EINVAL", base, 63, EINVAL);
	expect_err("size above a page: E2BIG", base, 4097, E2BIG);
	a = base;
	a.flags = SIGCHLD; /* the exit signal belongs in exit_signal */
	expect_err("CSIGNAL bits in flags: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.exit_signal = 65;
	expect_err("exit_signal 65: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.flags = CLONE_DETACHED;
	expect_err("CLONE_DETACHED: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.stack = 4096;
	expect_err("stack without stack_size: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.stack_size = 4096;
	expect_err("stack_size without stack: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
	expect_err("CLONE_THREAD with exit_signal: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.set_tid_size = 1;
	expect_err("set_tid_size without set_tid: EINVAL", a, 80, EINVAL);
	a = base;
	a.set_tid = 8;
	expect_err("set_tid without set_tid_size: EINVAL", a, 80, EINVAL);
	a = base;
	a.flags = CLONE_SIGHAND | CLONE_CLEAR_SIGHAND_;
	expect_err("SIGHAND and CLEAR_SIGHAND: EINVAL", a, sizeof a, EINVAL);
	a = base;
	a.flags = 1ULL << 40;
	expect_err("unknown flag bit 40: EINVAL", a, sizeof a, EINVAL);
	/* a larger struct from a newer libc: the extra bytes must be zero */
	memset(big, 0, sizeof big);
	memcpy(big, &base, sizeof base);
	big[100] = 1;
	{
		long r = syscall(SYS_clone3, big, sizeof big);
		printf("%-40s %s\n", "nonzero bytes past the struct: E2BIG", r < 0 && errno == E2BIG ? "ok" : "WRONG");
		if (r == 0)
			_exit(99);
	}
	{
		long r = syscall(SYS_clone3, (void *)8, sizeof base);
		printf("%-40s %s\n", "unreadable args: EFAULT", r < 0 && errno == EFAULT ? "ok" : "WRONG");
		if (r == 0)
			_exit(99);
	}
}

static void forks(void)
{
	struct args a;
	unsigned char big[128];
	int ptid = -1, ctid = -1, pidfd = -1, st;
	long pid;

	/* fork-like, with the tid flags */
	memset(&a, 0, sizeof a);
	a.flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
	a.exit_signal = SIGCHLD;
	a.parent_tid = (uintptr_t)&ptid;
	a.child_tid = (uintptr_t)&ctid;
	pid = clone3(&a, sizeof a);
	if (pid == 0)
		_exit(ctid == getpid() ? 21 : 1);
	waitpid((pid_t)pid, &st, 0);
	printf("fork: parent_tid is the pid: %s, child saw its tid: %s\n", ptid == pid ? "yes" : "no",
	       WIFEXITED(st) && WEXITSTATUS(st) == 21 ? "yes" : "no");
	printf("fork: the parent's child_tid untouched: %s\n", ctid == -1 ? "yes" : "no");

	/* the VER0 size, and a bigger zero-padded struct */
	memset(big, 0, sizeof big);
	memcpy(big, &a, sizeof a);
	((struct args *)big)->flags = 0;
	for (size_t size = 64; size <= sizeof big; size += 64) {
		pid = syscall(SYS_clone3, big, size);
		if (pid == 0)
			_exit(size == 64 ? 5 : 6);
		waitpid((pid_t)pid, &st, 0);
		printf("fork with size %zu: status %d\n", size, WEXITSTATUS(st));
	}

	/* CLONE_PIDFD: a descriptor of the child, readable by waitid(P_PIDFD) */
	memset(&a, 0, sizeof a);
	a.flags = CLONE_PIDFD_;
	a.exit_signal = SIGCHLD;
	a.pidfd = (uintptr_t)&pidfd;
	pid = clone3(&a, sizeof a);
	if (pid == 0)
		_exit(33);
	{
		siginfo_t si;
		memset(&si, 0, sizeof si);
		long r = syscall(SYS_waitid, 3 /* P_PIDFD */, pidfd, &si, WEXITED, NULL);
		printf("pidfd: got one: %s, waitid: %ld, status %d, pid matches: %s\n", pidfd >= 0 ? "yes" : "no", r,
		       si.si_status, si.si_pid == pid ? "yes" : "no");
		close(pidfd);
	}

	/* exit_signal 0: the parent gets no SIGCHLD, waits with __WALL */
	memset(&a, 0, sizeof a);
	pid = clone3(&a, sizeof a);
	if (pid == 0)
		_exit(44);
	printf("exit_signal 0: wait without __WALL: %s\n", waitpid((pid_t)pid, &st, WNOHANG) < 0 ? "ECHILD" : "found");
	waitpid((pid_t)pid, &st, __WALL);
	printf("exit_signal 0: with __WALL: status %d\n", WEXITSTATUS(st));
}

static volatile int shared;

static int thread_fn(void *arg)
{
	shared = *(int *)arg * 2;
	return 0;
}

static void thread(void)
{
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static volatile int ctid = -1, ptid;
	int in = 21;
	struct args a;
	long tid;

	memset(&a, 0, sizeof a);
	a.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		  CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	a.stack = (uintptr_t)stack;
	a.stack_size = size;
	a.parent_tid = (uintptr_t)&ptid;
	a.child_tid = (uintptr_t)&ctid;
	tid = clone3_run(&a, sizeof a, thread_fn, &in);
	if (tid < 0) {
		printf("thread: clone3 failed: %ld\n", tid);
		return;
	}
	/* CLONE_CHILD_CLEARTID: the kernel zeroes ctid and wakes it at exit */
	for (int v; (v = ctid) != 0;)
		syscall(SYS_futex, &ctid, FUTEX_WAIT, v, NULL, NULL, 0);
	printf("thread: parent_tid is the tid: %s, ran on its stack: %d\n", ptid == tid ? "yes" : "no", shared);
	munmap(stack, size);
}

static void *pthread_fn(void *arg)
{
	return (void *)((uintptr_t)arg + 1);
}

static void glibc_paths(char *self)
{
	pthread_t th;
	void *ret;
	pid_t pid;
	int st;
	char *argv[] = { self, "child", NULL };

	pthread_create(&th, NULL, pthread_fn, (void *)41);
	pthread_join(th, &ret);
	printf("pthread_create: %d\n", (int)(uintptr_t)ret);
	if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, NULL) == 0) {
		waitpid(pid, &st, 0);
		printf("posix_spawn: status %d\n", WEXITSTATUS(st));
	}
	pid = fork();
	if (pid == 0)
		_exit(9);
	waitpid(pid, &st, 0);
	printf("fork: status %d\n", WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 7;
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	forks();
	thread();
	glibc_paths(argv[0]);
	return 0;
}
