/* Deep recursion and big stack frames: a 100000-deep non-tail recursion,
 * mutual recursion, Ackermann, a 1 MiB local array touched page by page
 * (the stack grows down through fresh pages), and alloca. */
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t depth_sum(unsigned n)
{
	volatile unsigned char pad[16]; /* keep a frame per call, even at -O2 */
	pad[n % 16] = (unsigned char)n;
	if (n == 0)
		return 0;
	return n + depth_sum(n - 1) + pad[n % 16] - (unsigned char)n;
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n)
{
	volatile int keep = 0; /* defeat tail-call conversion into a loop */
	return n == 0 ? keep : is_even(n - 1) + keep;
}

static unsigned long ack(unsigned long m, unsigned long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static uint64_t big_frame(unsigned seed)
{
	volatile unsigned char buf[1 << 20];
	for (unsigned i = 0; i < sizeof buf; i += 4096)
		buf[i] = (unsigned char)(i / 4096 + seed);
	buf[sizeof buf - 1] = 7;
	uint64_t s = 0;
	for (unsigned i = 0; i < sizeof buf; i += 4096)
		s += buf[i];
	return s + buf[sizeof buf - 1];
}

__attribute__((noinline)) static unsigned frames_with_arrays(unsigned n)
{
	char local[2000];
	memset(local, (int)n, sizeof local);
	if (n == 0)
		return (unsigned char)local[1999];
	return frames_with_arrays(n - 1) + (unsigned char)local[n % 2000];
}

__attribute__((noinline)) static unsigned use_alloca(unsigned n)
{
	unsigned char *p = alloca(n);
	for (unsigned i = 0; i < n; i++)
		p[i] = (unsigned char)i;
	unsigned s = 0;
	for (unsigned i = 0; i < n; i += 97)
		s += p[i];
	return s;
}

int main(void)
{
	printf("depth_sum(100000) = %llu\n", (unsigned long long)depth_sum(100000));
	printf("is_even(50001) = %d, is_odd(50001) = %d\n", is_even(50001), is_odd(50001));
	printf("ack(2, 300) = %lu, ack(3, 5) = %lu\n", ack(2, 300), ack(3, 5));
	printf("big_frame = %llu\n", (unsigned long long)big_frame(3));
	printf("frames_with_arrays(1000) = %u\n", frames_with_arrays(1000));
	printf("alloca: %u %u %u\n", use_alloca(10), use_alloca(100000), use_alloca(500000));
	return 0;
}
