/* NaN results are the canonical NaN (double 0x7ff8000000000000, single
 * 0x7fc00000), whatever the payloads and signs of NaN inputs; signaling
 * inputs also raise NV.  Sign injection, fmv and loads/stores are not
 * arithmetic and keep NaN bits as they are (vol. I, "NaN Generation and
 * Propagation"). */
#include "isa.h"

#define PAYLOAD_QNAN 0x7ff8dead0000beefULL
#define NEG_QNAN 0xfff8000000000001ULL
#define PAYLOAD_SNAN 0x7ff4000000001234ULL

static void d2(const char *what, u64 r)
{
	printf("%-36s %016llx flags %s\n", what, (unsigned long long)r, flag_names(fflags_take()));
}

int main(void)
{
	fflags_take();
	d2("fmul.d 0 * inf", FOP2("fmul.d", D_ZERO, D_INF));
	d2("fsub.d inf - inf", FOP2("fsub.d", D_INF, D_INF));
	d2("fadd.d inf + -inf", FOP2("fadd.d", D_INF, D_NINF));
	d2("fdiv.d 0 / 0", FOP2("fdiv.d", D_ZERO, D_ZERO));
	d2("fdiv.d inf / inf", FOP2("fdiv.d", D_INF, D_NINF));
	d2("fsqrt.d -1", FOP1("fsqrt.d", 0xbff0000000000000ULL));
	d2("fsqrt.d -0 (is -0)", FOP1("fsqrt.d", D_NZERO));
	d2("fadd.d payload qNaN + 1", FOP2("fadd.d", PAYLOAD_QNAN, D_ONE));
	d2("fadd.d 1 + negative qNaN", FOP2("fadd.d", D_ONE, NEG_QNAN));
	d2("fmul.d payload sNaN * 1", FOP2("fmul.d", PAYLOAD_SNAN, D_ONE));
	d2("fdiv.d qNaN / sNaN", FOP2("fdiv.d", PAYLOAD_QNAN, PAYLOAD_SNAN));
	d2("fmadd.d 0 * inf + qNaN", FOP3("fmadd.d", D_ZERO, D_INF, PAYLOAD_QNAN));
	d2("fmadd.d 1 * 1 + payload qNaN", FOP3("fmadd.d", D_ONE, D_ONE, PAYLOAD_QNAN));
	d2("fmadd.d 0 * inf + 1", FOP3("fmadd.d", D_ZERO, D_INF, D_ONE));
	d2("fnmsub.d sNaN * 1 + 1", FOP3("fnmsub.d", PAYLOAD_SNAN, D_ONE, D_ONE));
	d2("fcvt.d.s of boxed payload sNaN", FOP1("fcvt.d.s", BOX(0xff800123u)));
	d2("fcvt.s.d of payload qNaN", FOP1("fcvt.s.d", PAYLOAD_QNAN));
	d2("fcvt.s.d of sNaN", FOP1("fcvt.s.d", PAYLOAD_SNAN));
	d2("fmin.d qNaN, qNaN", FOP2("fmin.d", PAYLOAD_QNAN, NEG_QNAN));
	d2("fmax.d sNaN, sNaN", FOP2("fmax.d", PAYLOAD_SNAN, PAYLOAD_SNAN));
	/* single precision */
	d2("fmul.s 0 * inf", FOP2("fmul.s", BOX(0), BOX(S_INF)));
	d2("fadd.s payload qNaN + 1", FOP2("fadd.s", BOX(0x7fc0abcdu), BOX(S_ONE)));
	d2("fadd.s negative qNaN + 1", FOP2("fadd.s", BOX(0xffc00000u), BOX(S_ONE)));
	d2("fsub.s sNaN - 1", FOP2("fsub.s", BOX(S_SNAN), BOX(S_ONE)));
	d2("fsqrt.s -2", FOP1("fsqrt.s", BOX(0xc0000000u)));
	d2("fdiv.s 0 / 0", FOP2("fdiv.s", BOX(0), BOX(0)));
	d2("fmsub.s inf * 1 - inf", FOP3("fmsub.s", BOX(S_INF), BOX(S_ONE), BOX(S_INF)));
	/* not arithmetic: bits kept, no flags */
	d2("fsgnj.d payload sNaN, -1", FOP2("fsgnj.d", PAYLOAD_SNAN, 0xbff0000000000000ULL));
	d2("fsgnjn.d (fneg) payload qNaN", FOP2("fsgnjn.d", PAYLOAD_QNAN, PAYLOAD_QNAN));
	d2("fsgnjx.d (fabs) negative qNaN", FOP2("fsgnjx.d", NEG_QNAN, NEG_QNAN));
	d2("fsgnj.s payload sNaN, +", FOP2("fsgnj.s", BOX(0xff800123u), BOX(S_ONE)));
	d2("fmv.x.d/fmv.d.x of sNaN", FOP2("fsgnj.d", PAYLOAD_SNAN, PAYLOAD_SNAN));
	d2("fclass.d sNaN (no flags)", FTOI("fclass.d", PAYLOAD_SNAN));
	return 0;
}
