/* Synchronous signals and what a parent sees: siglongjmp out of a SIGSEGV
 * handler several times in a row (si_addr and si_code checked each time),
 * SIGBUS past the end of a mapped file, a handler that skips the faulting
 * instruction by editing uc_mcontext (per arch), a timer signal stopping
 * a loop that makes no system calls, children killed by SIGTERM, SIGSEGV
 * and SIGABRT, a child stopped and continued (WUNTRACED, WCONTINUED), and
 * SIGCHLD set to SIG_IGN (children reaped by the kernel: ECHILD). */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static void *volatile fault_addr;
static volatile int fault_code, fault_sig;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_sig = sig;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(jb, 1);
}

/* The faulting load is one instruction of known length; the handler puts
 * 1234 in its destination register and steps over it. */
#if defined(__x86_64__)
#define LOAD_LEN 2
static int load_skip(int *p)
{
	int v;
	__asm__ volatile("movl (%1), %0" : "=a"(v) : "D"(p) : "memory"); /* 8b 07 */
	return v;
}
static void skip_fault(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[REG_RAX] = 1234;
	uc->uc_mcontext.gregs[REG_RIP] += LOAD_LEN;
}
#elif defined(__riscv)
static int load_skip(int *p)
{
	register long a0 __asm__("a0") = (long)p;
	__asm__ volatile(".option push\n.option norvc\nlw a0, 0(a0)\n.option pop" : "+r"(a0) : : "memory");
	return (int)a0;
}
static void skip_fault(ucontext_t *uc)
{
	uc->uc_mcontext.__gregs[10] = 1234; /* a0 */
	uc->uc_mcontext.__gregs[0] += 4;   /* REG_PC */
}
#elif defined(__aarch64__)
static int load_skip(int *p)
{
	register long x0 __asm__("x0") = (long)p;
	__asm__ volatile("ldr w0, [x0]" : "+r"(x0) : : "memory");
	return (int)x0;
}
static void skip_fault(ucontext_t *uc)
{
	uc->uc_mcontext.regs[0] = 1234;
	uc->uc_mcontext.pc += 4;
}
#else
#error "no load_skip for this arch"
#endif

static volatile int skipped;

static void on_fault_skip(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	fault_addr = si->si_addr;
	skipped++;
	skip_fault(uc);
}

static volatile sig_atomic_t timer_fired;

static void on_timer(int sig)
{
	(void)sig;
	timer_fired = 1;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void child_dies(const char *what, int how)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		if (how == SIGTERM)
			kill(getpid(), SIGTERM);
		else if (how == SIGSEGV)
			*(volatile int *)8 = 1;
		else
			abort();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("child %s: signaled %d, signal %s\n", what, WIFSIGNALED(st),
	       WIFSIGNALED(st) ? (WTERMSIG(st) == how ? "right" : strsignal(WTERMSIG(st))) : "-");
}

int main(void)
{
	long pagesz = sysconf(_SC_PAGESIZE);
	char *page = mmap(NULL, (size_t)pagesz * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* SIGSEGV, five times: unmapped, then write to read-only */
	munmap(page + pagesz, (size_t)pagesz);
	mprotect(page, (size_t)pagesz, PROT_READ);
	install(SIGSEGV, on_fault);
	for (volatile int i = 0; i < 5; i++) {
		char *target = i % 2 ? page + 8 * i : page + pagesz + 16 * i;
		if (sigsetjmp(jb, 1) == 0) {
			*(volatile char *)target = 1;
			printf("no fault?\n");
		} else {
			printf("SIGSEGV %d: sig %d addr right %d code %s\n", i, fault_sig, fault_addr == target,
			       fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "?");
		}
	}
	/* the mask was restored by siglongjmp: SIGSEGV is not blocked */
	sigset_t m;
	sigprocmask(SIG_SETMASK, NULL, &m);
	printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&m, SIGSEGV));

	/* SIGBUS: a file mapping past its end */
	FILE *f = tmpfile();
	fputs("x", f);
	fflush(f);
	char *fm = mmap(NULL, (size_t)pagesz * 2, PROT_READ, MAP_SHARED, fileno(f), 0);
	install(SIGBUS, on_fault);
	if (sigsetjmp(jb, 1) == 0) {
		printf("in the file's page: %c\n", fm[0]);
		printf("past it: %d\n", fm[pagesz + 1]);
	} else {
		printf("SIGBUS: sig %d addr right %d code BUS_ADRERR %d\n", fault_sig, fault_addr == fm + pagesz + 1,
		       fault_code == BUS_ADRERR);
	}
	fclose(f);

	/* a handler that steps over the fault */
	char *guard = mmap(NULL, (size_t)pagesz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	install(SIGSEGV, on_fault_skip);
	int v = load_skip((int *)(guard + 4));
	v += load_skip((int *)(guard + 8));
	printf("skipped %d faults, loads gave %d, last addr right %d\n", skipped, v, fault_addr == guard + 8);

	/* a timer signal ends a loop without system calls */
	signal(SIGALRM, on_timer);
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	/* do-while: under load the timer may fire before the loop is reached
	 * (translating it can take the 20 ms); the loop must still end */
	unsigned long spins = 0;
	do
		spins++;
	while (!timer_fired);
	printf("timer stopped the loop: %d\n", spins > 0);

	/* default actions, seen by the parent */
	child_dies("sent SIGTERM", SIGTERM);
	child_dies("faulting", SIGSEGV);
	child_dies("calling abort", SIGABRT);

	/* stopped and continued */
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		while (read(go[0], &c, 1) < 0)
			;
		_exit(5);
	}
	close(go[0]);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	printf("stopped: %d by SIGSTOP %d\n", WIFSTOPPED(st), WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	printf("continued: %d\n", WIFCONTINUED(st));
	if (write(go[1], "g", 1) != 1)
		return 1;
	waitpid(pid, &st, 0);
	printf("then exited: %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
	close(go[1]);

	/* SIGCHLD ignored: no zombies, wait finds nothing */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(3);
	pid_t r = waitpid(pid, &st, 0);
	printf("SIGCHLD ignored: waitpid %d %s\n", (int)r, r < 0 && errno == ECHILD ? "ECHILD" : "-");
	return 0;
}
