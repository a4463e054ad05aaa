/* Double-precision numerics with exactly defined IEEE results (no fused
 * multiply-add: built with -ffp-contract=off): matrix multiply, LU
 * decomposition with partial pivoting, a linear solve, Newton iterations
 * and a Kahan sum, printed with %.17g / %a. */
#include <math.h>
#include <stdio.h>

#define N 24

static double A[N][N], B[N][N], C[N][N], LU[N][N];

int main(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = 1.0 / (i + j + 1) + (i == j ? N : 0);
			B[i][j] = (double)((i * 7 + j * 13) % 17) / 8.0 - 1.0;
		}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			double s = 0;
			for (int k = 0; k < N; k++)
				s += A[i][k] * B[k][j];
			C[i][j] = s;
		}
	double tr = 0;
	for (int i = 0; i < N; i++)
		tr += C[i][i];
	printf("trace(AB) = %.17g (%a)\n", tr, tr);
	printf("C[3][5] = %.17g C[23][0] = %.17g\n", C[3][5], C[N - 1][0]);

	/* LU with partial pivoting of A, then solve A x = b with b = A * ones */
	int piv[N];
	for (int i = 0; i < N; i++) {
		piv[i] = i;
		for (int j = 0; j < N; j++)
			LU[i][j] = A[i][j];
	}
	for (int k = 0; k < N; k++) {
		int p = k;
		for (int i = k + 1; i < N; i++)
			if (fabs(LU[i][k]) > fabs(LU[p][k]))
				p = i;
		if (p != k) {
			for (int j = 0; j < N; j++) {
				double t = LU[k][j];
				LU[k][j] = LU[p][j];
				LU[p][j] = t;
			}
			int t = piv[k];
			piv[k] = piv[p];
			piv[p] = t;
		}
		for (int i = k + 1; i < N; i++) {
			LU[i][k] /= LU[k][k];
			for (int j = k + 1; j < N; j++)
				LU[i][j] -= LU[i][k] * LU[k][j];
		}
	}
	double det = 1;
	for (int i = 0; i < N; i++)
		det *= LU[i][i];
	printf("det(A) = %.17g\n", det);
	double b[N], x[N], y[N];
	for (int i = 0; i < N; i++) {
		b[i] = 0;
		for (int j = 0; j < N; j++)
			b[i] += A[i][j];
	}
	for (int i = 0; i < N; i++) {
		y[i] = b[piv[i]];
		for (int j = 0; j < i; j++)
			y[i] -= LU[i][j] * y[j];
	}
	for (int i = N - 1; i >= 0; i--) {
		x[i] = y[i];
		for (int j = i + 1; j < N; j++)
			x[i] -= LU[i][j] * x[j];
		x[i] /= LU[i][i];
	}
	double err = 0;
	for (int i = 0; i < N; i++)
		err = fmax(err, fabs(x[i] - 1));
	printf("solve: x[0] = %a x[23] = %a max error %.3g\n", x[0], x[N - 1], err);

	/* Newton's method for sqrt and a cube root, iteration by iteration */
	double s = 1;
	for (int i = 0; i < 8; i++) {
		s = 0.5 * (s + 2 / s);
		printf("newton sqrt2 step %d: %a\n", i, s);
	}
	double c = 1;
	for (int i = 0; i < 40; i++)
		c = c - (c * c * c - 10) / (3 * c * c);
	printf("cbrt(10) by newton %.17g\n", c);

	/* naive vs Kahan summation of a series */
	double naive = 0, sum = 0, comp = 0;
	for (int i = 1; i <= 200000; i++) {
		double term = 1.0 / ((double)i * i);
		naive += term;
		double yv = term - comp;
		double t = sum + yv;
		comp = (t - sum) - yv;
		sum = t;
	}
	printf("sum 1/n^2: naive %.17g kahan %.17g\n", naive, sum);
	/* float accumulation behaves differently from double */
	float fs = 0;
	for (int i = 0; i < 100000; i++)
		fs += 0.1f;
	printf("float sum of 0.1 x 100000: %.9g\n", fs);
	return 0;
}
