/* Helpers for the riscv64 instruction tests written in C with inline asm.
 * Each test prints one line per check; the expected lines, next to the test
 * in <name>.expected, come from the ISA manual (The RISC-V Instruction Set
 * Manual, Volume I: Unprivileged ISA). */
#ifndef ISA_H
#define ISA_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;
typedef int64_t s64;

/* R-type: rd = op(rs1, rs2) */
#define OP2(insn, a, b)                                                                  \
	({                                                                               \
		u64 r_;                                                                  \
		__asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((u64)(a)), "r"((u64)(b))); \
		r_;                                                                      \
	})
/* rd = op(rs1) */
#define OP1(insn, a)                                                       \
	({                                                                 \
		u64 r_;                                                    \
		__asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"((u64)(a))); \
		r_;                                                        \
	})
/* rd = op(rs1, imm) */
#define OPI(insn, a, imm)                                                                  \
	({                                                                                 \
		u64 r_;                                                                    \
		__asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((u64)(a)), "i"(imm)); \
		r_;                                                                        \
	})

/* a load: rd = insn off(base) */
#define LOAD(insn, base, off)                                                                       \
	({                                                                                          \
		u64 r_;                                                                             \
		__asm__ volatile(insn " %0, %2(%1)" : "=r"(r_) : "r"(base), "i"(off) : "memory"); \
		r_;                                                                                 \
	})

static inline void show(const char *what, u64 v) { printf("%-40s %016llx\n", what, (unsigned long long)v); }

/* show() with a printf-style label */
__attribute__((format(printf, 2, 3))) static inline void showf(u64 v, const char *fmt, ...)
{
	char name[96];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	show(name, v);
}

/* Floating point: values travel as raw bit patterns in integer registers. */
static inline u64 fbits_d(double d)
{
	u64 u;
	memcpy(&u, &d, 8);
	return u;
}
static inline uint32_t fbits_s(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}

/* FP ops on raw 64-bit register images: operands are moved in with
 * fmv.d.x and the result out with fmv.x.d, so single-precision values can be
 * given NaN-boxed or not, and the boxing of results is visible.  insn may
 * carry a static rounding mode ("fadd.d ft2, ft0, ft1, rtz"). */
#define FOP2(insn, a, b)                                                                      \
	({                                                                                    \
		u64 r_;                                                                       \
		__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\t" \
				 "fmv.x.d %0, ft2"                                            \
				 : "=r"(r_)                                                   \
				 : "r"((u64)(a)), "r"((u64)(b))                               \
				 : "ft0", "ft1", "ft2");                                      \
		r_;                                                                   \
	})
#define FOP3(insn, a, b, c)                                                                          \
	({                                                                                           \
		u64 r_;                                                                              \
		__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmv.d.x ft2, %3\n\t" insn          \
				 " ft3, ft0, ft1, ft2\n\tfmv.x.d %0, ft3"                            \
				 : "=r"(r_)                                                          \
				 : "r"((u64)(a)), "r"((u64)(b)), "r"((u64)(c))                       \
				 : "ft0", "ft1", "ft2", "ft3");                                      \
		r_;                                                                          \
	})
/* one FP source, FP result (fsqrt, fcvt.s.d, fcvt.d.s) */
#define FOP1(insn, a)                                                                                        \
	({                                                                                                   \
		u64 r_;                                                                                      \
		__asm__ volatile("fmv.d.x ft0, %1\n\t" insn " ft2, ft0\n\tfmv.x.d %0, ft2" : "=r"(r_) : "r"((u64)(a)) \
				 : "ft0", "ft2");                                                             \
		r_;                                                                                  \
	})
/* FP source, integer result (fcvt.w.d, fclass, fmv.x.w) */
#define FTOI(insn, a)                                                                               \
	({                                                                                          \
		u64 r_;                                                                             \
		__asm__ volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0" : "=r"(r_) : "r"((u64)(a)) : "ft0"); \
		r_;                                                                                 \
	})
/* integer source, FP result (fcvt.d.l, fmv.w.x) */
#define ITOF(insn, a)                                                                              \
	({                                                                                         \
		u64 r_;                                                                            \
		__asm__ volatile(insn " ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r_) : "r"((u64)(a)) : "ft0"); \
		r_;                                                                                \
	})
/* two FP sources, integer result (feq, flt, fle) */
#define FCMP(insn, a, b)                                                                        \
	({                                                                                      \
		u64 r_;                                                                         \
		__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " %0, ft0, ft1"      \
				 : "=r"(r_)                                                     \
				 : "r"((u64)(a)), "r"((u64)(b))                                 \
				 : "ft0", "ft1");                                               \
		r_;                                                                     \
	})

/* The same with a static rounding mode: FTOI_RM("fcvt.w.d", "rtz", a) */
#define FTOI_RM(insn, rm, a)                                                                                  \
	({                                                                                                    \
		u64 r_;                                                                                       \
		__asm__ volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0, " rm : "=r"(r_) : "r"((u64)(a)) : "ft0"); \
		r_;                                                                                           \
	})
#define FOP2_RM(insn, rm, a, b)                                                                      \
	({                                                                                           \
		u64 r_;                                                                              \
		__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " ft2, ft0, ft1, " rm "\n\t" \
				 "fmv.x.d %0, ft2"                                                   \
				 : "=r"(r_)                                                          \
				 : "r"((u64)(a)), "r"((u64)(b))                                      \
				 : "ft0", "ft1", "ft2");                                             \
		r_;                                                                          \
	})

/* A single NaN-boxed in a 64-bit register image (vol. I, "NaN Boxing of
 * Narrower Values"). */
#define BOX(s) (0xffffffff00000000ULL | (uint32_t)(s))

/* Common bit patterns */
#define D_ONE 0x3ff0000000000000ULL
#define D_TWO 0x4000000000000000ULL
#define D_THREE 0x4008000000000000ULL
#define D_INF 0x7ff0000000000000ULL
#define D_NINF 0xfff0000000000000ULL
#define D_QNAN 0x7ff8000000000000ULL /* the canonical NaN */
#define D_SNAN 0x7ff0000000000001ULL
#define D_ZERO 0ULL
#define D_NZERO 0x8000000000000000ULL
#define S_ONE 0x3f800000u
#define S_TWO 0x40000000u
#define S_THREE 0x40400000u
#define S_INF 0x7f800000u
#define S_QNAN 0x7fc00000u /* the canonical NaN */
#define S_SNAN 0x7f800001u

static inline void fsetrm(unsigned rm) { __asm__ volatile("fsrm %0" ::"r"((u64)rm)); }
static inline unsigned fgetrm(void)
{
	u64 r;
	__asm__ volatile("frrm %0" : "=r"(r));
	return (unsigned)r;
}

/* fflags: read and clear */
static inline unsigned fflags_take(void)
{
	u64 f;
	__asm__ volatile("csrrw %0, fflags, zero" : "=r"(f));
	return (unsigned)f;
}

static inline const char *flag_names(unsigned f)
{
	static char buf[8][32];
	static unsigned k;
	char *b = buf[k++ % 8];
	snprintf(b, 32, "%s%s%s%s%s%s", f & 16 ? "NV " : "", f & 8 ? "DZ " : "", f & 4 ? "OF " : "",
		 f & 2 ? "UF " : "", f & 1 ? "NX " : "", f ? "" : "-");
	return b;
}

#endif
