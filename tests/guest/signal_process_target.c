/* A signal sent to the process goes to a thread that does not block it
 * (kernel/signal.c, complete_signal), and one that every thread blocks
 * stays pending for the process until a thread unblocks it.  SIGSEGV and
 * SIGBUS sent with kill are used: ferry queues those itself (the host's
 * are its own fault handling), as it does 32 and 33. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile int handled_by[65];
static int worker_tid, main_tid;
static volatile int stage;

static void handler(int sig)
{
	handled_by[sig] = (int)syscall(SYS_gettid);
}

static void wait_for(volatile int *p, int want)
{
	for (int i = 0; i < 20000 && *p != want; i++)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
}

static void wait_set(volatile int *p)
{
	for (int i = 0; i < 20000 && !*p; i++)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
}

static void *worker(void *arg)
{
	sigset_t s;

	(void)arg;
	worker_tid = (int)syscall(SYS_gettid);
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* SIGSEGV open, SIGBUS blocked */
	sigemptyset(&s);
	sigaddset(&s, SIGBUS);
	stage = 1;
	wait_set(&handled_by[SIGSEGV]);
	wait_for(&stage, 2);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* takes the pending SIGBUS */
	wait_set(&handled_by[SIGBUS]);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	sigset_t s, pend;
	pthread_t t;

	main_tid = (int)syscall(SYS_gettid);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	sigaddset(&s, SIGBUS);
	pthread_sigmask(SIG_BLOCK, &s, NULL); /* the worker inherits this */
	pthread_create(&t, NULL, worker, NULL);
	wait_for(&stage, 1);

	kill(getpid(), SIGSEGV);
	wait_set(&handled_by[SIGSEGV]);
	printf("SIGSEGV to the process: handled %d, by the thread that does not block it %d\n",
	       handled_by[SIGSEGV] != 0, handled_by[SIGSEGV] == worker_tid);

	kill(getpid(), SIGBUS);
	sigpending(&pend);
	printf("SIGBUS blocked everywhere: pending for the process %d, handled %d\n", sigismember(&pend, SIGBUS),
	       handled_by[SIGBUS] != 0);
	stage = 2;
	wait_set(&handled_by[SIGBUS]);
	printf("SIGBUS after the thread unblocks it: handled by it %d\n", handled_by[SIGBUS] == worker_tid);
	pthread_join(t, NULL);
	sigpending(&pend);
	printf("nothing left pending: %d\n", !sigismember(&pend, SIGBUS) && !sigismember(&pend, SIGSEGV));
	return 0;
}
