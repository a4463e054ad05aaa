/* Transcendental libm functions (sin, cos, tan, exp, log, pow, atan2...).
 * They are not correctly rounded, and glibc picks different code paths on
 * different hosts (FMA or not), so values are printed to 14 significant
 * digits, which any implementation within a few ulp gets right. */
#include <math.h>
#include <stdio.h>

static const double xs[] = { 0.0, 0.5, 1.0, -1.0, 2.0, 3.0, 0.1, 0.7853981633974483, 1.5707963267948966,
			     3.141592653589793, 10.0, -10.0, 100.0, 1e-8, 0.999, 1.001, 7.25, -0.3 };
#define N (sizeof xs / sizeof xs[0])

/* %.14g, but a NaN prints as "nan": its sign is the arch's default NaN's
 * (set on x86, clear on RISC-V). */
static const char *G(double x)
{
	static char buf[8][40];
	static unsigned k;
	char *b = buf[k++ % 8];
	if (isnan(x))
		return "nan";
	snprintf(b, sizeof buf[0], "%.14g", x);
	return b;
}

#define P(name, expr) printf("%-6s(%-22.17g) = %s\n", name, x, G(expr))

int main(void)
{
	for (unsigned i = 0; i < N; i++) {
		volatile double x = xs[i];
		P("sin", sin(x));
		P("cos", cos(x));
		P("tan", tan(x));
		P("atan", atan(x));
		P("sinh", sinh(x));
		P("cosh", cosh(x));
		P("tanh", tanh(x));
		P("asinh", asinh(x));
		P("exp", exp(x));
		P("exp2", exp2(x));
		P("expm1", expm1(x));
		P("cbrt", cbrt(x));
		P("erf", erf(x));
		if (fabs(x) <= 1) {
			P("asin", asin(x));
			P("acos", acos(x));
			P("atanh", fabs(x) < 1 ? atanh(x) : 0);
		}
		if (x > 0) {
			P("log", log(x));
			P("log2", log2(x));
			P("log10", log10(x));
			P("log1p", log1p(x));
			P("lgamma", lgamma(x));
			P("tgamma", tgamma(x));
			P("acosh", x >= 1 ? acosh(x) : 0);
		}
		for (unsigned j = 0; j < N; j += 4) {
			volatile double y = xs[j];
			printf("pow(%g, %g) = %s\n", x, y, G(pow(x, y)));
			printf("atan2(%g, %g) = %s\n", x, y, G(atan2(x, y)));
			printf("hypot(%g, %g) = %s\n", x, y, G(hypot(x, y)));
		}
		printf("sinf/expf/logf(%g) = %.6g %.6g %.6g\n", x, sinf((float)x), expf((float)x),
		       x > 0 ? logf((float)x) : 0.0f);
	}
	/* Exact cases the C standard (Annex F) pins down. */
	volatile double z = 0.0, inf = INFINITY;
	printf("pow(x,0)=%g pow(1,nan)=%g pow(-1,inf)=%g pow(0,-1)=%g pow(-0,-1)=%g pow(-8,1/3.)isnan=%d\n",
	       pow(12.5 + z, 0), pow(1 + z, NAN), pow(-1 + z, inf), pow(z, -1), pow(-z, -1), isnan(pow(-8 + z, 1 / 3.)));
	printf("exp(-inf)=%g exp(inf)=%g log(0)=%g log(1)=%g log(-1)isnan=%d exp(1000)=%g exp(-1000)=%g\n",
	       exp(-inf), exp(inf), log(z), log(1 + z), isnan(log(-1 + z)), exp(1000 + z), exp(-1000 + z));
	printf("sin(-0)=%g atan2(0,-0)=%.14g atan2(-0,-1)=%.14g tanh(inf)=%g\n", sin(-z), atan2(z, -z), atan2(-z, -1),
	       tanh(inf));
	printf("pow(2,10)=%.17g pow(2,-3)=%.17g pow(10,15)=%.17g sqrt(2)^2=%.17g\n", pow(2 + z, 10), pow(2 + z, -3),
	       pow(10 + z, 15), sqrt(2 + z) * sqrt(2 + z));
	return 0;
}
