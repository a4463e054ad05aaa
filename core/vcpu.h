/* Per-thread guest CPU state shared by every frontend and backend. */
#ifndef FERRY_VCPU_H
#define FERRY_VCPU_H

#include <setjmp.h>
#include <stdint.h>

#include "ir.h"

struct frontend;
struct tblock;

/* Why a backend returned to the run loop. */
enum vcpu_exit {
	VEXIT_NONE,
	VEXIT_LOOKUP,    /* cpu->pc is the next block; not chained */
	VEXIT_SYSCALL,   /* guest system call; cpu->pc is after the instruction */
	VEXIT_TRAP,      /* cpu->trap describes a synchronous signal at cpu->pc */
	VEXIT_FLUSH,     /* translations must be flushed (fence.i); continue at cpu->pc */
	VEXIT_INTERRUPT, /* cpu->interrupt was raised (signal, exit request) */
};

struct vcpu_trap {
	int signo;
	int code;      /* si_code */
	uint64_t addr; /* si_addr */
};

struct vcpu {
	/* IR slots: architectural state in the frontend's layout, then temps.
	 * Kept first so a backend addresses slot n at offset 8n. */
	uint64_t slot[IR_SLOTS];

	uint64_t pc;                 /* guest pc whenever outside a block */
	uint8_t *mem_base;           /* host address of guest address 0 */
	uint64_t mem_limit;          /* guest addresses are below this */

	/* LR/SC reservation (see IR_LR64) */
	uint64_t resv_addr, resv_val;
	int resv_valid;

	/* FP environment in IR encodings; host flags accrue between reads */
	uint32_t fp_flags;
	uint32_t fp_rm;
	/* Arm FPCR.FZ/DN in force and FPSR.IDC accrued (FPU_ARM_*, core/fpu.h);
	 * zero for other guests */
	uint32_t fp_arm_mode;

	volatile int interrupt;      /* set asynchronously; blocks check it when chaining */
	struct vcpu_trap trap;       /* valid on VEXIT_TRAP */
	uint64_t icount;             /* guest instructions retired (block granularity) */

	const struct frontend *fe;
	const struct tblock *cur_tb; /* block executing, for fault pc recovery */
	const void *fault_op;        /* backend's position of the last memory op */
	sigjmp_buf fault_jmp;        /* a guest memory fault jumps back to the run loop */
	int in_guest;                /* inside guest code (fault_jmp armed); see tcache_enter */

	/* The exit the run loop should chain to the next block (VEXIT_LOOKUP). */
	struct tblock *chain_from;
	int chain_slot;               /* 0 or 1, or -1 for an indirect exit */
	struct vcpu *next_cpu;        /* list of all threads' CPUs */

	int tid;
	uint64_t clear_child_tid;    /* set_tid_address */
	void *os_state;              /* owned by the guest OS layer (signal masks, ...) */
	void *fe_state;              /* owned by the frontend */
	struct tcache_jmp *jmp_cache;/* per-thread pc -> block cache for indirect exits */
};

struct vcpu *vcpu_new(const struct frontend *fe);
void vcpu_free(struct vcpu *cpu);
/* In a fork child: drop every CPU but this one from the thread list. */
void vcpu_forget_others(struct vcpu *keep);

#endif
