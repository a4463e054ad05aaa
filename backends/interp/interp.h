/* The portable interpreter's pre-decoded form of an IR block. */
#ifndef FERRY_INTERP_H
#define FERRY_INTERP_H

#include <stdint.h>

#include "core/ir.h"

struct vcpu;
struct tblock;

/* One IR op, ready to run: h is the handler's label address (threaded
 * dispatch) or the op number (switch dispatch). */
struct iop {
	const void *h;
	uint16_t d, a, b, c;
	uint8_t rm, fmode;
	int64_t imm;
};

/* 32-bit ops that also exist fused with a following SEXT32 (RISC-V's *W
 * instructions, AArch64 never needs them): X(name) for each. */
#define INTERP_SX_OPS(X)                                                                                     \
	X(ADD32) X(SUB32) X(SHL32) X(SHR32) X(SAR32) X(ROL32) X(ROR32) X(ADDI32) X(SHLI32) X(SHRI32)         \
	X(SARI32) X(RORI32) X(MUL32) X(DIV32) X(DIVU32) X(REM32) X(REMU32) X(CLZ32) X(CTZ32) X(CPOP32)

/* Handler numbers: every IR op, BRCC specialised per condition, and the
 * sign-extending 32-bit forms. */
enum iop_kind {
#define IR_OP(name, type, form, flags) IOP_##name = IR_##name,
#include "core/ir_ops.def"
#undef IR_OP
	IOP_BR_EQ = IR_NUM_OPS, IOP_BR_NE, IOP_BR_LT, IOP_BR_GE, IOP_BR_LTU,
	IOP_BR_GEU, IOP_BR_LE, IOP_BR_GT, IOP_BR_LEU, IOP_BR_GTU,
#define SX_ENUM(name) IOP_##name##_SX,
	INTERP_SX_OPS(SX_ENUM)
#undef SX_ENUM
	IOP_COUNT
};

/* 32-bit bodies shared by the plain and sign-extending forms. */
static inline uint32_t i_rol32(uint32_t x, unsigned n) { n &= 31; return n ? x << n | x >> (32 - n) : x; }
static inline uint32_t i_ror32(uint32_t x, unsigned n) { n &= 31; return n ? x >> n | x << (32 - n) : x; }
static inline uint32_t i_div32(uint32_t a, uint32_t b)
{
	int32_t x = (int32_t)a, y = (int32_t)b;
	return y == 0 ? 0 : y == -1 ? -(uint32_t)x : (uint32_t)(x / y);
}
static inline uint32_t i_rem32(uint32_t a, uint32_t b)
{
	int32_t x = (int32_t)a, y = (int32_t)b;
	return y == 0 ? (uint32_t)x : y == -1 ? 0 : (uint32_t)(x % y);
}

typedef uint16_t u16u __attribute__((aligned(1), may_alias));
typedef int16_t s16u __attribute__((aligned(1), may_alias));
typedef uint32_t u32u __attribute__((aligned(1), may_alias));
typedef int32_t s32u __attribute__((aligned(1), may_alias));
typedef uint64_t u64u __attribute__((aligned(1), may_alias));

static inline int interp_cond(unsigned c, uint64_t x, uint64_t y)
{
	switch (c) {
	case IRC_EQ: return x == y;
	case IRC_NE: return x != y;
	case IRC_LT: return (int64_t)x < (int64_t)y;
	case IRC_GE: return (int64_t)x >= (int64_t)y;
	case IRC_LTU: return x < y;
	case IRC_GEU: return x >= y;
	case IRC_LE: return (int64_t)x <= (int64_t)y;
	case IRC_GT: return (int64_t)x > (int64_t)y;
	case IRC_LEU: return x <= y;
	default: return x > y;
	}
}

#define ATOMIC_BODY(T, ST)                                                                                   \
	switch (op) {                                                                                        \
	case IRA_SWAP: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);                                   \
	case IRA_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                                     \
	case IRA_AND: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);                                     \
	case IRA_OR: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                                       \
	case IRA_XOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);                                     \
	default: {                                                                                           \
		T old = __atomic_load_n(p, __ATOMIC_SEQ_CST), nv;                                            \
		do {                                                                                         \
			switch (op) {                                                                        \
			case IRA_MIN: nv = (ST)old < (ST)v ? old : v; break;                                 \
			case IRA_MAX: nv = (ST)old > (ST)v ? old : v; break;                                 \
			case IRA_MINU: nv = old < v ? old : v; break;                                        \
			default: nv = old > v ? old : v; break;                                              \
			}                                                                                    \
		} while (!__atomic_compare_exchange_n(p, &old, nv, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));  \
		return old;                                                                                  \
	}                                                                                                    \
	}

static inline uint32_t interp_atomic32(uint32_t *p, unsigned op, uint32_t v) { ATOMIC_BODY(uint32_t, int32_t) }
static inline uint64_t interp_atomic64(uint64_t *p, unsigned op, uint64_t v) { ATOMIC_BODY(uint64_t, int64_t) }
#undef ATOMIC_BODY

/* Shared by both dispatch flavours. */
int interp_compile(const struct ir_block *ir, struct tblock *tb, const void *const *labels);
uint64_t interp_fault_pc(const struct vcpu *cpu);
/* The same for a block whose ops are at code (a tiered executor's). */
uint64_t interp_fault_pc_in(const struct vcpu *cpu, const void *code);
uint64_t interp_rdcycle(void);
uint64_t interp_rdtime(void);

#endif
