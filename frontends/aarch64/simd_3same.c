/* AdvSIMD three same, vector and scalar (Arm ARM C4.1.95; the per-lane
 * rules are the pseudocode of C7.2).  Bitwise operations are 64-bit IR ops
 * on the halves; the rest runs lane by lane in helper_3same. */
#include "frontends/aarch64/simd.h"

/* key = U << 5 | opcode (inst[15:11]) */
enum {
	K_HADD = 0x00, K_QADD = 0x01, K_RHADD = 0x02, K_LOGIC = 0x03, K_HSUB = 0x04, K_QSUB = 0x05,
	K_CMGT = 0x06, K_CMGE = 0x07, K_SHL = 0x08, K_QSHL = 0x09, K_RSHL = 0x0a, K_QRSHL = 0x0b,
	K_MAX = 0x0c, K_MIN = 0x0d, K_ABD = 0x0e, K_ABA = 0x0f, K_ADD = 0x10, K_CMTST = 0x11,
	K_MLA = 0x12, K_MUL = 0x13, K_MAXP = 0x14, K_MINP = 0x15, K_QDMULH = 0x16, K_ADDP = 0x17,
	U = 0x20,
};

/* Shift by a signed register amount (SSHL, USHL, the rounding and
 * saturating forms): left for a positive count, right for a negative one,
 * in infinite precision (pseudocode of SRSHL, SQRSHL). */
static uint64_t shift_reg(struct vcpu *cpu, uint64_t a, unsigned size, int shift, bool uns, bool round, bool sat)
{
	unsigned bits = 8u << size;
	__int128 e = uns ? (__int128)a : (__int128)((int64_t)(a << (64 - bits)) >> (64 - bits));
	if (shift >= 0) {
		if ((unsigned)shift >= bits) {
			if (!sat || e == 0)
				return 0;
			e = e > 0 ? (__int128)1 << 100 : -((__int128)1 << 100);
		} else {
			e *= (__int128)1 << shift;
		}
	} else {
		int n = -shift > 100 ? 100 : -shift;
		if (round)
			e += (__int128)1 << (n - 1);
		e >>= n;
	}
	if (sat)
		return uns ? sat_u(cpu, e, size) : sat_s(cpu, e, size);
	return (uint64_t)e & vmask(size);
}

static uint64_t ones(unsigned size) { return vmask(size); }

/* One lane of an integer op; a, b zero-extended, acc the destination's lane. */
static uint64_t int_lane(struct vcpu *cpu, unsigned key, unsigned size, uint64_t a, uint64_t b, uint64_t acc)
{
	unsigned bits = 8u << size;
	int64_t sa = (int64_t)(a << (64 - bits)) >> (64 - bits), sb = (int64_t)(b << (64 - bits)) >> (64 - bits);
	bool u = key & U;
	__int128 x = u ? (__int128)a : sa, y = u ? (__int128)b : sb;
	int sh = (int8_t)b;
	switch (key & 0x1f) {
	case K_HADD: return (uint64_t)((x + y) >> 1);
	case K_RHADD: return (uint64_t)((x + y + 1) >> 1);
	case K_HSUB: return (uint64_t)((x - y) >> 1);
	case K_QADD: return u ? sat_u(cpu, x + y, size) : sat_s(cpu, x + y, size);
	case K_QSUB: return u ? sat_u(cpu, x - y, size) : sat_s(cpu, x - y, size);
	case K_CMGT: return x > y ? ones(size) : 0;  /* CMHI for U */
	case K_CMGE: return x >= y ? ones(size) : 0; /* CMHS */
	case K_SHL: return shift_reg(cpu, a, size, sh, u, false, false);
	case K_QSHL: return shift_reg(cpu, a, size, sh, u, false, true);
	case K_RSHL: return shift_reg(cpu, a, size, sh, u, true, false);
	case K_QRSHL: return shift_reg(cpu, a, size, sh, u, true, true);
	case K_MAX: case K_MAXP: return (uint64_t)(x > y ? x : y);
	case K_MIN: case K_MINP: return (uint64_t)(x < y ? x : y);
	case K_ABD: return (uint64_t)(x > y ? x - y : y - x);
	case K_ABA: return acc + (uint64_t)(x > y ? x - y : y - x);
	case K_ADD: case K_ADDP: return u ? a - b : a + b; /* SUB for U */
	case K_CMTST: return (u ? a == b : (a & b) != 0) ? ones(size) : 0; /* CMEQ for U */
	case K_MLA: return u ? acc - a * b : acc + a * b;
	case K_MUL:
		if (u) { /* PMUL: carry-less product of bytes */
			uint64_t r = 0;
			for (unsigned k = 0; k < 8; k++)
				if (b >> k & 1)
					r ^= a << k;
			return r;
		}
		return a * b;
	case K_QDMULH: { /* SQDMULH, SQRDMULH for U */
		__int128 p = (__int128)sa * sb * 2;
		if (u)
			p += (__int128)1 << (bits - 1);
		return sat_s(cpu, p >> bits, size);
	}
	default: return 0;
	}
}

