/* NaN-boxing of single-precision values in 64-bit FP registers (vol. I,
 * "NaN Boxing of Narrower Values"): F results are written with the upper
 * 32 bits all ones; an F instruction reading a register that is not a
 * valid box sees the canonical NaN; flw/fsw and fmv.x.w/fmv.w.x move bits
 * without looking at them; fmv.x.w sign-extends bit 31. */
#include "isa.h"

int main(void)
{
	float one = 1.0f, minus = -1.0f;
	u64 r;
	__asm__ volatile("flw ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "m"(one) : "ft0");
	show("flw 1.0f -> fmv.x.d (boxed)", r);
	uint32_t snan_mem = S_SNAN;
	__asm__ volatile("flw ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "m"(snan_mem) : "ft0");
	show("flw sNaN keeps its payload", r);
	show("fmv.w.x 1.0f (boxed)", ITOF("fmv.w.x", S_ONE));
	show("fmv.w.x ignores upper source bits", ITOF("fmv.w.x", 0x123456783f800000ULL));
	show("fmv.x.w of boxed -1.0 (sign-extends)", FTOI("fmv.x.w", BOX(0xbf800000u)));
	show("fmv.x.w of boxed 1.0", FTOI("fmv.x.w", BOX(S_ONE)));
	show("fmv.x.w of an unboxed value (low bits)", FTOI("fmv.x.w", 0x00000000bf800000ULL));
	fflags_take();
	show("fadd.s boxed 1 + boxed 1", FOP2("fadd.s", BOX(S_ONE), BOX(S_ONE)));
	show("fadd.s unboxed 1 + boxed 1 -> canon NaN", FOP2("fadd.s", 0x000000003f800000ULL, BOX(S_ONE)));
	printf("  flags %s\n", flag_names(fflags_take()));
	show("fadd.s boxed 1 + almost-boxed -> NaN", FOP2("fadd.s", BOX(S_ONE), 0xfffffffe3f800000ULL));
	show("fmul.s double 2.0 as single -> NaN", FOP2("fmul.s", D_TWO, BOX(S_TWO)));
	printf("  flags %s\n", flag_names(fflags_take()));
	show("fsgnj.s unboxed, -1 -> -canon NaN", FOP2("fsgnj.s", 0x000000003f800000ULL, BOX(0xbf800000u)));
	show("fsgnj.s -1, unboxed (sign of NaN: +)", FOP2("fsgnj.s", BOX(0xbf800000u), 0x000000003f800000ULL));
	show("fmv.s (fsgnj.s x,x) of unboxed", FOP2("fsgnj.s", 0x0000000040000000ULL, 0x0000000040000000ULL));
	show("fsgnjn.s boxed 2, boxed 2", FOP2("fsgnjn.s", BOX(S_TWO), BOX(S_TWO)));
	show("fclass.s of unboxed (quiet NaN)", FTOI("fclass.s", 0x000000003f800000ULL));
	show("fclass.s of boxed 1.0 (+normal)", FTOI("fclass.s", BOX(S_ONE)));
	show("fcvt.d.s of unboxed -> canon double NaN", FOP1("fcvt.d.s", 0x000000003f800000ULL));
	show("fcvt.s.d 1.0 (boxed result)", FOP1("fcvt.s.d", D_ONE));
	show("fcvt.w.s of unboxed (NaN -> max)", FTOI("fcvt.w.s", 0x0000000040000000ULL));
	printf("  flags %s\n", flag_names(fflags_take()));
	show("fmin.s unboxed, 2 -> 2", FOP2("fmin.s", 0x000000003f800000ULL, BOX(S_TWO)));
	show("feq.s unboxed, unboxed", FCMP("feq.s", 0x000000003f800000ULL, 0x000000003f800000ULL));
	show("feq.s boxed, boxed", FCMP("feq.s", BOX(S_ONE), BOX(S_ONE)));
	show("fmadd.s with one unboxed input", FOP3("fmadd.s", BOX(S_TWO), BOX(S_THREE), 0x3f800000ULL));
	show("fsqrt.s of unboxed", FOP1("fsqrt.s", 0x0000000040800000ULL));
	printf("  flags %s\n", flag_names(fflags_take()));
	/* fsw stores the low 32 bits as they are, boxed or not */
	uint32_t store = 0;
	__asm__ volatile("fmv.d.x ft0, %1\n\tfsw ft0, %0" : "=m"(store) : "r"(0x12345678deadbeefULL) : "ft0");
	printf("fsw of an unboxed register stores %08x\n", store);
	__asm__ volatile("fmv.d.x ft0, %1\n\tfsw ft0, %0" : "=m"(store) : "r"(BOX(S_SNAN)) : "ft0");
	printf("fsw of a boxed sNaN stores %08x\n", store);
	/* flw writes the whole register, even over a double */
	__asm__ volatile("fmv.d.x ft0, %1\n\tflw ft0, %2\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(D_THREE), "m"(minus) : "ft0");
	show("flw over a double", r);
	/* fld/fsd move 64 bits untouched */
	u64 dmem = 0x7ff0000000000abcULL, dout = 0;
	__asm__ volatile("fld ft0, %1\n\tfsd ft0, %0" : "=m"(dout) : "m"(dmem) : "ft0");
	show("fld/fsd of a double sNaN", dout);
	printf("flags at end %s\n", flag_names(fflags_take()));
	return 0;
}
