/* Sorting: libc qsort (an indirect call per comparison, into the guest's own
 * libc) and a hand-written merge sort (loads, stores and data-dependent
 * branches), on the same random data; the two results must agree. */
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"

struct rec {
	uint32_t key;
	uint32_t id;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Keys may repeat; the id breaks ties so the order is total and the same
 * whatever algorithm the guest's libc uses. */
static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Top-down merge sort of a[0..n) using tmp[0..n); insertion sort for runs
 * of up to 16 elements. */
static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			uint32_t v = a[i];
			size_t j = i;
			for (; j > 0 && a[j - 1] > v; j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
		return;
	}
	size_t h = n / 2;
	merge_sort(a, tmp, h);
	merge_sort(a + h, tmp, n - h);
	if (a[h - 1] <= a[h])
		return;
	memcpy(tmp, a, h * sizeof(*a));
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		a[k++] = tmp[i] <= a[j] ? tmp[i++] : a[j++];
	while (i < h)
		a[k++] = tmp[i++];
}

static uint64_t sorted_sum(const uint32_t *a, size_t n)
{
	uint64_t s = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && a[i - 1] > a[i]) {
			printf("not sorted at %zu\n", i);
			exit(1);
		}
		s = s * 1000003 + a[i];
	}
	return s;
}

int main(int argc, char **argv)
{
	double scale = bench_scale(argc, argv);
	struct bench_rng rng = { 3 };
	enum { N = 1 << 18 };
	uint32_t *orig = malloc(N * sizeof(uint32_t)), *x = malloc(N * sizeof(uint32_t));
	uint32_t *y = malloc(N * sizeof(uint32_t)), *tmp = malloc(N * sizeof(uint32_t));
	struct rec *recs = malloc(N * sizeof(struct rec));
	if (!orig || !x || !y || !tmp || !recs)
		exit(2);

	uint64_t rounds = bench_count(8, scale), hq = 0, hm = 0, hr = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		/* Alternate uniform keys with few distinct keys (many duplicates). */
		uint32_t range = r % 2 ? 1000 : UINT32_MAX;
		for (size_t i = 0; i < N; i++)
			orig[i] = (uint32_t)bench_below(&rng, range);
		memcpy(x, orig, N * sizeof(uint32_t));
		memcpy(y, orig, N * sizeof(uint32_t));
		qsort(x, N, sizeof(uint32_t), cmp_u32);
		merge_sort(y, tmp, N);
		if (memcmp(x, y, N * sizeof(uint32_t)) != 0) {
			printf("qsort and merge sort disagree in round %llu\n", (unsigned long long)r);
			return 1;
		}
		hq = bench_mix(hq, sorted_sum(x, N));
		hm = bench_mix(hm, sorted_sum(y, N));

		for (size_t i = 0; i < N; i++)
			recs[i] = (struct rec){ orig[i] % 4096, (uint32_t)i };
		qsort(recs, N, sizeof(struct rec), cmp_rec);
		uint64_t s = 0;
		for (size_t i = 0; i < N; i++)
			s = s * 31 + recs[i].id;
		hr = bench_mix(hr, s);
	}
	bench_result("qsort u32", hq);
	bench_result("merge sort u32", hm);
	bench_result("qsort records", hr);
	free(recs);
	free(tmp);
	free(y);
	free(x);
	free(orig);
	return 0;
}
