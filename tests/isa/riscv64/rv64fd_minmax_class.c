/* fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber as in vol. I since
 * F 2.2): -0 is less than +0; one NaN operand gives the other operand;
 * two NaNs give the canonical NaN; a signaling NaN sets NV.  fclass sets
 * exactly one of ten bits.  feq/flt/fle on zeros, infinities and NaNs. */
#include "isa.h"

static const struct {
	const char *name;
	u64 d;
	uint32_t s;
} v[] = {
	{ "-inf", D_NINF, 0xff800000u },
	{ "-1", 0xbff0000000000000ULL, 0xbf800000u },
	{ "-subnormal", 0x800fffffffffffffULL, 0x807fffffu },
	{ "-0", D_NZERO, 0x80000000u },
	{ "+0", D_ZERO, 0x00000000u },
	{ "+subnormal", 0x0000000000000001ULL, 0x00000001u },
	{ "+1", D_ONE, S_ONE },
	{ "+inf", D_INF, S_INF },
	{ "sNaN", D_SNAN, S_SNAN },
	{ "qNaN", D_QNAN, S_QNAN },
	{ "-qNaN payload", 0xfff8000000000123ULL, 0xffc00123u },
};
enum { N = sizeof v / sizeof v[0] };

int main(void)
{
	fflags_take();
	for (int i = 0; i < N; i++)
		printf("fclass %-14s d %03llx s %03llx %s\n", v[i].name, (unsigned long long)FTOI("fclass.d", v[i].d),
		       (unsigned long long)FTOI("fclass.s", BOX(v[i].s)), flag_names(fflags_take()));
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			u64 mn = FOP2("fmin.d", v[i].d, v[j].d), mx = FOP2("fmax.d", v[i].d, v[j].d);
			unsigned fd = fflags_take();
			u64 mns = FOP2("fmin.s", BOX(v[i].s), BOX(v[j].s)), mxs = FOP2("fmax.s", BOX(v[i].s), BOX(v[j].s));
			unsigned fs = fflags_take();
			u64 eq = FCMP("feq.d", v[i].d, v[j].d), lt = FCMP("flt.d", v[i].d, v[j].d),
			    le = FCMP("fle.d", v[i].d, v[j].d);
			unsigned fc = fflags_take();
			u64 eqs = FCMP("feq.s", BOX(v[i].s), BOX(v[j].s)), lts = FCMP("flt.s", BOX(v[i].s), BOX(v[j].s)),
			    les = FCMP("fle.s", BOX(v[i].s), BOX(v[j].s));
			unsigned fcs = fflags_take();
			printf("%-14s %-14s min %016llx max %016llx %-4s| s %08llx %08llx %-4s| eq/lt/le %llu%llu%llu %-4s| s "
			       "%llu%llu%llu %s\n",
			       v[i].name, v[j].name, (unsigned long long)mn, (unsigned long long)mx, flag_names(fd),
			       (unsigned long long)(uint32_t)mns, (unsigned long long)(uint32_t)mxs, flag_names(fs),
			       (unsigned long long)eq, (unsigned long long)lt, (unsigned long long)le, flag_names(fc),
			       (unsigned long long)eqs, (unsigned long long)lts, (unsigned long long)les, flag_names(fcs));
		}
	return 0;
}
