/* Function pointers: dispatch tables, callbacks with context, pointers
 * returned from functions, recursion through a pointer, comparison of
 * pointers to the same function, and indirect calls in a hot loop. */
#include <stdio.h>
#include <stdlib.h>

typedef long (*binop)(long, long);
static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul(long a, long b) { return a * b; }
static long divide(long a, long b) { return b ? a / b : 0; }
static long maxf(long a, long b) { return a > b ? a : b; }
static const binop table[] = { add, sub, mul, divide, maxf };
static const char *const names[] = { "add", "sub", "mul", "div", "max" };

static binop pick(const char *name)
{
	for (unsigned i = 0; i < 5; i++) {
		const char *a = names[i], *b = name;
		while (*a && *a == *b)
			a++, b++;
		if (!*a && !*b)
			return table[i];
	}
	return NULL;
}

typedef void (*visitor)(int value, void *ctx);
static void each(const int *v, int n, visitor f, void *ctx)
{
	for (int i = 0; i < n; i++)
		f(v[i], ctx);
}
static void summer(int v, void *ctx) { *(long *)ctx += v; }
static void maxer(int v, void *ctx)
{
	if (v > *(int *)ctx)
		*(int *)ctx = v;
}

typedef long (*fact_fn)(void *self, long n);
static long fact(void *self, long n) { return n <= 1 ? 1 : n * ((fact_fn)self)(self, n - 1); }

static double twice(double x) { return 2 * x; }
static double square(double x) { return x * x; }
static double (*choose(int k))(double) { return k ? square : twice; }

static int up(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int down(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }

int main(void)
{
	for (unsigned i = 0; i < 5; i++)
		printf("%s(17, 5) = %ld\n", names[i], table[i](17, 5));
	binop f = pick("mul");
	printf("pick(mul) == mul: %d, pick(nope) == NULL: %d, result %ld\n", f == mul, pick("nope") == NULL, f(-6, 7));
	int v[] = { 4, -9, 16, 25, 0, 3 };
	long sum = 0;
	int mx = -1000;
	each(v, 6, summer, &sum);
	each(v, 6, maxer, &mx);
	printf("sum %ld max %d\n", sum, mx);
	printf("fact(20) via self pointer = %ld\n", fact((void *)fact, 20));
	printf("choose(0)(21) = %g, choose(1)(1.5) = %g\n", choose(0)(21), choose(1)(1.5));
	/* hot loop of indirect calls with a changing target */
	long acc = 1;
	for (long i = 0; i < 300000; i++)
		acc = table[i % 5](acc, (i % 7) + 1) % 1000003;
	printf("indirect loop acc %ld\n", acc);
	/* qsort with a comparator picked at run time */
	int (*cmps[2])(const void *, const void *);
	cmps[0] = up;
	cmps[1] = down;
	for (int k = 0; k < 2; k++) {
		qsort(v, 6, sizeof v[0], cmps[k]);
		printf("sorted %d:", k);
		for (int i = 0; i < 6; i++)
			printf(" %d", v[i]);
		printf("\n");
	}
	return 0;
}
