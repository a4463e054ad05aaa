/* Bit manipulation: logical immediates (DecodeBitMasks, Arm ARM J1),
 * bitfield moves (SBFM/UBFM/BFM and their aliases), EXTR, CLZ/CLS/RBIT/
 * REV16/REV32/REV, and CRC32/CRC32C (the reflected CRC without inversion).
 * TEST-CFLAGS: -march=armv8-a+crc */
#include "isa.h"

#define OP1(text, a)                                                                                       \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile(text : "=r"(r_) : "r"((u64)(a)));                                         \
		r_;                                                                                        \
	})
/* for the inserting forms: %0 is read and written */
#define OPRW(text, d, a)                                                                                   \
	({                                                                                                 \
		u64 r_ = (d);                                                                              \
		__asm__ volatile(text : "+r"(r_) : "r"((u64)(a)));                                         \
		r_;                                                                                        \
	})
#define OP2(text, a, b)                                                                                    \
	({                                                                                                 \
		u64 r_;                                                                                    \
		__asm__ volatile(text : "=r"(r_) : "r"((u64)(a)), "r"((u64)(b)));                          \
		r_;                                                                                        \
	})

static const u64 vals[] = {0, 1, 0x8000000000000000, 0xffffffffffffffff, 0x0123456789abcdef, 0xfedcba9876543210,
			   0x00000000ffff0000, 0x7fffffff80000000, 0x5555555555555555};

int main(void)
{
	for (unsigned k = 0; k < sizeof vals / sizeof vals[0]; k++) {
		u64 v = vals[k];
		printf("-- %016llx\n", (unsigned long long)v);
		show("and #0x5555555555555555", OP1("and %0, %1, #0x5555555555555555", v));
		show("orr #0xff00ff00ff00ff00", OP1("orr %0, %1, #0xff00ff00ff00ff00", v));
		show("eor #0x00000000fffffffe", OP1("eor %0, %1, #0xfffffffe", v));
		show("eor w #0x80000001", OP1("eor %w0, %w1, #0x80000001", v));
		show("orr w #0x3c3c3c3c", OP1("orr %w0, %w1, #0x3c3c3c3c", v));
		show("and #0x7ffffffffffffffe (rotated run)", OP1("and %0, %1, #0x7ffffffffffffffe", v));
		show("and #0xe0000000000001ff", OP1("and %0, %1, #0xe0000000000001ff", v));
		show("sbfx #60, #4", OP1("sbfx %0, %1, #60, #4", v));
		show("sbfx #3, #17", OP1("sbfx %0, %1, #3, #17", v));
		show("ubfx #3, #17", OP1("ubfx %0, %1, #3, #17", v));
		show("ubfx w #31, #1", OP1("ubfx %w0, %w1, #31, #1", v));
		show("sbfiz #40, #20", OP1("sbfiz %0, %1, #40, #20", v));
		show("ubfiz w #8, #8", OP1("ubfiz %w0, %w1, #8, #8", v));
		show("sxtb", OP1("sxtb %0, %w1", v));
		show("sxth w", OP1("sxth %w0, %w1", v));
		show("sxtw", OP1("sxtw %0, %w1", v));
		show("uxth", OP1("uxth %w0, %w1", v));
		show("asr #7", OP1("asr %0, %1, #7", v));
		show("lsl w #31", OP1("lsl %w0, %w1, #31", v));
		show("ror #13", OP1("ror %0, %1, #13", v));
		show("ror w #13", OP1("ror %w0, %w1, #13", v));
		show("ror #0", OP1("ror %0, %1, #0", v));
		show("ror w #0", OP1("ror %w0, %w1, #0", v));
		show("ror w #31", OP1("ror %w0, %w1, #31", v));
		show("ror #63", OP1("ror %0, %1, #63", v));
		show("bfi #12, #8 into 0xaaaa...", OPRW("bfi %0, %1, #12, #8", 0xaaaaaaaaaaaaaaaaull, v));
		show("bfxil #60, #4 into 0xaaaa...", OPRW("bfxil %0, %1, #60, #4", 0xaaaaaaaaaaaaaaaaull, v));
		show("bfi w #28, #4 into 0xaaaa...", OPRW("bfi %w0, %w1, #28, #4", 0xaaaaaaaaaaaaaaaaull, v));
		show("extr #12 with 0x1122...", OP2("extr %0, %1, %2, #12", v, 0x1122334455667788ull));
		show("extr w #1 with 0x1122...", OP2("extr %w0, %w1, %w2, #1", v, 0x1122334455667788ull));
		show("clz", OP1("clz %0, %1", v));
		show("clz w", OP1("clz %w0, %w1", v));
		show("cls", OP1("cls %0, %1", v));
		show("cls w", OP1("cls %w0, %w1", v));
		show("rbit", OP1("rbit %0, %1", v));
		show("rbit w", OP1("rbit %w0, %w1", v));
		show("rev", OP1("rev %0, %1", v));
		show("rev w", OP1("rev %w0, %w1", v));
		show("rev16", OP1("rev16 %0, %1", v));
		show("rev16 w", OP1("rev16 %w0, %w1", v));
		show("rev32", OP1("rev32 %0, %1", v));
		show("crc32b from ~0", OP2("crc32b %w0, %w1, %w2", 0xffffffff, v));
		show("crc32h from ~0", OP2("crc32h %w0, %w1, %w2", 0xffffffff, v));
		show("crc32w from ~0", OP2("crc32w %w0, %w1, %w2", 0xffffffff, v));
		show("crc32x from ~0", OP2("crc32x %w0, %w1, %2", 0xffffffff, v));
		show("crc32cb from 0x1234", OP2("crc32cb %w0, %w1, %w2", 0x1234, v));
		show("crc32cx from 0", OP2("crc32cx %w0, %w1, %2", 0, v));
	}
	/* "123456789": the standard check values are ~result = 0xcbf43926 and 0xe3069283 */
	{
		const char *s = "123456789";
		u64 c = 0xffffffff, cc = 0xffffffff;
		for (int i = 0; i < 9; i++) {
			c = OP2("crc32b %w0, %w1, %w2", c, s[i]);
			cc = OP2("crc32cb %w0, %w1, %w2", cc, s[i]);
		}
		show("crc32 check value", ~c & 0xffffffff);
		show("crc32c check value", ~cc & 0xffffffff);
	}
	return 0;
}
