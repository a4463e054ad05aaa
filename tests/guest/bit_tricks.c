/* Bit manipulation: popcount, clz, ctz, ffs, parity, bswap 16/32/64,
 * rotates, bit reversal, sign tricks, and a bitset sieve.  Without Zbb the
 * compiler emits loops or libgcc calls; the Zbb build of FERRY_CHECK_FULL
 * emits cpop/clz/ctz/rev8/rol/ror instead. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t rol64(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> (-r & 63)); }
static uint32_t ror32(uint32_t x, unsigned r) { return (x >> (r & 31)) | (x << (-r & 31)); }

static uint32_t reverse32(uint32_t x)
{
	x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
	x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
	x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
	return __builtin_bswap32(x);
}

int main(void)
{
	static const uint64_t v[] = { 0, 1, 2, 3, 0x80, 0xff, 0x8000000000000000ULL, 0xffffffffffffffffULL,
				      0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0x00000000ffffffffULL,
				      0x5555555555555555ULL, 0x0000000100000000ULL, 0x7fffffff, 0x80000000 };
	for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
		volatile uint64_t x = v[i];
		uint32_t lo = (uint32_t)x;
		printf("%016" PRIx64 ": pop %2d/%2d clz %2d/%2d ctz %2d/%2d ffs %2d parity %d bswap %016" PRIx64
		       " %08x %04x\n",
		       x, __builtin_popcountll(x), __builtin_popcount(lo), x ? __builtin_clzll(x) : 64,
		       lo ? __builtin_clz(lo) : 32, x ? __builtin_ctzll(x) : 64, lo ? __builtin_ctz(lo) : 32,
		       __builtin_ffsll((long long)x), __builtin_parityll(x), (uint64_t)__builtin_bswap64(x), __builtin_bswap32(lo),
		       __builtin_bswap16((uint16_t)x));
		printf("    rol 1 %016" PRIx64 " rol 13 %016" PRIx64 " rol 64 %016" PRIx64 " ror32 5 %08x rev %08x clrsb %d\n",
		       rol64(x, 1), rol64(x, 13), rol64(x, 64), ror32(lo, 5), reverse32(lo),
		       __builtin_clrsbll((long long)x));
		printf("    lowest set %016" PRIx64 " clear lowest %016" PRIx64 " next pow2 %016" PRIx64
		       " sext8 %" PRId64 " sext16 %" PRId64 " zext32 %" PRIu64 "\n",
		       x & -x, x & (x - 1), x && x <= (1ULL << 63) ? (x == 1 ? 1 : 1ULL << (64 - __builtin_clzll(x - 1))) : 0,
		       (int64_t)(int8_t)x, (int64_t)(int16_t)x, (uint64_t)(uint32_t)x);
	}
	/* andn/orn/xnor shapes, min/max, abs without branches */
	int64_t acc = 0;
	for (int64_t a = -50; a <= 50; a += 7)
		for (int64_t b = -50; b <= 50; b += 11) {
			int64_t mask = a >> 63;
			acc += (a & ~b) ^ (a | ~b) ^ ~(a ^ b);
			acc += ((a ^ mask) - mask) * 3 + (a < b ? a : b) * 5 + (a > b ? a : b) * 7;
			acc += (int64_t)((uint64_t)a < (uint64_t)b ? (uint64_t)a : (uint64_t)b) % 1000;
		}
	printf("logic checksum %" PRId64 "\n", acc);
	/* sieve of Eratosthenes in a bitset */
	enum { N = 200000 };
	static uint64_t composite[N / 64 + 1];
	for (uint64_t i = 2; i * i < N; i++)
		if (!(composite[i / 64] >> (i % 64) & 1))
			for (uint64_t j = i * i; j < N; j += i)
				composite[j / 64] |= 1ULL << (j % 64);
	int primes = 0;
	for (unsigned w = 0; w < N / 64 + 1; w++) {
		uint64_t word = ~composite[w];
		if (w == 0)
			word &= ~3ULL;
		if (w == N / 64)
			word &= (1ULL << (N % 64)) - 1;
		primes += __builtin_popcountll(word);
	}
	printf("primes below %d: %d\n", N, primes);
	return 0;
}
