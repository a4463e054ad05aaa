/* System registers an EL0 program reaches: NZCV, FPCR (the trap enables
 * read as zero), FPSR, TPIDR_EL0, TPIDRRO_EL0, CTR_EL0, DCZID_EL0,
 * CNTFRQ_EL0 and CNTVCT_EL0, and the ID registers the kernel emulates
 * for MRS (Documentation/arch/arm64/cpu-feature-registers.rst), which must
 * agree with AT_HWCAP.  The values are ferry's CPU, not qemu's: this
 * test's expected output is written by hand from sysreg.h. */
#include <sys/auxv.h>
#include <time.h>

#include "isa.h"

#define MRS(reg)                                                                                           \
	({                                                                                                 \
		u64 v_;                                                                                    \
		__asm__ volatile("mrs %0, " reg : "=r"(v_));                                              \
		v_;                                                                                        \
	})

int main(void)
{
	u64 v;
	__asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv" : "=r"(v) : "r"(0xffffffffffffffffull));
	show("nzcv after writing all ones", v);
	__asm__ volatile("msr fpcr, %1\n\tmrs %0, fpcr\n\tmsr fpcr, xzr" : "=r"(v) : "r"(0xffffffffull));
	show("fpcr after writing all ones", v);
	__asm__ volatile("msr fpsr, %1\n\tmrs %0, fpsr\n\tmsr fpsr, xzr" : "=r"(v) : "r"(0xffffffffull));
	show("fpsr after writing all ones", v);
	u64 old = MRS("tpidr_el0");
	__asm__ volatile("msr tpidr_el0, %1\n\tmrs %0, tpidr_el0\n\tmsr tpidr_el0, %2" : "=&r"(v) : "r"(0x123456789ull), "r"(old));
	show("tpidr_el0 read back", v);
	show("tpidrro_el0", MRS("tpidrro_el0"));
	show("ctr_el0", MRS("ctr_el0"));
	show("dczid_el0", MRS("dczid_el0"));
	show("cntfrq_el0", MRS("cntfrq_el0"));
	/* the virtual counter runs at cntfrq: 10 ms of CLOCK_MONOTONIC */
	{
		struct timespec a, b, d = {0, 10000000};
		u64 f = MRS("cntfrq_el0"), c0, c1;
		clock_gettime(CLOCK_MONOTONIC, &a);
		c0 = MRS("cntvct_el0");
		nanosleep(&d, NULL);
		c1 = MRS("cntvct_el0");
		clock_gettime(CLOCK_MONOTONIC, &b);
		double el = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, ticks = (double)(c1 - c0) / f;
		show("cntvct_el0 advances with CLOCK_MONOTONIC", ticks > 0.009 && ticks <= el * 1.01 + 0.001);
	}
	show("midr_el1", MRS("midr_el1"));
	show("mpidr_el1", MRS("mpidr_el1"));
	show("revidr_el1", MRS("revidr_el1"));
	show("id_aa64pfr0_el1", MRS("id_aa64pfr0_el1"));
	show("id_aa64pfr1_el1", MRS("id_aa64pfr1_el1"));
	show("id_aa64isar0_el1", MRS("id_aa64isar0_el1"));
	show("id_aa64isar1_el1", MRS("id_aa64isar1_el1"));
	show("id_aa64mmfr0_el1", MRS("id_aa64mmfr0_el1"));
	show("id_aa64zfr0_el1", MRS("s3_0_c0_c4_4"));
	show("s3_0_c0_c7_7 (unallocated, reads zero)", MRS("s3_0_c0_c7_7"));
	show("AT_HWCAP", getauxval(AT_HWCAP));
	show("AT_HWCAP2", getauxval(AT_HWCAP2));
	return 0;
}
