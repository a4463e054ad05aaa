/* The x86-64 JIT: shared state of the code generator (one IR block at a
 * time) and the helpers its code calls.  See README.md in this folder for
 * the design: register conventions, frame, block layout, register cache. */
#ifndef FERRY_JIT_H
#define FERRY_JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backends/x86_64/x64_emit.h"
#include "core/ir.h"

struct vcpu;
struct tblock;

/* Fixed registers while guest code runs. */
#define J_CPU X_RBX   /* struct vcpu *; slot n at [rbx + 8n] */
#define J_MEM X_R12   /* cpu->mem_base */
/* cpu->icount while generated code runs: the trampoline loads and stores
 * it, calls publish it first, a fault handler takes it from the context. */
#define J_ICOUNT X_R15

/* The JIT frame: at [rsp] the return address into the trampoline, then
 * cpu->mem_limit - size for the bounds check of a size-byte access, then
 * a scratch word at [rsp + 48]. */
static inline int32_t jit_limit_disp(unsigned size)
{
	return size == 1 ? 8 : size == 2 ? 16 : size == 4 ? 24 : size == 8 ? 32 : 40;
}

/* Per-op liveness facts (jit_live.c), from a backward pass over the block. */
enum {
	JL_A_DIES = 1,    /* operand a (b, c) is not read again in the block before it is written */
	JL_B_DIES = 2,
	JL_C_DIES = 4,
	JL_D_LIVE = 8,    /* the value written to d is read later in the block */
	JL_D1_LIVE = 16,  /* same for d + 1 (pair results) */
	JL_CROSS = 32,    /* on INSN_START: a temp is read after this point (breaks ir.md rule 3) */
	JL_D_DEAD = 64,   /* d is written again before anything can see memory: never store this value */
	JL_D1_DEAD = 128,
	JL_A_GONE = 256,  /* after this op, a (b, c) is written again before anything can see memory */
	JL_B_GONE = 512,
	JL_C_GONE = 1024,
};
/* Ops that observe the guest state: they may fault, call C, or leave the
 * block.  Before calls and exits memory is brought up to date; a fault
 * takes the values still in registers from the fault map instead. */
bool jit_sync_point(const struct ir_insn *i);

/* The slots an op reads and writes.  `all`: it may also read any slot
 * from cpu->slot (helper calls, ops the JIT does not know). */
#define JIT_MAX_READS 16
struct jit_operands {
	uint16_t rd[JIT_MAX_READS], wr[2];
	uint8_t rd_pos[JIT_MAX_READS]; /* 'a', 'b', 'c', or 0 (a pair's second half, a loop's pinned slot) */
	uint8_t nr, nw;
	bool all;
};
void jit_operands(const struct ir_insn *i, struct jit_operands *o);
struct jit_ctx;
/* jit_operands, plus what a loop's back edge reads. */
void jit_op_slots(const struct jit_ctx *c, const struct ir_insn *i, struct jit_operands *o);
void jit_liveness(const struct jit_ctx *c, uint16_t *flags);

/* A jump to an out-of-line stub, resolved when the block is finished. */
enum jit_stub { JS_INTERRUPT, JS_BAD_ADDRESS, JS_MISALIGNED, JS_EXIT };
struct jit_fixup {
	uint32_t at;      /* offset of the rel32 */
	uint8_t kind;     /* enum jit_stub */
	int8_t slot;      /* JS_EXIT: chain slot, or -1 for an exit that is never linked */
	int8_t reg;       /* traps: the register holding the guest address */
	uint64_t target;  /* JS_EXIT: guest pc; traps: the fault map entry */
};

/* The fault map: one entry per guest memory access (and trap check).  A
 * host fault at code offset host_off is in the guest instruction at block
 * pc + pc_off, and the guest registers whose values are only in host
 * registers there are pairs [first, first + n). */
struct jit_fault_entry {
	uint32_t host_off, pc_off;
	uint16_t first, n;
};
struct jit_fault_pair {
	uint16_t slot;
	uint8_t reg, pad;
};

#define JIT_POOL 11 /* registers of the cache */

/* An inline FP op's way out when the host cannot do it as is (another
 * rounding mode, a NaN, an unboxed single): the core/fpu.h function, called
 * with every caller-saved register kept, back at `join` with the result in
 * rax (jit_fpu.c). */
struct jit_slow {
	uint32_t jumps[4], njumps; /* rel32s that lead to it */
	uint32_t join;
	const void *fn;
	int8_t reg[2];             /* registers holding operands a and b, -1 for none */
	uint8_t rm, fmode;
	int64_t imm;
};

struct jit_ctx {
	struct x64_buf *b;
	const struct ir_block *ir;
	struct tblock *tb;
	const uint16_t *live;   /* per-op JL_* flags */
	uint32_t k;             /* op being compiled */
	uint64_t insn_pc;       /* guest pc of the current instruction */
	bool fault_pc_set;      /* cpu->fault_op already names insn_pc */

