/* Zicsr: the CSR instructions, for the CSRs a Linux process can reach: the FP
 * environment (fflags, frm, fcsr) and the read-only counters (cycle, time,
 * instret).  ISA manual vol. I, ch. "Zicsr" and "Counters"; CSR numbers from
 * vol. II, table "Currently allocated RISC-V unprivileged CSR addresses".
 * Anything else, or a write to a read-only CSR, is an illegal instruction. */
#include <stdatomic.h>

#include "core/tcache.h"
#include "frontends/riscv64/rv.h"

/* frm lives in an architectural slot of its own (RV_FRM) so reads see the
 * last value written; IR_FRM_SET tells the backend about each new value. */

enum {
	CSR_FFLAGS = 0x001,
	CSR_FRM = 0x002,
	CSR_FCSR = 0x003,
	CSR_CYCLE = 0xc00,
	CSR_TIME = 0xc01,
	CSR_INSTRET = 0xc02,
};

static void csr_read(struct rv_ctx *c, unsigned csr, unsigned d)
{
	struct ir_block *b = c->b;
	switch (csr) {
	case CSR_FFLAGS: ir_emit(b, IR_FFLAGS_GET, d, 0, 0, 0); break;
	case CSR_FRM: ir_mov(b, d, RV_FRM); break;
	case CSR_FCSR: { /* fcsr = frm << 5 | fflags */
		unsigned f = ir_temp(b);
		ir_emit(b, IR_FFLAGS_GET, f, 0, 0, 0);
		ir_emit(b, IR_SHLI, d, RV_FRM, 0, 5);
		ir_emit(b, IR_OR, d, d, f, 0);
		break;
	}
	case CSR_CYCLE: ir_emit(b, IR_RDCYCLE, d, 0, 0, 0); break;
	case CSR_TIME: ir_emit(b, IR_RDTIME, d, 0, 0, 0); break;
	case CSR_INSTRET: ir_emit(b, IR_RDINSTRET, d, 0, 0, b->ninsns); break;
	}
}

/* A reserved frm (5-7) makes every dynamic-rounding FP instruction illegal
 * (vol. I, "Floating-Point Control and Status Register").  Translations read
 * the thread's frm (rvfd.c), so the cache is flushed when frm becomes
 * invalid and again when it is valid after having been invalid: programs
 * that never write a reserved frm never flush.  Called after each frm write. */
static atomic_int invalid_frm_seen;

static uint64_t frm_written(struct vcpu *cpu, uint64_t frm, uint64_t unused_b, uint64_t unused_c)
{
	if (frm > 4) {
		atomic_store(&invalid_frm_seen, 1);
		tcache_request_flush();
	} else if (atomic_exchange(&invalid_frm_seen, 0)) {
		tcache_request_flush();
	}
	return 0;
}

/* Writes v (a slot); the bits beyond each field are ignored. */
static void csr_write(struct rv_ctx *c, unsigned csr, unsigned v)
{
	struct ir_block *b = c->b;
	unsigned t = ir_temp(b);
	if (csr == CSR_FFLAGS || csr == CSR_FCSR) {
		ir_emit(b, IR_ANDI, t, v, 0, 0x1f);
		ir_emit(b, IR_FFLAGS_SET, 0, t, 0, 0);
	}
	if (csr == CSR_FRM || csr == CSR_FCSR) {
		if (csr == CSR_FRM) {
			ir_emit(b, IR_ANDI, RV_FRM, v, 0, 7);
		} else {
			ir_emit(b, IR_SHRI, t, v, 0, 5);
			ir_emit(b, IR_ANDI, RV_FRM, t, 0, 7);
		}
		ir_emit(b, IR_FRM_SET, 0, RV_FRM, 0, 0);
		ir_call(b, frm_written, ir_temp(b), RV_FRM, 0, 0);
		c->end = true; /* what follows is translated for the new frm */
	}
}

bool rv_translate_csr(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned f3 = rv_funct3(i), rd = rv_rd(i), rs1 = rv_rs1(i), csr = i >> 20;
	unsigned kind = f3 & 3;    /* 1 = csrrw, 2 = csrrs, 3 = csrrc */
	bool uimm = f3 & 4;        /* the rs1 field is a 5-bit immediate */

	if (kind == 0)
		return false;
	/* csrrs/csrrc with x0 (or uimm 0) do not write; csrrw to x0 does not read. */
	bool writes = kind == 1 || rs1 != 0;
	bool reads = kind != 1 || rd != 0;

	switch (csr) {
	case CSR_FFLAGS:
	case CSR_FRM:
	case CSR_FCSR:
		break;
	case CSR_CYCLE:
	case CSR_TIME:
	case CSR_INSTRET:
		if (writes) /* csr[11:10] = 3: read-only */
			return false;
		break;
	default:
		return false;
	}

	if (!writes) {
		if (rd) /* reads have no side effects here */
			csr_read(c, csr, RV_X(rd));
		return true;
	}
	unsigned old = ir_temp(b), val;
	if (reads)
		csr_read(c, csr, old);
	if (kind == 1) {
		if (uimm) {
			val = ir_temp(b);
			ir_movi(b, val, rs1);
		} else {
			val = RV_X(rs1);
		}
	} else {
		val = ir_temp(b);
		if (uimm)
			ir_emit(b, kind == 2 ? IR_ORI : IR_ANDI, val, old, 0, kind == 2 ? (int64_t)rs1 : ~(int64_t)rs1);
		else
			ir_emit(b, kind == 2 ? IR_OR : IR_ANDN, val, old, RV_X(rs1), 0);
	}
	/* rd last: it may be rs1. */
	csr_write(c, csr, val);
	if (rd)
		ir_mov(b, RV_X(rd), old);
	return true;
}
