/* Signal delivery latency: kill() of the process itself with SIGUSR1, the
 * handler runs, and the loop measures each round trip (kill, delivery,
 * handler, sigreturn) with CLOCK_MONOTONIC.  stdout has only the counts (the
 * same everywhere); the mean and the median round trip go to stderr. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	uint64_t n = bench_count(200000, bench_scale(argc, argv)), total = 0, missed = 0;
	uint64_t *rtt = malloc(n * sizeof *rtt);
	struct sigaction sa;
	pid_t self = getpid();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (uint64_t i = 0; i < n; i++) {
		sig_atomic_t before = handled;
		uint64_t t0 = now_ns();
		kill(self, SIGUSR1); /* delivered before kill returns to the caller */
		rtt[i] = now_ns() - t0;
		total += rtt[i];
		missed += handled != before + 1;
	}
	qsort(rtt, n, sizeof *rtt, cmp_u64);
	printf("signal round trips: %" PRIu64 ", handled %" PRIu64 ", late %" PRIu64 "\n", n, (uint64_t)handled, missed);
	fprintf(stderr, "signal round trip: mean %.0f ns, median %" PRIu64 " ns\n", (double)total / (double)n, rtt[n / 2]);
	free(rtt);
	return 0;
}
