/* RV64I: the base integer instructions (ISA manual vol. I, ch. "RV32I Base
 * Integer Instruction Set" and "RV64I Base Integer Instruction Set").
 * OP and OP-32 hand funct7 = 1 to the M extension and other funct7 values
 * to the bit-manipulation extensions; SYSTEM with funct3 != 0 is Zicsr. */
#include <signal.h>

#include "frontends/riscv64/rv.h"

static inline unsigned x(unsigned r) { return RV_X(r); }

/* rv.h's rv_imm_s/b/j mix int32_t and uint32_t, so their value is the
 * 32-bit pattern zero-extended; narrowing back to int32_t restores the sign. */
static inline int64_t imm_s(uint32_t i) { return (int32_t)rv_imm_s(i); }
static inline int64_t imm_b(uint32_t i) { return (int32_t)rv_imm_b(i); }
static inline int64_t imm_j(uint32_t i) { return (int32_t)rv_imm_j(i); }

/* A 32-bit op into a temp, then sign-extended into d: the pattern backends
 * fuse into one sign-extending op (docs/ir.md). */
static void emit_w(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned s, int64_t imm)
{
	unsigned t = ir_temp(b);
	ir_emit(b, op, t, a, s, imm);
	ir_emit(b, IR_SEXT32, d, t, 0, 0);
}

static bool lui_auipc(struct rv_ctx *c, bool pc_relative)
{
	unsigned rd = rv_rd(c->insn);
	if (rd) /* rd = x0: a HINT */
		ir_movi(c->b, x(rd), rv_imm_u(c->insn) + (pc_relative ? (int64_t)c->pc : 0));
	return true;
}

static bool jal(struct rv_ctx *c)
{
	unsigned rd = rv_rd(c->insn);
	/* The link is pc + c->len: c.jal does not exist on RV64, but c.j expands
	 * to jal with rd = x0 and must not be treated as 4 bytes long. */
	if (rd)
		ir_movi(c->b, x(rd), (int64_t)(c->pc + c->len));
	ir_exit(c->b, c->pc + (uint64_t)imm_j(c->insn));
	c->end = true;
	return true;
}

static bool jalr(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	if (rv_funct3(i) != 0)
		return false;
	struct ir_block *b = c->b;
	unsigned rd = rv_rd(i), rs1 = rv_rs1(i);
	/* The target goes to a temp first: rd may be rs1. */
	unsigned t = ir_temp(b);
	int64_t imm = rv_imm_i(i);
	if (imm) {
		ir_emit(b, IR_ADDI, t, x(rs1), 0, imm);
		ir_emit(b, IR_ANDI, t, t, 0, ~(int64_t)1);
	} else {
		ir_emit(b, IR_ANDI, t, x(rs1), 0, ~(int64_t)1);
	}
	if (rd)
		ir_movi(b, x(rd), (int64_t)(c->pc + c->len));
	ir_exit_ind(b, t);
	c->end = true;
	return true;
}

static bool branch(struct rv_ctx *c)
{
	static const int8_t cond[8] = {IRC_EQ, IRC_NE, -1, -1, IRC_LT, IRC_GE, IRC_LTU, IRC_GEU};
	uint32_t i = c->insn;
	int cc = cond[rv_funct3(i)];
	if (cc < 0)
		return false;
	ir_brcc(c->b, (enum ir_cond)cc, x(rv_rs1(i)), x(rv_rs2(i)), c->pc + (uint64_t)imm_b(i));
	ir_exit(c->b, c->pc + c->len);
	c->end = true;
	return true;
}

static bool load(struct rv_ctx *c)
{
	static const uint16_t ops[8] = {IR_LD8S, IR_LD16S, IR_LD32S, IR_LD64, IR_LD8U, IR_LD16U, IR_LD32U, 0};
	uint32_t i = c->insn;
	unsigned op = ops[rv_funct3(i)];
	if (!op)
		return false;
	/* A load to x0 still accesses memory (and may fault). */
	ir_emit(c->b, op, rv_dst(c, rv_rd(i)), x(rv_rs1(i)), 0, rv_imm_i(i));
	return true;
}

static bool store(struct rv_ctx *c)
{
	static const uint16_t ops[8] = {IR_ST8, IR_ST16, IR_ST32, IR_ST64};
	uint32_t i = c->insn;
	unsigned op = ops[rv_funct3(i)];
	if (!op)
		return false;
	ir_emit(c->b, op, 0, x(rv_rs1(i)), x(rv_rs2(i)), imm_s(i));
	return true;
}

static bool op_imm(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rd = rv_rd(i), rs1 = rv_rs1(i), f3 = rv_funct3(i);
	int64_t imm = rv_imm_i(i);
	unsigned funct6 = i >> 26, shamt = (i >> 20) & 63;

	/* RV64 shifts take a 6-bit shamt; the rest of imm[11:6] selects
	 * srli/srai or a Zbb/Zbs instruction. */
	if (f3 == 1 && funct6 != 0)
		return rv_translate_zb(c);
	if (f3 == 5 && funct6 != 0 && funct6 != 0x10)
		return rv_translate_zb(c);
	if (!rd) /* nop and HINTs */
		return true;
	unsigned d = x(rd), a = x(rs1);
	switch (f3) {
	case 0:
		if (rs1 == 0)
			ir_movi(b, d, imm); /* li */
		else if (imm == 0)
			ir_mov(b, d, a); /* mv */
		else
			ir_emit(b, IR_ADDI, d, a, 0, imm);
		break;
	case 1: ir_emit(b, IR_SHLI, d, a, 0, shamt); break;
	case 2: ir_emit4(b, IR_SETCCI, d, a, 0, IRC_LT, imm); break;
	case 3: ir_emit4(b, IR_SETCCI, d, a, 0, IRC_LTU, imm); break; /* imm sign-extended, compared unsigned */
	case 4: ir_emit(b, IR_XORI, d, a, 0, imm); break;
	case 5: ir_emit(b, funct6 ? IR_SARI : IR_SHRI, d, a, 0, shamt); break;
	case 6: ir_emit(b, IR_ORI, d, a, 0, imm); break;
	case 7: ir_emit(b, IR_ANDI, d, a, 0, imm); break;
	}
	return true;
}

