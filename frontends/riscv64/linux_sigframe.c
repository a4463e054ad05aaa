/* riscv64 signal frames (arch/riscv/kernel/signal.c):
 *
 *   struct rt_sigframe { siginfo_t info; struct ucontext uc; }   1088 bytes
 *   struct ucontext { uc_flags, uc_link, uc_stack (24), uc_sigmask (8),
 *                     120 unused, struct sigcontext uc_mcontext }  at 16-byte alignment
 *   struct sigcontext { user_regs_struct sc_regs (pc, x1..x31);
 *                       union __riscv_fp_state sc_fpregs (528) }
 *
 * Only the D state is written (f[32] as 64-bit values, then fcsr); the
 * union's Q form only adds space.  The handler returns through the
 * sigreturn trampoline ("li a7, 139; ecall"), the kernel's vDSO
 * __vdso_rt_sigreturn, since riscv64 has no sa_restorer. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "core/fpu.h"
#include "core/mem.h"
#include "core/vcpu.h"
#include "frontends/riscv64/rv.h"
#include "syscalls/linux/linux_abi.h"
#include "syscalls/linux/linux_signal.h"

#define FRAME_SIZE 1088
#define OFF_UC 128
#define OFF_UC_STACK (OFF_UC + 16)
#define OFF_UC_SIGMASK (OFF_UC + 40)
#define OFF_MCONTEXT (OFF_UC + 176)
#define OFF_FPREGS (OFF_MCONTEXT + 256)
#define OFF_FCSR (OFF_FPREGS + 256)

struct rv_frame {
	uint8_t info[LINUX_SIGINFO_SIZE];
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, ss_pad;
	uint64_t ss_size;
	uint64_t sigmask;
	uint8_t unused[120 + 8]; /* and the padding to sigcontext's 16-byte alignment */
	uint64_t gregs[32]; /* pc, then x1..x31 */
	uint64_t f[32];
	uint32_t fcsr;
	uint8_t fp_rest[528 - 256 - 4];
};
_Static_assert(sizeof(struct rv_frame) == FRAME_SIZE, "riscv64 struct rt_sigframe");
_Static_assert(offsetof(struct rv_frame, ss_sp) == OFF_UC_STACK, "uc_stack");
_Static_assert(offsetof(struct rv_frame, sigmask) == OFF_UC_SIGMASK, "uc_sigmask");
_Static_assert(sizeof(((struct rv_frame *)0)->sigmask) == LINUX_SIGSET_SIZE, "uc_sigmask");
_Static_assert(offsetof(struct rv_frame, gregs) == OFF_MCONTEXT, "uc_mcontext");
_Static_assert(offsetof(struct rv_frame, fcsr) == OFF_FCSR, "fcsr");

static const uint32_t sigreturn_code[2] = {
	0x08b00893, /* addi a7, zero, 139 (__NR_rt_sigreturn) */
	0x00000073, /* ecall */
};

static int setup(struct vcpu *cpu, const struct linux_sigframe *f)
{
	uint64_t trampoline = linux_sigreturn_trampoline(sigreturn_code, sizeof sigreturn_code);
	uint64_t sp = (f->sp - FRAME_SIZE) & ~15ULL;
	struct rv_frame fr;

	if (!trampoline || f->sp < FRAME_SIZE)
		return -EFAULT;
	memset(&fr, 0, sizeof fr);
	memcpy(fr.info, f->info, sizeof fr.info);
	fr.ss_sp = f->stack.sp;
	fr.ss_flags = f->stack.flags;
	fr.ss_size = f->stack.size;
	fr.sigmask = f->mask;
	fr.gregs[0] = cpu->pc;
	for (int i = 1; i < 32; i++)
		fr.gregs[i] = cpu->slot[RV_X(i)];
	for (int i = 0; i < 32; i++)
		fr.f[i] = cpu->slot[RV_F(i)];
	fr.fcsr = (uint32_t)(fpu_fflags_get(cpu) & 0x1f) | (uint32_t)((cpu->slot[RV_FRM] & 7) << 5);
	if (mem_write(sp, &fr, sizeof fr) < 0)
		return -EFAULT;
	cpu->slot[RV_X(1)] = trampoline;   /* ra */
	cpu->slot[RV_X(2)] = sp;           /* sp */
	cpu->slot[RV_X(10)] = (uint64_t)f->sig;
	cpu->slot[RV_X(11)] = sp;          /* &info */
	cpu->slot[RV_X(12)] = sp + OFF_UC; /* &uc */
	cpu->pc = f->handler;
	return 0;
}

static int restore(struct vcpu *cpu, uint64_t *mask, struct linux_sigstack *stack)
{
	struct rv_frame fr;

	if (mem_read(&fr, cpu->slot[RV_X(2)], sizeof fr) < 0)
		return -EFAULT;
	cpu->pc = fr.gregs[0];
	for (int i = 1; i < 32; i++)
		cpu->slot[RV_X(i)] = fr.gregs[i];
	for (int i = 0; i < 32; i++)
		cpu->slot[RV_F(i)] = fr.f[i];
	cpu->slot[RV_FRM] = (fr.fcsr >> 5) & 7;
	fpu_frm_set(cpu, cpu->slot[RV_FRM]);
	fpu_fflags_set(cpu, fr.fcsr & 0x1f);
	*mask = fr.sigmask;
	stack->sp = fr.ss_sp;
	stack->size = fr.ss_size;
	stack->flags = fr.ss_flags;
	return 0;
}

/* linux_abi.c's .sigframe */
const struct linux_sigframe_ops riscv64_linux_sigframe = {
	.setup = setup,
	.restore = restore,
	.trampoline = sigreturn_code,
	.trampoline_len = sizeof sigreturn_code,
};
