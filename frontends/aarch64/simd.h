/* Advanced SIMD: what the group decoders share.
 *
 * Most lane-wise instructions run as one IR CALL of a helper that works on
 * the V registers in cpu->slot[] directly; the translation-time decoder
 * packs the operands into a descriptor (struct vdesc) passed as the call's
 * first argument.  The helper reads all its sources before writing the
 * destination, so Vd may be any source.  Because a helper writes slots the
 * CALL op does not name, a backend must treat CALL as reading and writing
 * every architectural slot (the interpreter does by construction). */
#ifndef FERRY_A64_SIMD_H
#define FERRY_A64_SIMD_H

#include <stdint.h>

#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

struct vdesc {
	unsigned vd, vn, vm, va; /* register numbers; va: a fourth operand or slot base */
	unsigned size;           /* log2 of the element size in bytes: 0 = 8 bits .. 3 = 64 */
	bool q;                  /* 128-bit vector (else 64-bit, upper half zeroed) */
	bool scalar;             /* one element, the rest of Vd zeroed */
	bool u;                  /* the U bit: unsigned or the variant */
	bool part2;              /* the "2" forms: upper half of a narrow/wide operand */
	unsigned imm;            /* shift amount, element index, ... */
	unsigned sub;            /* a helper's own sub-operation */
};

static inline uint64_t vdesc_pack(const struct vdesc *d)
{
	return (uint64_t)d->vd | (uint64_t)d->vn << 5 | (uint64_t)d->vm << 10 | (uint64_t)d->va << 15 |
	       (uint64_t)d->size << 24 | (uint64_t)d->q << 26 | (uint64_t)d->scalar << 27 | (uint64_t)d->u << 28 |
	       (uint64_t)d->part2 << 29 | (uint64_t)(d->imm & 0xffff) << 32 | (uint64_t)(d->sub & 0xffff) << 48;
}

static inline struct vdesc vdesc_unpack(uint64_t x)
{
	return (struct vdesc){.vd = x & 31, .vn = x >> 5 & 31, .vm = x >> 10 & 31, .va = x >> 15 & 511,
			      .size = x >> 24 & 3, .q = x >> 26 & 1, .scalar = x >> 27 & 1, .u = x >> 28 & 1,
			      .part2 = x >> 29 & 1, .imm = x >> 32 & 0xffff, .sub = x >> 48 & 0xffff};
}

/* Emits the call of helper fn with descriptor d; extra values in slots x, y. */
void a64_vcall(struct a64_ctx *c, ir_helper_fn fn, const struct vdesc *d, unsigned x, unsigned y);

/* Element moves in IR (simd_copy.c): a temp with element idx of V[vn]
 * zero-extended; element idx of V[vd] from the low bits of slot v; V[vd]
 * filled with the element in slot v (the upper half zeroed unless q). */
unsigned a64_get_elem(struct a64_ctx *c, unsigned vn, unsigned size, unsigned idx);
void a64_set_elem(struct a64_ctx *c, unsigned vd, unsigned size, unsigned idx, unsigned v);
void a64_dup(struct a64_ctx *c, unsigned vd, unsigned size, bool q, unsigned v);

/* Emits a lane-wise v128 IR op (core/ir_ops.def) on V registers: lane
 * size, 128 bits or 64, and a shift count. */
static inline void a64_vop(struct a64_ctx *c, enum ir_op op, unsigned d, unsigned a, unsigned b, unsigned size,
			   bool q, unsigned shift)
{
	ir_emit(c->b, op, d, a, b, (int64_t)(size | (q ? 4u : 0u) | shift << 8));
}

/* ---- lanes, for helpers ---- */

typedef struct {
	uint64_t d[2];
} v128;

static inline v128 vget(const struct vcpu *cpu, unsigned v)
{
	return (v128){{cpu->slot[A64_V(v)], cpu->slot[A64_V(v) + 1]}};
}

static inline void vput(struct vcpu *cpu, unsigned v, v128 x)
{
	cpu->slot[A64_V(v)] = x.d[0];
	cpu->slot[A64_V(v) + 1] = x.d[1];
}

