/* Zicsr and the user counters: rdcycle, rdtime and rdinstret (cycle,
 * time, instret CSRs, read with csrrs rd, csr, x0) advance; instret grows
 * by at least the number of instructions retired in between; csrr of the
 * same counter twice in a row never goes back; the rd = x0 and rs1 = x0
 * forms; csrrw/csrrs/csrrc/csrrwi/csrrsi/csrrci on the FP CSRs, which are
 * the only user-writable ones (vol. I, "Zicsr" and "Counters"). */
#include <time.h>

#include "isa.h"

static u64 rdcycle(void)
{
	u64 v;
	__asm__ volatile("rdcycle %0" : "=r"(v));
	return v;
}
static u64 rdtime(void)
{
	u64 v;
	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}
static u64 rdinstret(void)
{
	u64 v;
	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

int main(void)
{
	u64 c0 = rdcycle(), t0 = rdtime(), i0 = rdinstret();
	/* 10000 iterations of a 3-instruction loop */
	u64 n = 10000, acc = 0;
	__asm__ volatile("1:\taddi %0, %0, 3\n\taddi %1, %1, -1\n\tbnez %1, 1b" : "+r"(acc), "+r"(n));
	u64 c1 = rdcycle(), i1 = rdinstret();
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	u64 t1 = rdtime();
	printf("loop result %llu\n", (unsigned long long)acc);
	printf("cycle advanced: %d\n", c1 > c0);
	printf("instret advanced by at least 30000: %d\n", i1 - i0 >= 30000);
	printf("time advanced across a 20 ms sleep: %d\n", t1 > t0);
	int back = 0;
	u64 prev_c = rdcycle(), prev_t = rdtime(), prev_i = rdinstret();
	for (int k = 0; k < 10000; k++) {
		u64 c = rdcycle(), t = rdtime(), i = rdinstret();
		back += c < prev_c || t < prev_t || i <= prev_i;
		prev_c = c, prev_t = t, prev_i = i;
	}
	printf("counters never went back (instret strictly increasing): %d\n", back == 0);
	/* the long forms of the same reads */
	u64 a, b;
	__asm__ volatile("csrrs %0, cycle, zero\n\tcsrr %1, instret" : "=r"(a), "=r"(b));
	printf("csrrs/csrr forms non-zero: %d %d\n", a != 0, b != 0);
	/* FP CSRs with every Zicsr form */
	u64 r1, r2, r3, r4, r5, r6, r7;
	__asm__ volatile("csrrwi zero, fcsr, 0\n\t"
			 "csrrw %0, fcsr, %7\n\t"   /* old 0, fcsr = 0x25 */
			 "csrrs %1, fcsr, %8\n\t"   /* old 0x25, | 0x02 */
			 "csrrc %2, fcsr, %9\n\t"   /* old 0x27, & ~0x21 */
			 "csrrwi %3, frm, 3\n\t"    /* old frm 0 */
			 "csrrsi %4, fflags, 0x18\n\t"
			 "csrrci %5, fflags, 0x06\n\t"
			 "csrr %6, fcsr\n\t"
			 "csrw fcsr, zero"
			 : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4), "=&r"(r5), "=&r"(r6), "=&r"(r7)
			 : "r"(0x25ULL), "r"(0x02ULL), "r"(0x21ULL));
	printf("csrrw old %#llx, csrrs old %#llx, csrrc old %#llx, csrrwi frm old %#llx, csrrsi old %#llx, csrrci old "
	       "%#llx, final fcsr %#llx\n",
	       (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)r3, (unsigned long long)r4,
	       (unsigned long long)r5, (unsigned long long)r6, (unsigned long long)r7);
	/* csrrs with rs1 = x0 does not write (so it is allowed on read-only CSRs);
	 * csrrw with rd = x0 does not read */
	__asm__ volatile("csrrs %0, time, zero" : "=r"(a));
	printf("csrrs time, x0 allowed: %d\n", a != 0);
	return 0;
}
