/* Floating-point semantics the IR has no op for: Arm's NaN-propagating
 * FMAX/FMIN, round to integral, half-precision conversion, fixed-point
 * conversion and the reciprocal estimates (fp_helpers.c).  All follow the
 * Arm ARM's shared pseudocode (J1, shared/functions/float) and take and
 * return raw bits: an S value in the low 32 bits, an H value in the low 16. */
#ifndef FERRY_A64_FP_HELPERS_H
#define FERRY_A64_FP_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

#define A64_FMAX 0x10          /* a64_helper_fmaxmin: max, else min */
#define A64_FRINT_EXACT 0x100  /* a64_helper_frint: FRINTX, inexact raises NX */

/* VFPExpandImm of imm8 (fp.c). */
uint64_t a64_fp_imm(unsigned imm8, bool dbl);

/* FMAX/FMIN of a and b; sz: 2 or 3, | A64_FMAX. */
uint64_t a64_helper_fmaxmin(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t sz);
uint64_t a64_fmaxmin(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned size, bool max);
/* FRINT*: desc = size (2, 3) | rm << 4 | A64_FRINT_EXACT. */
uint64_t a64_helper_frint(struct vcpu *cpu, uint64_t a, uint64_t desc, uint64_t unused);
uint64_t a64_frint(struct vcpu *cpu, uint64_t a, unsigned size, unsigned rm, bool exact);
/* FCVT with a half-precision side: types = from << 2 | to (0 S, 1 D, 3 H). */
uint64_t a64_helper_fcvt_half(struct vcpu *cpu, uint64_t a, uint64_t types, uint64_t unused);
uint64_t a64_f16_to_f64(struct vcpu *cpu, uint16_t h);
uint16_t a64_f64_to_f16(struct vcpu *cpu, uint64_t d, unsigned rm);
/* FCVTZS/FCVTZU to fixed point: desc = fbits | dbl << 8 | to64 << 9 | unsigned << 10. */
uint64_t a64_helper_fcvtz_fixed(struct vcpu *cpu, uint64_t a, uint64_t desc, uint64_t unused);
uint64_t a64_fcvt_fixed(struct vcpu *cpu, uint64_t a, bool dbl, unsigned fbits, bool to64, bool uns, unsigned rm);
/* FRECPE, FRSQRTE, FRECPX (size 2 or 3). */
uint64_t a64_frecpe(struct vcpu *cpu, uint64_t a, unsigned size);
uint64_t a64_frsqrte(struct vcpu *cpu, uint64_t a, unsigned size);
uint64_t a64_frecpx(struct vcpu *cpu, uint64_t a, unsigned size);
/* URECPE, URSQRTE on a 32-bit element. */
uint32_t a64_urecpe(uint32_t a);
uint32_t a64_ursqrte(uint32_t a);
/* FPProcessNaNs for two operands: the NaN to return (sNaN first, quieted;
 * NV for a signalling one), or false if neither is a NaN. */
bool a64_process_nans(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned size, uint64_t *r);

#endif
