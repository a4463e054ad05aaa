/* Helpers for the aarch64 instruction tests written in C with inline asm.
 * Each test prints one line per check; the expected lines, next to the test
 * in <name>.expected, follow the Arm Architecture Reference Manual for
 * A-profile (DDI 0487), pseudocode of each instruction in chapter C6/C7. */
#ifndef ISA_H
#define ISA_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;
typedef int64_t s64;
typedef uint32_t u32;

/* NZCV as four letters, upper case when set: "nZCv". */
static inline const char *flags_str(u64 nzcv)
{
	static char buf[8][5];
	static int k;
	char *s = buf[k++ & 7];
	s[0] = nzcv >> 31 & 1 ? 'N' : 'n';
	s[1] = nzcv >> 30 & 1 ? 'Z' : 'z';
	s[2] = nzcv >> 29 & 1 ? 'C' : 'c';
	s[3] = nzcv >> 28 & 1 ? 'V' : 'v';
	s[4] = 0;
	return s;
}

static inline void show(const char *what, u64 v) { printf("%-44s %016llx\n", what, (unsigned long long)v); }

/* show() with a printf-style label */
__attribute__((format(printf, 2, 3))) static inline void showf(u64 v, const char *fmt, ...)
{
	char name[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	show(name, v);
}

/* A result and the flags after it. */
__attribute__((format(printf, 3, 4))) static inline void showflags(u64 v, u64 nzcv, const char *fmt, ...)
{
	char name[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	printf("%-44s %016llx %s\n", name, (unsigned long long)v, flags_str(nzcv));
}

/* rd = insn rn, rm, with NZCV set to `in` before and read after. */
#define OP2F(insn, in, a, b, nzcv_out)                                                                  \
	({                                                                                              \
		u64 r_, f_;                                                                             \
		__asm__ volatile("msr nzcv, %3\n\t" insn "\n\tmrs %1, nzcv"                             \
				 : "=&r"(r_), "=&r"(f_)                                                 \
				 : "r"((u64)(a)), "r"((u64)(in)), "r"((u64)(b)));                       \
		nzcv_out = f_;                                                                          \
		r_;                                                                                     \
	})

/* FPCR rounding modes (RMode, FPCR[23:22]) and FPSR cumulative flags. */
enum { RN = 0, RP = 1, RM = 2, RZ = 3 };
static inline void set_rmode(unsigned m) { __asm__ volatile("msr fpcr, %0" : : "r"((u64)m << 22)); }
static inline void clear_fpsr(void) { __asm__ volatile("msr fpsr, xzr"); }
static inline u64 get_fpsr(void)
{
	u64 v;
	__asm__ volatile("mrs %0, fpsr" : "=r"(v));
	return v;
}

/* FPSR's exception flags as letters: Invalid, Div-by-zero, Overflow,
 * Underflow, ineXact (upper case when set), then Q for saturation. */
static inline const char *fpsr_str(u64 f)
{
	static char buf[8][8];
	static int k;
	char *s = buf[k++ & 7];
	s[0] = f & 1 ? 'I' : 'i';
	s[1] = f & 2 ? 'D' : 'd';
	s[2] = f & 4 ? 'O' : 'o';
	s[3] = f & 8 ? 'U' : 'u';
	s[4] = f & 16 ? 'X' : 'x';
	s[5] = f & (1u << 27) ? 'Q' : 'q';
	s[6] = 0;
	return s;
}

static inline u64 dbits(double d)
{
	u64 u;
	memcpy(&u, &d, 8);
	return u;
}

static inline u32 sbits(float f)
{
	u32 u;
	memcpy(&u, &f, 4);
	return u;
}

/* A 128-bit vector value, low half first. */
typedef struct {
	u64 lo, hi;
} v128;

static inline void showv(const char *what, v128 v)
{
	printf("%-44s %016llx:%016llx\n", what, (unsigned long long)v.hi, (unsigned long long)v.lo);
}

__attribute__((format(printf, 2, 3))) static inline void showvf(v128 v, const char *fmt, ...)
{
	char name[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	showv(name, v);
}

#endif