	/* The register cache: reg_slot[r] is the slot register r holds (or -1);
	 * slot_reg[s] the register holding slot s (or -1); dirty[r]: memory is
	 * behind; nostore[r]: and it never needs to catch up (JL_D_DEAD). */
	int16_t reg_slot[16];
	int8_t slot_reg[IR_SLOTS];
	bool dirty[16], nostore[16];
	uint16_t locked;        /* registers the current op uses */

	struct jit_fixup *fix;
	uint32_t nfix, capfix;
	uint32_t exit_at[2];    /* rel32 offsets of the linkable exits, 0 if none */
	struct jit_fault_entry *map;
	uint32_t nmap, capmap;
	struct jit_fault_pair *pairs;
	uint32_t npairs, cappairs;
	struct jit_slow *slow;
	uint32_t nslow, capslow;
	bool failed;            /* the cache is full */

	/* Loop mode (jit_loop.c): the block branches to its own start. */
	bool loop;
	int8_t pin_reg[IR_SLOTS]; /* the register a pinned slot lives in, else -1 */
	uint16_t pinned[JIT_POOL], npinned;
	uint16_t pin_mask;        /* registers reserved for pinned slots */
	size_t loop_top;
};

/* A block in the cache: this header, the code (tb->code points there),
 * then the fault map (nmap entries, then npairs pairs, 4-byte aligned).
 * exit_at[k] is the offset from tb->code of the rel32 of chain slot k's
 * jump, 0 if the block has no linkable exit k. */
#define JIT_BLOCK_HEADER 32
#define JIT_BLOCK_MAGIC 0x4a495442u /* tells a JIT block from an interpreter one */
struct jit_block_header {
	uint32_t magic;
	uint32_t exit_at[2];
	uint32_t code_len;
	uint16_t nmap, npairs;
	uint32_t pad[3];
};
static inline const struct jit_fault_entry *jit_fault_map(const void *code, const struct jit_block_header *h)
{
	return (const struct jit_fault_entry *)((const uint8_t *)code + ((h->code_len + 3) & ~3u));
}
static inline struct jit_block_header *jit_header(void *code)
{
	return (struct jit_block_header *)((uint8_t *)code - JIT_BLOCK_HEADER);
}

int jit_compile(const struct ir_block *ir, struct tblock *tb);

/* jit_regs.c: the register cache */
void rc_reset(struct jit_ctx *c);
int rc_get(struct jit_ctx *c, unsigned slot);
int rc_new(struct jit_ctx *c);
int rc_dest(struct jit_ctx *c, unsigned slot);
void rc_claim(struct jit_ctx *c, int reg);
int rc_take(struct jit_ctx *c, unsigned slot, bool dies);
void rc_def(struct jit_ctx *c, unsigned slot, int reg, bool live);
void rc_release(struct jit_ctx *c, unsigned slot);
void rc_unlock(struct jit_ctx *c);
void rc_sync_arch(struct jit_ctx *c);
void rc_sync_all(struct jit_ctx *c);
void rc_sync_unpinned(struct jit_ctx *c);
void rc_snapshot(struct jit_ctx *c);
void rc_forget_temps(struct jit_ctx *c);
void rc_drop_slot(struct jit_ctx *c, unsigned slot);
void rc_drop_all(struct jit_ctx *c);
void rc_spill_caller_saved(struct jit_ctx *c);
void rc_reload_pinned(struct jit_ctx *c, bool dirty);
void rc_drop_caller_saved(struct jit_ctx *c);
bool rc_caller_saved(int reg);
static inline struct x64_mem slot_mem(unsigned slot) { return x64_m(J_CPU, (int32_t)(8 * slot)); }

/* jit_exits.c: the x86 condition of an enum ir_cond */
enum x64_cc jit_cond_cc(unsigned cond);

/* jit_compile.c */
void jit_fixup(struct jit_ctx *c, size_t at, enum jit_stub kind, int slot, uint64_t target);
void jit_trap_fixup(struct jit_ctx *c, size_t at, enum jit_stub kind, uint32_t entry, int addr_reg);
void jit_mark_fault_pc(struct jit_ctx *c);
uint32_t jit_fault_entry(struct jit_ctx *c);
void jit_fault_pair(struct jit_ctx *c, unsigned slot, int reg);
void jit_access_here(struct jit_ctx *c, uint32_t entry);
uint32_t jit_pc_off(const struct jit_ctx *c);
bool jit_dies(const struct jit_ctx *c, char pos);
bool jit_gone(const struct jit_ctx *c, unsigned slot);
bool jit_d_live(const struct jit_ctx *c);

