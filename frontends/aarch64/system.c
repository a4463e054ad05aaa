/* Exception generation, hints, barriers, PSTATE, SYS and MRS/MSR (Arm ARM
 * C4.1.85), for what Linux lets EL0 reach: the EL0 system registers, the ID
 * registers the kernel emulates for MRS (Documentation/arch/arm64/
 * cpu-feature-registers.rst), and the cache maintenance SCTLR_EL1.UCI and
 * DZE allow.  Everything else is SIGILL, as the kernel's undef handler
 * makes it. */
#include <signal.h>

#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"
#include "frontends/aarch64/sysreg.h"

/* op0:op1:CRn:CRm:op2 as inst[20:5] of MRS/MSR. */
#define SYSREG(op0, op1, crn, crm, op2) (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

enum {
	REG_NZCV = SYSREG(3, 3, 4, 2, 0),
	REG_FPCR = SYSREG(3, 3, 4, 4, 0),
	REG_FPSR = SYSREG(3, 3, 4, 4, 1),
	REG_CTR = SYSREG(3, 3, 0, 0, 1),
	REG_DCZID = SYSREG(3, 3, 0, 0, 7),
	REG_TPIDR = SYSREG(3, 3, 13, 0, 2),
	REG_TPIDRRO = SYSREG(3, 3, 13, 0, 3),
	REG_CNTFRQ = SYSREG(3, 3, 14, 0, 0),
	REG_CNTVCT = SYSREG(3, 3, 14, 0, 2),
	REG_MIDR = SYSREG(3, 0, 0, 0, 0),
	REG_MPIDR = SYSREG(3, 0, 0, 0, 5),
	REG_REVIDR = SYSREG(3, 0, 0, 0, 6),
};

static bool exception(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned opc = a64_bits(i, 23, 21), op2 = a64_bits(i, 4, 2), ll = a64_bits(i, 1, 0);
	if (op2 != 0)
		return false;
	if (opc == 0 && ll == 1) {
		/* SVC: the number is in x8, the immediate is ignored.  The return
		 * to EL0 clears the local exclusive monitor. */
		ir_emit(c->b, IR_CLREX, 0, 0, 0, 0);
		ir_exit_syscall(c->b, c->pc + 4);
		c->end = true;
		return true;
	}
	if (opc == 1 && ll == 0) { /* BRK */
		ir_exit_trap(c->b, c->pc, SIGTRAP, TRAP_BRKPT);
		c->end = true;
		return true;
	}
	return false; /* HVC, SMC, HLT, DCPS: undefined at EL0 */
}

static bool barrier(struct a64_ctx *c, unsigned crm, unsigned op2)
{
	switch (op2) {
	case 2: /* CLREX */
		ir_emit(c->b, IR_CLREX, 0, 0, 0, 0);
		return true;
	case 4: /* DSB, and SSBB/PSSBB (DSB with CRm 0 and 4) */
	case 5: /* DMB */
		ir_emit(c->b, IR_FENCE, 0, 0, 0, 0);
		return true;
	case 6: /* ISB: later instructions are fetched anew */
		ir_exit(c->b, c->pc + 4);
		c->end = true;
		return true;
	default:
		return false; /* SB, DSB nXS, TCOMMIT */
	}
}

/* SYS: DC ZVA, the cache maintenance EL0 may issue, IC IVAU. */
static bool sys(struct a64_ctx *c, unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt)
{
	struct ir_block *b = c->b;
	if (op1 != 3 || crn != 7 || op2 != 1)
		return false;
	unsigned addr = a64_xr(rt), t = ir_temp(b);
	switch (crm) {
	case 4: /* DC ZVA: DCZID_EL0.BS = 4, 64 bytes */
		ir_emit(b, IR_ANDI, t, addr, 0, ~(int64_t)(A64_DCZ_BYTES - 1));
		for (unsigned k = 0; k < A64_DCZ_BYTES; k += 16)
			ir_emit(b, IR_ST128, 0, t, A64_ZERO, k);
		return true;
	case 10: /* DC CVAC */
	case 11: /* DC CVAU */
	case 14: /* DC CIVAC */
		/* No caches to maintain; the address is checked as a read. */
		ir_emit(b, IR_LD8U, t, addr, 0, 0);
		return true;
	case 5: /* IC IVAU: new code becomes visible, translations go */
		ir_emit(b, IR_LD8U, t, addr, 0, 0);
		ir_exit_flush(b, c->pc + 4);
		c->end = true;
		return true;
	default:
		return false;
	}
}