/* addiw, slliw, srliw, sraiw: a 32-bit op, then the result sign-extended. */
static bool op_imm_32(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rd = rv_rd(i), f3 = rv_funct3(i), f7 = rv_funct7(i);
	unsigned op;
	int64_t imm;

	switch (f3) {
	case 0: op = IR_ADDI32; imm = rv_imm_i(i); break;
	case 1:
		if (f7 != 0)
			return rv_translate_zb(c); /* slli.uw, clzw, ctzw, cpopw */
		op = IR_SHLI32; imm = rv_rs2(i);
		break;
	case 5:
		if (f7 != 0 && f7 != 0x20)
			return rv_translate_zb(c); /* roriw */
		op = f7 ? IR_SARI32 : IR_SHRI32; imm = rv_rs2(i);
		break;
	default:
		return false;
	}
	if (!rd)
		return true;
	if (f3 == 0 && imm == 0) { /* sext.w */
		ir_emit(b, IR_SEXT32, x(rd), x(rv_rs1(i)), 0, 0);
		return true;
	}
	emit_w(b, op, x(rd), x(rv_rs1(i)), 0, imm);
	return true;
}

static bool op(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rd = rv_rd(i), f3 = rv_funct3(i), f7 = rv_funct7(i);

	if (f7 == 1)
		return rv_translate_m(c);
	if (f7 == 0x20 && f3 != 0 && f3 != 5)
		return rv_translate_zb(c); /* andn, orn, xnor */
	if (f7 != 0 && f7 != 0x20)
		return rv_translate_zb(c);
	if (!rd)
		return true;
	unsigned d = x(rd), a = x(rv_rs1(i)), s = x(rv_rs2(i));
	switch (f3) {
	case 0:
		if (!f7 && rv_rs1(i) == 0)
			ir_mov(b, d, s); /* c.mv expands to add rd, x0, rs2 */
		else
			ir_emit(b, f7 ? IR_SUB : IR_ADD, d, a, s, 0);
		break;
	case 1: ir_emit(b, IR_SHL, d, a, s, 0); break;
	case 2: ir_emit4(b, IR_SETCC, d, a, s, IRC_LT, 0); break;
	case 3: ir_emit4(b, IR_SETCC, d, a, s, IRC_LTU, 0); break;
	case 4: ir_emit(b, IR_XOR, d, a, s, 0); break;
	case 5: ir_emit(b, f7 ? IR_SAR : IR_SHR, d, a, s, 0); break;
	case 6: ir_emit(b, IR_OR, d, a, s, 0); break;
	case 7: ir_emit(b, IR_AND, d, a, s, 0); break;
	}
	return true;
}

static bool op_32(struct rv_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned rd = rv_rd(i), f3 = rv_funct3(i), f7 = rv_funct7(i);
	unsigned opc;

	if (f7 == 1)
		return rv_translate_m(c);
	if (f7 != 0 && f7 != 0x20)
		return rv_translate_zb(c);
	switch (f3 | f7 << 3) {
	case 0: opc = IR_ADD32; break;
	case 0x20 << 3: opc = IR_SUB32; break;
	case 1: opc = IR_SHL32; break;
	case 5: opc = IR_SHR32; break;
	case 5 | 0x20 << 3: opc = IR_SAR32; break;
	default: return false;
	}
	if (!rd)
		return true;
	emit_w(b, opc, x(rd), x(rv_rs1(i)), x(rv_rs2(i)), 0);
	return true;
}

static bool misc_mem(struct rv_ctx *c)
{
	switch (rv_funct3(c->insn)) {
	case 0: /* fence, fence.tso, pause: the IR fence is the strongest */
		ir_emit(c->b, IR_FENCE, 0, 0, 0, 0);
		return true;
	case 1: /* fence.i: translations of the code written so far are stale */
		ir_exit_flush(c->b, c->pc + c->len);
		c->end = true;
		return true;
	default:
		return false;
	}
}

#define INSN_ECALL 0x00000073u
#define INSN_EBREAK 0x00100073u

static bool system_op(struct rv_ctx *c)
{
	if (rv_funct3(c->insn) != 0)
		return rv_translate_csr(c);
	switch (c->insn) {
	case INSN_ECALL:
		ir_exit_syscall(c->b, c->pc + c->len);
		break;
	case INSN_EBREAK: /* c.ebreak too: the trap reports the instruction's own pc */
		ir_exit_trap(c->b, c->pc, SIGTRAP, TRAP_BRKPT);
		break;
	default: /* wfi, mret, sret, sfence.vma...: not available in U-mode */
		return false;
	}
	c->end = true;
	return true;
}

bool rv_translate_i(struct rv_ctx *c)
{
	switch (c->insn & 0x7f) {
	case 0x03: return load(c);
	case 0x0f: return misc_mem(c);
	case 0x13: return op_imm(c);
	case 0x17: return lui_auipc(c, true);
	case 0x1b: return op_imm_32(c);
	case 0x23: return store(c);
	case 0x33: return op(c);
	case 0x37: return lui_auipc(c, false);
	case 0x3b: return op_32(c);
	case 0x63: return branch(c);
	case 0x67: return jalr(c);
	case 0x6f: return jal(c);
	case 0x73: return system_op(c);
	default: return false;
	}
}
