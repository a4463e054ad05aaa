/* One thread takes SIGSEGV after SIGSEGV (leaving each handler with
 * siglongjmp) on a page it keeps inaccessible, while another thread maps
 * and unmaps memory as fast as it can, so the mapping table changes under
 * the fault's lookup of the faulting address.  Every fault must still
 * report the right address and SEGV_ACCERR. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FAULTS 3000

static sigjmp_buf jb;
static void *volatile fault_addr;
static volatile int fault_code;
static atomic_int stop;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(jb, 1);
}

static void *churn(void *arg)
{
	long maps = 0;

	(void)arg;
	while (!atomic_load(&stop)) {
		void *p[8];
		for (int i = 0; i < 8; i++)
			p[i] = mmap(NULL, 4096 * (size_t)(i + 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		for (int i = 0; i < 8; i += 2)
			munmap(p[i], 4096 * (size_t)(i + 1));
		for (int i = 1; i < 8; i += 2)
			munmap(p[i], 4096 * (size_t)(i + 1));
		maps += 8;
	}
	return (void *)maps;
}

int main(void)
{
	char *guard = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	pthread_t t;
	volatile int right = 0, faults = 0;
	void *maps;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	pthread_create(&t, NULL, churn, NULL);
	for (volatile int i = 0; i < FAULTS; i++) {
		char *target = guard + (i * 64) % 4096;
		if (sigsetjmp(jb, 1) == 0) {
			*(volatile char *)target = 1;
		} else {
			faults++;
			right += fault_addr == target && fault_code == SEGV_ACCERR;
		}
	}
	atomic_store(&stop, 1);
	pthread_join(t, &maps);
	printf("faults %d, right address and code %d, other thread mapped: %d\n", faults, right, maps != NULL);
	return 0;
}
