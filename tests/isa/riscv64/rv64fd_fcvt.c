/* Float to integer conversions saturate (vol. I, table "Domains of
 * float-to-integer conversions and behavior for invalid inputs"): NaN and
 * values above the range give the largest integer, values below it the
 * smallest (0 for unsigned), and set NV; in-range inexact results set NX.
 * 32-bit results, unsigned ones too, are sign-extended into the register.
 * Integer to float conversions round by the rounding mode. */
#include "isa.h"

static const struct {
	const char *name;
	u64 bits;
} in[] = {
	{ "qNaN", D_QNAN },
	{ "-qNaN", 0xfff8000000000000ULL },
	{ "sNaN", D_SNAN },
	{ "+inf", D_INF },
	{ "-inf", D_NINF },
	{ "0", D_ZERO },
	{ "-0", D_NZERO },
	{ "1.5", 0x3ff8000000000000ULL },
	{ "-1.5", 0xbff8000000000000ULL },
	{ "-0.5", 0xbfe0000000000000ULL },
	{ "-1", 0xbff0000000000000ULL },
	{ "2^31-1", 0x41dfffffffc00000ULL },
	{ "2^31-0.5", 0x41dfffffffe00000ULL },
	{ "2^31", 0x41e0000000000000ULL },
	{ "-2^31", 0xc1e0000000000000ULL },
	{ "-2^31-1", 0xc1e0000000200000ULL },
	{ "2^32-1", 0x41efffffffe00000ULL },
	{ "2^32", 0x41f0000000000000ULL },
	{ "2^63-1024", 0x43dfffffffffffffULL },
	{ "2^63", 0x43e0000000000000ULL },
	{ "-2^63", 0xc3e0000000000000ULL },
	{ "-2^63-2048", 0xc3e0000000000001ULL },
	{ "2^64-2048", 0x43efffffffffffffULL },
	{ "2^64", 0x43f0000000000000ULL },
	{ "1e300", 0x7e37e43c8800759cULL },
};

static void row(const char *from, const char *name, u64 w, u64 wu, u64 l, u64 lu, unsigned fw, unsigned fwu,
		unsigned fl, unsigned flu)
{
	printf("%s %-11s w %016llx %-6s wu %016llx %-6s l %016llx %-6s lu %016llx %s\n", from, name,
	       (unsigned long long)w, flag_names(fw), (unsigned long long)wu, flag_names(fwu), (unsigned long long)l,
	       flag_names(fl), (unsigned long long)lu, flag_names(flu));
}

int main(void)
{
	fflags_take();
	for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
		u64 b = in[i].bits, w, wu, l, lu;
		unsigned fw, fwu, fl, flu;
		w = FTOI_RM("fcvt.w.d", "rtz", b), fw = fflags_take();
		wu = FTOI_RM("fcvt.wu.d", "rtz", b), fwu = fflags_take();
		l = FTOI_RM("fcvt.l.d", "rtz", b), fl = fflags_take();
		lu = FTOI_RM("fcvt.lu.d", "rtz", b), flu = fflags_take();
		row("d", in[i].name, w, wu, l, lu, fw, fwu, fl, flu);
	}
	/* single precision sources */
	static const struct {
		const char *name;
		uint32_t bits;
	} sin_[] = { { "qNaN", S_QNAN }, { "+inf", S_INF }, { "-inf", 0xff800000u }, { "-0.75", 0xbf400000u },
		     { "2^31", 0x4f000000u }, { "-2^31", 0xcf000000u }, { "2^32", 0x4f800000u }, { "2^63", 0x5f000000u },
		     { "2^64", 0x5f800000u }, { "3.5", 0x40600000u }, { "1e10", 0x501502f9u } };
	for (unsigned i = 0; i < sizeof sin_ / sizeof sin_[0]; i++) {
		u64 b = BOX(sin_[i].bits), w, wu, l, lu;
		unsigned fw, fwu, fl, flu;
		w = FTOI_RM("fcvt.w.s", "rtz", b), fw = fflags_take();
		wu = FTOI_RM("fcvt.wu.s", "rtz", b), fwu = fflags_take();
		l = FTOI_RM("fcvt.l.s", "rtz", b), fl = fflags_take();
		lu = FTOI_RM("fcvt.lu.s", "rtz", b), flu = fflags_take();
		row("s", sin_[i].name, w, wu, l, lu, fw, fwu, fl, flu);
	}
	/* rounding before the range check: -0.5 rounds to 0 under rtz (in range,
	 * NX) but to -1 under rdn (out of range for unsigned, NV) */
	u64 r = FTOI_RM("fcvt.wu.d", "rdn", 0xbfe0000000000000ULL);
	printf("fcvt.wu.d -0.5 rdn -> %016llx %s\n", (unsigned long long)r, flag_names(fflags_take()));
	r = FTOI_RM("fcvt.w.d", "rne", 0x41dfffffffe00000ULL);
	printf("fcvt.w.d 2^31-0.5 rne -> %016llx %s\n", (unsigned long long)r, flag_names(fflags_take()));
	r = FTOI_RM("fcvt.w.d", "rup", 0xc1e0000000100000ULL);
	printf("fcvt.w.d -2^31-0.5 rup -> %016llx %s\n", (unsigned long long)r, flag_names(fflags_take()));
	/* integer to float */
	static const u64 iv[] = { 0, 1, (u64)-1, 0x7fffffffULL, 0x80000000ULL, 0xffffffffULL, 0x7fffffffffffffffULL,
				  0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0020000000000001ULL, 0x00000000ffffffffULL };
	for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
		u64 x = iv[i];
		u64 dw = ITOF("fcvt.d.w", x), dwu = ITOF("fcvt.d.wu", x), dl = ITOF("fcvt.d.l", x), dlu = ITOF("fcvt.d.lu", x);
		u64 sw = ITOF("fcvt.s.w", x), swu = ITOF("fcvt.s.wu", x), sl = ITOF("fcvt.s.l", x), slu = ITOF("fcvt.s.lu", x);
		printf("%016llx -> d.w %016llx d.wu %016llx d.l %016llx d.lu %016llx\n", (unsigned long long)x,
		       (unsigned long long)dw, (unsigned long long)dwu, (unsigned long long)dl, (unsigned long long)dlu);
		printf("%16s    s.w %016llx s.wu %016llx s.l %016llx s.lu %016llx %s\n", "", (unsigned long long)sw,
		       (unsigned long long)swu, (unsigned long long)sl, (unsigned long long)slu, flag_names(fflags_take()));
	}
	return 0;
}
