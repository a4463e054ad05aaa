/* Code that becomes hot while it runs: under the tiered backend each block
 * starts in the interpreter and is compiled once it has run often enough
 * (--jit-threshold), so the same functions run first interpreted, then
 * native, with jumps between the two tiers.  Checks that results do not
 * depend on the tier: indirect calls to functions that get hot at
 * different times, a loop that spins until a timer signal's handler stops
 * it (delivery to a thread spinning in compiled code), and a fault in a
 * function after it got hot (the handler sees the right address and the
 * program resumes where it should).  tests/scripts/tiered.sh runs it with
 * several thresholds. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

typedef uint32_t (*step_fn)(uint32_t);

static uint32_t rot(uint32_t x) { return x << 7 | x >> 25; }
static uint32_t mix(uint32_t x) { return x * 2654435761u + 12345u; }
static uint32_t fold(uint32_t x) { return x ^ (x >> 13); }
static uint32_t bump(uint32_t x) { return x + 0x9e3779b9u; }

static step_fn steps[4] = {rot, mix, fold, bump};

/* Each step function is called from here on its own schedule: fold only
 * every 16th round, bump only after round 500. */
static uint32_t indirect_calls(unsigned rounds)
{
	uint32_t h = 1;
	for (unsigned i = 0; i < rounds; i++) {
		h = steps[i & 1](h);
		if ((i & 15) == 0)
			h = steps[2](h);
		if (i > 500)
			h = steps[3](h);
	}
	return h;
}

static volatile sig_atomic_t alarmed;
static void on_alarm(int sig) { alarmed = 1; }

static unsigned spin_until_alarm(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = 20000}};
	setitimer(ITIMER_REAL, &it, NULL);
	unsigned long spins = 0;
	while (!alarmed)
		spins++;
	return spins > 0;
}

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	fault_addr = (uintptr_t)si->si_addr;
	siglongjmp(env, 1);
}

static __attribute__((noinline)) int peek(volatile const int *p, int k) { return p[k] + k; }

static void fault_when_hot(void)
{
	long page = sysconf(_SC_PAGESIZE);
	int *mem = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		puts("mmap failed");
		return;
	}
	for (int k = 0; k < (int)(page / sizeof(int)); k++)
		mem[k] = 3 * k;
	mprotect((char *)mem + page, page, PROT_NONE);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	volatile long sum = 0;
	volatile int k = 0;
	if (sigsetjmp(env, 1) == 0) {
		/* runs off the end of the readable page into the PROT_NONE one */
		for (k = 0;; k++)
			sum += peek(mem, k);
	}
	printf("fault after %d reads, sum %ld, at the first byte of the guard page: %s\n", k, (long)sum,
	       fault_addr == (uintptr_t)mem + (uintptr_t)page ? "yes" : "no");
}

int main(void)
{
	printf("indirect calls: 10 rounds %08x, 100 %08x, 5000 %08x\n", indirect_calls(10), indirect_calls(100),
	       indirect_calls(5000));
	printf("a spinning loop stopped by SIGALRM: %s\n", spin_until_alarm() ? "yes" : "no");
	fault_when_hot();
	return 0;
}
