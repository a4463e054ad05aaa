/* Floating-point conversions: FCVT{N,P,M,Z,A}{S,U} to 32- and 64-bit
 * integers (saturating, NaN -> 0, Invalid for either, Inexact otherwise:
 * Arm ARM J1 FPToFixed), fixed-point forms, SCVTF/UCVTF in each rounding
 * mode, FRINT{N,P,M,Z,A,X,I} (FRINTX raises Inexact), FCVT between half,
 * single and double (NaN payloads kept and quieted), FMOV immediate and
 * the FMOV moves between general and vector registers. */
#include "isa.h"

static const u64 dvals[] = {
	0x3fe0000000000000ull, /* 0.5 */
	0x3ff8000000000000ull, /* 1.5 */
	0x4004000000000000ull, /* 2.5 */
	0xbfe0000000000000ull, /* -0.5 */
	0xc004000000000000ull, /* -2.5 */
	0xbff0000000000001ull, /* -1 - ulp */
	0x41dfffffffc00000ull, /* 2^31 - 1 */
	0x41e0000000000000ull, /* 2^31 */
	0xc1e0000000200000ull, /* -2^31 - 1 */
	0x43e0000000000000ull, /* 2^63 */
	0x43efffffffffffffull, /* just below 2^64 */
	0x7ff8000000000000ull, /* qNaN */
	0xfff0000000000000ull, /* -inf */
	0x0000000000000001ull, /* smallest subnormal */
	0x8000000000000000ull, /* -0 */
};

#define CVT(text, v, rm)                                                                                   \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile("fmov d0, %1\n\t" text : "=r"(r_) : "r"(v) : "v0");                       \
		r_;                                                                                        \
	})

