/* malloc/calloc/realloc/free under a deterministic random workload: many
 * sizes (0 to a few MB, across the mmap threshold), contents checked after
 * every realloc, frees in random, forward and reverse order, alignment of
 * malloc, memalign, posix_memalign and aligned_alloc. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint32_t next(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng >> 33);
}

static size_t rand_size(void)
{
	unsigned k = next() % 64;
	if (k < 16)
		return next() % 16;
	if (k < 40)
		return next() % 256;
	if (k < 56)
		return next() % 4096;
	if (k < 63)
		return next() % 32768;
	return 132000 + next() % 60000; /* above glibc's mmap threshold */
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

enum { SLOTS = 512 };
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static unsigned seed[SLOTS];

int main(void)
{
	int bad = 0, misaligned = 0;
	unsigned long ops = 0, bytes = 0;
	for (int round = 0; round < 6000; round++) {
		unsigned i = next() % SLOTS;
		if (ptr[i] && next() % 3 == 0) {
			size_t n = rand_size();
			unsigned char *q = realloc(ptr[i], n ? n : 1);
			if (!q) {
				printf("realloc failed\n");
				return 1;
			}
			size_t keep = n < len[i] ? n : len[i];
			bad += !check(q, keep, seed[i]);
			ptr[i] = q;
			len[i] = n;
			fill(q, n, seed[i]);
		} else if (ptr[i]) {
			bad += !check(ptr[i], len[i], seed[i]);
			free(ptr[i]);
			ptr[i] = NULL;
		} else {
			size_t n = rand_size();
			int use_calloc = next() % 4 == 0;
			ptr[i] = use_calloc ? calloc(n, 1) : malloc(n);
			if (!ptr[i] && n) {
				printf("allocation of %zu failed\n", n);
				return 1;
			}
			if (use_calloc)
				for (size_t k = 0; k < n; k++)
					bad += ptr[i][k] != 0;
			misaligned += ((uintptr_t)ptr[i] & 15) != 0;
			len[i] = n;
			seed[i] = next();
			fill(ptr[i], n, seed[i]);
			bytes += n;
		}
		ops++;
	}
	/* free half forward, half backward */
	for (unsigned i = 0; i < SLOTS / 2; i++)
		if (ptr[i]) {
			bad += !check(ptr[i], len[i], seed[i]);
			free(ptr[i]);
		}
	for (unsigned i = SLOTS; i-- > SLOTS / 2;)
		if (ptr[i]) {
			bad += !check(ptr[i], len[i], seed[i]);
			free(ptr[i]);
		}
	printf("ops %lu bytes %lu corrupt %d misaligned %d\n", ops, bytes, bad, misaligned);

	/* aligned allocation */
	for (size_t al = 16; al <= 65536; al *= 4) {
		void *a = memalign(al, 100), *b = NULL, *c = aligned_alloc(al, al * 3);
		int r = posix_memalign(&b, al, 1000);
		printf("align %6zu: memalign %d posix_memalign %d(%d) aligned_alloc %d\n", al,
		       ((uintptr_t)a % al) == 0, r == 0 && ((uintptr_t)b % al) == 0, r, ((uintptr_t)c % al) == 0);
		free(a);
		free(b);
		free(c);
	}
	void *z = malloc(0);
	free(z);
	printf("posix_memalign bad alignment -> %d\n", posix_memalign(&z, 3, 16) != 0);
	/* a big block, grown in place or moved, keeps its contents */
	unsigned char *big = malloc(1 << 20);
	fill(big, 1 << 20, 99);
	big = realloc(big, 8 << 20);
	printf("big realloc keeps contents %d\n", check(big, 1 << 20, 99));
	memset(big, 0xab, 8 << 20);
	big = realloc(big, 4096);
	printf("shrunk keeps contents %d\n", big[4095] == 0xab && big[0] == 0xab);
	free(big);
	/* calloc overflow must fail */
	printf("calloc overflow -> %s\n", calloc(SIZE_MAX / 2, 4) ? "non-null" : "NULL");
	return 0;
}