/* The value of a read-only register, or false if EL0 cannot read it. */
static bool ro_value(unsigned reg, uint64_t *v)
{
	switch (reg) {
	case REG_CTR: *v = A64_CTR_EL0; return true;
	case REG_DCZID: *v = A64_DCZID_EL0; return true;
	case REG_TPIDRRO: *v = 0; return true;
	case REG_CNTFRQ: *v = IR_TIMER_HZ; return true;
	case REG_MIDR: *v = A64_MIDR_EL1; return true;
	case REG_MPIDR: *v = 1ull << 31; return true; /* the kernel's SYS_MPIDR_SAFE_VAL */
	case REG_REVIDR: *v = 0; return true;
	}
	/* The emulated ID space: op0 = 3, op1 = 0, CRn = 0, CRm = 2..7.
	 * Registers the kernel has no value for read as zero. */
	if ((reg & ~0x3fu) == SYSREG(3, 0, 0, 0, 0) && (reg >> 3 & 7) >= 2) {
		*v = a64_id_reg(reg >> 3 & 7, reg & 7);
		return true;
	}
	return false;
}

static bool mrs(struct a64_ctx *c, unsigned reg, unsigned rt)
{
	struct ir_block *b = c->b;
	unsigned d = a64_xw(c, rt);
	uint64_t v;
	switch (reg) {
	case REG_NZCV: {
		unsigned t = ir_temp(b);
		a64_flags_materialize(c);
		ir_emit(b, IR_SHLI, d, A64_NF, 0, 31);
		ir_emit(b, IR_SHLI, t, A64_ZF, 0, 30);
		ir_emit(b, IR_OR, d, d, t, 0);
		ir_emit(b, IR_SHLI, t, A64_CF, 0, 29);
		ir_emit(b, IR_OR, d, d, t, 0);
		ir_emit(b, IR_SHLI, t, A64_VF, 0, 28);
		ir_emit(b, IR_OR, d, d, t, 0);
		return true;
	}
	case REG_FPCR: ir_mov(b, d, A64_FPCR); return true;
	case REG_FPSR: ir_call(b, a64_helper_fpsr_read, d, A64_ZERO, A64_ZERO, A64_ZERO); return true;
	case REG_TPIDR: ir_mov(b, d, A64_TPIDR); return true;
	case REG_CNTVCT: ir_emit(b, IR_RDTIME, d, 0, 0, 0); return true;
	}
	if (!ro_value(reg, &v))
		return false;
	ir_movi(b, d, (int64_t)v);
	return true;
}

static bool msr(struct a64_ctx *c, unsigned reg, unsigned rt)
{
	struct ir_block *b = c->b;
	unsigned s = a64_xr(rt);
	switch (reg) {
	case REG_NZCV:
		ir_emit(b, IR_SHRI, A64_NF, s, 0, 31);
		ir_emit(b, IR_ANDI, A64_NF, A64_NF, 0, 1);
		ir_emit(b, IR_SHRI, A64_ZF, s, 0, 30);
		ir_emit(b, IR_ANDI, A64_ZF, A64_ZF, 0, 1);
		ir_emit(b, IR_SHRI, A64_CF, s, 0, 29);
		ir_emit(b, IR_ANDI, A64_CF, A64_CF, 0, 1);
		ir_emit(b, IR_SHRI, A64_VF, s, 0, 28);
		ir_emit(b, IR_ANDI, A64_VF, A64_VF, 0, 1);
		a64_flags_written(c);
		return true;
	case REG_FPCR:
		ir_emit(b, IR_ANDI, A64_FPCR, s, 0, A64_FPCR_MASK);
		a64_fpcr_changed(c);
		return true;
	case REG_FPSR:
		ir_call(b, a64_helper_fpsr_write, ir_temp(b), s, A64_ZERO, A64_ZERO);
		return true;
	case REG_TPIDR:
		ir_mov(b, A64_TPIDR, s);
		return true;
	default:
		return false; /* read-only or not accessible at EL0 */
	}
}

bool a64_system(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	if (a64_bits(i, 31, 24) == 0xd4)
		return exception(c);
	if (a64_bits(i, 31, 22) != 0x354)
		return false;
	unsigned l = a64_bit(i, 21), op0 = a64_bits(i, 20, 19), op1 = a64_bits(i, 18, 16);
	unsigned crn = a64_bits(i, 15, 12), crm = a64_bits(i, 11, 8), op2 = a64_bits(i, 7, 5), rt = a64_rd(i);
	if (op0 == 0) {
		if (l)
			return false;
		if (crn == 2 && op1 == 3 && rt == 31)
			return true; /* HINT: NOP, YIELD, WFE, the PAC and BTI hints (no PAC, no BTI), ... */
		if (crn == 3 && op1 == 3 && rt == 31)
			return barrier(c, crm, op2);
		return false; /* MSR (immediate): nothing of PSTATE is writable at EL0 here */
	}
	if (op0 == 1)
		return l ? false : sys(c, op1, crn, crm, op2, rt);
	unsigned reg = a64_bits(i, 20, 5);
	return l ? mrs(c, reg, rt) : msr(c, reg, rt);
}