int main(void)
{
	for (unsigned k = 0; k < sizeof dvals / sizeof dvals[0]; k++) {
		u64 v = dvals[k], r[12], fl;
		clear_fpsr();
		r[0] = CVT("fcvtns %w0, d0", v, 0);
		r[1] = CVT("fcvtps %w0, d0", v, 0);
		r[2] = CVT("fcvtms %w0, d0", v, 0);
		r[3] = CVT("fcvtzs %w0, d0", v, 0);
		r[4] = CVT("fcvtas %w0, d0", v, 0);
		r[5] = CVT("fcvtnu %w0, d0", v, 0);
		r[6] = CVT("fcvtns %0, d0", v, 0);
		r[7] = CVT("fcvtzs %0, d0", v, 0);
		r[8] = CVT("fcvtau %0, d0", v, 0);
		r[9] = CVT("fcvtzu %0, d0", v, 0);
		r[10] = CVT("fcvtmu %w0, d0", v, 0);
		r[11] = CVT("fcvtzs %w0, d0, #16", v, 0);
		fl = get_fpsr();
		printf("%016llx ns.w %llx ps.w %llx ms.w %llx zs.w %llx as.w %llx nu.w %llx ns.x %llx zs.x %llx au.x %llx "
		       "zu.x %llx mu.w %llx zs.w#16 %llx %s\n",
		       (unsigned long long)v, (unsigned long long)r[0], (unsigned long long)r[1],
		       (unsigned long long)r[2], (unsigned long long)r[3], (unsigned long long)r[4],
		       (unsigned long long)r[5], (unsigned long long)r[6], (unsigned long long)r[7],
		       (unsigned long long)r[8], (unsigned long long)r[9], (unsigned long long)r[10],
		       (unsigned long long)r[11], fpsr_str(fl));
	}
	/* single-precision sources */
	static const u32 svals[] = {0x3fc00000, 0xcf000000, 0x4f800000, 0x7fc00000, 0x7f800001, 0xbf7fffff};
	for (unsigned k = 0; k < sizeof svals / sizeof svals[0]; k++) {
		u64 v = svals[k], a, b, c, d, fl;
		clear_fpsr();
		__asm__ volatile("fmov s0, %w4\n\tfcvtzs %w0, s0\n\tfcvtzu %1, s0\n\tfcvtps %2, s0\n\tfcvtzs %3, s0, #40"
				 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d) : "r"(v) : "v0");
		fl = get_fpsr();
		printf("%08llx zs.w %llx zu.x %llx ps.x %llx zs.x#40 %llx %s\n", (unsigned long long)v,
		       (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, (unsigned long long)d,
		       fpsr_str(fl));
	}
	/* integer to float in each rounding mode: 2^53 + 1 and friends round */
	static const u64 ivals[] = {0x20000000000001ull, 0xffffffffffffffffull, 0x7fffffffffffffffull, 0x80000001ull,
				    0xffffffff80000001ull, 0x1000001ull};
	for (unsigned m = 0; m < 4; m++) {
		set_rmode(m);
		for (unsigned k = 0; k < sizeof ivals / sizeof ivals[0]; k++) {
			u64 v = ivals[k], a, b, c, d, e, fl;
			clear_fpsr();
			__asm__ volatile("scvtf d0, %5\n\tfmov %0, d0\n\tucvtf d0, %5\n\tfmov %1, d0\n\t"
					 "scvtf s0, %5\n\tfmov %w2, s0\n\tucvtf s0, %w5\n\tfmov %w3, s0\n\t"
					 "scvtf d0, %5, #12\n\tfmov %4, d0"
					 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e) : "r"(v) : "v0");
			fl = get_fpsr();
			printf("rm %u %016llx scvtf.d %016llx ucvtf.d %016llx scvtf.s %08llx ucvtf.s(w) %08llx "
			       "scvtf.d#12 %016llx %s\n",
			       m, (unsigned long long)v, (unsigned long long)a, (unsigned long long)b,
			       (unsigned long long)c, (unsigned long long)d, (unsigned long long)e, fpsr_str(fl));
		}
	}
	set_rmode(RN);
	/* round to integral */
	static const u64 rvals[] = {0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
				    0xbfe0000000000000ull, 0xc00c000000000000ull, 0x3fefffffffffffffull,
				    0x4330000000000001ull, 0x7ff4000000000000ull, 0x8000000000000000ull};
	for (unsigned m = 0; m < 4; m += 3) {
		set_rmode(m);
		for (unsigned k = 0; k < sizeof rvals / sizeof rvals[0]; k++) {
			u64 v = rvals[k], r[7], fl;
			clear_fpsr();
			__asm__ volatile("fmov d0, %7\n\tfrintn d1, d0\n\tfmov %0, d1\n\tfrintp d1, d0\n\tfmov %1, d1\n\t"
					 "frintm d1, d0\n\tfmov %2, d1\n\tfrintz d1, d0\n\tfmov %3, d1\n\t"
					 "frinta d1, d0\n\tfmov %4, d1\n\tfrinti d1, d0\n\tfmov %5, d1\n\t"
					 "frintx d1, d0\n\tfmov %6, d1"
					 : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]), "=&r"(r[5]),
					   "=&r"(r[6])
					 : "r"(v) : "v0", "v1");
			fl = get_fpsr();
			printf("rm %u %016llx n %llx p %llx m %llx z %llx a %llx i %llx x %llx %s\n", m,
			       (unsigned long long)v, (unsigned long long)r[0], (unsigned long long)r[1],
			       (unsigned long long)r[2], (unsigned long long)r[3], (unsigned long long)r[4],
			       (unsigned long long)r[5], (unsigned long long)r[6], fpsr_str(fl));
		}
		u64 a, b, fl;
		clear_fpsr();
		__asm__ volatile("fmov s0, %w2\n\tfrinta s1, s0\n\tfmov %w0, s1\n\tfrintx s1, s0\n\tfmov %w1, s1"
				 : "=&r"(a), "=&r"(b) : "r"(0xc0200000ull) : "v0", "v1");
		fl = get_fpsr();
		printf("rm %u -2.5f frinta %08llx frintx %08llx %s\n", m, (unsigned long long)a, (unsigned long long)b,
		       fpsr_str(fl));
	}
	set_rmode(RN);
	/* half precision */
	static const u64 hsrc[] = {0x3f800000, 0x477fe000, 0x477ff000, 0x47800000, 0x33800000, 0x33000001, 0x38800000,
				   0x7f800001, 0xffc12345, 0xc0490fdb};
	for (unsigned k = 0; k < sizeof hsrc / sizeof hsrc[0]; k++) {
		u64 v = hsrc[k], h, s, d, fl;
		clear_fpsr();
		__asm__ volatile("fmov s0, %w4\n\tfcvt h1, s0\n\tumov %w0, v1.h[0]\n\tfcvt s2, h1\n\tfmov %w1, s2\n\t"
				 "fcvt d2, h1\n\tfmov %2, d2\n\tfcvt d3, s0\n\tfcvt h3, d3\n\tumov %w3, v3.h[0]"
				 : "=&r"(h), "=&r"(s), "=&r"(d), "=&r"(fl) : "r"(v) : "v0", "v1", "v2", "v3");
		u64 hd = fl;
		fl = get_fpsr();
		printf("%08llx -> h %04llx -> s %08llx d %016llx; via d: h %04llx %s\n", (unsigned long long)v,
		       (unsigned long long)h, (unsigned long long)s, (unsigned long long)d, (unsigned long long)hd,
		       fpsr_str(fl));
	}
	/* fmov immediate and moves */
	{
		u64 a, b, c, d, e;
		__asm__ volatile("fmov d0, #-0.1875\n\tfmov %0, d0\n\tfmov s0, #31.0\n\tfmov %w1, s0\n\t"
				 "movi v1.2d, #0xff00ff00ff00ff00\n\tfmov v1.d[1], %5\n\tfmov %2, v1.d[1]\n\tmov %3, v1.d[0]\n\t"
				 "fmov s1, %w5\n\tmov %4, v1.d[1]"
				 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e) : "r"(0x123456789abcdef0ull) : "v0", "v1");
		show("fmov d #-0.1875", a);
		show("fmov s #31.0", b);
		show("fmov v.d[1], x then back", c);
		show("... low half kept", d);
		show("fmov s, w clears the upper half", e);
	}
	return 0;
}
