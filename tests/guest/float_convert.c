/* Conversions between integer and floating types, only where C defines
 * them: int <-> double/float in range, rounding of large integers to
 * double/float, truncation toward zero, uint64 values above 2^63, float
 * <-> double, and lrint/llrint/lround for the rounding conversions. */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	static const int64_t iv[] = { 0, 1, -1, 123456789, -987654321, INT32_MAX, INT32_MIN, (1LL << 53) + 1,
				      (1LL << 53) - 1, (1LL << 24) + 1, INT64_MAX, INT64_MIN, 0x7ffffffffffffe00LL,
				      -(1LL << 62) - 1 };
	for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
		volatile int64_t x = iv[i];
		printf("i64 %" PRId64 " -> double %a float %a; as i32 %d -> double %a float %a\n", x, (double)x,
		       (double)(float)x, (int32_t)x, (double)(int32_t)x, (double)(float)(int32_t)x);
	}
	static const uint64_t uv[] = { 0, 1, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x8000000000000401ULL,
				       0xfffffffffffff800ULL, UINT32_MAX, 0x80000000u };
	for (unsigned i = 0; i < sizeof uv / sizeof uv[0]; i++) {
		volatile uint64_t x = uv[i];
		printf("u64 %" PRIu64 " -> double %a float %a; as u32 %u -> double %a float %a\n", x, (double)x,
		       (double)(float)x, (uint32_t)x, (double)(uint32_t)x, (double)(float)(uint32_t)x);
	}
	/* double -> integer: truncation, all values in range */
	static const double dv[] = { 0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 1e9, -1e9, 2147483647.9,
				     -2147483648.9, 4294967295.5, 9.2233720368547748e18, -9.2233720368547758e18,
				     1.8446744073709550e19, 123456.789 };
	for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
		volatile double x = dv[i];
		printf("double %-24.17g ->", x);
		if (x > -2147483649.0 && x < 2147483648.0)
			printf(" i32 %d", (int32_t)x);
		if (x > -1.0 && x < 4294967296.0)
			printf(" u32 %u", (uint32_t)x);
		if (x >= -9223372036854775808.0 && x < 9223372036854775808.0)
			printf(" i64 %" PRId64, (int64_t)x);
		if (x > -1.0 && x < 18446744073709551616.0)
			printf(" u64 %" PRIu64, (uint64_t)x);
		if (fabs(x) < 9e18)
			printf(" lrint %ld llrint %lld lround %ld llround %lld", lrint(x), llrint(x), lround(x), llround(x));
		printf(" float %a\n", (double)(float)x);
	}
	static const float fv[] = { 0.5f, -0.5f, 1.5f, 16777216.0f, 16777217.0f, -3.99f, 2147483520.0f, 1e10f };
	for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
		volatile float x = fv[i];
		printf("float %-14.9g ->", x);
		if (x > -2147483649.0f && x < 2147483648.0f)
			printf(" i32 %d", (int32_t)x);
		printf(" i64 %" PRId64 " lrintf %ld lroundf %ld double %a\n", (int64_t)x, lrintf(x), lroundf(x), (double)x);
	}
	/* double -> float rounding and range */
	static const double nd[] = { 0.1, 1.0 / 3, 3.4028235677973366e38, 3.4028236e38, 1e39, 1.1754943508222875e-38,
				     1e-40, 1e-46, 0x1.000001p0, 0x1.0000018p0, 0x1.0000008p0, -0x1.0000018p0 };
	for (unsigned i = 0; i < sizeof nd / sizeof nd[0]; i++) {
		volatile double x = nd[i];
		printf("double %a -> float %a\n", x, (double)(float)x);
	}
	/* float -> double is exact, including subnormals */
	volatile float sub = 1e-45f, fmax_ = FLT_MAX;
	printf("float subnormal %a max %a\n", (double)sub, (double)fmax_);
	/* integer <-> float round trips over a range */
	long mismatches = 0;
	for (int32_t i = -3000000; i <= 3000000; i += 7) {
		volatile float f = (float)i;
		volatile double d = (double)i;
		mismatches += (int32_t)f != i || (int32_t)d != i;
	}
	printf("round trip mismatches %ld\n", mismatches);
	/* bool conversions */
	volatile double half = 0.5, zero = 0.0;
	_Bool b1 = half, b2 = zero, b3 = -zero;
	printf("bool: %d %d %d\n", b1, b2, b3);
	return 0;
}
