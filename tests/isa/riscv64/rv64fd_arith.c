/* F/D arithmetic with exact, mode-independent results: the four fused
 * multiply-adds and their sign conventions (fnmsub = -(a*b)+c, fnmadd =
 * -(a*b)-c), the single rounding of a fused op, signs of zero results,
 * sign injection, subnormal arithmetic, and sqrt/div of exact cases. */
#include "isa.h"

#define D(x) fbits_d(x)

int main(void)
{
	const u64 two = D_TWO, three = D_THREE, one = D_ONE;
	show("fmadd.d 2*3+1", FOP3("fmadd.d", two, three, one));
	show("fmsub.d 2*3-1", FOP3("fmsub.d", two, three, one));
	show("fnmsub.d -(2*3)+1", FOP3("fnmsub.d", two, three, one));
	show("fnmadd.d -(2*3)-1", FOP3("fnmadd.d", two, three, one));
	show("fmadd.s 2*3+1", FOP3("fmadd.s", BOX(S_TWO), BOX(S_THREE), BOX(S_ONE)));
	show("fmsub.s 2*3-1", FOP3("fmsub.s", BOX(S_TWO), BOX(S_THREE), BOX(S_ONE)));
	show("fnmsub.s -(2*3)+1", FOP3("fnmsub.s", BOX(S_TWO), BOX(S_THREE), BOX(S_ONE)));
	show("fnmadd.s -(2*3)-1", FOP3("fnmadd.s", BOX(S_TWO), BOX(S_THREE), BOX(S_ONE)));
	/* (1+2^-52)(1-2^-52) - 1 = -2^-104 exactly when fused, 0 when not */
	const u64 a = 0x3ff0000000000001ULL, b = 0x3fefffffffffffffULL;
	show("fmadd.d (1+e)(1-e/2)-1 fused", FOP3("fmadd.d", a, b, 0xbff0000000000000ULL));
	u64 prod = FOP2("fmul.d", a, b);
	show("fmul.d then fadd.d (two roundings)", FOP2("fadd.d", prod, 0xbff0000000000000ULL));
	show("fmadd.s (1+2^-23)^2 - 1 fused", FOP3("fmadd.s", BOX(0x3f800001u), BOX(0x3f800001u), BOX(0xbf800000u)));
	/* zero signs */
	show("fadd.d -0 + -0", FOP2("fadd.d", D_NZERO, D_NZERO));
	show("fadd.d -0 + +0", FOP2("fadd.d", D_NZERO, D_ZERO));
	show("fmul.d -0 * 5", FOP2("fmul.d", D_NZERO, D(5)));
	show("fmul.d -1 * 0", FOP2("fmul.d", D(-1), D_ZERO));
	show("fdiv.d 0 / -3", FOP2("fdiv.d", D_ZERO, D(-3)));
	show("fmadd.d -0 * 1 + -0", FOP3("fmadd.d", D_NZERO, one, D_NZERO));
	show("fmadd.d 1 * -1 + 1 (exact zero: +0)", FOP3("fmadd.d", one, D(-1), one));
	show("fnmadd.d 0 * 1 - 0", FOP3("fnmadd.d", D_ZERO, one, D_ZERO));
	/* sign injection */
	show("fsgnj.d 3, -1", FOP2("fsgnj.d", three, D(-1)));
	show("fsgnjn.d 3, -1", FOP2("fsgnjn.d", three, D(-1)));
	show("fsgnjx.d -3, -1", FOP2("fsgnjx.d", D(-3), D(-1)));
	show("fsgnjx.d -3, 1", FOP2("fsgnjx.d", D(-3), one));
	show("fsgnj.s 2, -0", FOP2("fsgnj.s", BOX(S_TWO), BOX(0x80000000u)));
	show("fsgnjx.s -2, -2", FOP2("fsgnjx.s", BOX(0xc0000000u), BOX(0xc0000000u)));
	/* subnormals are computed, not flushed */
	show("fmul.d 2^-1074 * 3", FOP2("fmul.d", 1, three));
	show("fadd.d subnormal + subnormal", FOP2("fadd.d", 0x000fffffffffffffULL, 1));
	show("fdiv.d 2^-1022 / 4", FOP2("fdiv.d", 0x0010000000000000ULL, D(4)));
	show("fmul.s 2^-149 * 2", FOP2("fmul.s", BOX(1), BOX(S_TWO)));
	show("fsqrt.d 2^-1074", FOP1("fsqrt.d", 1));
	/* exact cases */
	show("fsqrt.d 1e100^2", FOP1("fsqrt.d", D(1e200)));
	show("fsqrt.d 0.25", FOP1("fsqrt.d", D(0.25)));
	show("fsqrt.s 9", FOP1("fsqrt.s", BOX(0x41100000u)));
	show("fdiv.d 10 / 4", FOP2("fdiv.d", D(10), D(4)));
	show("fdiv.s 1 / 3", FOP2("fdiv.s", BOX(S_ONE), BOX(S_THREE)));
	show("fsub.d 0.3 - 0.1", FOP2("fsub.d", D(0.3), D(0.1)));
	show("fadd.d 0.1 + 0.2", FOP2("fadd.d", D(0.1), D(0.2)));
	show("fmul.d 1e308 * 1e-308", FOP2("fmul.d", D(1e308), D(1e-308)));
	show("fcvt.d.s 1/3f", FOP1("fcvt.d.s", FOP2("fdiv.s", BOX(S_ONE), BOX(S_THREE))));
	show("fcvt.s.d 2^-149 (smallest single)", FOP1("fcvt.s.d", 0x36a0000000000000ULL));
	/* register moves */
	show("fmv.d.x/fmv.x.d", FTOI("fmv.x.d", 0x0123456789abcdefULL));
	u64 m = 0;
	double dv = -2.75;
	__asm__ volatile("fld ft0, %1\n\tfadd.d ft0, ft0, ft0\n\tfsd ft0, %0" : "=m"(m) : "m"(dv) : "ft0");
	show("fld/fadd.d/fsd -2.75*2", m);
	return 0;
}
