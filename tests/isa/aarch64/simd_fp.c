/* Advanced SIMD floating point: lane-wise arithmetic with NaN propagation,
 * pairwise and across-lanes reductions (FADDP, FMAXNMV, FMINV: the halves
 * combined recursively), compares against registers and zero, by-element
 * multiply-accumulate, conversions (FCVTZS, SCVTF with fixed point, FCVTN,
 * FCVTL, FCVTXN rounding to odd), FRINT, estimates (FRECPE, FRSQRTE) and
 * the Newton-Raphson steps (FRECPS, FRSQRTS), FPSR flags per operation. */
#include "isa.h"

/* four floats: 1.0, -2.5, qNaN, 0x1p-130 (subnormal) / doubles: 3.0, sNaN */
static const v128 A = {0xc02000003f800000ull, 0x001000007fc00001ull};
static const v128 B = {0x404000003f000000ull, 0x80000000ff800000ull};
static const v128 C = {0x4008000000000000ull, 0x7ff0000000000005ull};
static const v128 E = {0xbff8000000000000ull, 0x3fe0000000000000ull};
static const v128 D = {0x3f8000003f800000ull, 0x3f8000003f800000ull};

#define V3(text)                                                                                           \
	do {                                                                                               \
		v128 r_;                                                                                   \
		u64 fl_;                                                                                   \
		__asm__ volatile("ldp q0, q1, [%3]\n\tldp q4, q5, [%3, #32]\n\tldr q2, [%4]\n\t"            \
				 "msr fpsr, xzr\n\t" text "\n\t"                                           \
				 "mov %0, v2.d[0]\n\tmov %1, v2.d[1]\n\tmrs %2, fpsr"                      \
				 : "=&r"(r_.lo), "=&r"(r_.hi), "=&r"(fl_)                                  \
				 : "r"(in), "r"(&D) : "v0", "v1", "v2", "v4", "v5", "memory");             \
		printf("%-36s %016llx:%016llx %s\n", text, (unsigned long long)r_.hi, (unsigned long long)r_.lo, \
		       fpsr_str(fl_));                                                                     \
	} while (0)

int main(void)
{
	static v128 in[4];
	in[0] = A, in[1] = B, in[2] = C, in[3] = E;
	for (unsigned m = 0; m < 4; m += 2) {
		set_rmode(m);
		printf("== rounding mode %u\n", m);
		V3("fadd v2.4s, v0.4s, v1.4s");
		V3("fsub v2.2s, v0.2s, v1.2s");
		V3("fmul v2.4s, v0.4s, v1.4s");
		V3("fdiv v2.4s, v1.4s, v0.4s");
		V3("fmulx v2.4s, v0.4s, v1.4s");
		V3("fmax v2.4s, v0.4s, v1.4s");
		V3("fminnm v2.4s, v0.4s, v1.4s");
		V3("fabd v2.4s, v0.4s, v1.4s");
		V3("fmla v2.4s, v0.4s, v1.4s");
		V3("fmls v2.4s, v0.4s, v1.s[1]");
		V3("fmul v2.2d, v4.2d, v5.d[0]");
		V3("fadd v2.2d, v4.2d, v5.2d");
		V3("fmaxnm v2.2d, v4.2d, v5.2d");
		V3("fmin v2.2d, v4.2d, v5.2d");
		V3("fsqrt v2.4s, v1.4s");
		V3("fsqrt v2.2d, v4.2d");
		V3("fneg v2.2d, v4.2d");
		V3("fabs v2.4s, v0.4s");
		V3("faddp v2.4s, v0.4s, v1.4s");
		V3("fmaxp v2.2d, v4.2d, v5.2d");
		V3("fminnmp v2.4s, v0.4s, v1.4s");
		V3("faddp s2, v0.2s");
		V3("fmaxnmp d2, v5.2d");
		V3("fmaxnmv s2, v0.4s");
		V3("fminv s2, v1.4s");
		V3("fmaxv s2, v0.4s");
		V3("fcmeq v2.4s, v0.4s, v1.4s");
		V3("fcmge v2.4s, v0.4s, v1.4s");
		V3("fcmgt v2.2d, v4.2d, v5.2d");
		V3("facge v2.4s, v0.4s, v1.4s");
		V3("facgt v2.4s, v1.4s, v0.4s");
		V3("fcmle v2.4s, v0.4s, #0.0");
		V3("fcmlt v2.2d, v5.2d, #0.0");
		V3("fcmeq v2.4s, v1.4s, #0.0");
		V3("fcmeq s2, s1, s0");
		V3("fcvtzs v2.4s, v0.4s");
		V3("fcvtzu v2.2d, v5.2d");
		V3("fcvtas v2.4s, v1.4s");
		V3("fcvtms v2.2d, v5.2d");
		V3("fcvtzs v2.4s, v0.4s, #4");
		V3("scvtf v2.4s, v0.4s");
		V3("ucvtf v2.2d, v4.2d, #52");
		V3("scvtf d2, d4");
		V3("fcvtzs d2, d5");
		V3("fcvtn v2.2s, v4.2d");
		V3("fcvtn2 v2.4s, v5.2d");
		V3("fcvtn v2.4h, v0.4s");
		V3("fcvtl v2.2d, v1.2s");
		V3("fcvtl2 v2.4s, v0.8h");
		V3("fcvtxn v2.2s, v5.2d");
		V3("fcvtxn s2, d4");
		V3("frintn v2.4s, v1.4s");
		V3("frinta v2.2d, v5.2d");
		V3("frintx v2.4s, v0.4s");
		V3("frecpe v2.4s, v0.4s");
		V3("frecpe v2.2d, v5.2d");
		V3("frsqrte v2.4s, v1.4s");
		V3("frsqrte d2, d4");
		V3("frecps v2.4s, v0.4s, v1.4s");
		V3("frsqrts v2.2d, v4.2d, v5.2d");
		V3("frecpx s2, s1");
		V3("frecpx d2, d5");
	}
	return 0;
}
