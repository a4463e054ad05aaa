/* The FP ops are core/fpu.h's inline functions; generated code calls an
 * out-of-line copy of each, made here.  fpu.h requires -frounding-math of
 * whoever compiles its inline paths (the host rounding mode is the guest's):
 * the pragma asks for it, as the Makefile does for backends/interp/. */
#pragma GCC optimize("rounding-math")

#include "backends/x86_64/jit.h"
#include "core/fpu.h"

#define FP_OPS(X)                                                                                            \
	X(FADD32) X(FSUB32) X(FMUL32) X(FDIV32) X(FSQRT32) X(FMIN32) X(FMAX32) X(FMA32) X(FEQ32) X(FLT32)    \
	X(FLE32) X(FADD64) X(FSUB64) X(FMUL64) X(FDIV64) X(FSQRT64) X(FMIN64) X(FMAX64) X(FMA64) X(FEQ64)    \
	X(FLT64) X(FLE64) X(CVT_F32_F64) X(CVT_F64_F32) X(CVT_S32_F32) X(CVT_U32_F32) X(CVT_S64_F32)         \
	X(CVT_U64_F32) X(CVT_S32_F64) X(CVT_U32_F64) X(CVT_S64_F64) X(CVT_U64_F64) X(CVT_F32_S32)            \
	X(CVT_F32_U32) X(CVT_F32_S64) X(CVT_F32_U64) X(CVT_F64_S32) X(CVT_F64_U32) X(CVT_F64_S64)            \
	X(CVT_F64_U64)

static const jit_fp_fn table[IR_NUM_OPS] = {
#define FP_ENTRY(name) [IR_##name] = fpu_##name,
	FP_OPS(FP_ENTRY)
#undef FP_ENTRY
};

jit_fp_fn jit_fp_op(unsigned op) { return op < IR_NUM_OPS ? table[op] : NULL; }
