/* A POSIX timer's signal for the process (SIGEV_SIGNAL) reaches the thread
 * that can take it: here a thread waiting for it in sigtimedwait while the
 * main thread, which the kernel tries first, blocks it (kernel/signal.c,
 * complete_signal).  Signal 32 is used: ferry queues it itself (the host's
 * 32 is its wake signal), unlike the signals the host carries.  glibc
 * keeps 32 from sigprocmask and sigaction, so the raw calls are made. */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SIG 32

static uint64_t set = 1ULL << (SIG - 1);
static volatile int ready;
static long got;
static siginfo_t info;

static void *worker(void *arg)
{
	struct timespec limit = { 20, 0 };

	(void)arg;
	/* glibc unblocks 32 in a new thread */
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	ready = 1;
	got = syscall(SYS_rt_sigtimedwait, &set, &info, &limit, 8);
	return NULL;
}

int main(void)
{
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 20000000 } };
	timer_t timer;
	pthread_t t;
	uint64_t pending = 0;

	pthread_create(&t, NULL, worker, NULL);
	/* after pthread_create, which gives the caller 32 back */
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	while (!ready)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIG;
	ev.sigev_value.sival_int = 1234;
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0 || timer_settime(timer, 0, &its, NULL) != 0) {
		perror("timer");
		return 1;
	}
	pthread_join(t, NULL);
	printf("the waiting thread took it: %d, si_code SI_TIMER %d, value %d\n", got == SIG, info.si_code == SI_TIMER,
	       info.si_value.sival_int);
	syscall(SYS_rt_sigpending, &pending, 8);
	printf("nothing left pending: %d\n", !(pending & set));
	timer_delete(timer);
	return 0;
}
