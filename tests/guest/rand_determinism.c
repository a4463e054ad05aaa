/* Seeded pseudo-random generators are arithmetic, so their sequences are
 * the same on every arch: rand/srand, random/srandom with initstate,
 * rand_r, drand48/lrand48/mrand48/erand48, random_r. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	srand(1);
	printf("rand:");
	for (int i = 0; i < 8; i++)
		printf(" %d", rand());
	srand(12345);
	long sum = 0;
	for (int i = 0; i < 100000; i++)
		sum += rand() % 1000;
	printf("\nrand sum %ld\n", sum);
	srandom(42);
	printf("random:");
	for (int i = 0; i < 6; i++)
		printf(" %ld", random());
	static char state[256];
	initstate(7, state, sizeof state);
	printf("\ninitstate(256):");
	for (int i = 0; i < 6; i++)
		printf(" %ld", random());
	unsigned seed = 99;
	printf("\nrand_r:");
	for (int i = 0; i < 6; i++)
		printf(" %d", rand_r(&seed));
	srand48(2024);
	printf("\ndrand48:");
	for (int i = 0; i < 4; i++)
		printf(" %.17g", drand48());
	printf("\nlrand48/mrand48:");
	for (int i = 0; i < 4; i++) {
		long l = lrand48();
		printf(" %ld/%ld", l, mrand48());
	}
	unsigned short xs[3] = { 1, 2, 3 };
	printf("\nerand48/nrand48/jrand48:");
	for (int i = 0; i < 3; i++)
		printf(" %.17g", erand48(xs));
	for (int i = 0; i < 3; i++)
		printf(" %ld", nrand48(xs));
	for (int i = 0; i < 3; i++)
		printf(" %ld", jrand48(xs));
	struct random_data rd = { 0 };
	static char rstate[64];
	initstate_r(5, rstate, sizeof rstate, &rd);
	printf("\nrandom_r:");
	for (int i = 0; i < 5; i++) {
		int32_t v;
		random_r(&rd, &v);
		printf(" %d", v);
	}
	printf("\n");
	return 0;
}
