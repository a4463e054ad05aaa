/* What the Linux layer needs to know about riscv64: the generic syscall
 * table, the a7/a0..a5 convention (arch/riscv/kernel/traps.c, do_trap_ecall_u),
 * hwcap, /proc/cpuinfo, and the two riscv-only calls. */
#include <bsd/string.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/tcache.h"
#include "core/vcpu.h"
#include "frontends/riscv64/rv.h"
#include "syscalls/linux/linux_abi.h"
#include "syscalls/linux/sysnr.h"

enum { REG_SP = 2, REG_A0 = 10, REG_A7 = 17 };

/* AT_HWCAP: one bit per single-letter extension, bit n for letter 'A' + n
 * (arch/riscv/include/uapi/asm/hwcap.h). */
#define HWCAP_LETTER(ch) (1ULL << ((ch) - 'A'))

static uint64_t hwcap(void)
{
	return HWCAP_LETTER('I') | HWCAP_LETTER('M') | HWCAP_LETTER('A') | HWCAP_LETTER('F') | HWCAP_LETTER('D') |
	       HWCAP_LETTER('C');
}

static uint64_t hwcap2(void) { return 0; }

/* The layout of arch/riscv/kernel/cpu.c show_cpuinfo(), one stanza per
 * online host CPU; the ids are 0 as a QEMU virt board reports them. */
static char *cpuinfo_text;
static pthread_once_t cpuinfo_once = PTHREAD_ONCE_INIT;

static void cpuinfo_build(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return;
	if (n < 1)
		n = 1;
	char isa[64] = "rv64imafdc_zicsr_zifencei";
	static const char *const optional[] = {"zba", "zbb", "zbs"};
	for (int k = 0; k < 3; k++)
		if (rv_ext_enabled(optional[k]))
			strlcat(isa, "_", sizeof(isa)), strlcat(isa, optional[k], sizeof(isa));
	for (long i = 0; i < n; i++)
		fprintf(f,
			"processor\t: %ld\n"
			"hart\t\t: %ld\n"
			"isa\t\t: %s\n"
			"mmu\t\t: sv39\n"
			"mvendorid\t: 0x0\n"
			"marchid\t\t: 0x0\n"
			"mimpid\t\t: 0x0\n"
			"\n",
			i, i, isa);
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

/* start_thread() sets pc and sp; the rest of the integer registers are 0
 * (ELF_PLAT_INIT), in particular a0, which _start takes as rtld_fini. */
static void set_entry_regs(struct vcpu *cpu, uint64_t pc, uint64_t sp)
{
	for (unsigned r = 1; r < 32; r++)
		cpu->slot[RV_X(r)] = 0;
	cpu->slot[RV_X(REG_SP)] = sp;
	cpu->pc = pc;
}

/* riscv_hwprobe, arch/riscv/include/uapi/asm/hwprobe.h and
 * Documentation/arch/riscv/hwprobe.rst. */
enum {
	HWPROBE_KEY_MVENDORID = 0,
	HWPROBE_KEY_MARCHID = 1,
	HWPROBE_KEY_MIMPID = 2,
	HWPROBE_KEY_BASE_BEHAVIOR = 3,
	HWPROBE_KEY_IMA_EXT_0 = 4,
	HWPROBE_KEY_CPUPERF_0 = 5,
};
#define HWPROBE_BASE_BEHAVIOR_IMA (1ULL << 0)
#define HWPROBE_IMA_FD (1ULL << 0)
#define HWPROBE_IMA_C (1ULL << 1)
#define HWPROBE_EXT_ZBA (1ULL << 3)
#define HWPROBE_EXT_ZBB (1ULL << 4)
#define HWPROBE_EXT_ZBS (1ULL << 5)
#define HWPROBE_MISALIGNED_UNKNOWN 0ULL

struct riscv_hwprobe {
	int64_t key;
	uint64_t value;
};
_Static_assert(sizeof(struct riscv_hwprobe) == 16, "struct riscv_hwprobe is two 64-bit words");

/* Longest cpu set looked at: the kernel's cpumask_size() for 1024 CPUs. */
#define HWPROBE_MAX_CPUSET 128

static int64_t hwprobe(uint64_t pairs, uint64_t count, uint64_t cpusetsize, uint64_t cpus, uint64_t flags)
{
	if (flags != 0)
		return -EINVAL;
	/* No set means all CPUs; otherwise it must name an online CPU. */
	if (cpusetsize || cpus) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		uint8_t set[HWPROBE_MAX_CPUSET];
		bool any = false;
		if (cpusetsize > sizeof(set))
			cpusetsize = sizeof(set);
		if (mem_read(set, cpus, cpusetsize))
			return -EFAULT;
		for (uint64_t i = 0; i < cpusetsize * 8 && (long)i < ncpu; i++)
			any |= (set[i / 8] >> (i % 8)) & 1;
		if (!any)
			return -EINVAL;
	}
	if (count == 0)
		return 0;
	if (count > UINT64_MAX / sizeof(struct riscv_hwprobe))
		return -EFAULT;
	struct riscv_hwprobe *p = mem_access(pairs, count * sizeof(*p), PROT_READ | PROT_WRITE);
	if (!p)
		return -EFAULT;
	for (uint64_t i = 0; i < count; i++) {
		int64_t key;
		uint64_t value = 0;
		memcpy(&key, &p[i].key, sizeof(key));
		switch (key) {
		case HWPROBE_KEY_MVENDORID:
		case HWPROBE_KEY_MARCHID:
		case HWPROBE_KEY_MIMPID:
			value = 0;
			break;
		case HWPROBE_KEY_BASE_BEHAVIOR:
			value = HWPROBE_BASE_BEHAVIOR_IMA;
			break;
		case HWPROBE_KEY_IMA_EXT_0:
			value = HWPROBE_IMA_FD | HWPROBE_IMA_C | (rv_ext_enabled("zba") ? HWPROBE_EXT_ZBA : 0) |
				(rv_ext_enabled("zbb") ? HWPROBE_EXT_ZBB : 0) | (rv_ext_enabled("zbs") ? HWPROBE_EXT_ZBS : 0);
			break;
		case HWPROBE_KEY_CPUPERF_0:
			value = HWPROBE_MISALIGNED_UNKNOWN;
			break;
		default: /* unknown keys: key = -1, value = 0 */
			key = -1;
			break;
		}
		memcpy(&p[i].key, &key, sizeof(key));
		memcpy(&p[i].value, &value, sizeof(value));
	}
	return 0;
}

