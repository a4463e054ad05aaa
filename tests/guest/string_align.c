/* memcpy, memmove, memset, memcmp, memchr at every source and destination
 * alignment 0..15 and every length 0..72 (plus a few long ones), checked
 * against byte-by-byte reference loops; guard bytes around the destination
 * must stay untouched.  glibc's versions use word accesses and unaligned
 * heads and tails, so this exercises loads and stores of every width. */
#include <stdio.h>
#include <string.h>

#define MAXLEN 72
#define BUF (32 + 16 + 4097 + 32)

static unsigned char src[BUF], dst[BUF], ref[BUF];

static void pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)((i * 131 + seed * 7 + (i >> 3)) ^ 0x5a);
}

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void)
{
	static const size_t longs[] = { 127, 128, 129, 255, 256, 1000, 4095, 4096, 4097 };
	unsigned long fails[6] = { 0 }, checks = 0;
	size_t lens[MAXLEN + 1 + sizeof longs / sizeof longs[0]];
	unsigned nl = 0;
	for (size_t n = 0; n <= MAXLEN; n++)
		lens[nl++] = n;
	for (unsigned i = 0; i < sizeof longs / sizeof longs[0]; i++)
		lens[nl++] = longs[i];

	for (unsigned li = 0; li < nl; li++) {
		size_t n = lens[li];
		/* long lengths: fewer alignments, to keep the run short */
		unsigned amax = n > MAXLEN ? 4 : 16;
		/* only the window the operation may touch, plus guard bytes */
		size_t W = 32 + 16 + n + 32;
		for (unsigned sa = 0; sa < amax; sa++) {
			for (unsigned da = 0; da < amax; da++) {
				pattern(src, W, (unsigned)n + sa);
				pattern(dst, W, 99);
				memcpy(ref, dst, W);
				/* memcpy */
				memcpy(dst + 32 + da, src + sa, n);
				for (size_t i = 0; i < n; i++)
					ref[32 + da + i] = src[sa + i];
				fails[0] += memcmp(dst, ref, W) != 0;
				/* memset */
				memset(dst + 32 + da, (int)(n + sa) & 0xff, n);
				for (size_t i = 0; i < n; i++)
					ref[32 + da + i] = (unsigned char)(n + sa);
				fails[1] += memcmp(dst, ref, W) != 0;
				/* memmove, overlapping both ways */
				pattern(dst, W, 5);
				memcpy(ref, dst, W);
				memmove(dst + 32 + da, dst + 32 + sa, n);
				memmove(ref + 32 + da, ref + 32 + sa, 0); /* no-op, must be allowed */
				{
					unsigned char tmp[BUF];
					for (size_t i = 0; i < n; i++)
						tmp[i] = ref[32 + sa + i];
					for (size_t i = 0; i < n; i++)
						ref[32 + da + i] = tmp[i];
				}
				fails[2] += memcmp(dst, ref, W) != 0;
				/* memcmp: equal, and a difference at every position class */
				pattern(dst, W, 7);
				memcpy(dst + da, src + sa, n);
				int r = memcmp(dst + da, src + sa, n);
				fails[3] += r != 0;
				if (n) {
					size_t pos = (n * 7 + sa) % n;
					dst[da + pos] ^= 0x80; /* high bit: memcmp compares unsigned */
					int want = dst[da + pos] > src[sa + pos] ? 1 : -1;
					fails[3] += sign(memcmp(dst + da, src + sa, n)) != want;
					fails[3] += sign(memcmp(src + sa, dst + da, n)) != -want;
					/* memchr finds the first occurrence */
					unsigned char c = src[sa + pos];
					unsigned char *p = memchr(src + sa, c, n), *q = NULL;
					for (size_t i = 0; i < n && !q; i++)
						if (src[sa + i] == c)
							q = src + sa + i;
					fails[4] += p != q;
					fails[4] += memchr(src + sa, c, pos) != (q < src + sa + pos ? q : NULL);
				}
				/* bzero/explicit lengths through memset(0) */
				memset(dst + da, 0, n);
				size_t z = 0;
				while (z < n && dst[da + z] == 0)
					z++;
				fails[5] += z != n;
				checks++;
			}
		}
	}
	printf("checks %lu\n", checks);
	printf("memcpy fails %lu\nmemset fails %lu\nmemmove fails %lu\nmemcmp fails %lu\nmemchr fails %lu\n"
	       "zero fails %lu\n",
	       fails[0], fails[1], fails[2], fails[3], fails[4], fails[5]);
	return 0;
}
