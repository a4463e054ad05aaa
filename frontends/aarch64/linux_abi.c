/* What the Linux layer needs to know about aarch64: the generic syscall
 * table, the x8/x0..x5 convention (arch/arm64/kernel/syscall.c,
 * invoke_syscall), hwcap, /proc/cpuinfo and the entry state. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"
#include "frontends/aarch64/sysreg.h"
#include "syscalls/linux/linux_abi.h"
#include "syscalls/linux/sysnr.h"

/* arch/arm64/include/uapi/asm/hwcap.h: exactly what the decoder implements.
 * No FP16 (fphp, asimdhp), no crypto, no RDM/DotProd, no PAC, no BTI, no
 * LSE2 (uscat), no SVE. */
enum {
	HWCAP_FP = 1 << 0,
	HWCAP_ASIMD = 1 << 1,
	HWCAP_CRC32 = 1 << 7,
	HWCAP_ATOMICS = 1 << 8,
	HWCAP_CPUID = 1 << 11, /* MRS of the ID registers (system.c) */
};

static uint64_t hwcap(void) { return HWCAP_FP | HWCAP_ASIMD | HWCAP_CRC32 | HWCAP_ATOMICS | HWCAP_CPUID; }
static uint64_t hwcap2(void) { return 0; }

/* arch/arm64/kernel/cpuinfo.c: hwcap_str[], in bit order. */
static const char *const hwcap_names[] = {
	"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp", "cpuid",
};

/* The layout of c_show(), one stanza per online host CPU. */
static char *cpuinfo_text;
static pthread_once_t cpuinfo_once = PTHREAD_ONCE_INIT;

static void cpuinfo_build(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	uint64_t caps = hwcap(), midr = A64_MIDR_EL1;
	if (!f)
		return;
	if (n < 1)
		n = 1;
	for (long i = 0; i < n; i++) {
		/* BogoMIPS is twice the timer frequency in MHz on arm64 (the
		 * delay loop is timer-based). */
		fprintf(f, "processor\t: %ld\nBogoMIPS\t: %.2f\nFeatures\t:", i, 2.0 * IR_TIMER_HZ / 1e6);
		for (unsigned k = 0; k < sizeof(hwcap_names) / sizeof(hwcap_names[0]); k++)
			if (caps & (1ull << k))
				fprintf(f, " %s", hwcap_names[k]);
		fprintf(f,
			"\nCPU implementer\t: 0x%02x\n"
			"CPU architecture: 8\n"
			"CPU variant\t: 0x%x\n"
			"CPU part\t: 0x%03x\n"
			"CPU revision\t: %u\n\n",
			(unsigned)(midr >> 24 & 0xff), (unsigned)(midr >> 20 & 0xf), (unsigned)(midr >> 4 & 0xfff),
			(unsigned)(midr & 0xf));
	}
	if (fclose(f) == 0)
		cpuinfo_text = buf;
	else
		free(buf);
}

static const char *cpuinfo(void)
{
	pthread_once(&cpuinfo_once, cpuinfo_build);
	return cpuinfo_text ? cpuinfo_text : "";
}

/* start_thread(): pc and sp, everything else zero (x0 = 0 is _start's
 * rtld_fini), FPCR = 0, TPIDR_EL0 = 0. */
static void set_entry_regs(struct vcpu *cpu, uint64_t pc, uint64_t sp)
{
	for (unsigned r = 0; r < 31; r++)
		cpu->slot[A64_X(r)] = 0;
	for (unsigned k = 0; k < 64; k++)
		cpu->slot[A64_V(0) + k] = 0;
	a64_set_nzcv(cpu, 0);
	cpu->slot[A64_TPIDR] = 0;
	cpu->slot[A64_SP] = sp;
	cpu->pc = pc;
}

/* arch/arm64/include/uapi/asm/fcntl.h moves four O_ bits away from
 * asm-generic's, which are the host's. */
static const struct linux_flag_map open_flags[] = {
	{ 040000, O_DIRECTORY }, /* 0200000 in asm-generic */
	{ 0100000, O_NOFOLLOW }, /* 0400000 */
	{ 0200000, O_DIRECT },   /* 040000 */
	{ 0400000, 0100000 },    /* O_LARGEFILE; glibc's x86-64 O_LARGEFILE is 0, the kernel's 0100000 */
	{ 0, 0 },
};

/* linux_sigframe.c */
extern const struct linux_sigframe_ops aarch64_linux_sigframe;

const struct linux_abi aarch64_linux_abi = {
	.uname_machine = "aarch64",
	.platform = "aarch64", /* ELF_PLATFORM */
	.sysnr = linux_generic_sysnr,
	.nsysnr = LINUX_GENERIC_NSYSNR,
	.nr_slot = A64_X(8),
	.ret_slot = A64_X(0),
	.arg_slot = {A64_X(0), A64_X(1), A64_X(2), A64_X(3), A64_X(4), A64_X(5)},
	.syscall_insn_len = 4,
	.sp_slot = A64_SP,
	.pc_reg_index = 32,
	.stat_layout = LINUX_STAT_GENERIC,
	.hwcap = hwcap,
	.hwcap2 = hwcap2,
	.minsigstksz = 5120, /* arch/arm64/include/uapi/asm/signal.h: MINSIGSTKSZ */
	.cpuinfo = cpuinfo,
	.set_entry_regs = set_entry_regs,
	.arch_syscall = NULL,
	.tls_slot = A64_TPIDR, /* TPIDR_EL0 */
	.sigaction_restorer = true, /* arch/arm64/include/uapi/asm/signal.h: SA_RESTORER */
	.open_flags = open_flags,
	.sigframe = &aarch64_linux_sigframe,
};
