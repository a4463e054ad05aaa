/* POSIX timers: SIGEV_SIGNAL with a real-time signal (si_code SI_TIMER and
 * the sigev_value in the handler), a periodic one counted by a handler,
 * and SIGEV_THREAD, whose function the C library runs in a thread it
 * creates (glibc waits for its internal SIGTIMER in a helper thread). */
#define _GNU_SOURCE
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int got_code, got_value, ticks;
static sem_t done;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_code = si->si_code;
	got_value = si->si_value.sival_int;
	ticks++;
}

static volatile int thread_calls, thread_value;

static void in_thread(union sigval v)
{
	thread_value = v.sival_int;
	thread_calls++;
	sem_post(&done);
}

int main(void)
{
	struct sigaction sa;
	struct sigevent ev;
	timer_t t;
	sigset_t rt, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN, &sa, NULL);
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);

	/* one shot, waited for with sigsuspend */
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN;
	ev.sigev_value.sival_int = 99;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0)
		return 1;
	sigprocmask(SIG_BLOCK, &rt, &old);
	struct itimerspec its = { { 0, 0 }, { 0, 5000000 } };
	timer_settime(t, 0, &its, NULL);
	while (!ticks)
		sigsuspend(&old);
	printf("SIGEV_SIGNAL: code SI_TIMER %d, value %d\n", got_code == SI_TIMER, got_value);

	/* periodic: five ticks */
	ticks = 0;
	its.it_interval.tv_nsec = 2000000;
	timer_settime(t, 0, &its, NULL);
	while (ticks < 5)
		sigsuspend(&old);
	its.it_value.tv_nsec = its.it_interval.tv_nsec = 0;
	timer_settime(t, 0, &its, NULL);
	timer_delete(t);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("periodic: at least 5 ticks %d\n", ticks >= 5);

	/* SIGEV_THREAD, three expiries one after the other */
	sem_init(&done, 0, 0);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = in_thread;
	ev.sigev_value.sival_int = 7;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) < 0) {
		perror("timer_create SIGEV_THREAD");
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		struct itimerspec one = { { 0, 0 }, { 0, 3000000 } };
		timer_settime(t, 0, &one, NULL);
		while (sem_wait(&done) < 0)
			;
	}
	timer_delete(t);
	printf("SIGEV_THREAD: function ran %d times with value %d\n", thread_calls, thread_value);
	return 0;
}
