/* Variadic functions: ints, longs, doubles and pointers mixed, more
 * arguments than registers (stack-passed), va_copy, vsnprintf, and a
 * struct passed through varargs. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct pair {
	int a;
	double b;
};

/* fmt letters: i int, l long long, d double, s string, p pair */
static void show(const char *fmt, ...)
{
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i': printf("i:%d ", va_arg(ap, int)); break;
		case 'l': printf("l:%lld ", va_arg(ap, long long)); break;
		case 'd': printf("d:%.17g ", va_arg(ap, double)); break;
		case 's': printf("s:%s ", va_arg(ap, const char *)); break;
		case 'p': {
			struct pair p = va_arg(ap, struct pair);
			printf("p:{%d,%g} ", p.a, p.b);
			break;
		}
		}
	}
	/* the copy walks the same arguments again */
	int n = 0;
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i': n += va_arg(copy, int) != 0; break;
		case 'l': n += va_arg(copy, long long) != 0; break;
		case 'd': n += va_arg(copy, double) != 0; break;
		case 's': n += va_arg(copy, const char *) != NULL; break;
		case 'p': n += va_arg(copy, struct pair).a != 0; break;
		}
	}
	va_end(copy);
	va_end(ap);
	printf("(nonzero %d)\n", n);
}

static long long sum(int count, ...)
{
	va_list ap;
	va_start(ap, count);
	long long s = 0;
	for (int i = 0; i < count; i++)
		s += va_arg(ap, long long);
	va_end(ap);
	return s;
}

static double dsum(int count, ...)
{
	va_list ap;
	va_start(ap, count);
	double s = 0;
	for (int i = 0; i < count; i++)
		s += va_arg(ap, double);
	va_end(ap);
	return s;
}

static int fmt(char *buf, size_t n, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int r = vsnprintf(buf, n, f, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	struct pair pr = { 7, 2.5 };
	show("iii", 1, -2, 3);
	show("dddd", 0.1, -2.0, 1e300, 5e-324);
	show("idldsi", 1, 2.5, 1LL << 40, -3.75, "mid", -9);
	show("ididididididididid", 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5);
	show("pip", pr, 4, pr);
	show("llllllllllll", 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL, 8LL, 9LL, 10LL, 11LL, INT64_MIN);
	printf("sum %lld\n", sum(12, 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL, 8LL, 9LL, 10LL, 11LL, 1LL << 50));
	printf("dsum %.17g\n", dsum(10, 0.5, 0.25, 0.125, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 1e-3));
	char buf[64];
	int r = fmt(buf, sizeof buf, "%s-%d-%.3f-%c-%lx", "abc", -12, 3.14159, 'z', 0xdeadbeefUL);
	printf("vsnprintf %d '%s'\n", r, buf);
	r = fmt(buf, 5, "%d", 123456789);
	printf("truncated %d '%s'\n", r, buf);
	return 0;
}