/* arch/riscv/include/uapi/asm/unistd.h: __NR_arch_specific_syscall (244) + 14, + 15 */
enum { NR_riscv_hwprobe = 258, NR_riscv_flush_icache = 259 };
#define SYS_RISCV_FLUSH_ICACHE_LOCAL 1ULL

static int arch_syscall(struct vcpu *cpu, uint64_t nr, const uint64_t *a, int64_t *ret)
{
	switch (nr) {
	case NR_riscv_hwprobe:
		*ret = hwprobe(a[0], a[1], a[2], a[3], a[4]);
		return 1;
	case NR_riscv_flush_icache:
		/* (start, end, flags): the whole cache goes, whatever the range;
		 * "local" only narrows which harts must see it. */
		if (a[2] & ~SYS_RISCV_FLUSH_ICACHE_LOCAL) {
			*ret = -EINVAL;
			return 1;
		}
		tcache_request_flush();
		*ret = 0;
		return 1;
	default:
		return 0;
	}
}

/* linux_sigframe.c */
extern const struct linux_sigframe_ops riscv64_linux_sigframe;

const struct linux_abi riscv64_linux_abi = {
	.uname_machine = "riscv64",
	.platform = NULL,
	.sysnr = linux_generic_sysnr,
	.nsysnr = LINUX_GENERIC_NSYSNR,
	.nr_slot = RV_X(REG_A7),
	.ret_slot = RV_X(REG_A0),
	.arg_slot = {RV_X(10), RV_X(11), RV_X(12), RV_X(13), RV_X(14), RV_X(15)},
	.syscall_insn_len = 4, /* ecall has no compressed form */
	.sp_slot = RV_X(REG_SP),
	.pc_reg_index = 32,
	.stat_layout = LINUX_STAT_GENERIC,
	.hwcap = hwcap,
	.hwcap2 = hwcap2,
	.minsigstksz = 2048, /* arch/riscv/include/uapi/asm/auxvec.h: MINSIGSTKSZ */
	.cpuinfo = cpuinfo,
	.set_entry_regs = set_entry_regs,
	.arch_syscall = arch_syscall,
	.tls_slot = RV_X(4), /* tp (psABI) */
	.sigaction_restorer = false, /* arch/riscv/include/uapi/asm/signal.h: no SA_RESTORER */
	.open_flags = NULL,          /* asm-generic/fcntl.h */
	.sigframe = &riscv64_linux_sigframe,
};
