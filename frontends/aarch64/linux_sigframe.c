/* aarch64 signal frames (arch/arm64/kernel/signal.c, uapi asm/sigcontext.h):
 *
 *   struct rt_sigframe { siginfo_t info; struct ucontext uc; }     4688 bytes
 *   struct ucontext { uc_flags, uc_link, uc_stack (24), uc_sigmask (8),
 *                     120 unused, struct sigcontext uc_mcontext }   at 176
 *   struct sigcontext { fault_address, regs[31], sp, pc, pstate,
 *                       __reserved[4096] (16-aligned) }
 *
 * __reserved holds a list of records: fpsimd_context (magic 0x46508001,
 * 528 bytes: fpsr, fpcr, V0-V31), then a zero terminator.  Above the frame
 * sits a frame record {fp, lr} that x29 points to.  The handler returns to
 * sa_restorer (glibc always gives one), else to the sigreturn trampoline. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/fpu.h"
#include "core/mem.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"
#include "syscalls/linux/linux_abi.h"
#include "syscalls/linux/linux_signal.h"

#define FPSIMD_MAGIC 0x46508001u
#define FPSIMD_SIZE 528u

struct a64_frame {
	uint8_t info[LINUX_SIGINFO_SIZE];
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, ss_pad;
	uint64_t ss_size;
	uint64_t sigmask;
	uint8_t unused[120 + 8]; /* and the padding to sigcontext's 16-byte alignment */
	/* struct sigcontext */
	uint64_t fault_address;
	uint64_t regs[31];
	uint64_t sp, pc, pstate;
	uint64_t pad;            /* __reserved is 16-byte aligned */
	/* __reserved[4096]: the fpsimd record, the terminator, free space */
	uint32_t fp_magic, fp_size;
	uint32_t fpsr, fpcr;
	uint64_t vregs[64];      /* V0-V31, low half first */
	uint32_t end_magic, end_size;
	uint8_t reserved_rest[4096 - FPSIMD_SIZE - 8];
};
_Static_assert(sizeof(struct a64_frame) == 4688, "arm64 struct rt_sigframe");
_Static_assert(offsetof(struct a64_frame, fault_address) == 128 + 176, "uc_mcontext");
_Static_assert(offsetof(struct a64_frame, fp_magic) == 128 + 176 + 288, "__reserved");
_Static_assert(offsetof(struct a64_frame, vregs) % 16 == 0, "vregs alignment");
_Static_assert(sizeof(((struct a64_frame *)0)->sigmask) == LINUX_SIGSET_SIZE, "uc_sigmask");

/* FPCR.RMode (0 RN, 1 RP, 2 RM, 3 RZ) as the IR's rounding modes. */
static const enum ir_rm rmode_to_irm[4] = { IRM_RNE, IRM_RUP, IRM_RDN, IRM_RTZ };

static const uint32_t sigreturn_code[2] = {
	0xd2801168, /* movz x8, #139 (__NR_rt_sigreturn) */
	0xd4000001, /* svc #0 */
};

