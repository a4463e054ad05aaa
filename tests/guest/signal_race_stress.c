/* The lost-signal race: a thread blocks in read() (and in ppoll() with a
 * mask that lets the signal in) again and again while a signal arrives
 * around the moment it enters the call: a one-shot timer of a few
 * microseconds, then another thread sending one as soon as the reader is
 * about to block.  Each signal must either interrupt the call (EINTR) or
 * run its handler before the call, whose write into the pipe then wakes
 * the read; a signal noticed only after the call returns by itself hangs
 * the test. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define TIMER_ROUNDS 3000
#define ROUNDS 500

static int pipefd[2];
static sem_t ack;
static atomic_int round_ready = -1;
static volatile sig_atomic_t handled;
static pthread_t reader;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
	if (write(pipefd[1], "x", 1) != 1)
		_exit(9);
	sem_post(&ack);
}

/* Returns when the handler's byte was read; counts EINTRs. */
static int read_byte(int *eintr)
{
	char c;

	for (;;) {
		ssize_t n = read(pipefd[0], &c, 1);
		if (n == 1)
			return 0;
		if (n < 0 && errno == EINTR)
			++*eintr;
		else
			return -1;
	}
}

static void *sender(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2 * ROUNDS; i++) {
		while (atomic_load(&round_ready) < i)
			;
		pthread_kill(reader, SIGUSR1);
		while (sem_wait(&ack) < 0)
			;
	}
	return NULL;
}

int main(void)
{
	int eintr = 0, bytes = 0;
	struct sigaction sa;
	sigset_t usr1, open_mask;
	pthread_t t;
	char c;

	if (pipe(pipefd) < 0 || sem_init(&ack, 0, 0) < 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);

	/* a timer expiring 1-50 us after it is set, then read() */
	for (int i = 0; i < TIMER_ROUNDS; i++) {
		struct itimerval it = { { 0, 0 }, { 0, 1 + i % 50 } };
		setitimer(ITIMER_REAL, &it, NULL);
		if (read_byte(&eintr) < 0)
			return 2;
		bytes++;
	}
	printf("timer: %d rounds, %d bytes, handler ran %d, EINTR seen: %s\n", TIMER_ROUNDS, bytes, (int)handled,
	       eintr <= TIMER_ROUNDS ? "at most once a round" : "too often");
	while (sem_trywait(&ack) == 0)
		;
	handled = 0;
	bytes = 0;
	eintr = 0;

	/* another thread's pthread_kill, then read() */
	reader = pthread_self();
	pthread_create(&t, NULL, sender, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		atomic_store(&round_ready, i);
		for (volatile int spin = (i * 7919) % 2048; spin > 0; spin--)
			;
		if (read_byte(&eintr) < 0)
			return 3;
		bytes++;
	}
	printf("pthread_kill: %d rounds, %d bytes, handler ran %d, EINTR seen: %s\n", ROUNDS, bytes, (int)handled,
	       eintr <= ROUNDS ? "at most once a round" : "too often");

	/* ppoll(): SIGUSR1 blocked except while waiting; every round ends
	 * with EINTR, never with the byte alone */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &open_mask);
	sigdelset(&open_mask, SIGUSR1);
	eintr = 0;
	for (int i = ROUNDS; i < 2 * ROUNDS; i++) {
		struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
		atomic_store(&round_ready, i);
		int r = ppoll(&p, 1, NULL, &open_mask);
		if (r < 0 && errno == EINTR)
			eintr++;
		if (read(pipefd[0], &c, 1) != 1)
			return 4;
	}
	pthread_join(t, NULL);
	printf("ppoll: %d rounds, EINTR %d, handler ran %d\n", ROUNDS, eintr, (int)handled);
	return 0;
}
