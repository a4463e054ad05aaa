/* What the Linux layer needs to know about one guest arch.  Each frontend
 * provides one (frontends/<arch>/linux_abi.c) through struct frontend.linux,
 * and its signal frames (frontends/<arch>/linux_sigframe.c) through
 * .sigframe; syscalls/linux/ knows a guest CPU only through this. */
#ifndef FERRY_LINUX_ABI_H
#define FERRY_LINUX_ABI_H

#include <stdbool.h>
#include <stdint.h>

/* gnu11 predefines "linux" as 1; we use it as a name. */
#undef linux

struct vcpu;

enum linux_stat_layout {
	LINUX_STAT_GENERIC, /* asm-generic struct stat (riscv64, aarch64): 128 bytes */
	LINUX_STAT_X86_32,  /* struct stat64 of i386 */
};

/* One O_* bit that the guest's uapi asm/fcntl.h puts elsewhere than the
 * host's (x86-64, which has asm-generic's values). */
struct linux_flag_map {
	int guest, host;
};

/* stack_t as the kernel records it in a frame's uc_stack. */
struct linux_sigstack {
	uint64_t sp, size;
	int flags; /* SS_ONSTACK, SS_DISABLE, SS_AUTODISARM */
};

/* A signal frame to write, as the Linux layer decided it
 * (arch/<arch>/kernel/signal.c, setup_rt_frame). */
struct linux_sigframe {
	int sig;
	const uint8_t *info;          /* siginfo_t, LINUX_SIGINFO_SIZE bytes, 64-bit layout */
	uint64_t handler;
	uint64_t restorer;            /* sa_restorer when SA_RESTORER is set, else 0 */
	uint64_t mask;                /* saved in uc_sigmask, restored by rt_sigreturn */
	uint64_t sp;                  /* the frame goes below this (the alternate stack already chosen) */
	struct linux_sigstack stack;  /* uc_stack */
};

/* The arch's signal frames (frontends/<arch>/linux_sigframe.c). */
struct linux_sigframe_ops {
	/* Writes the frame below f->sp and points the registers at the
	 * handler, returning to the restorer or a sigreturn trampoline:
	 * 0, or -EFAULT when the frame does not fit (the caller kills). */
	int (*setup)(struct vcpu *cpu, const struct linux_sigframe *f);
	/* rt_sigreturn: restores the registers from the frame at the stack
	 * pointer and gives the saved mask and uc_stack: 0 or -EFAULT. */
	int (*restore)(struct vcpu *cpu, uint64_t *mask, struct linux_sigstack *stack);
	/* The sigreturn trampoline's code, mapped at boot as the kernel maps
	 * its vDSO at exec (mapped at the first signal, it could land in a
	 * hole the guest unmapped and expects to fault on). */
	const void *trampoline;
	size_t trampoline_len;
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

	/* The slot clone(CLONE_SETTLS) writes its tls argument to (riscv64:
	 * tp, aarch64: TPIDR_EL0).  Always set: -1 when the arch has no such
	 * register, and CLONE_SETTLS then fails with ENOSYS. */
	int tls_slot;
	/* struct sigaction has sa_restorer between sa_flags and sa_mask (the
	 * arch's uapi asm/signal.h defines SA_RESTORER: aarch64, not riscv64). */
	bool sigaction_restorer;
	/* O_* bits placed differently from the host's, ended by { 0, 0 }
	 * (aarch64: four of them); NULL when all are the same. */
	const struct linux_flag_map *open_flags;
	/* Signal frames; NULL: a guest handler cannot run, a caught signal
	 * takes its default action instead (with a warning). */
	const struct linux_sigframe_ops *sigframe;
};

#endif
