/* Advanced SIMD integer operations, lane by lane: three same (with the
 * saturating, halving, rounding and pairwise forms and the register
 * shifts), two-register misc, across lanes, three different (long, wide,
 * narrowing high), shifts by immediate, by element, copies (DUP, INS, UMOV,
 * SMOV), modified immediates, permutes, EXT, TBL/TBX, and the scalar forms.
 * A 64-bit vector result clears the upper half; FPSR.QC records saturation
 * (Arm ARM C7.2, each instruction's pseudocode). */
#include "isa.h"

static const v128 A = {0x80ff7f0102fe40c0ull, 0x0123456789abcdefull};
static const v128 B = {0x7f01ff80fe0240c1ull, 0xfedcba9876543210ull};
static const v128 D = {0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull};

/* v2 = op(v0 = A, v1 = B), v2 preset to D; QC cleared first and shown. */
#define V3(text)                                                                                           \
	do {                                                                                               \
		v128 r_;                                                                                   \
		u64 fl_;                                                                                   \
		__asm__ volatile("ldp q0, q1, [%3]\n\tldr q2, [%4]\n\tmsr fpsr, xzr\n\t" text "\n\t"        \
				 "mov %0, v2.d[0]\n\tmov %1, v2.d[1]\n\tmrs %2, fpsr"                      \
				 : "=&r"(r_.lo), "=&r"(r_.hi), "=&r"(fl_)                                  \
				 : "r"(ab), "r"(&D) : "v0", "v1", "v2", "v3", "memory");                   \
		printf("%-36s %016llx:%016llx%s\n", text, (unsigned long long)r_.hi, (unsigned long long)r_.lo, \
		       fl_ & (1u << 27) ? " QC" : "");                                                     \
	} while (0)

/* x0 = op(v0 = A) for the moves to general registers */
#define VX(text)                                                                                           \
	do {                                                                                               \
		u64 r_;                                                                                    \
		__asm__ volatile("ldp q0, q1, [%1]\n\t" text : "=&r"(r_) : "r"(ab) : "v0", "v1", "memory"); \
		printf("%-36s %016llx\n", text, (unsigned long long)r_);                                   \
	} while (0)

