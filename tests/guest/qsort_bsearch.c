/* qsort and bsearch on ints, doubles and strings, sizes 0..N, with
 * duplicates, presorted and reversed input; bsearch hits and misses. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng = 88172645463325252ULL;
static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static unsigned long checksum(const int *v, size_t n)
{
	unsigned long h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 + (unsigned)v[i];
	return h;
}

int main(void)
{
	static int v[5000];
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 8, 16, 17, 100, 1000, 5000 };
	for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		size_t n = sizes[s];
		for (int kind = 0; kind < 4; kind++) {
			for (size_t i = 0; i < n; i++)
				v[i] = kind == 0 ? (int)(next() % 1000000) - 500000
				     : kind == 1 ? (int)(next() % 10)           /* many duplicates */
				     : kind == 2 ? (int)i                        /* sorted */
						 : (int)(n - i);                 /* reversed */
			qsort(v, n, sizeof v[0], cmp_int);
			int ok = 1;
			for (size_t i = 1; i < n; i++)
				ok &= v[i - 1] <= v[i];
			printf("n=%zu kind=%d sorted=%d sum=%lu", n, kind, ok, checksum(v, n));
			int found = 0, missed = 0;
			for (size_t i = 0; i < n; i += 1 + n / 50) {
				int key = v[i];
				int *p = bsearch(&key, v, n, sizeof v[0], cmp_int);
				found += p && *p == key;
				key = 1000001;
				missed += bsearch(&key, v, n, sizeof v[0], cmp_int) == NULL;
			}
			printf(" found=%d missed=%d\n", found, missed);
		}
	}
	int d[10] = { 5, 3, 9, 1, 7, 3, 8, 0, -4, 6 };
	qsort(d, 10, sizeof d[0], cmp_int_desc);
	for (int i = 0; i < 10; i++)
		printf("%d ", d[i]);
	putchar('\n');
	double dv[] = { 3.5, -1.25, 1e10, 0.0, -0.5, 2.0, 1e-10, -1e10 };
	qsort(dv, 8, sizeof dv[0], cmp_double);
	for (int i = 0; i < 8; i++)
		printf("%g ", dv[i]);
	putchar('\n');
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "apricot", "date", "Zebra", "apple2", "" };
	size_t nw = sizeof words / sizeof words[0];
	qsort(words, nw, sizeof words[0], cmp_str);
	for (size_t i = 0; i < nw; i++)
		printf("'%s' ", words[i]);
	putchar('\n');
	const char *key = "date", **hit = bsearch(&key, words, nw, sizeof words[0], cmp_str);
	printf("bsearch date -> index %td\n", hit ? hit - words : (ptrdiff_t)-1);
	key = "grape";
	printf("bsearch grape -> %s\n", bsearch(&key, words, nw, sizeof words[0], cmp_str) ? "found" : "not found");
	return 0;
}
