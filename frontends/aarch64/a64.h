/* AArch64 frontend: register layout, decoder state and the per-group entry
 * points.  decode.c runs the block loop and dispatches on op0 (inst[28:25],
 * Arm ARM C4.1 "A64 instruction set encoding"); each instruction group has
 * its own file.  Every decoder returns false for an encoding it does not
 * implement, and the block loop raises SIGILL at that instruction. */
#ifndef FERRY_A64_H
#define FERRY_A64_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ir.h"

/* IR slot layout of the AArch64 CPU state.  Register number 31 is SP or
 * XZR depending on the instruction: a read of XZR reads A64_ZERO, a write
 * to XZR goes to a discarded temp.  V registers are slot pairs, low half
 * first, as the IR's v128 values. */
#define A64_X(n) (n)              /* X0..X30 */
#define A64_SP 31
#define A64_V(n) (32 + 2 * (n))   /* V0..V31, slots 32..95 */
#define A64_NF 96                 /* NZCV, one 0/1 slot per flag */
#define A64_ZF 97
#define A64_CF 98
#define A64_VF 99
#define A64_ZERO 100              /* two slots that stay 0: XZR and a zero v128 */
#define A64_FPCR 102              /* FPCR as written (implemented bits only) */
#define A64_FPSRX 103             /* FPSR.QC (bit 27) and IDC (bit 7), in place */
#define A64_TPIDR 104             /* TPIDR_EL0 */
#define A64_EXCL 105              /* two slots: the value LDXP (64-bit pair) saw */
/* NZCV is lazy (flags.c): a flag-setting instruction leaves its first
 * operand and its result here with the operation's kind (the second
 * operand follows from them), and NZCV is computed only when something
 * needs the four flags; A64_NF..A64_VF are valid when A64_FLKIND is
 * A64_FK_MAT.  Code outside the decoder reads and writes NZCV with
 * a64_nzcv() and a64_set_nzcv(). */
#define A64_FLA 107               /* first operand (32-bit ones sign-extended) */
/* slot 108 is free */
#define A64_FLR 109               /* result (32-bit ones sign-extended) */
#define A64_FLKIND 110            /* enum a64_fkind */
#define A64_NSLOTS 111

enum a64_fkind {
	A64_FK_MAT,                       /* A64_NF..A64_VF hold the flags */
	A64_FK_SUB64, A64_FK_SUB32,       /* SUBS, CMP: FLR = FLA - b */
	A64_FK_ADD64, A64_FK_ADD32,       /* ADDS, CMN: FLR = FLA + b */
	A64_FK_LOGIC64, A64_FK_LOGIC32,   /* ANDS, BICS, TST: N and Z of FLR, C = V = 0 */
	A64_FK_UNKNOWN,                   /* translation time only: whatever A64_FLKIND says */
};

/* FPCR bits Linux lets EL0 write (Arm ARM D13.2 "FPCR"); the trap enables
 * read as zero because no trapped exception handling is implemented. */
#define A64_FPCR_MASK 0x07c00000u /* AHP DN FZ RMode */
#define A64_FPCR_RMODE_SHIFT 22

struct vcpu;

struct a64_ctx {
	struct vcpu *cpu;
	struct ir_block *b;
	uint64_t pc;   /* pc of the instruction being translated */
	uint32_t insn; /* its encoding */
	bool end;      /* set when the instruction ended the block */
	unsigned fk;   /* enum a64_fkind of NZCV at this point of the block */
	/* The second operand of the last lazy ADDS/SUBS, for a condition read
	 * by the very next instruction: a slot still holding it, or a constant. */
	struct {
		uint32_t insn;     /* ir_block.ninsns when it was recorded */
		bool valid, imm;
		unsigned slot;
		uint64_t value;
	} flb;
};

/* Fields.  bits(i, hi, lo) is inst[hi:lo]. */
static inline uint32_t a64_bits(uint32_t i, unsigned hi, unsigned lo) { return (i >> lo) & ((2u << (hi - lo)) - 1); }
static inline unsigned a64_bit(uint32_t i, unsigned n) { return (i >> n) & 1; }
static inline unsigned a64_rd(uint32_t i) { return i & 31; }
static inline unsigned a64_rn(uint32_t i) { return (i >> 5) & 31; }
static inline unsigned a64_rm(uint32_t i) { return (i >> 16) & 31; }
static inline unsigned a64_ra(uint32_t i) { return (i >> 10) & 31; }
/* Sign-extends the low n bits of v. */
static inline int64_t a64_sext(uint64_t v, unsigned n) { return (int64_t)(v << (64 - n)) >> (64 - n); }

/* Register operands (slots).  xr: read, 31 = XZR; xrsp: read, 31 = SP;
 * xw: write, 31 = discarded; xwsp: write, 31 = SP. */
