/* Integer data processing: add/subtract with carry and overflow flags (Arm
 * ARM J1 AddWithCarry), shifts by register (count taken modulo the width),
 * extended and shifted operands, conditional select and compare, moves,
 * multiply and divide (x / 0 = 0, INT_MIN / -1 = INT_MIN, C6.2 SDIV). */
#include "isa.h"

/* d = insn(a, b) with NZCV preset to `in`; %0 result, %2 a, %4 b. */
#define F2(fname, text)                                                                                     \
	static u64 fname(u64 in, u64 a, u64 b, u64 *f)                                                      \
	{                                                                                                   \
		u64 fl, r = OP2F(text, in, a, b, fl);                                                       \
		*f = fl;                                                                                    \
		return r;                                                                                   \
	}
F2(adds_x, "adds %0, %2, %4")
F2(adds_w, "adds %w0, %w2, %w4")
F2(subs_x, "subs %0, %2, %4")
F2(subs_w, "subs %w0, %w2, %w4")
F2(adcs_x, "adcs %0, %2, %4")
F2(adcs_w, "adcs %w0, %w2, %w4")
F2(sbcs_x, "sbcs %0, %2, %4")
F2(sbcs_w, "sbcs %w0, %w2, %w4")
F2(ands_x, "ands %0, %2, %4")
F2(bics_w, "bics %w0, %w2, %w4")
F2(lslv_x, "lsl %0, %2, %4")
F2(lsrv_x, "lsr %0, %2, %4")
F2(asrv_x, "asr %0, %2, %4")
F2(rorv_x, "ror %0, %2, %4")
F2(lslv_w, "lsl %w0, %w2, %w4")
F2(lsrv_w, "lsr %w0, %w2, %w4")
F2(asrv_w, "asr %w0, %w2, %w4")
F2(rorv_w, "ror %w0, %w2, %w4")
F2(sdiv_x, "sdiv %0, %2, %4")
F2(udiv_x, "udiv %0, %2, %4")
F2(sdiv_w, "sdiv %w0, %w2, %w4")
F2(udiv_w, "udiv %w0, %w2, %w4")
F2(smulh, "smulh %0, %2, %4")
F2(umulh, "umulh %0, %2, %4")
F2(smull, "smull %0, %w2, %w4")
F2(umull, "umull %0, %w2, %w4")
F2(mul_w, "mul %w0, %w2, %w4")
F2(mneg_x, "mneg %0, %2, %4")
F2(add_uxtb, "add %0, %2, %w4, uxtb")
F2(add_sxth2, "add %0, %2, %w4, sxth #2")
F2(sub_sxtw4, "sub %0, %2, %w4, sxtw #4")
F2(adds_uxtw_w, "adds %w0, %w2, %w4, uxtw #1")
F2(add_asr63, "add %0, %2, %4, asr #63")
F2(sub_lsr1_w, "sub %w0, %w2, %w4, lsr #1")
F2(eor_ror8, "eor %0, %2, %4, ror #8")
F2(orn_w, "orn %w0, %w2, %w4")
F2(eon_lsl4, "eon %0, %2, %4, lsl #4")
/* a compare, then a conditional compare on its flags, then a condition on those */
F2(ccmp_x_lt, "cmp %2, %4\n\tccmp %4, %2, #5, lt\n\tcset %0, hi")
F2(ccmp_w_ne, "cmp %w2, %w4\n\tccmp %w2, #9, #2, ne\n\tcset %w0, ge")
F2(ccmn_x_cs, "cmn %2, %4\n\tccmn %4, %2, #8, cs\n\tcset %0, vs")
F2(ccmn_w_gt, "tst %w2, %w4\n\tccmn %w4, %w2, #1, gt\n\tcset %w0, lo")
F2(negs_x, "negs %0, %4")
F2(ngcs_w, "ngcs %w0, %w4")

/* Every condition read in the block after the one that set the flags (a
 * branch ends a block): bit k of the result is condition k (eq..le) as
 * cset sees it, bit 14 b.hi and bit 15 b.lt as a branch at the start of
 * the block after another setting of the same flags sees them. */
