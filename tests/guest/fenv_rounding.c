/* The floating-point environment: arithmetic and conversions in all four C
 * rounding modes (fesetround), and the exception flags after operations.
 * -frounding-math: without it GCC inlines rint() in a way only right when
 * rounding to nearest (x86-64: fabs, add 2^52, copysign).
 * TEST-CFLAGS: -frounding-math */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
static const char *const names[] = { "nearest", "upward", "downward", "towardzero" };

static void flags(const char *what)
{
	int f = fetestexcept(FE_ALL_EXCEPT);
	printf("  %-22s flags:%s%s%s%s%s\n", what, f & FE_INEXACT ? " inexact" : "", f & FE_UNDERFLOW ? " underflow" : "",
	       f & FE_OVERFLOW ? " overflow" : "", f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_INVALID ? " invalid" : "");
	feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
	volatile double one = 1.0, three = 3.0, tiny = 1e-300, big = 1e300, zero = 0.0;
	volatile float fone = 1.0f, fthree = 3.0f;
	static const double rvals[] = { 2.5, -2.5, 3.5, 0.5, -0.5, 1.4999, -7.7, 1e16 + 2 };
	for (int m = 0; m < 4; m++) {
		if (fesetround(modes[m]) != 0) {
			printf("fesetround failed\n");
			return 1;
		}
		printf("mode %s (fegetround matches: %d)\n", names[m], fegetround() == modes[m]);
		printf("  1/3  = %a\n", one / three);
		printf("  -1/3 = %a\n", -one / three);
		printf("  2/3  = %a\n", (one + one) / three);
		printf("  1f/3f = %a\n", (double)(fone / fthree));
		printf("  1+2^-53 = %a\n", one + 0x1p-53);
		printf("  1-2^-54 = %a\n", one - 0x1p-54);
		printf("  sqrt(2) = %a\n", sqrt(one + one));
		printf("  big*big = %a\n", big * big);
		printf("  -big*big = %a\n", -big * big);
		printf("  tiny*tiny = %a\n", tiny * tiny);
		printf("  (float)0.1 = %a\n", (double)(float)(one / 10));
		printf("  (float)1e39 = %a\n", (double)(float)(big / 1e261));
		for (unsigned i = 0; i < sizeof rvals / sizeof rvals[0]; i++) {
			volatile double x = rvals[i];
			printf("  x=%-8g rint %g nearbyint %g lrint %ld llrint %lld lround %ld (long)x %ld\n", x, rint(x),
			       nearbyint(x), lrint(x), llrint(x), lround(x), (long)x);
		}
		feclearexcept(FE_ALL_EXCEPT);
		volatile double r;
		r = one / three;
		flags("1/3");
		r = one + one;
		flags("1+1");
		r = one / zero;
		flags("1/0");
		r = zero / zero;
		flags("0/0");
		r = big * big;
		flags("big*big");
		r = tiny * tiny;
		flags("tiny*tiny");
		r = sqrt(-one);
		flags("sqrt(-1)");
		r = 0x1p-1022 / 4;
		r = r * one;
		flags("exact subnormal");
		volatile long l = (long)(r + 1.5);
		(void)l;
		flags("(long)1.5");
		(void)r;
	}
	fesetround(FE_TONEAREST);
	/* fenv_t save/restore */
	fenv_t env;
	feclearexcept(FE_ALL_EXCEPT);
	fesetround(FE_UPWARD);
	fegetenv(&env);
	fesetround(FE_DOWNWARD);
	volatile double x = one / three;
	fesetenv(&env);
	printf("after fesetenv: upward %d, inexact cleared %d, x %a\n", fegetround() == FE_UPWARD,
	       !fetestexcept(FE_INEXACT), x);
	feholdexcept(&env);
	x = one / zero;
	printf("feholdexcept: divbyzero raised %d\n", fetestexcept(FE_DIVBYZERO) != 0);
	feupdateenv(&env);
	printf("after feupdateenv: upward %d, divbyzero kept %d\n", fegetround() == FE_UPWARD,
	       fetestexcept(FE_DIVBYZERO) != 0);
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	feraiseexcept(FE_OVERFLOW | FE_INEXACT);
	flags("feraiseexcept(OF|NX)");
	return 0;
}
