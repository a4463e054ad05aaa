/* printf of doubles and floats: every conversion (%f %e %g %a), precisions,
 * flags, and the edge values inf, nan, -0, denormals, DBL_MAX/MIN. */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const char *const fmts[] = {
	"%f", "%.0f", "%.1f", "%.3f", "%.10f", "%.17f", "%#.0f", "%+f", "% f", "%12.4f", "%-12.4f|", "%012.4f",
	"%e", "%.0e", "%.3e", "%.16e", "%#.0e", "%+E", "%15.3e", "%-15.3E|",
	"%g", "%.0g", "%.1g", "%.3g", "%.10g", "%.17g", "%#g", "%#.3g", "%G", "%+g", "%10g",
	"%a", "%A", "%.0a", "%.1a", "%.3a", "%.13a", "%+a", "%20a",
};

static const double vals[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 100.0, 123456789.0, 1e15, 1e16, 1e17,
	1e21, 1e22, 1e-5, 1e-4, 1.5e-7, 3.14159265358979323846, 2.718281828459045, 0.125, 0.25,
	9.5, 10.5, 0.05, 0.15, 0.25, 0.35, 2.5, 3.5, 1e100, 1e-100, 1e300, -1e300,
	DBL_MAX, -DBL_MAX, DBL_MIN, DBL_EPSILON, 4.9406564584124654e-324, 2.2250738585072009e-308,
	1.0000000000000002, 0.9999999999999999, 65536.0, 4294967296.0, 9007199254740993.0,
};

int main(void)
{
	double special[] = { INFINITY, -INFINITY, NAN, -NAN };
	for (unsigned v = 0; v < sizeof vals / sizeof vals[0]; v++) {
		printf("value %u:\n", v);
		for (unsigned f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
			printf("  %-9s ", fmts[f]);
			printf(fmts[f], vals[v]);
			putchar('\n');
		}
	}
	for (unsigned v = 0; v < 4; v++) {
		/* The sign of a NaN is printed by glibc; NAN and -NAN are built
		 * explicitly so their signs do not depend on the arch's default NaN. */
		double x = v == 2 ? copysign(NAN, 1.0) : v == 3 ? copysign(NAN, -1.0) : special[v];
		printf("special %u: %f %e %g %a %F %E %G %A |%8f|%-8f|%+f\n", v, x, x, x, x, x, x, x, x, x, x, x);
	}
	/* floats are promoted to double through varargs */
	float fv[] = { 1.1f, 16777217.0f, 3.4028235e38f, 1.17549435e-38f, 1.4e-45f, -0.0f, 0.3f };
	for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++)
		printf("float %u: %.9g %a %.3e %f\n", i, fv[i], fv[i], fv[i], fv[i]);
	/* width and precision from arguments */
	for (int w = 0; w < 20; w += 5)
		for (int p = 0; p < 18; p += 6)
			printf("[%*.*f] [%*.*e] [%-*.*g]\n", w, p, M_PI, w, p, -M_E, w, p, 1.0 / 7);
	/* snprintf truncation returns the full length */
	char small[8];
	int n = snprintf(small, sizeof small, "%.10f", M_PI);
	printf("snprintf %d '%s'\n", n, small);
	return 0;
}
