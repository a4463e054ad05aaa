/* TBL and TBX (Arm ARM C7.2.367, C7.2.368): tables of one to four
 * registers, the list wrapping from V31 to V0, 64- and 128-bit forms, index
 * bytes at every table boundary (0, 15, 16, 31, 32, ..., 63, 64) and far
 * past it, and the destination also a table register or the index.  An
 * index past the table gives 0 (TBL) or keeps the destination's byte (TBX);
 * a 64-bit form clears the upper half. */
#include "isa.h"

/* table bytes: register k, byte j is 0x80 | (16k + j) * 3 mod 128 */
static v128 tab[5];
static const v128 idx[2] = {
	{0x3f302f201f100f00ull, 0xff807f4140313e01ull}, /* boundaries */
	{0x0f0e0d0c0b0a0908ull, 0x3b2c1d0e30201000ull},
};
static const v128 preset = {0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull};

/* v0..v3 and v31 the table, v4 the index, v5 (the destination) preset;
 * then text; then dst shown. */
#define T(dst, text, ix)                                                                                   \
	do {                                                                                               \
		v128 r_;                                                                                   \
		__asm__ volatile("ldp q0, q1, [%2]\n\tldp q2, q3, [%2, #32]\n\tldr q31, [%2, #64]\n\t"     \
				 "ldr q4, [%3]\n\tldr q5, [%4]\n\t" text "\n\t"                             \
				 "mov %0, " dst ".d[0]\n\tmov %1, " dst ".d[1]"                            \
				 : "=&r"(r_.lo), "=&r"(r_.hi)                                              \
				 : "r"(tab), "r"(&idx[ix]), "r"(&preset)                                   \
				 : "v0", "v1", "v2", "v3", "v4", "v5", "v31", "memory");                   \
		printf("%-46s i%d %016llx:%016llx\n", text, ix, (unsigned long long)r_.hi,                  \
		       (unsigned long long)r_.lo);                                                         \
	} while (0)

#define BOTH(dst, text)                                                                                    \
	do {                                                                                               \
		T(dst, text, 0);                                                                           \
		T(dst, text, 1);                                                                           \
	} while (0)

int main(void)
{
	uint8_t *t = (uint8_t *)tab;
	for (int k = 0; k < 80; k++)
		t[k] = (uint8_t)(0x80 | ((k * 3) & 0x7f));

	BOTH("v5", "tbl v5.16b, {v0.16b}, v4.16b");
	BOTH("v5", "tbl v5.8b, {v0.16b}, v4.8b");
	BOTH("v5", "tbl v5.16b, {v0.16b, v1.16b}, v4.16b");
	BOTH("v5", "tbl v5.8b, {v1.16b, v2.16b}, v4.8b");
	BOTH("v5", "tbl v5.16b, {v0.16b, v1.16b, v2.16b}, v4.16b");
	BOTH("v5", "tbl v5.16b, {v0.16b, v1.16b, v2.16b, v3.16b}, v4.16b");
	BOTH("v5", "tbl v5.8b, {v0.16b, v1.16b, v2.16b, v3.16b}, v4.8b");
	BOTH("v5", "tbl v5.16b, {v31.16b, v0.16b}, v4.16b");
	BOTH("v5", "tbl v5.16b, {v31.16b, v0.16b, v1.16b, v2.16b}, v4.16b");
	BOTH("v5", "tbx v5.16b, {v0.16b}, v4.16b");
	BOTH("v5", "tbx v5.8b, {v0.16b}, v4.8b");
	BOTH("v5", "tbx v5.16b, {v0.16b, v1.16b}, v4.16b");
	BOTH("v5", "tbx v5.16b, {v0.16b, v1.16b, v2.16b}, v4.16b");
	BOTH("v5", "tbx v5.8b, {v1.16b, v2.16b, v3.16b}, v4.8b");
	BOTH("v5", "tbx v5.16b, {v0.16b, v1.16b, v2.16b, v3.16b}, v4.16b");
	BOTH("v5", "tbx v5.16b, {v31.16b, v0.16b, v1.16b}, v4.16b");
	/* the destination is a table register, or the index */
	BOTH("v0", "tbl v0.16b, {v0.16b}, v4.16b");
	BOTH("v1", "tbl v1.16b, {v0.16b, v1.16b}, v4.16b");
	BOTH("v4", "tbl v4.16b, {v0.16b, v1.16b, v2.16b}, v4.16b");
	BOTH("v4", "tbl v4.8b, {v0.16b}, v4.8b");
	BOTH("v2", "tbx v2.16b, {v1.16b, v2.16b}, v4.16b");
	BOTH("v4", "tbx v4.16b, {v3.16b, v4.16b}, v4.16b");
	BOTH("v0", "tbx v0.8b, {v0.16b}, v0.8b");
	return 0;
}