#define CB(c, k) "cset x9, " #c "\n\tbfi %0, x9, #" #k ", #1\n\t"
#define CONDS_NEXT_BLOCK(fname, set)                                                                        \
	static u64 fname(u64 in, u64 a, u64 b, u64 *f)                                                      \
	{                                                                                                   \
		u64 r, fl;                                                                                  \
		__asm__ volatile("msr nzcv, %2\n\t" set "\n\tb 1f\n1:\n\tmov %0, #0\n\t"                        \
				 CB(eq, 0) CB(ne, 1) CB(cs, 2) CB(cc, 3) CB(mi, 4) CB(pl, 5) CB(vs, 6)        \
				 CB(vc, 7) CB(hi, 8) CB(ls, 9) CB(ge, 10) CB(lt, 11) CB(gt, 12) CB(le, 13)    \
				 "mrs %1, nzcv\n\tmsr nzcv, %2\n\t" set "\n\tb 2f\n2:\n\tb.hi 3f\n\tb 4f\n3:\n\t"      \
				 "orr %0, %0, #0x4000\n4:\n\tmsr nzcv, %2\n\t" set "\n\tb 5f\n5:\n\tb.lt 6f\n\tb 7f\n"   \
				 "6:\n\torr %0, %0, #0x8000\n7:"                                                    \
				 : "=&r"(r), "=&r"(fl)                                                       \
				 : "r"(in), "r"(a), "r"(b)                                                   \
				 : "x9", "cc");                                                              \
		*f = fl;                                                                                    \
		return r;                                                                                   \
	}
CONDS_NEXT_BLOCK(next_subs_x, "subs x9, %3, %4")
CONDS_NEXT_BLOCK(next_subs_w, "subs w9, %w3, %w4")
CONDS_NEXT_BLOCK(next_adds_x, "adds x9, %3, %4")
CONDS_NEXT_BLOCK(next_adds_w, "cmn %w3, %w4")
CONDS_NEXT_BLOCK(next_ands_x, "tst %3, %4")
CONDS_NEXT_BLOCK(next_ands_w, "ands w9, %w3, %w4")
CONDS_NEXT_BLOCK(next_msr, "msr nzcv, %3")
CONDS_NEXT_BLOCK(next_ccmp, "cmp %3, %4\n\tccmp %4, %3, #6, ge")

struct op2 {
	const char *name;
	u64 (*f)(u64, u64, u64, u64 *);
};

