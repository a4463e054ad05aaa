/* A small x86-64 instruction encoder for the JIT: REX, ModRM, SIB and the
 * instructions the code generator needs (Intel SDM vol. 2, ch. 2 "Instruction
 * format", and the opcode tables of ch. 3-4). */
#ifndef FERRY_X64_EMIT_H
#define FERRY_X64_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum x64_reg {
	X_RAX, X_RCX, X_RDX, X_RBX, X_RSP, X_RBP, X_RSI, X_RDI,
	X_R8, X_R9, X_R10, X_R11, X_R12, X_R13, X_R14, X_R15,
	X_NOREG = -1,
};

/* Condition codes, the low nibble of Jcc/SETcc/CMOVcc. */
enum x64_cc {
	X_CC_O, X_CC_NO, X_CC_B, X_CC_AE, X_CC_E, X_CC_NE, X_CC_BE, X_CC_A,
	X_CC_S, X_CC_NS, X_CC_P, X_CC_NP, X_CC_L, X_CC_GE, X_CC_LE, X_CC_G,
};

/* Group-1 ALU operations (the /digit of 81 and 83). */
enum x64_alu { X_ADD, X_OR, X_ADC, X_SBB, X_AND, X_SUB, X_XOR, X_CMP };
/* Group-2 shifts (the /digit of C1 and D3). */
enum x64_shift { X_ROL = 0, X_ROR = 1, X_SHL = 4, X_SHR = 5, X_SAR = 7 };
/* Group-3 unary operations (the /digit of F7). */
enum x64_unary { X_NOT = 2, X_NEG = 3, X_MUL = 4, X_IMUL1 = 5, X_DIV = 6, X_IDIV = 7 };

/* A memory operand [base + index << scale + disp]; index may be X_NOREG. */
struct x64_mem {
	int8_t base, index;
	uint8_t scale;
	int32_t disp;
};
static inline struct x64_mem x64_m(int base, int32_t disp)
{
	return (struct x64_mem){.base = (int8_t)base, .index = X_NOREG, .scale = 0, .disp = disp};
}
static inline struct x64_mem x64_mi(int base, int index, unsigned scale, int32_t disp)
{
	return (struct x64_mem){.base = (int8_t)base, .index = (int8_t)index, .scale = (uint8_t)scale, .disp = disp};
}

/* A growing code buffer. */
struct x64_buf {
	uint8_t *p;
	size_t len, cap;
};
void x64_buf_reset(struct x64_buf *b);
void x64_byte(struct x64_buf *b, uint8_t v);
void x64_u32(struct x64_buf *b, uint32_t v);
void x64_u64(struct x64_buf *b, uint64_t v);
/* Overwrites the rel32 at offset `at` so it reaches offset `target`. */
void x64_patch_rel32(struct x64_buf *b, size_t at, size_t target);
void x64_patch_rel8(struct x64_buf *b, size_t at, size_t target);

static inline bool x64_fits_i8(int64_t v) { return v >= -128 && v <= 127; }
static inline bool x64_fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

/* Operand sizes are 1, 2, 4 or 8 bytes; 4-byte results zero the upper half. */

void x64_mov_rr(struct x64_buf *b, int size, int dst, int src);
void x64_mov_ri(struct x64_buf *b, int dst, uint64_t imm);
void x64_load(struct x64_buf *b, int size, int dst, struct x64_mem m);     /* 4 and 8 only */
void x64_store(struct x64_buf *b, int size, struct x64_mem m, int src);    /* 1, 2, 4, 8 */
void x64_store_imm(struct x64_buf *b, int size, struct x64_mem m, int32_t imm); /* 4, 8 (sign-extended) */
void x64_movzx(struct x64_buf *b, int from_size, int dst, int src);        /* from 1 or 2, to 32 */
void x64_movzx_m(struct x64_buf *b, int from_size, int dst, struct x64_mem m);
void x64_movsx(struct x64_buf *b, int from_size, int dst, int src);        /* from 1, 2 or 4, to 64 */
void x64_movsx_m(struct x64_buf *b, int from_size, int dst, struct x64_mem m);
void x64_lea(struct x64_buf *b, int size, int dst, struct x64_mem m);

