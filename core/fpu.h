/* The semantics of the IR's floating-point ops (IRF_FP in core/ir_ops.def),
 * run on the host FPU through <fenv.h> and <math.h>.
 *
 * Every op is a function fpu_<OP>(cpu, a, b, c, rm, fmode, imm) on slot
 * values.  The common case (the host already rounds as asked, no NaN result)
 * is inline here; rounding modes the host lacks or must switch to, NaN
 * results and the architecture rules of enum ir_fmode are in fpu.c.
 *
 * Invariants:
 *  - the host rounding mode is cpu->fp_rm's (round-to-nearest-even when
 *    fp_rm is RMM or a reserved value), kept so by fpu_frm_set and
 *    fpu_thread_init;
 *  - the guest's accrued flags are cpu->fp_flags OR the host's exception
 *    flags: the host accumulates them between reads, fpu_fflags_get folds
 *    them in.  Flags computed in software go straight to cpu->fp_flags.
 *  - whoever includes this header for the inline paths compiles with
 *    -frounding-math (the Makefile does for backends/interp/).
 */
#ifndef FERRY_FPU_H
#define FERRY_FPU_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/ir.h"
#include "core/vcpu.h"

#define FPU_CNAN32 0x7fc00000u            /* RISC-V canonical NaN, f32 */
#define FPU_CNAN64 0x7ff8000000000000ull  /* and f64 */
#define FPU_BOX 0xffffffff00000000ull     /* upper half of a NaN-boxed f32 */

static inline double fpu_f64(uint64_t v)
{
	double d;
	memcpy(&d, &v, sizeof(d));
	return d;
}

static inline uint64_t fpu_bits64(double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof(v));
	return v;
}

static inline float fpu_f32(uint32_t v)
{
	float f;
	memcpy(&f, &v, sizeof(f));
	return f;
}

static inline uint32_t fpu_bits32(float f)
{
	uint32_t v;
	memcpy(&v, &f, sizeof(v));
	return v;
}

/* The f32 in a slot.  RISC-V: a value that is not NaN-boxed (upper 32 bits
 * all ones) reads as the canonical NaN (ISA manual vol. I, "NaN Boxing of
 * Narrower Values"). */
static inline float fpu_unbox(unsigned fmode, uint64_t v)
{
	if (fmode == IRFM_RISCV && (v >> 32) != 0xffffffffu)
		return fpu_f32(FPU_CNAN32);
	return fpu_f32((uint32_t)v);
}

/* An f32 result in a slot: NaN-boxed for RISC-V, zero-extended otherwise. */
static inline uint64_t fpu_box(unsigned fmode, float f)
{
	return (fmode == IRFM_RISCV ? FPU_BOX : 0) | fpu_bits32(f);
}

/* Arm's FPCR.FZ (flush denormal inputs and tiny results to zero) and
 * FPCR.DN (every NaN result is the default NaN), in cpu->fp_arm_mode with
 * FPSR.IDC, which only flushing an input raises (Arm ARM J1, FPUnpackBase,
 * FPRoundBase, FPProcessNaN).  Ops of IRFM_ARM take the slow paths while
 * FZ or DN is set. */
#define FPU_ARM_FZ 1u
#define FPU_ARM_DN 2u
#define FPU_ARM_IDC 4u
#define FPU_ARM_CTL (FPU_ARM_FZ | FPU_ARM_DN)

static inline bool fpu_arm_ctl(const struct vcpu *cpu, unsigned fmode)
{
	return __builtin_expect(fmode == IRFM_ARM && (cpu->fp_arm_mode & FPU_ARM_CTL), 0);
}

/* True when the host is already rounding as rm asks, so the op can run as is. */
static inline bool fpu_host_rounds(const struct vcpu *cpu, unsigned rm)
{
	return (rm == IRM_DYN || rm == cpu->fp_rm) && cpu->fp_rm < IRM_RMM && !(cpu->fp_arm_mode & FPU_ARM_CTL);
}

/* Arm detects tininess before rounding (Arm ARM J1, FPRound), x86 after:
 * a result that rounded to the smallest normal may have underflowed for
 * Arm.  Such results take the slow path, which decides (fpu.c). */
static inline bool fpu_arm_min_normal32(unsigned fmode, float r)
{
	return fmode == IRFM_ARM && __builtin_fabsf(r) == 0x1p-126f;
}