static inline uint64_t vmask(unsigned size) { return size == 3 ? ~0ull : (1ull << (8u << size)) - 1; }

/* Element i of x, zero-extended. */
static inline uint64_t lane(v128 x, unsigned size, unsigned i)
{
	unsigned bit = i << (size + 3);
	return (x.d[bit >> 6] >> (bit & 63)) & vmask(size);
}

static inline void lane_set(v128 *x, unsigned size, unsigned i, uint64_t v)
{
	unsigned bit = i << (size + 3), sh = bit & 63;
	uint64_t m = vmask(size) << sh;
	x->d[bit >> 6] = (x->d[bit >> 6] & ~m) | ((v << sh) & m);
}

static inline int64_t lane_s(v128 x, unsigned size, unsigned i)
{
	unsigned bits = 8u << size;
	return (int64_t)(lane(x, size, i) << (64 - bits)) >> (64 - bits);
}

/* Elements of an operation: one for a scalar, else the vector's count. */
static inline unsigned vlanes(const struct vdesc *d) { return d->scalar ? 1 : (d->q ? 16u : 8u) >> d->size; }

/* Saturation to size bytes; sets FPSR.QC when it clips. */
static inline uint64_t sat_s(struct vcpu *cpu, __int128 v, unsigned size)
{
	unsigned bits = 8u << size;
	__int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
	if (v > max || v < min) {
		cpu->slot[A64_FPSRX] |= 1u << 27;
		v = v > max ? max : min;
	}
	return (uint64_t)v & vmask(size);
}

static inline uint64_t sat_u(struct vcpu *cpu, __int128 v, unsigned size)
{
	unsigned bits = 8u << size;
	__int128 max = ((__int128)1 << bits) - 1;
	if (v > max || v < 0) {
		cpu->slot[A64_FPSRX] |= 1u << 27;
		v = v > max ? max : 0;
	}
	return (uint64_t)v;
}

/* ---- group decoders (simd.c dispatches) ---- */
bool a64_simd_copy(struct a64_ctx *c);      /* simd_copy.c: DUP, INS, UMOV, SMOV */
bool a64_simd_scalar_copy(struct a64_ctx *c);
bool a64_simd_tbl(struct a64_ctx *c);       /* simd_perm.c: TBL, TBX */
bool a64_simd_permute(struct a64_ctx *c);   /* simd_perm.c: UZP, TRN, ZIP */
bool a64_simd_ext(struct a64_ctx *c);       /* simd_perm.c: EXT */
bool a64_simd_modimm(struct a64_ctx *c);    /* simd_copy.c: MOVI, MVNI, ORR, BIC, FMOV */
bool a64_simd_3same(struct a64_ctx *c, bool scalar);   /* simd_3same.c */
bool a64_simd_3diff(struct a64_ctx *c, bool scalar);   /* simd_3diff.c */
bool a64_simd_2misc(struct a64_ctx *c, bool scalar);   /* simd_2misc.c */
bool a64_simd_across(struct a64_ctx *c);               /* simd_across.c */
bool a64_simd_pairwise(struct a64_ctx *c);             /* simd_across.c: scalar pairwise */
bool a64_simd_shift(struct a64_ctx *c, bool scalar);   /* simd_shift.c */
bool a64_simd_elem(struct a64_ctx *c, bool scalar);    /* simd_elem.c: by element */

/* FP lane operations shared by the vector groups (simd_fp.c). */
enum vfp_op {
	VFP_ADD, VFP_SUB, VFP_MUL, VFP_DIV, VFP_MAX, VFP_MIN, VFP_MAXNM, VFP_MINNM, VFP_ABD, VFP_MULX,
	VFP_CMEQ, VFP_CMGE, VFP_CMGT, VFP_ACGE, VFP_ACGT, VFP_RECPS, VFP_RSQRTS,
	VFP_MLA, VFP_MLS, /* fused, accumulate into Vd */
};
/* One FP lane op on raw bits (size 2 or 3); acc is Vd's lane for MLA/MLS. */
uint64_t a64_fp_lane(struct vcpu *cpu, enum vfp_op op, unsigned size, uint64_t a, uint64_t b, uint64_t acc);
uint64_t a64_helper_vfp3(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y);

#endif
