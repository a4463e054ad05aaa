/* Shared by the benchmark programs: work scaling, a portable PRNG and the
 * checksum line.  Every program must print the same bytes on x86-64 and
 * riscv64, so nothing here depends on the host: no plain char (signed on
 * x86-64, unsigned on riscv64), no long double, no libm beyond sqrt. */
#ifndef FERRY_BENCH_H
#define FERRY_BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* argv[1], when given, scales the work (run.sh passes FERRY_BENCH_SCALE). */
static inline double bench_scale(int argc, char **argv)
{
	double s = argc > 1 ? strtod(argv[1], NULL) : 1.0;
	return s > 0 ? s : 1.0;
}

/* base * scale rounded down, at least 1. */
static inline uint64_t bench_count(uint64_t base, double scale)
{
	double n = (double)base * scale;
	return n < 1 ? 1 : (uint64_t)n;
}

/* splitmix64: a full-period 64-bit generator defined by integer ops only. */
struct bench_rng {
	uint64_t s;
};

static inline uint64_t bench_rand(struct bench_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (slightly biased for huge n, which does not matter here). */
static inline uint64_t bench_below(struct bench_rng *r, uint64_t n)
{
	return bench_rand(r) % n;
}

/* Uniform double in [0, 1) from the top 53 bits: exact on every IEEE host. */
static inline double bench_unit(struct bench_rng *r)
{
	return (double)(bench_rand(r) >> 11) * 0x1.0p-53;
}

/* Folds a value into a running checksum (order-sensitive). */
static inline uint64_t bench_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static inline void bench_result(const char *what, uint64_t sum)
{
	printf("%s: %016" PRIx64 "\n", what, sum);
}

#endif
