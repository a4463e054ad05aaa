/* Floating point: an n-body simulation in double (multiply, add, divide,
 * sqrt in dependent chains) and a 5-point Jacobi stencil in float (f32 loads,
 * stores and arithmetic: NaN-boxing on RISC-V).  Only +, -, *, / and sqrt,
 * which IEEE 754 rounds exactly, and run.sh builds with -ffp-contract=off,
 * so every host computes bit-identical results. */
#include <math.h>
#include <string.h>

#include "bench/bench.h"

enum { BODIES = 48 };

struct body {
	double x, y, z, vx, vy, vz, m;
};

static double energy(const struct body *b)
{
	double e = 0;
	for (int i = 0; i < BODIES; i++) {
		e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (int j = i + 1; j < BODIES; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
		}
	}
	return e;
}

static void nbody_step(struct body *b, double dt)
{
	for (int i = 0; i < BODIES; i++)
		for (int j = i + 1; j < BODIES; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			/* Softened so close encounters stay finite. */
			double d2 = dx * dx + dy * dy + dz * dz + 0.01;
			double mag = dt / (d2 * sqrt(d2));
			b[i].vx -= dx * b[j].m * mag, b[i].vy -= dy * b[j].m * mag, b[i].vz -= dz * b[j].m * mag;
			b[j].vx += dx * b[i].m * mag, b[j].vy += dy * b[i].m * mag, b[j].vz += dz * b[i].m * mag;
		}
	for (int i = 0; i < BODIES; i++)
		b[i].x += dt * b[i].vx, b[i].y += dt * b[i].vy, b[i].z += dt * b[i].vz;
}

static void print_double(const char *what, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, 8);
	printf("%s: %.17g (%016llx)\n", what, d, (unsigned long long)bits);
}

static void nbody_part(uint64_t steps, struct bench_rng *rng)
{
	static struct body b[BODIES];
	for (int i = 0; i < BODIES; i++) {
		/* One RNG draw per statement keeps the sequence order defined. */
		b[i].x = bench_unit(rng) * 10 - 5;
		b[i].y = bench_unit(rng) * 10 - 5;
		b[i].z = bench_unit(rng) * 10 - 5;
		b[i].vx = bench_unit(rng) - 0.5;
		b[i].vy = bench_unit(rng) - 0.5;
		b[i].vz = bench_unit(rng) - 0.5;
		b[i].m = 0.1 + bench_unit(rng);
	}
	print_double("nbody energy before", energy(b));
	for (uint64_t s = 0; s < steps; s++)
		nbody_step(b, 0.001);
	print_double("nbody energy after", energy(b));
}

enum { W = 256, H = 256 };

static void stencil_part(uint64_t iters, struct bench_rng *rng)
{
	static float g[2][H][W];
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			g[0][y][x] = g[1][y][x] = (float)bench_unit(rng);
	int cur = 0;
	for (uint64_t it = 0; it < iters; it++) {
		float(*s)[W] = g[cur], (*d)[W] = g[cur ^ 1];
		for (int y = 1; y < H - 1; y++)
			for (int x = 1; x < W - 1; x++)
				d[y][x] = 0.2f * (s[y][x] + s[y - 1][x] + s[y + 1][x] + s[y][x - 1] + s[y][x + 1]);
		/* A hot spot and a cold spot keep the field from going flat. */
		d[H / 3][W / 3] = 100.0f;
		d[2 * H / 3][2 * W / 3] = -50.0f;
		cur ^= 1;
	}
	double sum = 0, sq = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			sum += g[cur][y][x];
			sq += (double)g[cur][y][x] * g[cur][y][x];
		}
	print_double("stencil sum", sum);
	print_double("stencil sum of squares", sq);
	print_double("stencil centre", g[cur][H / 2][W / 2]);
}

int main(int argc, char **argv)
{
	double scale = bench_scale(argc, argv);
	struct bench_rng rng = { 5 };

	nbody_part(bench_count(24000, scale), &rng);
	stencil_part(bench_count(3000, scale), &rng);
	return 0;
}