void x64_alu_rr(struct x64_buf *b, int size, enum x64_alu op, int dst, int src);
void x64_alu_ri(struct x64_buf *b, int size, enum x64_alu op, int dst, int32_t imm);
void x64_alu_rm(struct x64_buf *b, int size, enum x64_alu op, int dst, struct x64_mem m);
void x64_alu_mi(struct x64_buf *b, int size, enum x64_alu op, struct x64_mem m, int32_t imm);
void x64_test_rr(struct x64_buf *b, int size, int x, int y);
void x64_test_ri(struct x64_buf *b, int size, int x, int32_t imm);
void x64_shift_ri(struct x64_buf *b, int size, enum x64_shift op, int dst, unsigned n);
void x64_shift_cl(struct x64_buf *b, int size, enum x64_shift op, int dst);
void x64_unary(struct x64_buf *b, int size, enum x64_unary op, int rm);
void x64_imul_rr(struct x64_buf *b, int size, int dst, int src);
void x64_cqo(struct x64_buf *b, int size); /* cdq for 4, cqo for 8 */
void x64_bsf(struct x64_buf *b, int size, int dst, int src);
void x64_bsr(struct x64_buf *b, int size, int dst, int src);
void x64_popcnt(struct x64_buf *b, int size, int dst, int src);
void x64_bswap(struct x64_buf *b, int size, int reg);
void x64_rol16_8(struct x64_buf *b, int reg); /* rol r16, 8: swaps the low two bytes */

void x64_setcc(struct x64_buf *b, enum x64_cc cc, int dst8);
void x64_cmov(struct x64_buf *b, int size, enum x64_cc cc, int dst, int src);

void x64_xchg_rr(struct x64_buf *b, int x, int y);
void x64_lock_cmpxchg(struct x64_buf *b, int size, struct x64_mem m, int src);
void x64_lock_xadd(struct x64_buf *b, int size, struct x64_mem m, int src);
void x64_xchg_m(struct x64_buf *b, int size, struct x64_mem m, int src);
void x64_mfence(struct x64_buf *b);

/* SSE scalar ops: prefix 0x66, 0xf2, 0xf3 or 0; opc 0x0fXX; reg is an xmm
 * register, rm an xmm or general register (w: 64-bit general operand). */
void x64_sse(struct x64_buf *b, uint8_t prefix, uint32_t opc, int reg, int rm, bool w);
/* The same with a memory operand (movdqu, movq, ...). */
void x64_sse_m(struct x64_buf *b, uint8_t prefix, uint32_t opc, int reg, struct x64_mem m, bool w);
void x64_fnclex(struct x64_buf *b);
void x64_fnstsw_ax(struct x64_buf *b);
void x64_stmxcsr(struct x64_buf *b, struct x64_mem m);
void x64_ldmxcsr(struct x64_buf *b, struct x64_mem m);
void x64_push_imm(struct x64_buf *b, int32_t imm);

/* Jumps: the returned value is the offset of the displacement, for patching. */
size_t x64_jcc32(struct x64_buf *b, enum x64_cc cc);
size_t x64_jmp32(struct x64_buf *b);
size_t x64_jcc8(struct x64_buf *b, enum x64_cc cc);
size_t x64_jmp8(struct x64_buf *b);
void x64_jmp_m(struct x64_buf *b, struct x64_mem m);
void x64_call_r(struct x64_buf *b, int reg);
void x64_ret(struct x64_buf *b);
void x64_push(struct x64_buf *b, int reg);
void x64_pop(struct x64_buf *b, int reg);
/* n bytes of recommended multi-byte NOPs. */
void x64_nops(struct x64_buf *b, unsigned n);

#endif