int main(void)
{
	static v128 ab[2];
	ab[0] = A, ab[1] = B;
	/* three same */
	V3("add v2.16b, v0.16b, v1.16b");
	V3("add v2.4h, v0.4h, v1.4h");
	V3("sub v2.2d, v0.2d, v1.2d");
	V3("mul v2.8h, v0.8h, v1.8h");
	V3("mla v2.4s, v0.4s, v1.4s");
	V3("mls v2.8b, v0.8b, v1.8b");
	V3("pmul v2.16b, v0.16b, v1.16b");
	V3("sqadd v2.16b, v0.16b, v1.16b");
	V3("uqadd v2.8h, v0.8h, v1.8h");
	V3("sqsub v2.4s, v0.4s, v1.4s");
	V3("uqsub v2.2d, v0.2d, v1.2d");
	V3("shadd v2.16b, v0.16b, v1.16b");
	V3("urhadd v2.8h, v0.8h, v1.8h");
	V3("shsub v2.4s, v0.4s, v1.4s");
	V3("cmeq v2.16b, v0.16b, v1.16b");
	V3("cmgt v2.16b, v0.16b, v1.16b");
	V3("cmhi v2.8h, v0.8h, v1.8h");
	V3("cmge v2.4s, v0.4s, v1.4s");
	V3("cmhs v2.2d, v0.2d, v1.2d");
	V3("cmtst v2.8b, v0.8b, v1.8b");
	V3("smax v2.16b, v0.16b, v1.16b");
	V3("umin v2.8h, v0.8h, v1.8h");
	V3("sabd v2.4s, v0.4s, v1.4s");
	V3("uaba v2.16b, v0.16b, v1.16b");
	V3("addp v2.16b, v0.16b, v1.16b");
	V3("addp v2.2d, v0.2d, v1.2d");
	V3("umaxp v2.8b, v0.8b, v1.8b");
	V3("sminp v2.4s, v0.4s, v1.4s");
	V3("sshl v2.16b, v0.16b, v1.16b");
	V3("ushl v2.4s, v0.4s, v1.4s");
	V3("srshl v2.8h, v0.8h, v1.8h");
	V3("uqshl v2.16b, v0.16b, v1.16b");
	V3("sqrshl v2.2d, v0.2d, v1.2d");
	V3("sqdmulh v2.8h, v0.8h, v1.8h");
	V3("sqrdmulh v2.4s, v0.4s, v1.4s");
	V3("and v2.16b, v0.16b, v1.16b");
	V3("bic v2.8b, v0.8b, v1.8b");
	V3("orn v2.16b, v0.16b, v1.16b");
	V3("eor v2.16b, v0.16b, v1.16b");
	V3("bsl v2.16b, v0.16b, v1.16b");
	V3("bit v2.16b, v0.16b, v1.16b");
	V3("bif v2.8b, v0.8b, v1.8b");
	/* two-register misc */
	V3("rev64 v2.16b, v0.16b");
	V3("rev32 v2.8h, v0.8h");
	V3("rev16 v2.8b, v0.8b");
	V3("saddlp v2.8h, v0.16b");
	V3("uadalp v2.2d, v0.4s");
	V3("suqadd v2.16b, v0.16b");
	V3("usqadd v2.8h, v0.8h");
	V3("cls v2.16b, v0.16b");
	V3("clz v2.4s, v0.4s");
	V3("cnt v2.16b, v0.16b");
	V3("not v2.8b, v0.8b");
	V3("rbit v2.16b, v0.16b");
	V3("sqabs v2.16b, v0.16b");
	V3("sqneg v2.8h, v0.8h");
	V3("abs v2.2d, v0.2d");
	V3("neg v2.4s, v0.4s");
	V3("cmgt v2.16b, v0.16b, #0");
	V3("cmeq v2.8h, v0.8h, #0");
	V3("cmlt v2.4s, v0.4s, #0");
	V3("cmge v2.2d, v0.2d, #0");
	V3("cmle v2.8b, v0.8b, #0");
	V3("xtn v2.8b, v0.8h");
	V3("xtn2 v2.16b, v0.8h");
	V3("sqxtn v2.4h, v0.4s");
	V3("uqxtn2 v2.4s, v0.2d");
	V3("sqxtun v2.8b, v0.8h");
	V3("shll v2.8h, v0.8b, #8");
	V3("shll2 v2.2d, v0.4s, #32");
	V3("urecpe v2.4s, v0.4s");
	V3("ursqrte v2.2s, v0.2s");
	/* across lanes */
	V3("addv b2, v0.16b");
	V3("addv h2, v0.4h");
	V3("saddlv h2, v0.16b");
	V3("uaddlv d2, v0.4s");
	V3("smaxv b2, v0.8b");
	V3("umaxv h2, v0.8h");
	V3("sminv s2, v0.4s");
	V3("uminv b2, v0.16b");
	/* three different */
	V3("saddl v2.8h, v0.8b, v1.8b");
	V3("uaddl2 v2.4s, v0.8h, v1.8h");
	V3("ssubw v2.2d, v0.2d, v1.2s");
	V3("usubw2 v2.8h, v0.8h, v1.16b");
	V3("addhn v2.8b, v0.8h, v1.8h");
	V3("raddhn2 v2.4s, v0.2d, v1.2d");
	V3("subhn v2.4h, v0.4s, v1.4s");
	V3("sabal v2.8h, v0.8b, v1.8b");
	V3("uabdl2 v2.2d, v0.4s, v1.4s");
	V3("smlal v2.4s, v0.4h, v1.4h");
	V3("umlsl2 v2.8h, v0.16b, v1.16b");
	V3("smull v2.2d, v0.2s, v1.2s");
	V3("umull2 v2.8h, v0.16b, v1.16b");
	V3("sqdmull v2.4s, v0.4h, v1.4h");
	V3("sqdmlal2 v2.2d, v0.4s, v1.4s");
	V3("sqdmlsl v2.4s, v0.4h, v1.4h");
	V3("pmull v2.8h, v0.8b, v1.8b");
	/* shifts by immediate */
	V3("sshr v2.16b, v0.16b, #8");
	V3("ushr v2.8h, v0.8h, #3");
	V3("srshr v2.4s, v0.4s, #31");
	V3("ursra v2.2d, v0.2d, #64");
	V3("ssra v2.8b, v0.8b, #1");
	V3("shl v2.4s, v0.4s, #31");
	V3("sli v2.8h, v0.8h, #4");
	V3("sri v2.16b, v0.16b, #8");
	V3("sri v2.2d, v0.2d, #17");
	V3("sqshl v2.16b, v0.16b, #6");
	V3("uqshl v2.8h, v0.8h, #15");
	V3("sqshlu v2.4s, v0.4s, #2");
	V3("shrn v2.8b, v0.8h, #4");
	V3("rshrn2 v2.8h, v0.4s, #16");
	V3("sqshrn v2.2s, v0.2d, #1");
	V3("uqrshrn v2.8b, v0.8h, #1");
	V3("sqshrun2 v2.16b, v0.8h, #3");
	V3("sqrshrun v2.4h, v0.4s, #12");
	V3("sshll v2.8h, v0.8b, #3");
	V3("ushll2 v2.2d, v0.4s, #0");
	V3("uxtl v2.4s, v0.4h");
	/* by element */
	V3("mul v2.8h, v0.8h, v1.h[7]");
	V3("mla v2.4s, v0.4s, v1.s[1]");
	V3("mls v2.4h, v0.4h, v1.h[3]");
	V3("smull v2.4s, v0.4h, v1.h[5]");
	V3("umlal2 v2.2d, v0.4s, v1.s[3]");
	V3("sqdmulh v2.8h, v0.8h, v1.h[0]");
	V3("sqrdmulh v2.2s, v0.2s, v1.s[2]");
	V3("sqdmull2 v2.4s, v0.8h, v1.h[2]");
	/* copies */
	V3("dup v2.16b, v0.b[13]");
	V3("dup v2.4h, v1.h[6]");
	V3("dup v2.2d, v0.d[1]");
	V3("mov v2.b[5], v1.b[15]");
	V3("mov v2.s[3], v0.s[0]");
	V3("mov v2.d[0], v1.d[1]");
	VX("umov w0, v0.b[7]\n\tmov %0, x0");
	VX("smov x0, v0.b[7]\n\tmov %0, x0");
	VX("smov w0, v0.h[3]\n\tmov %0, x0");
	VX("smov x0, v0.s[1]\n\tmov %0, x0");
	VX("umov x0, v0.d[1]\n\tmov %0, x0");
	V3("mov x9, #0x1234\n\tdup v2.8h, w9");
	V3("mov x9, #-2\n\tdup v2.2s, w9");
	V3("mov x9, #0x7f\n\tins v2.h[6], w9");
	/* modified immediate */
	V3("movi v2.16b, #0xa5");
	V3("movi v2.4h, #0x12, lsl #8");
	V3("movi v2.2s, #0x34, msl #16");
	V3("mvni v2.4s, #0x56, lsl #24");
	V3("movi v2.2d, #0xff0000ff00ffff00");
	V3("movi d2, #0x00ff00ff00ff00ff");
	V3("orr v2.8h, #0x80");
	V3("bic v2.4s, #0xff, lsl #8");
	V3("fmov v2.4s, #-1.5");
	V3("fmov v2.2d, #0.25");
	/* permutes, EXT, TBL */
	V3("zip1 v2.16b, v0.16b, v1.16b");
	V3("zip2 v2.4h, v0.4h, v1.4h");
	V3("uzp1 v2.8h, v0.8h, v1.8h");
	V3("uzp2 v2.2s, v0.2s, v1.2s");
	V3("trn1 v2.4s, v0.4s, v1.4s");
	V3("trn2 v2.16b, v0.16b, v1.16b");
	V3("ext v2.16b, v0.16b, v1.16b, #13");
	V3("ext v2.8b, v0.8b, v1.8b, #3");
	V3("movi v3.16b, #0x0f\n\ttbl v2.16b, {v0.16b}, v3.16b");
	V3("tbl v2.16b, {v0.16b, v1.16b}, v1.16b");
	V3("tbx v2.8b, {v0.16b}, v1.8b");
	V3("mov v3.16b, v0.16b\n\ttbx v2.16b, {v0.16b, v1.16b}, v3.16b");
	/* scalar forms */
	V3("add d2, d0, d1");
	V3("cmhi d2, d1, d0");
	V3("sqadd b2, b0, b1");
	V3("uqsub h2, h0, h1");
	V3("sqdmulh s2, s0, s1");
	V3("sshr d2, d0, #63");
	V3("ushr d2, d1, #1");
	V3("sqshl s2, s0, #2");
	V3("sqxtn b2, h0");
	V3("uqrshrn h2, s1, #4");
	V3("neg d2, d0");
	V3("cmlt d2, d1, #0");
	V3("addp d2, v0.2d");
	V3("mov b2, v0.b[9]");
	V3("sqdmlal s2, h0, v1.h[3]");
	return 0;
}
