/* Self-modifying code, the AArch64 counterpart of code_rewrite.c.
 * TEST-ARCH: aarch64    (expected output in code_rewrite_aarch64.expected)
 * Writes A64 machine code for tiny functions into memory, calls them,
 * rewrites them at the same address and calls again, many times:
 *   1. an RWX mapping, made coherent with __builtin___clear_cache (libgcc:
 *      DC CVAU, DSB ISH, IC IVAU, DSB ISH, ISB);
 *   2. the same with that sequence written out inline;
 *   3. a RW mapping switched to RX with mprotect, and back to RW to rewrite;
 *   4. functions of different lengths at one address;
 *   5. data writes to the code page that leave the code alone;
 *   6. a generated function calling another one through BLR.
 * A translator must drop its stale translation each time (Arm ARM B2.4.4,
 * "Concurrent modification and execution of instructions": the new code is
 * guaranteed only after the cache maintenance and an ISB). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

typedef long (*fn)(void);

static const uint32_t RET = 0xd65f03c0;

/* movz x0, #n or movn x0, #~n: any n in -65536..65535 */
static uint32_t li_small(long n)
{
	if (n >= 0)
		return 0xd2800000u | (uint32_t)n << 5;
	return 0x92800000u | (uint32_t)(~n & 0xffff) << 5;
}

/* movz x0, #lo; movk x0, #hi, lsl #16; sxtw x0, w0: any 32-bit value */
static void li_big(uint32_t *p, int32_t n)
{
	p[0] = 0xd2800000u | ((uint32_t)n & 0xffff) << 5;
	p[1] = 0xf2a00000u | ((uint32_t)n >> 16) << 5;
	p[2] = 0x93407c00u;
}

/* The maintenance sequence of the Arm ARM for one line of new code. */
static void sync_code(void *p)
{
	__asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(p) : "memory");
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED) {
		printf("mmap RWX failed\n");
		return 1;
	}
	fn f = (fn)(void *)code;

	/* 1: RWX + __builtin___clear_cache, 500 rewrites of the immediate */
	int ok = 0;
	long first = 0, last = 0;
	for (long i = 0; i < 500; i++) {
		long n = i * 8 - 2000; /* -2000 .. 1992 */
		code[0] = li_small(n);
		code[1] = RET;
		__builtin___clear_cache((char *)code, (char *)(code + 2));
		long r = f();
		ok += r == n;
		if (i == 0)
			first = r;
		last = r;
	}
	printf("rwx+clear_cache: %d of 500 calls returned the new value (first %ld, last %ld)\n", ok, first, last);

	/* 2: the same with DC CVAU / IC IVAU / ISB inline */
	ok = 0;
	for (long i = 0; i < 500; i++) {
		code[0] = li_small(i);
		code[1] = RET;
		sync_code(code);
		ok += f() == i;
	}
	printf("rwx+ic ivau: %d of 500\n", ok);

	/* 3: W^X: RW to write, RX to run */
	uint32_t *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (wx == MAP_FAILED)
		return 1;
	fn g = (fn)(void *)wx;
	ok = 0;
	for (long i = 0; i < 200; i++) {
		if (mprotect(wx, 4096, PROT_READ | PROT_WRITE))
			return 1;
		li_big(wx, (int32_t)(i * 100003 - 7000000));
		wx[3] = RET;
		if (mprotect(wx, 4096, PROT_READ | PROT_EXEC))
			return 1;
		__builtin___clear_cache((char *)wx, (char *)(wx + 4));
		ok += g() == i * 100003 - 7000000;
	}
	printf("rw->rx mprotect: %d of 200 (last value %ld)\n", ok, g());

	/* 4: different shapes at one address */
	code[0] = li_small(7);
	code[1] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	long a = f();
	li_big(code, 0x12345678);
	code[3] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 4));
	long b = f();
	code[0] = li_small(-5);
	code[1] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	long c = f();
	li_big(code, -1);
	code[3] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 4));
	long d = f();
	printf("shapes: %ld %#lx %ld %ld\n", a, (unsigned long)b, c, d);

	/* 5: data next to code in the same page: the code keeps working */
	code[0] = li_small(1234);
	code[1] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	volatile uint32_t *data = code + 512;
	long sum = 0;
	for (int i = 0; i < 300; i++) {
		data[i % 64] = (uint32_t)i;
		sum += f();
	}
	printf("data writes beside code: sum %ld\n", sum);

	/* 6: a generated caller reaching the callee through x9 */
	code[0] = li_small(40);
	code[1] = RET;
	uint32_t *caller = code + 256;
	caller[0] = 0xa9bf7bfd; /* stp x29, x30, [sp, #-16]! */
	caller[1] = 0xd63f0120; /* blr x9 */
	caller[2] = 0x91000800; /* add x0, x0, #2 */
	caller[3] = 0xa8c17bfd; /* ldp x29, x30, [sp], #16 */
	caller[4] = RET;
	__builtin___clear_cache((char *)code, (char *)(caller + 5));
	long via;
	__asm__ volatile("mov x9, %1\n\tblr %2\n\tmov %0, x0"
			 : "=r"(via)
			 : "r"(code), "r"(caller)
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "x30", "memory");
	code[0] = li_small(100);
	__builtin___clear_cache((char *)code, (char *)(code + 1));
	long via2;
	__asm__ volatile("mov x9, %1\n\tblr %2\n\tmov %0, x0"
			 : "=r"(via2)
			 : "r"(code), "r"(caller)
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "x30", "memory");
	printf("generated caller -> callee: %ld, after rewriting the callee: %ld\n", via, via2);
	munmap(code, 4096);
	munmap(wx, 4096);
	return 0;
}