static inline bool fpu_arm_min_normal64(unsigned fmode, double r)
{
	return fmode == IRFM_ARM && __builtin_fabs(r) == 0x1p-1022;
}

/* rm with IRM_DYN resolved to the thread's mode. */
static inline unsigned fpu_rm(const struct vcpu *cpu, unsigned rm) { return rm == IRM_DYN ? cpu->fp_rm : rm; }

/* ---- out-of-line paths (fpu.c); only this header calls them ---- */

enum fpu_arith { FPU_ADD, FPU_SUB, FPU_MUL, FPU_DIV, FPU_SQRT, FPU_FMA };
enum fpu_int { FPU_S32, FPU_U32, FPU_S64, FPU_U64 };

uint64_t fpu_slow_arith64(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			  unsigned fmode, int64_t imm);
uint64_t fpu_slow_arith32(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			  unsigned fmode, int64_t imm);
/* min/max when an operand is a NaN. */
uint64_t fpu_slow_minmax64(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned fmode, bool max);
uint64_t fpu_slow_minmax32(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned fmode, bool max);
/* Float to integer, every case; x is the source widened exactly. */
uint64_t fpu_slow_f2i(struct vcpu *cpu, double x, unsigned rm, enum fpu_int to, unsigned fmode);
/* Integer to float with a rounding mode the host is not in. */
uint64_t fpu_slow_i2f(struct vcpu *cpu, uint64_t v, enum fpu_int from, bool to_f32, unsigned rm, unsigned fmode);
/* f64 -> f32 with a mode the host is not in, or a NaN. */
uint64_t fpu_slow_narrow(struct vcpu *cpu, uint64_t a, unsigned rm, unsigned fmode);
/* f32 -> f64 of a NaN. */
uint64_t fpu_slow_widen_nan(struct vcpu *cpu, float x, unsigned fmode);
/* A quiet compare met a NaN: NV if either operand (bits, f32 unboxed) is signalling. */
void fpu_slow_feq_nan(struct vcpu *cpu, uint64_t a, uint64_t b, bool f32);
/* An Arm operand: under FPCR.FZ a denormal becomes a zero of its sign and
 * raises IDC (size 2: f32 in the low bits, 3: f64). */
uint64_t fpu_arm_flush_in(struct vcpu *cpu, uint64_t v, unsigned size);

/* ---- the environment ---- */

/* Round to nearest, no flags: the state of a new thread. */
void fpu_thread_init(struct vcpu *cpu);
/* The accrued flags (IR_FFLAG_*), host flags folded in. */
uint64_t fpu_fflags_get(struct vcpu *cpu);
/* Replaces the accrued flags (clears the host's). */
void fpu_fflags_set(struct vcpu *cpu, uint64_t flags);
/* Sets the dynamic rounding mode (enum ir_rm; reserved values 5..7 are kept
 * as written and round to nearest-even). */
void fpu_frm_set(struct vcpu *cpu, uint64_t rm);
/* ferry's own code that does floating point while a guest thread is live
 * (time conversions, statistics) brackets it with these, so the guest's
 * flags and rounding mode neither leak into it nor pick up its flags. */
void fpu_host_begin(struct vcpu *cpu);
void fpu_host_end(struct vcpu *cpu);

/* ---- f32 arithmetic ---- */