static inline unsigned a64_xr(unsigned r) { return r == 31 ? A64_ZERO : A64_X(r); }
static inline unsigned a64_xrsp(unsigned r) { return r == 31 ? A64_SP : A64_X(r); }
static inline unsigned a64_xw(struct a64_ctx *c, unsigned r) { return r == 31 ? ir_temp(c->b) : A64_X(r); }
static inline unsigned a64_xwsp(unsigned r) { return r == 31 ? A64_SP : A64_X(r); }

/* A temp holding a constant. */
unsigned a64_const(struct a64_ctx *c, uint64_t v);
/* A temp holding the low 32 bits of slot s, zero-extended. */
unsigned a64_w(struct a64_ctx *c, unsigned s);
/* Two consecutive temps (a v128 value). */
unsigned a64_temp2(struct a64_ctx *c);

/* flags.c: NZCV.  r is the result, a and b the operands, sf 64-bit. */
/* Makes A64_NF..A64_VF valid (before reading or partly rewriting them). */
void a64_flags_materialize(struct a64_ctx *c);
/* The caller has just written A64_NF..A64_VF itself. */
void a64_flags_written(struct a64_ctx *c);
/* NZCV in bits 31:28, from whatever representation cpu holds. */
uint64_t a64_nzcv(const struct vcpu *cpu);
void a64_set_nzcv(struct vcpu *cpu, uint64_t nzcv);
void a64_flags_nz(struct a64_ctx *c, unsigned r, bool sf);           /* N, Z; C = V = 0 */
/* ADDS/SUBS (and CMN/CMP): d = a + b or a - b with the flags; b is a slot,
 * or the constant imm when b_imm.  d may be a discarded temp (discard). */
void a64_addsub_flags(struct a64_ctx *c, unsigned d, bool discard, unsigned a, unsigned b, bool b_imm,
		      uint64_t imm, bool sf, bool sub);
/* r = a + b + C with flags, for ADCS/SBCS (b already inverted for SBCS).
 * Writes r and the flags; r must not be a flag slot. */
void a64_adc(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf, bool set_flags);
/* Sets NZCV from the 4-bit value nzcv (bit 3 = N). */
void a64_flags_set_imm(struct a64_ctx *c, unsigned nzcv);
/* A slot holding ConditionHolds(cond) as 0/1 (Arm ARM J1, "ConditionHolds"). */
unsigned a64_cond(struct a64_ctx *c, unsigned cond);
/* Leaves the block for target if cond holds (BRCC). */
void a64_brcond(struct a64_ctx *c, unsigned cond, uint64_t target);

/* Group decoders. */
bool a64_dp_imm(struct a64_ctx *c);        /* dp_imm.c: data processing, immediate */
bool a64_dp_reg(struct a64_ctx *c);        /* dp_reg.c: data processing, register */
bool a64_branch_sys(struct a64_ctx *c);    /* branch.c: branches; system.c via a64_system */
bool a64_system(struct a64_ctx *c);        /* system.c: exceptions, hints, barriers, MRS/MSR, SYS */
bool a64_ldst(struct a64_ctx *c);          /* ldst.c: loads and stores; atomics and SIMD ones elsewhere */
bool a64_ldst_excl(struct a64_ctx *c);     /* atomic.c: exclusives, acquire/release, LSE */
bool a64_ldst_atomic(struct a64_ctx *c);   /* atomic.c: LSE atomic memory operations */
bool a64_ldst_simd(struct a64_ctx *c);     /* simd_ldst.c: LD1-4/ST1-4 and single-structure forms */
bool a64_fp(struct a64_ctx *c);            /* fp.c: scalar floating point */
bool a64_simd(struct a64_ctx *c);          /* simd.c: Advanced SIMD dispatch */

/* Vector register helpers (simd.c). */
/* Writes the 64-bit slot value s to the low half of V[vd] and zeroes the rest. */
void a64_vset64(struct a64_ctx *c, unsigned vd, unsigned s);
/* Zeroes the upper half of V[vd] (the write of a 64-bit vector). */
void a64_vclear_hi(struct a64_ctx *c, unsigned vd);

/* FP environment (fp_env.c). */
/* Emits the update of the IR rounding mode after a write of A64_FPCR. */
void a64_fpcr_changed(struct a64_ctx *c);
uint64_t a64_helper_fpsr_read(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t cc);
/* FPCR's FZ and DN into cpu->fp_arm_mode (after every write of FPCR). */
void a64_fpcr_mode(struct vcpu *cpu, uint64_t fpcr);
uint64_t a64_helper_fpcr_mode(struct vcpu *cpu, uint64_t fpcr, uint64_t b, uint64_t cc);
uint64_t a64_helper_fpsr_write(struct vcpu *cpu, uint64_t v, uint64_t b, uint64_t cc);

/* frontend_aarch64.translate (decode.c), disassembly (disasm.c). */
void a64_translate(struct vcpu *cpu, struct ir_block *b);
size_t a64_disasm(uint64_t pc, const uint8_t *code, size_t avail, char *buf, size_t bufsz);
/* Whether the decoder accepts insn (for tests): translates it alone. */
bool a64_decodes(uint32_t insn);

#endif