static void table(const struct op2 *ops, size_t nops, const u64 (*v)[2], size_t nv, u64 in)
{
	for (size_t i = 0; i < nops; i++)
		for (size_t k = 0; k < nv; k++) {
			u64 fl, r = ops[i].f(in, v[k][0], v[k][1], &fl);
			showflags(r, fl, "%s %llx,%llx", ops[i].name, (unsigned long long)v[k][0],
				  (unsigned long long)v[k][1]);
		}
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

int main(void)
{
	static const u64 addsub[][2] = {
		{0, 0},
		{1, 0xffffffffffffffff},
		{0x7fffffffffffffff, 1},
		{0x8000000000000000, 0x8000000000000000},
		{0x8000000000000000, 1},
		{0x7fffffff, 1},
		{0x80000000, 0x80000000},
		{0xffffffff, 1},
		{0x123456789abcdef0, 0x0fedcba987654321},
		{5, 7},
	};
	static const struct op2 flag_ops[] = {
		{"adds x", adds_x}, {"adds w", adds_w}, {"subs x", subs_x}, {"subs w", subs_w},
		{"ands x", ands_x}, {"bics w", bics_w}, {"negs x", negs_x},
	};
	table(flag_ops, N(flag_ops), addsub, N(addsub), 0);
	static const struct op2 ccmp_ops[] = {
		{"cmp; ccmp x lt; cset hi", ccmp_x_lt}, {"cmp w; ccmp w ne; cset ge", ccmp_w_ne},
		{"cmn; ccmn x cs; cset vs", ccmn_x_cs}, {"tst w; ccmn w gt; cset lo", ccmn_w_gt},
	};
	table(ccmp_ops, N(ccmp_ops), addsub, N(addsub), 0);
	static const struct op2 next_ops[] = {
		{"subs x; conds next block", next_subs_x}, {"subs w; conds next block", next_subs_w},
		{"adds x; conds next block", next_adds_x}, {"cmn w; conds next block", next_adds_w},
		{"tst x; conds next block", next_ands_x}, {"ands w; conds next block", next_ands_w},
		{"msr nzcv; conds next block", next_msr}, {"ccmp; conds next block", next_ccmp},
	};
	table(next_ops, N(next_ops), addsub, N(addsub), 0);
	/* with carry: C clear then set */
	static const struct op2 carry_ops[] = {
		{"adcs x", adcs_x}, {"adcs w", adcs_w}, {"sbcs x", sbcs_x}, {"sbcs w", sbcs_w}, {"ngcs w", ngcs_w},
	};
	table(carry_ops, N(carry_ops), addsub, N(addsub), 0);
	table(carry_ops, N(carry_ops), addsub, N(addsub), 0x20000000);

	/* shifts by register: the count is taken modulo the data size */
	static const u64 shifts[][2] = {
		{0x8000000000000001, 0}, {0x8000000000000001, 1}, {0x8000000000000001, 31}, {0x8000000000000001, 32},
		{0x8000000000000001, 63}, {0x8000000000000001, 64}, {0x8000000000000001, 65},
		{0xffffffff80000001, 0xffffffffffffffe1}, {0x00000000f0000000, 4},
	};
	static const struct op2 shift_ops[] = {
		{"lslv x", lslv_x}, {"lsrv x", lsrv_x}, {"asrv x", asrv_x}, {"rorv x", rorv_x},
		{"lslv w", lslv_w}, {"lsrv w", lsrv_w}, {"asrv w", asrv_w}, {"rorv w", rorv_w},
	};
	table(shift_ops, N(shift_ops), shifts, N(shifts), 0);

	/* multiply and divide */
	static const u64 muldiv[][2] = {
		{7, 2}, {7, 0}, {0xfffffffffffffff9, 2}, {0x8000000000000000, 0xffffffffffffffff},
		{0x80000000, 0xffffffff}, {0xffffffffffffffff, 0xffffffffffffffff}, {0x123456789abcdef0, 0xfedcba9876543210},
		{0xffffffff, 0xffffffff}, {0, 0},
	};
	static const struct op2 md_ops[] = {
		{"sdiv x", sdiv_x}, {"udiv x", udiv_x}, {"sdiv w", sdiv_w}, {"udiv w", udiv_w}, {"smulh", smulh},
		{"umulh", umulh}, {"smull", smull}, {"umull", umull}, {"mul w", mul_w}, {"mneg x", mneg_x},
	};
	table(md_ops, N(md_ops), muldiv, N(muldiv), 0);

	/* extended and shifted operands */
	static const u64 ext[][2] = {
		{0x1000, 0xfffffff80}, {0x1000, 0x12348765}, {0xffffffffffffffff, 0x80000001}, {0, 0xffff},
	};
	static const struct op2 ext_ops[] = {
		{"add uxtb", add_uxtb}, {"add sxth #2", add_sxth2}, {"sub sxtw #4", sub_sxtw4},
		{"adds w uxtw #1", adds_uxtw_w}, {"add asr #63", add_asr63}, {"sub w lsr #1", sub_lsr1_w},
		{"eor ror #8", eor_ror8}, {"orn w", orn_w}, {"eon lsl #4", eon_lsl4},
	};
	table(ext_ops, N(ext_ops), ext, N(ext), 0);

	/* every condition of csel/csinc/csinv/csneg, for every NZCV */
	for (u64 nz = 0; nz < 16; nz++) {
		u64 in = nz << 28;
		u64 r[16];
#define CS(c)                                                                                               \
	__asm__ volatile("msr nzcv, %1\n\tcsel %0, %2, %3, " #c : "=r"(r[k++]) : "r"(in), "r"(1ull), "r"(0ull))
		unsigned k = 0;
		CS(eq); CS(ne); CS(cs); CS(cc); CS(mi); CS(pl); CS(vs); CS(vc);
		CS(hi); CS(ls); CS(ge); CS(lt); CS(gt); CS(le); CS(al); CS(nv);
		char holds[17];
		for (k = 0; k < 16; k++)
			holds[k] = r[k] ? '1' : '0';
		holds[16] = 0;
		printf("cond eq..nv with %s                         %s\n", flags_str(in), holds);
	}
	{
		u64 a, b, c, d;
		__asm__ volatile("msr nzcv, xzr\n\t"
				 "csinc %0, %4, %5, ne\n\tcsinc %1, %4, %5, eq\n\t"
				 "csinv %w2, %w4, %w5, eq\n\tcsneg %3, %4, %5, eq"
				 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d)
				 : "r"(0x1111ull), "r"(0xffffffff00000005ull));
		show("csinc ne (z clear)", a);
		show("csinc eq (z clear)", b);
		show("csinv w eq (z clear)", c);
		show("csneg eq (z clear)", d);
	}
	/* ccmp/ccmn: compare if the condition holds, else the immediate flags */
	{
		u64 f1, f2, f3, f4;
		__asm__ volatile("msr nzcv, xzr\n\tccmp %4, %5, #0xf, eq\n\tmrs %0, nzcv\n\t"
				 "msr nzcv, xzr\n\tccmp %4, %5, #0xf, ne\n\tmrs %1, nzcv\n\t"
				 "msr nzcv, xzr\n\tccmn %w4, #3, #2, ne\n\tmrs %2, nzcv\n\t"
				 "mov x9, #0x40000000\n\tmsr nzcv, x9\n\tccmp %4, #31, #0, eq\n\tmrs %3, nzcv"
				 : "=&r"(f1), "=&r"(f2), "=&r"(f3), "=&r"(f4)
				 : "r"(0xfffffffdull), "r"(5ull)
				 : "x9");
		printf("ccmp 0xfffffffd,5 eq (fails)                  %s\n", flags_str(f1));
		printf("ccmp 0xfffffffd,5 ne (compares)               %s\n", flags_str(f2));
		printf("ccmn w 0xfffffffd,#3 ne                      %s\n", flags_str(f3));
		printf("ccmp 0xfffffffd,#31 eq (Z set)               %s\n", flags_str(f4));
	}
	/* move wide */
	{
		u64 a, b, c, d;
		__asm__ volatile("movz %0, #0xbeef, lsl #48\n\t"
				 "movn %1, #0x1234, lsl #16\n\t"
				 "movn %w2, #0x1234\n\t"
				 "mov %3, #-1\n\tmovk %3, #0x5678, lsl #32\n\tmovk %w3, #0x9abc, lsl #16"
				 : "=r"(a), "=r"(b), "=r"(c), "=&r"(d));
		show("movz lsl 48", a);
		show("movn lsl 16", b);
		show("movn w", c);
		show("movk x then movk w (zeroes the top)", d);
	}
	/* madd/msub/smaddl/umsubl with an accumulator */
	{
		u64 a, b, c, d;
		__asm__ volatile("madd %0, %4, %5, %6\n\tmsub %1, %4, %5, %6\n\t"
				 "smaddl %2, %w4, %w5, %6\n\tumsubl %3, %w4, %w5, %6"
				 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d)
				 : "r"(0xfffffffffffffffeull), "r"(0x80000003ull), "r"(100ull));
		show("madd", a);
		show("msub", b);
		show("smaddl", c);
		show("umsubl", d);
	}
	/* ADR/ADRP and arithmetic on SP */
	{
		u64 a, b, sp1, sp2;
		__asm__ volatile("adr %0, 1f\n\tadrp %1, 1f\n1:\n\t"
				 "mov %2, sp\n\tsub sp, sp, #0x20\n\tadd %3, sp, #0x10\n\tadd sp, sp, #0x20"
				 : "=&r"(a), "=&r"(b), "=&r"(sp1), "=&r"(sp2));
		show("adrp is adr rounded down to 4 KiB", (a & ~0xfffull) == b);
		show("sp - 0x20 + 0x10", sp1 - sp2);
	}
	return 0;
}