static inline uint64_t fpu_FADD32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float r = fpu_unbox(fmode, a) + fpu_unbox(fmode, b);
		if (__builtin_expect(!isnan(r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_arith32(cpu, FPU_ADD, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FSUB32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float r = fpu_unbox(fmode, a) - fpu_unbox(fmode, b);
		if (__builtin_expect(!isnan(r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_arith32(cpu, FPU_SUB, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FMUL32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float r = fpu_unbox(fmode, a) * fpu_unbox(fmode, b);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal32(fmode, r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_arith32(cpu, FPU_MUL, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FDIV32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float r = fpu_unbox(fmode, a) / fpu_unbox(fmode, b);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal32(fmode, r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_arith32(cpu, FPU_DIV, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FSQRT32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				   int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float x = fpu_unbox(fmode, a);
		if (__builtin_expect(isgreaterequal(x, 0.0f), 1)) /* quiet: no NV for a qNaN */
			return fpu_box(fmode, __builtin_sqrtf(x));
	}
	return fpu_slow_arith32(cpu, FPU_SQRT, a, b, c, rm, fmode, imm);
}

/* d = (imm & 1 ? -(a * b) : a * b) + (imm & 2 ? -c : c), one rounding. */
static inline uint64_t fpu_FMA32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float x = fpu_unbox(fmode, a), z = fpu_unbox(fmode, c);
		float r = fmaf(imm & 1 ? -x : x, fpu_unbox(fmode, b), imm & 2 ? -z : z);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal32(fmode, r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_arith32(cpu, FPU_FMA, a, b, c, rm, fmode, imm);
}

/* minimumNumber / maximumNumber (IEEE 754-2019 9.6): -0 < +0, a NaN loses to
 * a number.  Equal non-zero operands have equal bits, so OR (min) and AND
 * (max) of the bits only matter for a pair of zeros. */
static inline uint64_t fpu_FMIN32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2), b = fpu_arm_flush_in(cpu, b, 2);
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b);
	if (__builtin_expect(isnan(x) || isnan(y), 0))
		return fpu_slow_minmax32(cpu, a, b, fmode, false);
	if (x != y)
		return fpu_box(fmode, x < y ? x : y);
	return fpu_box(fmode, fpu_f32(fpu_bits32(x) | fpu_bits32(y)));
}

static inline uint64_t fpu_FMAX32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2), b = fpu_arm_flush_in(cpu, b, 2);
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b);
	if (__builtin_expect(isnan(x) || isnan(y), 0))
		return fpu_slow_minmax32(cpu, a, b, fmode, true);
	if (x != y)
		return fpu_box(fmode, x > y ? x : y);
	return fpu_box(fmode, fpu_f32(fpu_bits32(x) & fpu_bits32(y)));
}

/* Compares give 0 or 1.  feq is quiet (NV only for a signalling NaN); flt
 * and fle signal NV for any NaN (vol. I, "Single-Precision Floating-Point
 * Compare Instructions"). */
static inline uint64_t fpu_FEQ32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2), b = fpu_arm_flush_in(cpu, b, 2);
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x == y;
	fpu_slow_feq_nan(cpu, fpu_bits32(x), fpu_bits32(y), true);
	return 0;
}

static inline uint64_t fpu_FLT32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2), b = fpu_arm_flush_in(cpu, b, 2);
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x < y;
	cpu->fp_flags |= IR_FFLAG_NV;
	return 0;
}

static inline uint64_t fpu_FLE32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2), b = fpu_arm_flush_in(cpu, b, 2);
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x <= y;
	cpu->fp_flags |= IR_FFLAG_NV;
	return 0;
}

/* ---- f64 arithmetic ---- */

static inline uint64_t fpu_FADD64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double r = fpu_f64(a) + fpu_f64(b);
		if (__builtin_expect(!isnan(r), 1))
			return fpu_bits64(r);
	}
	return fpu_slow_arith64(cpu, FPU_ADD, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FSUB64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double r = fpu_f64(a) - fpu_f64(b);
		if (__builtin_expect(!isnan(r), 1))
			return fpu_bits64(r);
	}
	return fpu_slow_arith64(cpu, FPU_SUB, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FMUL64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double r = fpu_f64(a) * fpu_f64(b);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal64(fmode, r), 1))
			return fpu_bits64(r);
	}
	return fpu_slow_arith64(cpu, FPU_MUL, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FDIV64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double r = fpu_f64(a) / fpu_f64(b);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal64(fmode, r), 1))
			return fpu_bits64(r);
	}
	return fpu_slow_arith64(cpu, FPU_DIV, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FSQRT64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				   int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double x = fpu_f64(a);
		if (__builtin_expect(isgreaterequal(x, 0.0), 1))
			return fpu_bits64(__builtin_sqrt(x));
	}
	return fpu_slow_arith64(cpu, FPU_SQRT, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FMA64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		double x = fpu_f64(a), z = fpu_f64(c);
		double r = fma(imm & 1 ? -x : x, fpu_f64(b), imm & 2 ? -z : z);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal64(fmode, r), 1))
			return fpu_bits64(r);
	}
	return fpu_slow_arith64(cpu, FPU_FMA, a, b, c, rm, fmode, imm);
}

