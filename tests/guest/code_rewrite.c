/* Self-modifying code (riscv64 only; expected output in code_rewrite.expected).
 * TEST-ARCH: riscv64
 * Writes RISC-V machine code for tiny functions into memory, calls them,
 * rewrites them at the same address and calls again, many times:
 *   1. an RWX mapping, made coherent with __builtin___clear_cache (glibc:
 *      the riscv_flush_icache system call);
 *   2. the same with an inline fence.i (Zifencei);
 *   3. a RW mapping switched to RX with mprotect, and back to RW to rewrite;
 *   4. functions of different lengths and compressed encodings at one address;
 *   5. data writes to the code page that leave the code alone.
 * A translator must drop its stale translation each time (ISA manual vol. I,
 * "Zifencei": fence.i makes earlier stores visible to instruction fetch). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*fn)(void);

/* addi a0, zero, n  (n in -2048..2047) */
static uint32_t li_small(long n) { return ((uint32_t)n & 0xfff) << 20 | 10u << 7 | 0x13; }
/* jalr zero, 0(ra) */
static const uint32_t RET = 0x00008067;

/* lui a0, hi; addiw a0, a0, lo: any 32-bit value, sign-extended */
static void li_big(uint32_t *p, int32_t n)
{
	int32_t lo = (int32_t)((uint32_t)n << 20) >> 20; /* low 12 bits, signed */
	uint32_t hi = ((uint32_t)n - (uint32_t)lo) >> 12;
	p[0] = hi << 12 | 10u << 7 | 0x37;
	p[1] = ((uint32_t)lo & 0xfff) << 20 | 10u << 15 | 10u << 7 | 0x1b;
}

static void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

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

	/* 2: the same with fence.i */
	ok = 0;
	for (long i = 0; i < 500; i++) {
		code[0] = li_small(i);
		code[1] = RET;
		fence_i();
		ok += f() == i;
	}
	printf("rwx+fence.i: %d of 500\n", ok);

	/* 3: W^X: RW to write, RX to run */
	uint32_t *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fn g = (fn)(void *)wx;
	ok = 0;
	for (long i = 0; i < 200; i++) {
		if (mprotect(wx, 4096, PROT_READ | PROT_WRITE))
			return 1;
		li_big(wx, (int32_t)(i * 100003 - 7000000));
		wx[2] = RET;
		if (mprotect(wx, 4096, PROT_READ | PROT_EXEC))
			return 1;
		__builtin___clear_cache((char *)wx, (char *)(wx + 3));
		ok += g() == i * 100003 - 7000000;
	}
	printf("rw->rx mprotect: %d of 200 (last value %ld)\n", ok, g());

	/* 4: different shapes at one address */
	code[0] = li_small(7);
	code[1] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	long a = f();
	li_big(code, 0x12345678);
	code[2] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 3));
	long b = f();
	/* c.li a0, -5 ; c.jr ra: two 16-bit instructions in one 32-bit slot */
	uint16_t *h = (uint16_t *)code;
	h[0] = (uint16_t)(0x4000 | 1u << 12 | 10u << 7 | (((uint32_t)-5 & 31) << 2) | 1);
	h[1] = 0x8082;
	__builtin___clear_cache((char *)code, (char *)(code + 1));
	long c = f();
	li_big(code, -1);
	code[2] = RET;
	__builtin___clear_cache((char *)code, (char *)(code + 3));
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

	/* a second function calling the first through a register (jalr) */
	code[0] = li_small(40);
	code[1] = RET;
	uint32_t *caller = code + 256;
	/* addi sp,sp,-16; sd ra,8(sp); jalr ra,0(t0); addi a0,a0,2; ld ra,8(sp); addi sp,sp,16; ret */
	caller[0] = (uint32_t)(-16 & 0xfff) << 20 | 2u << 15 | 2u << 7 | 0x13;
	caller[1] = 0u << 25 | 1u << 20 | 2u << 15 | 3u << 12 | 8u << 7 | 0x23;
	caller[2] = 5u << 15 | 1u << 7 | 0x67;
	caller[3] = 2u << 20 | 10u << 15 | 10u << 7 | 0x13;
	caller[4] = 8u << 20 | 2u << 15 | 3u << 12 | 1u << 7 | 0x03;
	caller[5] = 16u << 20 | 2u << 15 | 2u << 7 | 0x13;
	caller[6] = RET;
	__builtin___clear_cache((char *)code, (char *)(caller + 7));
	long via;
	__asm__ volatile("mv t0, %1\n\tjalr %2\n\tmv %0, a0"
			 : "=r"(via)
			 : "r"(code), "r"(caller)
			 : "t0", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t1", "t2", "t3", "t4", "t5", "t6", "ra",
			   "memory");
	code[0] = li_small(100);
	__builtin___clear_cache((char *)code, (char *)(code + 1));
	long via2;
	__asm__ volatile("mv t0, %1\n\tjalr %2\n\tmv %0, a0"
			 : "=r"(via2)
			 : "r"(code), "r"(caller)
			 : "t0", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t1", "t2", "t3", "t4", "t5", "t6", "ra",
			   "memory");
	printf("generated caller -> callee: %ld, after rewriting the callee: %ld\n", via, via2);
	munmap(code, 4096);
	munmap(wx, 4096);
	return 0;
}
