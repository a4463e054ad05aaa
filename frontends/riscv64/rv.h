/* RISC-V64 frontend: shared decoder state and the per-extension entry points.
 * One file per extension (rvi.c, rvm.c, rva.c, rvfd.c, rvc.c, zicsr.c, zb.c);
 * decode.c runs the block loop and dispatches on the major opcode. */
#ifndef FERRY_RV_H
#define FERRY_RV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ir.h"

/* IR slot layout of the RISC-V CPU state. */
#define RV_X(n) (n)          /* x0..x31; slot 0 is always zero, never written */
#define RV_F(n) (32 + (n))   /* f0..f31, 64 bits, singles NaN-boxed */
#define RV_FRM 64            /* the dynamic rounding mode, as frm reads it */
#define RV_NSLOTS 65

struct vcpu;

struct rv_ctx {
	struct vcpu *cpu;
	struct ir_block *b;
	uint64_t pc;       /* pc of the instruction being translated */
	uint32_t insn;     /* its 32-bit encoding (compressed ones expanded) */
	unsigned len;      /* 2 or 4 */
	bool end;          /* set when the instruction ended the block */
};

/* Field extraction (The RISC-V ISA manual, vol. I, ch. 2 "Base instruction formats"). */
static inline unsigned rv_rd(uint32_t i) { return (i >> 7) & 31; }
static inline unsigned rv_rs1(uint32_t i) { return (i >> 15) & 31; }
static inline unsigned rv_rs2(uint32_t i) { return (i >> 20) & 31; }
static inline unsigned rv_rs3(uint32_t i) { return i >> 27; }
static inline unsigned rv_funct3(uint32_t i) { return (i >> 12) & 7; }
static inline unsigned rv_funct7(uint32_t i) { return i >> 25; }
static inline int64_t rv_imm_i(uint32_t i) { return (int32_t)i >> 20; }
/* Immediates are assembled from unsigned fields; the sign comes from bit 31
 * through sext(), never a left shift of a negative value (UB in C). */
static inline int64_t rv_sext(uint64_t v, unsigned bits) { return (int64_t)(v << (64 - bits)) >> (64 - bits); }
static inline int64_t rv_imm_s(uint32_t i) { return rv_sext(((i >> 25) << 5) | ((i >> 7) & 31), 12); }
static inline int64_t rv_imm_b(uint32_t i)
{
	return rv_sext(((i >> 31) << 12) | ((i << 4) & 0x800) | ((i >> 20) & 0x7e0) | ((i >> 7) & 0x1e), 13);
}
static inline int64_t rv_imm_u(uint32_t i) { return (int32_t)(i & 0xfffff000); }
static inline int64_t rv_imm_j(uint32_t i)
{
	return rv_sext(((i >> 31) << 20) | (i & 0xff000) | ((i >> 9) & 0x800) | ((i >> 20) & 0x7fe), 21);
}

/* frontend_riscv64.translate (decode.c) */
void rv_translate(struct vcpu *cpu, struct ir_block *b);

/* The slot an instruction writes for rd: x0 writes go to a discarded temp. */
unsigned rv_dst(struct rv_ctx *c, unsigned rd);

/* Extension decoders: return false for an encoding they do not know, and
 * the caller raises SIGILL at the instruction. */
bool rv_translate_i(struct rv_ctx *c);     /* rvi.c: RV64I (all opcodes of the base) */
bool rv_translate_m(struct rv_ctx *c);     /* rvm.c: OP/OP-32 with funct7 = 1 */
bool rv_translate_zb(struct rv_ctx *c);    /* zb.c: Zba, Zbb, Zbs within OP, OP-32, OP-IMM, OP-IMM-32 */
bool rv_translate_a(struct rv_ctx *c);     /* rva.c: AMO opcode */
bool rv_translate_fd(struct rv_ctx *c);    /* rvfd.c: LOAD-FP, STORE-FP, OP-FP, FMADD..FNMADD */
bool rv_translate_csr(struct rv_ctx *c);   /* zicsr.c: SYSTEM with funct3 != 0 */
/* rvc.c: expands a 16-bit instruction to its 32-bit equivalent; 0 if illegal. */
uint32_t rv_expand_compressed(uint16_t c);

/* cpu.c: is optional extension "zba", "zbb" or "zbs" enabled (--cpu)? */
bool rv_ext_enabled(const char *ext);

/* disasm.c */
size_t rv_disasm(uint64_t pc, const uint8_t *code, size_t avail, char *buf, size_t bufsz);

extern const char *const rv_reg_names[];

#endif