static inline uint64_t fpu_FMIN64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3), b = fpu_arm_flush_in(cpu, b, 3);
	double x = fpu_f64(a), y = fpu_f64(b);
	if (__builtin_expect(isnan(x) || isnan(y), 0))
		return fpu_slow_minmax64(cpu, a, b, fmode, false);
	if (x != y)
		return x < y ? a : b;
	return a | b;
}

static inline uint64_t fpu_FMAX64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				  int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3), b = fpu_arm_flush_in(cpu, b, 3);
	double x = fpu_f64(a), y = fpu_f64(b);
	if (__builtin_expect(isnan(x) || isnan(y), 0))
		return fpu_slow_minmax64(cpu, a, b, fmode, true);
	if (x != y)
		return x > y ? a : b;
	return a & b;
}

static inline uint64_t fpu_FEQ64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3), b = fpu_arm_flush_in(cpu, b, 3);
	double x = fpu_f64(a), y = fpu_f64(b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x == y;
	fpu_slow_feq_nan(cpu, a, b, false);
	return 0;
}

static inline uint64_t fpu_FLT64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3), b = fpu_arm_flush_in(cpu, b, 3);
	double x = fpu_f64(a), y = fpu_f64(b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x < y;
	cpu->fp_flags |= IR_FFLAG_NV;
	return 0;
}

static inline uint64_t fpu_FLE64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm, unsigned fmode,
				 int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3), b = fpu_arm_flush_in(cpu, b, 3);
	double x = fpu_f64(a), y = fpu_f64(b);
	if (__builtin_expect(!isunordered(x, y), 1))
		return x <= y;
	cpu->fp_flags |= IR_FFLAG_NV;
	return 0;
}

/* ---- float <-> float ---- */

/* f32 -> f64 is exact: rm does not matter. */
static inline uint64_t fpu_CVT_F32_F64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2);
	float x = fpu_unbox(fmode, a);
	if (__builtin_expect(!isnan(x), 1))
		return fpu_bits64((double)x);
	return fpu_slow_widen_nan(cpu, x, fmode);
}

static inline uint64_t fpu_CVT_F64_F32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1)) {
		float r = (float)fpu_f64(a);
		if (__builtin_expect(!isnan(r) && !fpu_arm_min_normal32(fmode, r), 1))
			return fpu_box(fmode, r);
	}
	return fpu_slow_narrow(cpu, a, rm, fmode);
}

/* ---- integer -> float ---- */

static inline uint64_t fpu_CVT_S32_F32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_box(fmode, (float)(int32_t)a);
	return fpu_slow_i2f(cpu, a, FPU_S32, true, rm, fmode);
}

static inline uint64_t fpu_CVT_U32_F32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_box(fmode, (float)(uint32_t)a);
	return fpu_slow_i2f(cpu, a, FPU_U32, true, rm, fmode);
}

static inline uint64_t fpu_CVT_S64_F32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_box(fmode, (float)(int64_t)a);
	return fpu_slow_i2f(cpu, a, FPU_S64, true, rm, fmode);
}

static inline uint64_t fpu_CVT_U64_F32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_box(fmode, (float)a);
	return fpu_slow_i2f(cpu, a, FPU_U64, true, rm, fmode);
}

/* 32-bit integers fit a double exactly: rm does not matter. */
static inline uint64_t fpu_CVT_S32_F64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	return fpu_bits64((double)(int32_t)a);
}

static inline uint64_t fpu_CVT_U32_F64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	return fpu_bits64((double)(uint32_t)a);
}

static inline uint64_t fpu_CVT_S64_F64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_bits64((double)(int64_t)a);
	return fpu_slow_i2f(cpu, a, FPU_S64, false, rm, fmode);
}

static inline uint64_t fpu_CVT_U64_F64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (__builtin_expect(fpu_host_rounds(cpu, rm), 1))
		return fpu_bits64((double)a);
	return fpu_slow_i2f(cpu, a, FPU_U64, false, rm, fmode);
}

/* ---- float -> integer ----
 * Fast paths for values whose rounded result is surely in range: truncation
 * (C casts; what compilers emit with rm = RTZ) and the host's current mode
 * (llrint).  NX is computed, not read from the host: C leaves the inexact
 * flag of a cast unspecified.  Everything else goes to fpu_slow_f2i.  32-bit
 * results are sign-extended, the unsigned ones too (as fcvt.wu does). */

