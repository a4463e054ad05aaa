/* libm functions whose results IEEE 754 or C defines exactly, printed bit
 * for bit (%a): sqrt, fma, the rounding functions, fmod/remainder, frexp,
 * ldexp, modf, nextafter, copysign, fmin/fmax, and their float forms. */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double in[] = {
	0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.49999999999999994, -0.49999999999999994,
	1.0, 2.0, 3.0, 10.0, 1e-310, -1e-310, 4503599627370495.5, 4503599627370497.0, 1e300, -1e300,
	M_PI, -M_E, 0.1, 1e-5, 123456.789, -987654.321, DBL_MAX, DBL_MIN,
};
#define N (sizeof in / sizeof in[0])

/* %a of a value, but a NaN's sign is the arch's default (x86 sets it, RISC-V
 * does not), so NaNs print as plain "nan".  Rotating buffers let one printf
 * use several. */
static const char *A(double x)
{
	static char buf[8][40];
	static unsigned k;
	char *b = buf[k++ % 8];
	if (isnan(x))
		return "nan";
	snprintf(b, sizeof buf[0], "%a", x);
	return b;
}

static void show(const char *what, double x, double r) { printf("%-10s %-24a -> %s\n", what, x, A(r)); }

int main(void)
{
	volatile double v;  /* keep the compiler from folding the calls */
	for (unsigned i = 0; i < N; i++) {
		v = in[i];
		show("sqrt", v, sqrt(v));
		show("floor", v, floor(v));
		show("ceil", v, ceil(v));
		show("trunc", v, trunc(v));
		show("round", v, round(v));
		show("rint", v, rint(v));
		show("nearbyint", v, nearbyint(v));
		show("roundeven", v, roundeven(v));
		printf("%-10s %-24a -> %ld %lld %ld\n", "lrint", v, fabs(v) < 9e18 ? lrint(v) : 0L,
		       fabs(v) < 9e18 ? llrint(v) : 0LL, fabs(v) < 9e18 ? lround(v) : 0L);
		int e;
		double m = frexp(v, &e);
		printf("%-10s %-24a -> %a * 2^%d\n", "frexp", v, m, e);
		double ip, fp = modf(v, &ip);
		printf("%-10s %-24a -> %a + %a\n", "modf", v, ip, fp);
		show("ldexp+3", v, ldexp(v, 3));
		show("ldexp-1070", v, ldexp(v, -1070));
		show("scalbn+60", v, scalbn(v, 60));
		show("logb", v, v != 0 ? logb(v) : 0);
		printf("%-10s %-24a -> %d\n", "ilogb", v, v != 0 ? ilogb(v) : 0);
		show("nextup", v, nextafter(v, INFINITY));
		show("nextdown", v, nextafter(v, -INFINITY));
		show("fabs", v, fabs(v));
		show("copysign-", v, copysign(v, -1.0));
		for (unsigned j = 0; j < N; j += 3) {
			volatile double w = in[j];
			if (w != 0) {
				printf("fmod(%a, %a) = %s\n", v, w, A(fmod(v, w)));
				printf("remainder(%a, %a) = %s\n", v, w, A(remainder(v, w)));
				int q;
				double r = remquo(v, w, &q);
				printf("remquo(%a, %a) = %s q&7=%d\n", v, w, A(r), (q < 0 ? -q : q) & 7);
			}
			printf("fma(%a, %a, 1) = %s\n", v, w, A(fma(v, w, 1.0)));
			printf("fma(%a, %a, -x*y) = %s\n", v, w, A(fma(v, w, -(v * w))));
			/* Which zero fmin/fmax return for (-0, +0) is unspecified in C
			 * (x86 and RISC-V differ): the isa tests check RISC-V's rule. */
			if (v != 0 || w != 0)
				printf("fmin/fmax(%a, %a) = %s %s\n", v, w, A(fmin(v, w)), A(fmax(v, w)));
			printf("hypotish %s\n", A(sqrt(v * v + w * w)));
		}
	}
	/* float versions */
	static const float fin[] = { 0.0f, 2.0f, 0.1f, 1.5f, -2.5f, 1e-40f, 3.4e38f, 16777215.5f, 1.1754944e-38f };
	for (unsigned i = 0; i < sizeof fin / sizeof fin[0]; i++) {
		volatile float f = fin[i];
		printf("float %a: sqrtf %s floorf %a ceilf %a roundf %a rintf %a fmaf %a nextafterf %a\n", f,
		       A(sqrtf(f)), floorf(f), ceilf(f), roundf(f), rintf(f), fmaf(f, f, -1.0f), nextafterf(f, 1e30f));
	}
	/* special values */
	volatile double inf = INFINITY, nan = NAN, z = 0.0;
	printf("sqrt(-1) isnan %d, sqrt(-0) = %a, sqrt(inf) = %a\n", isnan(sqrt(-1.0 + z)), sqrt(-z), sqrt(inf));
	printf("fmod(inf,1) isnan %d, fmod(1,0) isnan %d, fmod(1,inf) = %a\n", isnan(fmod(inf, 1)),
	       isnan(fmod(1, z)), fmod(1, inf));
	printf("fmin(nan,1) = %a, fmax(1,nan) = %a, fmin(-1,-0) = %a\n", fmin(nan, 1), fmax(1, nan), fmin(-1, -z));
	printf("fma(inf,0,1) isnan %d, fma(2,3,inf) = %a\n", isnan(fma(inf, z, 1)), fma(2, 3, inf));
	printf("floor(-inf) = %a, round(nan) isnan %d, trunc(-0.3) = %a\n", floor(-inf), isnan(round(nan)),
	       trunc(-0.3 + z));
	printf("classify: %d %d %d %d %d\n", fpclassify(z) == FP_ZERO, fpclassify(1e-310 + z) == FP_SUBNORMAL,
	       fpclassify(inf) == FP_INFINITE, fpclassify(nan) == FP_NAN, fpclassify(1.0 + z) == FP_NORMAL);
	return 0;
}
