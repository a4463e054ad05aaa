/* Misaligned loads and stores of every width at every offset, integer and
 * FP.  Linux on RISC-V completes them for user programs (in hardware or by
 * trapping into the kernel), so they must simply work. */
#include "isa.h"

int main(void)
{
	static unsigned char buf[64];
	for (int i = 0; i < 64; i++)
		buf[i] = (unsigned char)(0x11 * (i % 15) + i);
	for (int off = 0; off < 8; off++) {
		unsigned char *p = buf + 8 + off;
		printf("offset %d: lh %016llx lhu %016llx lw %016llx lwu %016llx ld %016llx\n", off,
		       (unsigned long long)LOAD("lh", p, 0), (unsigned long long)LOAD("lhu", p, 0),
		       (unsigned long long)LOAD("lw", p, 0), (unsigned long long)LOAD("lwu", p, 0),
		       (unsigned long long)LOAD("ld", p, 0));
		u64 fw, fd;
		__asm__ volatile("flw ft0, 0(%2)\n\tfmv.x.w %0, ft0\n\tfld ft1, 0(%2)\n\tfmv.x.d %1, ft1"
				 : "=r"(fw), "=r"(fd)
				 : "r"(p)
				 : "ft0", "ft1", "memory");
		printf("          flw %016llx fld %016llx\n", (unsigned long long)fw, (unsigned long long)fd);
	}
	for (int off = 0; off < 8; off++) {
		unsigned char out[48];
		memset(out, 0xee, sizeof out);
		unsigned char *p = out + 8 + off;
		__asm__ volatile("sd %1, 0(%0)" ::"r"(p), "r"(0x0102030405060708ULL) : "memory");
		__asm__ volatile("sw %1, 9(%0)" ::"r"(p), "r"(0xa1a2a3a4ULL) : "memory");
		__asm__ volatile("sh %1, 14(%0)" ::"r"(p), "r"(0xb1b2ULL) : "memory");
		__asm__ volatile("fmv.d.x ft0, %1\n\tfsd ft0, 17(%0)" ::"r"(p), "r"(0xc1c2c3c4c5c6c7c8ULL) : "ft0", "memory");
		printf("store offset %d:", off);
		for (int i = 0; i < 48; i++)
			printf(" %02x", out[i]);
		printf("\n");
	}
	/* a word straddling a page boundary */
	static unsigned char pages[8192] __attribute__((aligned(4096)));
	for (int i = 4088; i < 4104; i++)
		pages[i] = (unsigned char)i;
	show("ld across a page boundary", LOAD("ld", pages + 4093, 0));
	/* AMOs must be aligned (a misaligned AMO faults), so none here */
	return 0;
}
