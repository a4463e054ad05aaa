/* Futex ping-pong: two threads hand a token back and forth through one
 * futex word, each handoff a FUTEX_WAKE and (usually) a FUTEX_WAIT: the
 * cost of a blocking wait and a cross-thread wake-up, which is what a
 * contended mutex or a channel pays.  Prints the number of handoffs. */
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench/bench.h"

static _Atomic int turn; /* whose move: 0 the main thread, 1 the other */
static uint64_t rounds;

static void wait_for(int me)
{
	int v;
	while ((v = atomic_load(&turn)) != me)
		syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0);
}

static void pass_to(int other)
{
	atomic_store(&turn, other);
	syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	uint64_t *moves = arg;
	for (uint64_t i = 0; i < rounds; i++) {
		wait_for(1);
		(*moves)++;
		pass_to(0);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	uint64_t mine = 0, theirs = 0;
	pthread_t th;

	rounds = bench_count(100000, bench_scale(argc, argv));
	pthread_create(&th, NULL, partner, &theirs);
	for (uint64_t i = 0; i < rounds; i++) {
		wait_for(0);
		mine++;
		pass_to(1);
	}
	wait_for(0);
	pthread_join(th, NULL);
	printf("futex ping-pong: %" PRIu64 " + %" PRIu64 " handoffs\n", mine, theirs);
	return mine == rounds && theirs == rounds ? 0 : 1;
}
