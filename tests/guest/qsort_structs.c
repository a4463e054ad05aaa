/* qsort of structs by several keys (name, then age descending, then id),
 * and a stable merge sort checked against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person {
	char name[12];
	int age;
	unsigned id;
	double score;
};

static int by_name_age(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->age != y->age)
		return y->age - x->age;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_score(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	return (x->score > y->score) - (x->score < y->score);
}

/* Stable merge sort on score: equal scores keep their id order. */
static void msort(struct person *v, struct person *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	msort(v, tmp, h);
	msort(v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = by_score(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

int main(void)
{
	static const char *const names[] = { "ada", "bob", "cy", "dee", "eve", "fay", "gus" };
	enum { N = 300 };
	static struct person p[N], q[N], tmp[N];
	unsigned s = 12345;
	for (unsigned i = 0; i < N; i++) {
		s = s * 1103515245 + 12345;
		snprintf(p[i].name, sizeof p[i].name, "%s%u", names[(s >> 16) % 7], (s >> 8) % 3);
		p[i].age = (int)((s >> 4) % 60) + 18;
		p[i].id = i;
		p[i].score = (double)((s >> 20) % 50) / 4.0;
	}
	memcpy(q, p, sizeof p);
	qsort(p, N, sizeof p[0], by_name_age);
	for (unsigned i = 0; i < N; i += 7)
		printf("%-6s %2d %3u %5.2f\n", p[i].name, p[i].age, p[i].id, p[i].score);
	int ok = 1;
	for (unsigned i = 1; i < N; i++)
		ok &= by_name_age(&p[i - 1], &p[i]) <= 0;
	printf("ordered: %d\n", ok);
	msort(q, tmp, N);
	ok = 1;
	for (unsigned i = 1; i < N; i++)
		ok &= q[i - 1].score < q[i].score || (q[i - 1].score == q[i].score && q[i - 1].id < q[i].id);
	printf("stable by score: %d first %u last %u\n", ok, q[0].id, q[N - 1].id);
	return 0;
}