static uint64_t helper_3same(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), m = vget(cpu, d.vm), acc = vget(cpu, d.vd), r = {{0, 0}};
	unsigned lanes = vlanes(&d), key = d.sub;
	bool pairwise = (key & 0x1f) == K_MAXP || (key & 0x1f) == K_MINP || (key & 0x1f) == K_ADDP;
	for (unsigned k = 0; k < lanes; k++) {
		uint64_t a, b;
		if (pairwise) {
			v128 src = k < lanes / 2 ? n : m;
			unsigned j = 2 * (k % (lanes / 2));
			a = lane(src, d.size, j), b = lane(src, d.size, j + 1);
		} else {
			a = lane(n, d.size, k), b = lane(m, d.size, k);
		}
		lane_set(&r, d.size, k, int_lane(cpu, key, d.size, a, b, lane(acc, d.size, k)));
	}
	vput(cpu, d.vd, r);
	return 0;
}

/* The lane-wise IR op that does key, or IR_NOP. */
static enum ir_op ir_op_for(unsigned key)
{
	switch (key) {
	case K_ADD: return IR_VADD;
	case K_ADD | U: return IR_VSUB;
	case K_MUL: return IR_VMUL;
	case K_CMGT: return IR_VCMGT;
	case K_CMGT | U: return IR_VCMGTU;
	case K_CMGE: return IR_VCMGE;
	case K_CMGE | U: return IR_VCMGEU;
	case K_CMTST: return IR_VCMTST;
	case K_CMTST | U: return IR_VCMEQ;
	case K_MAX: return IR_VMAX;
	case K_MAX | U: return IR_VMAXU;
	case K_MIN: return IR_VMIN;
	case K_MIN | U: return IR_VMINU;
	case K_ADDP: return IR_VADDP;
	case K_MAXP: return IR_VMAXP;
	case K_MAXP | U: return IR_VMAXUP;
	case K_MINP: return IR_VMINP;
	case K_MINP | U: return IR_VMINUP;
	default: return IR_NOP;
	}
}

/* ---- FP: opcode 11xxx; size<1> (a) picks the variant, size<0> the precision ---- */

static int fp_op(bool u, bool a, unsigned opcode, bool *pairwise)
{
	*pairwise = false;
	switch ((unsigned)u << 6 | (unsigned)a << 5 | opcode) {
	case 0x18: return VFP_MAXNM;
	case 0x19: return VFP_MLA;
	case 0x1a: return VFP_ADD;
	case 0x1b: return VFP_MULX;
	case 0x1c: return VFP_CMEQ;
	case 0x1e: return VFP_MAX;
	case 0x1f: return VFP_RECPS;
	case 0x38: return VFP_MINNM;
	case 0x39: return VFP_MLS;
	case 0x3a: return VFP_SUB;
	case 0x3e: return VFP_MIN;
	case 0x3f: return VFP_RSQRTS;
	case 0x58: *pairwise = true; return VFP_MAXNM;
	case 0x5a: *pairwise = true; return VFP_ADD;
	case 0x5b: return VFP_MUL;
	case 0x5c: return VFP_CMGE;
	case 0x5d: return VFP_ACGE;
	case 0x5e: *pairwise = true; return VFP_MAX;
	case 0x5f: return VFP_DIV;
	case 0x78: *pairwise = true; return VFP_MINNM;
	case 0x7a: return VFP_ABD;
	case 0x7c: return VFP_CMGT;
	case 0x7d: return VFP_ACGT;
	case 0x7e: *pairwise = true; return VFP_MIN;
	default: return -1;
	}
}

/* Bitwise: AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF on each half. */
static bool logic(struct a64_ctx *c, bool u, unsigned size, bool q)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	unsigned d = A64_V(a64_rd(i)), n = A64_V(a64_rn(i)), m = A64_V(a64_rm(i));
	static const enum ir_op ops[4] = {IR_AND, IR_ANDN, IR_OR, IR_ORN};
	for (unsigned h = 0; h < (q ? 2u : 1u); h++) {
		if (!u) {
			ir_emit(b, ops[size], d + h, n + h, m + h, 0);
		} else if (size == 0) {
			ir_emit(b, IR_XOR, d + h, n + h, m + h, 0);
		} else {
			/* BSL: d = (n & d) | (m & ~d); BIT: n where m; BIF: n where not m */
			unsigned sel = size == 1 ? d + h : m + h, t = ir_temp(b), x = ir_temp(b), y = ir_temp(b);
			unsigned one = size == 1 ? n + h : size == 2 ? n + h : d + h;
			unsigned zero = size == 1 ? m + h : size == 2 ? d + h : n + h;
			ir_mov(b, t, sel);
			ir_emit(b, IR_AND, x, one, t, 0);
			ir_emit(b, IR_ANDN, y, zero, t, 0);
			ir_emit(b, IR_OR, d + h, x, y, 0);
		}
	}
	if (!q)
		ir_movi(b, d + 1, 0);
	return true;
}

