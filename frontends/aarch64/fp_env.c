/* The FP environment: FPCR's rounding mode mapped to the IR's, and FPSR's
 * cumulative flags, kept by the IR (core/fpu.h) in RISC-V's bit order. */
#include "core/fpu.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

/* FPCR.RMode (Arm ARM D13.2 "FPCR"): 0 RN, 1 RP, 2 RM, 3 RZ, as enum ir_rm
 * values packed four bits each. */
#define RMODE_TO_IRM (IRM_RNE | IRM_RUP << 4 | IRM_RDN << 8 | IRM_RTZ << 12)

void a64_fpcr_changed(struct a64_ctx *c)
{
	struct ir_block *b = c->b;
	unsigned sh = ir_temp(b), rm = ir_temp(b);
	ir_emit(b, IR_SHRI, sh, A64_FPCR, 0, A64_FPCR_RMODE_SHIFT - 2); /* RMode * 4 */
	ir_emit(b, IR_ANDI, sh, sh, 0, 12);
	ir_movi(b, rm, RMODE_TO_IRM);
	ir_emit(b, IR_SHR, rm, rm, sh, 0);
	ir_emit(b, IR_ANDI, rm, rm, 0, 15);
	ir_emit(b, IR_FRM_SET, 0, rm, 0, 0);
	ir_call(b, a64_helper_fpcr_mode, ir_temp(b), A64_FPCR, A64_ZERO, A64_ZERO);
}

/* FPCR.FZ (bit 24) and FPCR.DN (bit 25) as core/fpu.h's FPU_ARM_FZ/DN: the
 * ops of IRFM_ARM apply them (Arm ARM D13.2 "FPCR"). */
void a64_fpcr_mode(struct vcpu *cpu, uint64_t fpcr)
{
	cpu->fp_arm_mode = (cpu->fp_arm_mode & ~FPU_ARM_CTL) | (fpcr >> 24 & 1 ? FPU_ARM_FZ : 0) |
			   (fpcr >> 25 & 1 ? FPU_ARM_DN : 0);
}

uint64_t a64_helper_fpcr_mode(struct vcpu *cpu, uint64_t fpcr, uint64_t b, uint64_t cc)
{
	a64_fpcr_mode(cpu, fpcr);
	return 0;
}

/* FPSR IOC, DZC, OFC, UFC, IXC (bits 0..4) are the IR's NV, DZ, OF, UF, NX
 * (bits 4..0): the same five bits reversed. */
static uint64_t reverse5(uint64_t v)
{
	uint64_t r = 0;
	for (int k = 0; k < 5; k++)
		r |= ((v >> k) & 1) << (4 - k);
	return r;
}

#define FPSR_KEPT (1u << 27 | 1u << 7) /* QC, IDC: no IR flag for them */
#define FPSR_IDC (1u << 7)

/* IDC accrues in cpu->fp_arm_mode when FZ flushes an input (core/fpu.c). */
uint64_t a64_helper_fpsr_read(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t cc)
{
	uint64_t idc = cpu->fp_arm_mode & FPU_ARM_IDC ? FPSR_IDC : 0;
	return reverse5(fpu_fflags_get(cpu)) | (cpu->slot[A64_FPSRX] & FPSR_KEPT) | idc;
}

uint64_t a64_helper_fpsr_write(struct vcpu *cpu, uint64_t v, uint64_t b, uint64_t cc)
{
	fpu_fflags_set(cpu, reverse5(v & 0x1f));
	cpu->slot[A64_FPSRX] = v & FPSR_KEPT;
	cpu->fp_arm_mode &= ~FPU_ARM_IDC;
	return 0;
}
