/* The intermediate representation every frontend emits and every backend runs.
 * Ops are declared once in ir_ops.def; docs/ir.md describes them. */
#ifndef FERRY_IR_H
#define FERRY_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ir_op {
#define IR_OP(name, type, form, flags) IR_##name,
#include "ir_ops.def"
#undef IR_OP
	IR_NUM_OPS
};

enum ir_type { IRT_NONE, IRT_I32, IRT_I64, IRT_F32, IRT_F64, IRT_V128 };

enum {
	IRF_MEM = 1,  /* may fault on a guest address */
	IRF_FP = 2,   /* reads rm and fmode */
	IRF_EXIT = 4, /* ends the block */
	IRF_CALL = 8, /* calls a C helper */
};

/* Conditions for SETCC, SETCCI and BRCC. */
enum ir_cond { IRC_EQ, IRC_NE, IRC_LT, IRC_GE, IRC_LTU, IRC_GEU, IRC_LE, IRC_GT, IRC_LEU, IRC_GTU };

/* Fetch-ops for ATOMIC32/64. */
enum ir_atomic { IRA_SWAP, IRA_ADD, IRA_AND, IRA_OR, IRA_XOR, IRA_MIN, IRA_MAX, IRA_MINU, IRA_MAXU };

/* Rounding modes, in RISC-V's encoding; IRM_DYN uses the current mode. */
enum ir_rm { IRM_RNE = 0, IRM_RTZ = 1, IRM_RDN = 2, IRM_RUP = 3, IRM_RMM = 4, IRM_DYN = 7 };

/* Accrued exception flags, in RISC-V's fflags order. */
enum { IR_FFLAG_NX = 1, IR_FFLAG_UF = 2, IR_FFLAG_OF = 4, IR_FFLAG_DZ = 8, IR_FFLAG_NV = 16 };

/* How an FP op treats NaNs, f32 boxing and out-of-range conversions. */
enum ir_fmode {
	IRFM_RISCV, /* canonical NaN 0x7ff8..., f32 NaN-boxed in and out, fcvt saturates, NaN -> max */
	IRFM_ARM,   /* NaN operands propagate (sNaN first), f32 upper half zero, NaN -> 0 */
	IRFM_X86,   /* first NaN operand propagates, default NaN negative, invalid -> 0x80..0 */
};

/* Rate of RDTIME: 10 MHz, as the timebase-frequency of common RISC-V boards. */
#define IR_TIMER_HZ 10000000ULL

/* Slot numbering: 0 .. IR_ARCH_SLOTS-1 hold the guest's architectural state in a
 * layout each frontend chooses; temps follow and live only within one guest
 * instruction. */
#define IR_ARCH_SLOTS 256
#define IR_TEMP_SLOTS 256
#define IR_SLOTS (IR_ARCH_SLOTS + IR_TEMP_SLOTS)

struct ir_insn {
	uint16_t op;
	uint16_t d, a, b, c;
	uint8_t rm, fmode;
	int64_t imm;
};

struct vcpu;
typedef uint64_t (*ir_helper_fn)(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c);

/* A block under construction.  A block is straight-line code with exits. */
struct ir_block {
	uint64_t pc;      /* guest pc of the first instruction */
	uint64_t end_pc;  /* guest pc after the last instruction decoded */
	uint32_t ninsns;  /* guest instructions */
	uint32_t n, cap;  /* IR ops */
	struct ir_insn *ops;
	uint16_t next_temp;
	bool ended;       /* an unconditional exit has been emitted */
	uint32_t max_insns; /* frontends end the block after this many (0: their own limit) */
};

struct ir_op_info {
	const char *name;
	enum ir_type type;
	const char *form;
	unsigned flags;
};
extern const struct ir_op_info ir_op_info[IR_NUM_OPS];

void ir_block_init(struct ir_block *b, uint64_t pc);
void ir_block_free(struct ir_block *b);
void ir_block_reset(struct ir_block *b, uint64_t pc);

/* Starts a guest instruction at pc: emits INSN_START and frees the temps. */
void ir_insn_start(struct ir_block *b, uint64_t pc);
/* Marks the end of the current guest instruction (sets end_pc). */
void ir_insn_end(struct ir_block *b, uint64_t next_pc);
uint16_t ir_temp(struct ir_block *b);

struct ir_insn *ir_emit(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, int64_t imm);
struct ir_insn *ir_emit4(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, unsigned c,
			 int64_t imm);
/* FP op with rounding mode and NaN mode. */
struct ir_insn *ir_emit_fp(struct ir_block *b, enum ir_op op, unsigned d, unsigned a, unsigned bb, unsigned c,
			   enum ir_rm rm, enum ir_fmode fm);

static inline void ir_movi(struct ir_block *b, unsigned d, int64_t v) { ir_emit(b, IR_MOVI, d, 0, 0, v); }
static inline void ir_mov(struct ir_block *b, unsigned d, unsigned a) { ir_emit(b, IR_MOV, d, a, 0, 0); }
void ir_call(struct ir_block *b, ir_helper_fn fn, unsigned d, unsigned a, unsigned bb, unsigned c);
void ir_brcc(struct ir_block *b, enum ir_cond cond, unsigned a, unsigned bb, uint64_t target);
void ir_exit(struct ir_block *b, uint64_t target);
void ir_exit_ind(struct ir_block *b, unsigned slot);
void ir_exit_syscall(struct ir_block *b, uint64_t next_pc);
void ir_exit_trap(struct ir_block *b, uint64_t pc, int signo, int code);
void ir_exit_flush(struct ir_block *b, uint64_t next_pc);

/* Writes a readable listing of the block (for --trace=ir and tests). */
void ir_print(const struct ir_block *b, void (*out)(void *ctx, const char *line), void *ctx);
const char *ir_cond_name(enum ir_cond c);

#endif