bool a64_simd_3same(struct a64_ctx *c, bool scalar)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 15, 11);
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .vm = a64_rm(i), .q = q, .size = size,
			  .scalar = scalar, .u = u};
	if (opcode >= 0x18) {
		bool pairwise;
		int op = fp_op(u, size >> 1, opcode, &pairwise);
		if (op < 0)
			return false;
		d.size = 2 + (size & 1);
		if (scalar) {
			/* FMULX, FCMEQ, FRECPS, FRSQRTS, FCMGE, FACGE, FABD, FCMGT, FACGT */
			if (pairwise || op == VFP_MAXNM || op == VFP_MINNM || op == VFP_MLA || op == VFP_MLS ||
			    op == VFP_ADD || op == VFP_SUB || op == VFP_MAX || op == VFP_MIN || op == VFP_MUL ||
			    op == VFP_DIV)
				return false;
		} else if (d.size == 3 && !q) {
			return false;
		}
		static const enum ir_op fast[] = {[VFP_ADD] = IR_VFADD, [VFP_SUB] = IR_VFSUB, [VFP_MUL] = IR_VFMUL,
						  [VFP_DIV] = IR_VFDIV, [VFP_MLA] = IR_VFMA, [VFP_MLS] = IR_VFMA};
		if (!pairwise && !scalar && (unsigned)op < sizeof fast / sizeof fast[0] && fast[op]) {
			struct ir_insn *in = ir_emit4(c->b, fast[op], A64_V(d.vd), A64_V(d.vn), A64_V(d.vm),
						      A64_V(d.vd), 0);
			in->rm = IRM_DYN;
			in->fmode = IRFM_ARM;
			in->imm = d.size | (q ? 4 : 0) | (op == VFP_MLS ? 8 : 0);
			return true;
		}
		d.sub = (unsigned)op | (pairwise ? 0x100 : 0);
		a64_vcall(c, a64_helper_vfp3, &d, A64_ZERO, A64_ZERO);
		return true;
	}
	if (opcode == K_LOGIC)
		return scalar ? false : logic(c, u, size, q);
	unsigned key = (unsigned)u << 5 | opcode;
	if (scalar) {
		/* 64-bit only: ADD, SUB, CMxx, CMTST, the register shifts; the
		 * saturating ones at every size; SQDMULH/SQRDMULH at 16, 32 */
		switch (opcode) {
		case K_QADD: case K_QSUB: case K_QSHL: case K_QRSHL:
			break;
		case K_QDMULH:
			if (size == 0 || size == 3)
				return false;
			break;
		case K_CMGT: case K_CMGE: case K_SHL: case K_RSHL: case K_ADD: case K_CMTST:
			if (size != 3)
				return false;
			break;
		default:
			return false;
		}
	} else {
		if (size == 3 && !q)
			return false;
		switch (opcode) {
		case K_HADD: case K_RHADD: case K_HSUB: case K_MAX: case K_MIN: case K_ABD: case K_ABA:
		case K_MLA: case K_MAXP: case K_MINP:
			if (size == 3)
				return false;
			break;
		case K_MUL:
			if (size == 3 || (u && size != 0))
				return false;
			break;
		case K_QDMULH:
			if (size == 0 || size == 3)
				return false;
			break;
		case K_ADDP:
			if (u)
				return false;
			break;
		default:
			break;
		}
	}
	if (!scalar && (key & 0x1f) == K_MLA) { /* MLA, MLS: a multiply, then an add or subtract */
		unsigned t = a64_temp2(c);
		a64_vop(c, IR_VMUL, t, A64_V(d.vn), A64_V(d.vm), size, q, 0);
		a64_vop(c, key & U ? IR_VSUB : IR_VADD, A64_V(d.vd), A64_V(d.vd), t, size, q, 0);
		return true;
	}
	enum ir_op op = ir_op_for(key);
	if (op != IR_NOP && (!scalar || size == 3)) {
		/* a scalar D operation is the one-lane 64-bit vector form */
		a64_vop(c, op, A64_V(d.vd), A64_V(d.vn), A64_V(d.vm), size, q && !scalar, 0);
		return true;
	}
	d.sub = key;
	a64_vcall(c, helper_3same, &d, A64_ZERO, A64_ZERO);
	return true;
}
