/* Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 with one to
 * four registers (the interleaving of LD2-LD4 by element size), 64- and
 * 128-bit vectors, single lanes, LD1R-LD4R replication, post-index by
 * immediate and by register, and register lists that wrap from V31 to V0. */
#include "isa.h"

static unsigned char src[128], dst[128];

static void dump(const char *what, const unsigned char *p, int n)
{
	printf("%-40s", what);
	for (int i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static void show4(const char *what, const v128 *v, int n)
{
	for (int i = 0; i < n; i++)
		printf("%-36s v%d %016llx:%016llx\n", what, i, (unsigned long long)v[i].hi, (unsigned long long)v[i].lo);
}

/* runs text with x9 = src, x10 = dst, x11 = 24; v20..v23 preset to 0x77 and
 * saved afterwards, with x9's final value */
#define RUN(text, nregs)                                                                                   \
	do {                                                                                               \
		v128 r_[4];                                                                                \
		u64 base_;                                                                                 \
		memset(dst, 0xcc, sizeof dst);                                                             \
		__asm__ volatile("mov x9, %1\n\tmov x10, %2\n\tmov x11, #24\n\t"                            \
				 "movi v20.16b, #0x77\n\tmovi v21.16b, #0x77\n\tmovi v22.16b, #0x77\n\t"   \
				 "movi v23.16b, #0x77\n\tmovi v31.16b, #0x77\n\t" text "\n\t"              \
				 "stp q20, q21, [%3]\n\tstp q22, q23, [%3, #32]\n\tmov %0, x9"             \
				 : "=&r"(base_) : "r"(src), "r"(dst), "r"(r_)                              \
				 : "x9", "x10", "x11", "v20", "v21", "v22", "v23", "v31", "memory");       \
		show4(text, r_, nregs);                                                                    \
		printf("%-36s x9 moved by %lld\n", text, (long long)(base_ - (u64)src));                   \
	} while (0)

int main(void)
{
	for (int i = 0; i < 128; i++)
		src[i] = (unsigned char)i;
	RUN("ld1 {v20.16b}, [x9]", 1);
	RUN("ld1 {v20.8b, v21.8b}, [x9], #16", 2);
	RUN("ld1 {v20.4s, v21.4s, v22.4s}, [x9], x11", 3);
	RUN("ld1 {v20.2d, v21.2d, v22.2d, v23.2d}, [x9]", 4);
	RUN("ld2 {v20.16b, v21.16b}, [x9]", 2);
	RUN("ld2 {v20.4h, v21.4h}, [x9], #16", 2);
	RUN("ld3 {v20.8h, v21.8h, v22.8h}, [x9]", 3);
	RUN("ld3 {v20.2s, v21.2s, v22.2s}, [x9], x11", 3);
	RUN("ld4 {v20.16b, v21.16b, v22.16b, v23.16b}, [x9], #64", 4);
	RUN("ld4 {v20.2d, v21.2d, v22.2d, v23.2d}, [x9]", 4);
	RUN("ld1 {v20.b}[9], [x9]", 1);
	RUN("ld1 {v20.d}[1], [x9], #8", 1);
	RUN("ld2 {v20.h, v21.h}[5], [x9], x11", 2);
	RUN("ld3 {v20.s, v21.s, v22.s}[3], [x9]", 3);
	RUN("ld4 {v20.b, v21.b, v22.b, v23.b}[15], [x9], #4", 4);
	RUN("ld1r {v20.8h}, [x9]", 1);
	RUN("ld1r {v20.8b}, [x9], #1", 1);
	RUN("ld2r {v20.4s, v21.4s}, [x9]", 2);
	RUN("ld3r {v20.2d, v21.2d, v22.2d}, [x9], x11", 3);
	RUN("ld4r {v20.16b, v21.16b, v22.16b, v23.16b}, [x9]", 4);
	/* V31 to V0 wrap: v31 and v0 */
	{
		u64 a, b;
		__asm__ volatile("ld1 {v31.2d, v0.2d}, [%2]\n\tmov %0, v31.d[1]\n\tmov %1, v0.d[0]"
				 : "=&r"(a), "=&r"(b) : "r"(src) : "v31", "v0", "memory");
		show("ld1 {v31, v0}: v31.d[1]", a);
		show("ld1 {v31, v0}: v0.d[0]", b);
	}
	/* stores: the registers hold the bytes 0..63 */
#define ST(text, n)                                                                                        \
	do {                                                                                               \
		memset(dst, 0xcc, sizeof dst);                                                             \
		__asm__ volatile("ld1 {v20.16b, v21.16b, v22.16b, v23.16b}, [%0]\n\tmov x10, %1\n\tmov x11, #40\n\t" \
				 text : : "r"(src), "r"(dst) : "x10", "x11", "v20", "v21", "v22", "v23",  \
				 "memory");                                                                \
		dump(text, dst, n);                                                                        \
	} while (0)
	ST("st1 {v20.16b}, [x10]", 20);
	ST("st1 {v20.8b, v21.8b, v22.8b}, [x10]", 28);
	ST("st2 {v20.16b, v21.16b}, [x10]", 36);
	ST("st2 {v20.2s, v21.2s}, [x10], #16", 20);
	ST("st3 {v20.4h, v21.4h, v22.4h}, [x10]", 28);
	ST("st3 {v20.16b, v21.16b, v22.16b}, [x10], x11", 52);
	ST("st4 {v20.4s, v21.4s, v22.4s, v23.4s}, [x10]", 68);
	ST("st4 {v20.8b, v21.8b, v22.8b, v23.8b}, [x10]", 36);
	ST("st1 {v21.h}[7], [x10]", 4);
	ST("st2 {v20.d, v21.d}[1], [x10]", 20);
	ST("st3 {v20.b, v21.b, v22.b}[3], [x10]", 6);
	ST("st4 {v20.s, v21.s, v22.s, v23.s}[2], [x10], #16", 20);
	return 0;
}
