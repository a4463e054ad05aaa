/* Integer arithmetic edge cases: signed division and remainder rounding
 * toward zero, division by -1 and of the most negative value (defined
 * cases only), unsigned wraparound, overflow builtins, shifts, widening
 * multiplies and 128-bit arithmetic through __int128. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static void p128(const char *name, unsigned __int128 v)
{
	char buf[48];
	int i = 47;
	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	printf("%s %s\n", name, buf + i);
}

static void ps128(const char *name, __int128 v)
{
	if (v < 0) {
		char n[64];
		snprintf(n, sizeof n, "%s -", name);
		p128(n, (unsigned __int128)(-(v + 1)) + 1);
	} else {
		p128(name, (unsigned __int128)v);
	}
}

int main(void)
{
	static const int64_t a[] = { 7, -7, 0, 1, -1, 100, INT64_MAX, INT64_MIN, INT32_MAX, INT32_MIN, 12345678901LL };
	static const int64_t b[] = { 2, -2, 3, -3, 1, -1, 7, INT64_MAX, INT64_MIN, 1000000007 };
	for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++)
		for (unsigned j = 0; j < sizeof b / sizeof b[0]; j++) {
			volatile int64_t x = a[i], y = b[j];
			if (y == -1 && x == INT64_MIN)
				continue; /* the one undefined case */
			printf("%" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "; unsigned %" PRIu64 " %% %" PRIu64
			       " = %" PRIu64 " / %" PRIu64 "\n",
			       x, y, x / y, x % y, (uint64_t)x, (uint64_t)y, (uint64_t)x % (uint64_t)y,
			       (uint64_t)x / (uint64_t)y);
			int32_t x32 = (int32_t)x, y32 = (int32_t)y;
			if (y32 != 0 && !(y32 == -1 && x32 == INT32_MIN))
				printf("  32-bit: %d / %d = %d rem %d; unsigned %u / %u = %u rem %u\n", x32, y32, x32 / y32,
				       x32 % y32, (uint32_t)x32, (uint32_t)y32, (uint32_t)x32 / (uint32_t)y32,
				       (uint32_t)x32 % (uint32_t)y32);
		}
	/* wraparound is defined for unsigned types */
	volatile uint64_t umax = UINT64_MAX;
	volatile uint32_t u32max = UINT32_MAX;
	printf("wrap: %" PRIu64 " %" PRIu64 " %u %u\n", umax + 1, 0 - umax, u32max + 1u, u32max * u32max);
	volatile uint16_t u16 = 65535;
	volatile uint8_t u8 = 255;
	u16++;
	u8 += 2;
	printf("narrow wrap: %u %u\n", u16, u8);
	/* overflow detection */
	int64_t r;
	int o1 = __builtin_add_overflow((int64_t)INT64_MAX, 1, &r);
	int o2 = __builtin_mul_overflow((int64_t)3037000500LL, 3037000500LL, &r);
	int o3 = __builtin_sub_overflow((int64_t)INT64_MIN, 1, &r);
	int32_t r32;
	int o4 = __builtin_mul_overflow(65536, 32768, &r32);
	int o5 = __builtin_add_overflow(1, 2, &r32);
	uint64_t ur;
	int o6 = __builtin_mul_overflow((uint64_t)1 << 32, (uint64_t)1 << 32, &ur);
	printf("overflow flags %d %d %d %d %d(%d) %d\n", o1, o2, o3, o4, o5, r32, o6);
	/* shifts */
	volatile int64_t neg = -1234567;
	volatile uint64_t bits = 0x8000000000000001ULL;
	for (int s = 0; s < 64; s += 7)
		printf("shift %2d: %" PRId64 " %" PRIx64 " %" PRIx64 " %x\n", s, neg >> s, bits >> s, bits << s,
		       (uint32_t)bits << (s & 31));
	/* sign and zero extension */
	volatile int8_t i8 = -5;
	volatile int16_t i16 = -300;
	volatile int32_t i32 = -70000;
	volatile uint32_t u32 = 0x80000000u;
	printf("extend: %" PRId64 " %" PRId64 " %" PRId64 " %" PRIu64 " %" PRId64 " %" PRIx64 "\n", (int64_t)i8,
	       (int64_t)i16, (int64_t)i32, (uint64_t)u32, (int64_t)(int32_t)u32, (uint64_t)(uint8_t)i8);
	/* 128-bit */
	volatile uint64_t m1 = 0xfedcba9876543210ULL, m2 = 0x0123456789abcdefULL;
	unsigned __int128 prod = (unsigned __int128)m1 * m2;
	printf("umul128 hi %016" PRIx64 " lo %016" PRIx64 "\n", (uint64_t)(prod >> 64), (uint64_t)prod);
	volatile int64_t s1 = -0x123456789abcdefLL, s2 = 0x7edcba987654321LL;
	__int128 sprod = (__int128)s1 * s2;
	printf("smul128 hi %016" PRIx64 " lo %016" PRIx64 "\n", (uint64_t)((unsigned __int128)sprod >> 64),
	       (uint64_t)sprod);
	__int128 mixed = (__int128)(int64_t)-1 * (unsigned __int128)UINT64_MAX;
	ps128("mixed -1 * 2^64-1 =", mixed);
	unsigned __int128 f = 1;
	for (int i = 1; i <= 34; i++)
		f *= (unsigned)i;
	p128("34! =", f);
	p128("34! / 10^20 =", f / ((unsigned __int128)10000000000ULL * 10000000000ULL));
	p128("34! % 1000000007 =", f % 1000000007u);
	ps128("-(2^100) / 3 =", -((__int128)1 << 100) / 3);
	ps128("-(2^100) % 7 =", -((__int128)1 << 100) % 7);
	p128("2^128-1 =", ~(unsigned __int128)0);
	/* mulhi via __int128 as compilers emit mulh/mulhu/mulhsu */
	static const int64_t hv[] = { -1, 1, INT64_MIN, INT64_MAX, -12345, 0x100000000LL };
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 6; j++) {
			volatile int64_t x = hv[i], y = hv[j];
			printf("mulh %" PRId64 " %" PRId64 " -> %" PRId64 " %" PRIu64 "\n", x, y,
			       (int64_t)(((__int128)x * y) >> 64),
			       (uint64_t)(((unsigned __int128)(uint64_t)x * (uint64_t)y) >> 64));
		}
	/* abs, min/max idioms, and division by constants (magic numbers) */
	uint64_t acc = 0; /* unsigned: the sum wraps, which is defined */
	for (int64_t x = -100000; x <= 100000; x += 37)
		acc += (uint64_t)(x / 3 + x / 7 + x % 10 + x / 1000 + (x < 0 ? -x : x) / 13) + (uint64_t)x / 6;
	printf("division-by-constant checksum %" PRIu64 "\n", acc);
	return 0;
}