/* Per-group emitters; each returns false for an op it does not handle. */
bool jit_emit_alu(struct jit_ctx *c, const struct ir_insn *i);
bool jit_emit_mem(struct jit_ctx *c, const struct ir_insn *i);
bool jit_emit_call_op(struct jit_ctx *c, const struct ir_insn *i);
bool jit_emit_exit(struct jit_ctx *c, const struct ir_insn *i);
void jit_emit_fallback(struct jit_ctx *c, const struct ir_insn *i);
void jit_emit_prologue(struct jit_ctx *c);
void jit_emit_stubs(struct jit_ctx *c);

/* jit_call.c: a call to a C function, arguments from slots, constants,
 * cpu or a scratch register; the result is in rax. */
enum jit_arg_kind { JA_NONE, JA_SLOT, JA_IMM, JA_CPU, JA_REG };
struct jit_arg {
	uint8_t kind;
	uint64_t v; /* slot, constant or register */
};
#define JARG_SLOT(s) ((struct jit_arg){JA_SLOT, (s)})
#define JARG_IMM(x) ((struct jit_arg){JA_IMM, (uint64_t)(x)})
#define JARG_CPU ((struct jit_arg){JA_CPU, 0})
#define JARG_REG(r) ((struct jit_arg){JA_REG, (uint64_t)(r)})
/* Up to six arguments in registers; jit_call7 passes six and a seventh on the stack. */
void jit_call(struct jit_ctx *c, const void *fn, const struct jit_arg *args, int nargs);
void jit_call7(struct jit_ctx *c, const void *fn, const struct jit_arg *args, int64_t stack);
/* Does the op's code call C (clobbering the caller-saved registers)? */
bool jit_op_calls(const struct ir_insn *i);

/* jit_loop.c */
void jit_plan_loop(struct jit_ctx *c);
bool jit_is_back_edge(const struct jit_ctx *c, const struct ir_insn *i);
void jit_loop_reads(const struct jit_ctx *c, struct jit_operands *o);
void jit_loop_entry(struct jit_ctx *c);
void jit_loop_reload(struct jit_ctx *c);
void jit_loop_flush(struct jit_ctx *c);

/* jit_fpu.c: FP ops in SSE code with a C slow path, and FFLAGS_SET */
bool jit_emit_fp_inline(struct jit_ctx *c, const struct ir_insn *i);
bool jit_fp_inlined(const struct ir_insn *i);
void jit_emit_slow_stubs(struct jit_ctx *c);

/* jit_vec.c: lane-wise v128 ops in SSE code.  jit_vec_native: the JIT
 * compiles this one (else it runs in the interpreter fallback); then
 * jit_vec_operands says which upper halves and whether b it reads. */
bool jit_vec_native(const struct ir_insn *i);
void jit_vec_operands(const struct ir_insn *i, bool *a_hi, bool *b, bool *b_hi);
bool jit_emit_vec(struct jit_ctx *c, const struct ir_insn *i);

/* jit_fp.c: out-of-line copies of core/fpu.h's ops, by IR op (NULL if not FP). */
typedef uint64_t (*jit_fp_fn)(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
			      int64_t imm);
jit_fp_fn jit_fp_op(unsigned op);

/* jit_helpers.c: C functions generated code calls. */
uint64_t jit_h_rdcycle(void);
uint64_t jit_h_rdtime(void);
uint64_t jit_h_orcb(uint64_t x);
void jit_h_lr128(struct vcpu *cpu, uint64_t g, uint64_t d);
uint64_t jit_h_sc128(struct vcpu *cpu, uint64_t g, uint64_t b, uint64_t c);
void jit_h_cmpxchg128(struct vcpu *cpu, uint64_t g, uint64_t bc, uint64_t d);
uint64_t jit_h_fallback(struct vcpu *cpu, struct tblock *op_tb);
/* Builds the one-op interpreter block jit_h_fallback runs; NULL if the cache is full. */
struct tblock *jit_fallback_block(const struct ir_insn *i, uint64_t pc, uint32_t ninsns);
bool jit_is_fallback_block(const struct tblock *tb);
uint64_t jit_fallback_fault_pc(const struct vcpu *cpu);

/* jit_fault.c: guest faults in generated code */
void jit_fault_install(void);
uint64_t jit_fault_pc(const struct vcpu *cpu);
/* Writes the guest registers that fault map entry `entry` of the current
 * block says are in host registers (regs[] by register number) to cpu->slot,
 * and icount from its register; returns the instruction's pc. */
uint64_t jit_fault_restore(struct vcpu *cpu, uint32_t entry, const uint64_t *regs);
int jit_h_trap(struct vcpu *cpu, const uint64_t *regs, uint32_t entry, uint64_t addr, uint64_t bus);

/* jit_debug.c: perf map and code dumps, when the environment asks. */
void jit_debug_block(const struct tblock *tb, const uint8_t *code, size_t len);

/* Test hook: compile every op through the interpreter fallback. */
extern bool jit_fallback_all;

#endif