static inline uint64_t fpu_sext32(uint32_t v) { return (uint64_t)(int64_t)(int32_t)v; }

static inline uint64_t fpu_f2i_s32(struct vcpu *cpu, double x, unsigned rm, unsigned fmode)
{
	unsigned m = fpu_rm(cpu, rm);
	if (m == IRM_RTZ && x > -2147483649.0 && x < 2147483648.0) {
		int32_t r = (int32_t)x;
		if ((double)r != x)
			cpu->fp_flags |= IR_FFLAG_NX;
		return fpu_sext32((uint32_t)r);
	}
	if (m == cpu->fp_rm && m < IRM_RMM && x >= -2147483648.0 && x <= 2147483647.0)
		return fpu_sext32((uint32_t)(int32_t)llrint(x));
	return fpu_slow_f2i(cpu, x, rm, FPU_S32, fmode);
}

static inline uint64_t fpu_f2i_u32(struct vcpu *cpu, double x, unsigned rm, unsigned fmode)
{
	unsigned m = fpu_rm(cpu, rm);
	if (m == IRM_RTZ && x > -1.0 && x < 4294967296.0) {
		uint32_t r = (uint32_t)(int64_t)x;
		if ((double)r != x)
			cpu->fp_flags |= IR_FFLAG_NX;
		return fpu_sext32(r);
	}
	if (m == cpu->fp_rm && m < IRM_RMM && x >= 0.0 && x <= 4294967295.0)
		return fpu_sext32((uint32_t)llrint(x));
	return fpu_slow_f2i(cpu, x, rm, FPU_U32, fmode);
}

static inline uint64_t fpu_f2i_s64(struct vcpu *cpu, double x, unsigned rm, unsigned fmode)
{
	unsigned m = fpu_rm(cpu, rm);
	if (m == IRM_RTZ && x >= -0x1p63 && x < 0x1p63) {
		int64_t r = (int64_t)x;
		if ((double)r != x)
			cpu->fp_flags |= IR_FFLAG_NX;
		return (uint64_t)r;
	}
	if (m == cpu->fp_rm && m < IRM_RMM && x >= -0x1p63 && x < 0x1p63)
		return (uint64_t)llrint(x);
	return fpu_slow_f2i(cpu, x, rm, FPU_S64, fmode);
}

static inline uint64_t fpu_f2i_u64(struct vcpu *cpu, double x, unsigned rm, unsigned fmode)
{
	unsigned m = fpu_rm(cpu, rm);
	if (m == IRM_RTZ && x > -1.0 && x < 0x1p64) {
		uint64_t r = (uint64_t)x;
		if ((double)r != x)
			cpu->fp_flags |= IR_FFLAG_NX;
		return r;
	}
	if (m == cpu->fp_rm && m < IRM_RMM && x >= 0.0 && x < 0x1p63)
		return (uint64_t)llrint(x);
	return fpu_slow_f2i(cpu, x, rm, FPU_U64, fmode);
}

static inline uint64_t fpu_CVT_F32_S32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2);
	return fpu_f2i_s32(cpu, fpu_unbox(fmode, a), rm, fmode);
}

static inline uint64_t fpu_CVT_F32_U32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2);
	return fpu_f2i_u32(cpu, fpu_unbox(fmode, a), rm, fmode);
}

static inline uint64_t fpu_CVT_F32_S64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2);
	return fpu_f2i_s64(cpu, fpu_unbox(fmode, a), rm, fmode);
}

static inline uint64_t fpu_CVT_F32_U64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 2);
	return fpu_f2i_u64(cpu, fpu_unbox(fmode, a), rm, fmode);
}

static inline uint64_t fpu_CVT_F64_S32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3);
	return fpu_f2i_s32(cpu, fpu_f64(a), rm, fmode);
}

static inline uint64_t fpu_CVT_F64_U32(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3);
	return fpu_f2i_u32(cpu, fpu_f64(a), rm, fmode);
}

static inline uint64_t fpu_CVT_F64_S64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3);
	return fpu_f2i_s64(cpu, fpu_f64(a), rm, fmode);
}

static inline uint64_t fpu_CVT_F64_U64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				       unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		a = fpu_arm_flush_in(cpu, a, 3);
	return fpu_f2i_u64(cpu, fpu_f64(a), rm, fmode);
}

#endif