static int setup(struct vcpu *cpu, const struct linux_sigframe *f)
{
	static struct a64_frame fr_zero;
	struct a64_frame *fr;
	uint64_t rec = (f->sp - 16) & ~15ULL, sp, lr = f->restorer, fp_rec[2];
	int r = -EFAULT;

	if (!lr)
		lr = linux_sigreturn_trampoline(sigreturn_code, sizeof sigreturn_code);
	if (!lr || f->sp < sizeof *fr + 32)
		return -EFAULT;
	sp = (rec - sizeof *fr) & ~15ULL;
	if (!(fr = malloc(sizeof *fr)))
		return -EFAULT;
	*fr = fr_zero;
	memcpy(fr->info, f->info, sizeof fr->info);
	fr->ss_sp = f->stack.sp;
	fr->ss_flags = f->stack.flags;
	fr->ss_size = f->stack.size;
	fr->sigmask = f->mask;
	/* a memory fault's address (si_addr), which the kernel records here too */
	if (f->sig == SIGSEGV || f->sig == SIGBUS)
		fr->fault_address = linux_siginfo_addr(f->info);
	for (int i = 0; i < 31; i++)
		fr->regs[i] = cpu->slot[A64_X(i)];
	fr->sp = cpu->slot[A64_SP];
	fr->pc = cpu->pc;
	fr->pstate = a64_nzcv(cpu); /* NZCV is lazy (flags.c) */
	fr->fp_magic = FPSIMD_MAGIC;
	fr->fp_size = FPSIMD_SIZE;
	fr->fpsr = (uint32_t)a64_helper_fpsr_read(cpu, 0, 0, 0);
	fr->fpcr = (uint32_t)cpu->slot[A64_FPCR];
	for (int i = 0; i < 64; i++)
		fr->vregs[i] = cpu->slot[A64_V(0) + i];
	fp_rec[0] = cpu->slot[A64_X(29)];
	fp_rec[1] = cpu->slot[A64_X(30)];
	if (mem_write(sp, fr, sizeof *fr) == 0 && mem_write(rec, fp_rec, sizeof fp_rec) == 0) {
		cpu->slot[A64_X(0)] = (uint64_t)f->sig;
		cpu->slot[A64_X(1)] = sp;       /* &info */
		cpu->slot[A64_X(2)] = sp + 128; /* &uc */
		cpu->slot[A64_X(29)] = rec;
		cpu->slot[A64_X(30)] = lr;
		cpu->slot[A64_SP] = sp;
		cpu->pc = f->handler;
		r = 0;
	}
	free(fr);
	return r;
}

/* Finds the fpsimd record in __reserved (records may come in any order). */
static const uint8_t *find_fpsimd(const struct a64_frame *fr)
{
	const uint8_t *p = (const uint8_t *)&fr->fp_magic, *end = p + 4096;

	while (p + 8 <= end) {
		uint32_t magic, size;

		memcpy(&magic, p, 4);
		memcpy(&size, p + 4, 4);
		if (magic == FPSIMD_MAGIC && size == FPSIMD_SIZE && p + FPSIMD_SIZE <= end)
			return p;
		if (magic == 0 || size < 8 || size > (size_t)(end - p))
			return NULL;
		p += size;
	}
	return NULL;
}

static int restore(struct vcpu *cpu, uint64_t *mask, struct linux_sigstack *stack)
{
	struct a64_frame *fr = malloc(sizeof *fr);
	uint64_t sp = cpu->slot[A64_SP];
	const uint8_t *fp;
	uint32_t fpsr, fpcr;

	if (!fr)
		return -EFAULT;
	if ((sp & 15) || mem_read(fr, sp, sizeof *fr) < 0 || !(fp = find_fpsimd(fr))) {
		free(fr);
		return -EFAULT;
	}
	for (int i = 0; i < 31; i++)
		cpu->slot[A64_X(i)] = fr->regs[i];
	cpu->slot[A64_SP] = fr->sp;
	cpu->pc = fr->pc;
	a64_set_nzcv(cpu, fr->pstate);
	memcpy(&fpsr, fp + 8, 4);
	memcpy(&fpcr, fp + 12, 4);
	for (int i = 0; i < 64; i++)
		memcpy(&cpu->slot[A64_V(0) + i], fp + 16 + 8 * i, 8);
	cpu->slot[A64_FPCR] = fpcr & A64_FPCR_MASK;
	fpu_frm_set(cpu, rmode_to_irm[(fpcr >> A64_FPCR_RMODE_SHIFT) & 3]);
	a64_fpcr_mode(cpu, fpcr);
	a64_helper_fpsr_write(cpu, fpsr, 0, 0);
	*mask = fr->sigmask;
	stack->sp = fr->ss_sp;
	stack->size = fr->ss_size;
	stack->flags = fr->ss_flags;
	free(fr);
	return 0;
}

/* linux_abi.c's .sigframe */
const struct linux_sigframe_ops aarch64_linux_sigframe = {
	.setup = setup,
	.restore = restore,
	.trampoline = sigreturn_code,
	.trampoline_len = sizeof sigreturn_code,
};
