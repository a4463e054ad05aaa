/* What the Linux layer needs to know about one guest arch.  Each frontend
 * provides one (frontends/<arch>/linux_abi.c) through struct frontend.linux. */
#ifndef FERRY_LINUX_ABI_H
#define FERRY_LINUX_ABI_H

#include <stdint.h>

/* gnu11 predefines "linux" as 1; we use it as a name. */
#undef linux

struct vcpu;

enum linux_stat_layout {
	LINUX_STAT_GENERIC, /* asm-generic struct stat (riscv64, aarch64): 128 bytes */
	LINUX_STAT_X86_32,  /* struct stat64 of i386 */
};

struct linux_abi {
	const char *uname_machine;     /* "riscv64" */
	const char *platform;          /* AT_PLATFORM string, or NULL */
	/* guest syscall number -> enum linux_sys (0: unknown) */
	const uint16_t *sysnr;
	unsigned nsysnr;
	/* registers (IR slots) of the syscall convention */
	unsigned nr_slot, ret_slot, arg_slot[6];
	unsigned syscall_insn_len;     /* to back up the pc when restarting */
	unsigned sp_slot;
	unsigned pc_reg_index;         /* unused by Linux layer; for symmetry */
	enum linux_stat_layout stat_layout;
	uint64_t (*hwcap)(void);       /* AT_HWCAP */
	uint64_t (*hwcap2)(void);      /* AT_HWCAP2 */
	uint64_t minsigstksz;          /* AT_MINSIGSTKSZ */
	const char *(*cpuinfo)(void);  /* text of /proc/cpuinfo */
	/* Sets the registers for the entry point (argc, argv... on stack already). */
	void (*set_entry_regs)(struct vcpu *cpu, uint64_t pc, uint64_t sp);
	/* Arch-specific syscalls (riscv_hwprobe, riscv_flush_icache, set_tls...):
	 * returns 1 and stores the result if it handled number nr. */
	int (*arch_syscall)(struct vcpu *cpu, uint64_t nr, const uint64_t *args, int64_t *ret);
};

#endif
