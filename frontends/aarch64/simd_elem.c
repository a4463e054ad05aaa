/* AdvSIMD by element, vector and scalar (Arm ARM C4.1.95): MUL, MLA, MLS,
 * the long SMULL/UMLAL family, SQDMULL/SQDMLAL/SQDMLSL, SQDMULH,
 * SQRDMULH, FMUL, FMULX, FMLA, FMLS with one element of Vm for all lanes. */
#include "frontends/aarch64/simd.h"

/* key = U << 4 | opcode (inst[15:12]) */
enum {
	E_FMLA = 0x01, E_SMLAL = 0x02, E_SQDMLAL = 0x03, E_FMLS = 0x05, E_SMLSL = 0x06, E_SQDMLSL = 0x07,
	E_MUL = 0x08, E_FMUL = 0x09, E_SMULL = 0x0a, E_SQDMULL = 0x0b, E_SQDMULH = 0x0c, E_SQRDMULH = 0x0d,
	E_MLA = 0x10, E_UMLAL = 0x12, E_MLS = 0x14, E_UMLSL = 0x16, E_FMULX = 0x19, E_UMULL = 0x1a,
};

static int64_t sx(uint64_t v, unsigned size) { return (int64_t)(v << (64 - (8u << size))) >> (64 - (8u << size)); }

static uint64_t helper_elem(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), old = vget(cpu, d.vd), r = {{0, 0}};
	unsigned key = d.sub, size = d.size;
	uint64_t e = lane(vget(cpu, d.vm), size, d.imm);
	switch (key) {
	case E_FMLA: case E_FMLS: case E_FMUL: case E_FMULX: {
		enum vfp_op op = key == E_FMLA ? VFP_MLA : key == E_FMLS ? VFP_MLS : key == E_FMUL ? VFP_MUL : VFP_MULX;
		for (unsigned k = 0; k < vlanes(&d); k++)
			lane_set(&r, size, k, a64_fp_lane(cpu, op, size, lane(n, size, k), e, lane(old, size, k)));
		break;
	}
	case E_MUL: case E_MLA: case E_MLS: case E_SQDMULH: case E_SQRDMULH:
		for (unsigned k = 0; k < vlanes(&d); k++) {
			uint64_t a = lane(n, size, k), acc = lane(old, size, k), v;
			if (key == E_MUL || key == E_MLA || key == E_MLS) {
				v = a * e;
				v = key == E_MLA ? acc + v : key == E_MLS ? acc - v : v;
			} else {
				__int128 p = (__int128)sx(a, size) * sx(e, size) * 2;
				if (key == E_SQRDMULH)
					p += (__int128)1 << ((8u << size) - 1);
				v = sat_s(cpu, p >> (8u << size), size);
			}
			lane_set(&r, size, k, v);
		}
		break;
	default: { /* long: narrow elements of Vn (upper half for the "2" forms) */
		unsigned lanes = d.scalar ? 1 : 8u >> size, base = d.part2 ? lanes : 0, wide = size + 1;
		bool u = key & 0x10;
		int64_t b = u ? (int64_t)e : sx(e, size);
		for (unsigned k = 0; k < lanes; k++) {
			int64_t a = u ? (int64_t)lane(n, size, base + k) : lane_s(n, size, base + k);
			uint64_t acc = lane(old, wide, k), v;
			switch (key) {
			case E_SMLAL: case E_UMLAL: v = acc + (uint64_t)a * (uint64_t)b; break;
			case E_SMLSL: case E_UMLSL: v = acc - (uint64_t)a * (uint64_t)b; break;
			case E_SMULL: case E_UMULL: v = (uint64_t)a * (uint64_t)b; break;
			default: {
				uint64_t p = sat_s(cpu, (__int128)a * b * 2, wide);
				if (key == E_SQDMULL) {
					v = p;
				} else {
					__int128 s = key == E_SQDMLAL ? (__int128)sx(acc, wide) + sx(p, wide)
								    : (__int128)sx(acc, wide) - sx(p, wide);
					v = sat_s(cpu, s, wide);
				}
				break;
			}
			}
			lane_set(&r, wide, k, v);
		}
		break;
	}
	}
	vput(cpu, d.vd, r);
	return 0;
}

bool a64_simd_elem(struct a64_ctx *c, bool scalar)
{
	uint32_t i = c->insn;
	bool q = a64_bit(i, 30), u = a64_bit(i, 29);
	unsigned size = a64_bits(i, 23, 22), opcode = a64_bits(i, 15, 12);
	unsigned l = a64_bit(i, 21), m = a64_bit(i, 20), h = a64_bit(i, 11), rm = a64_bits(i, 19, 16);
	unsigned key = (unsigned)u << 4 | opcode;
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .q = q, .scalar = scalar, .u = u,
			  .part2 = q && !scalar, .sub = key};
	bool fp = key == E_FMLA || key == E_FMLS || key == E_FMUL || key == E_FMULX;
	if (fp) {
		if (!(size & 2))
			return false; /* half precision */
		d.size = 2 + (size & 1);
		d.vm = m << 4 | rm;
		if (d.size == 3) {
			if (l || (!scalar && !q))
				return false;
			d.imm = h;
		} else {
			d.imm = h << 1 | l;
		}
	} else {
		switch (key) {
		case E_MUL: case E_MLA: case E_MLS: case E_SMLAL: case E_UMLAL: case E_SMLSL: case E_UMLSL:
		case E_SMULL: case E_UMULL:
			if (scalar)
				return false;
			break;
		case E_SQDMLAL: case E_SQDMLSL: case E_SQDMULL: case E_SQDMULH: case E_SQRDMULH:
			break;
		default:
			return false;
		}
		if (size == 1) {
			d.vm = rm;
			d.imm = h << 2 | l << 1 | m;
		} else if (size == 2) {
			d.vm = m << 4 | rm;
			d.imm = h << 1 | l;
		} else {
			return false;
		}
		d.size = size;
	}
	if (fp && !scalar && key != E_FMULX) {
		/* The element broadcast into a temp pair, then the lane-wise op. */
		struct ir_block *b = c->b;
		unsigned e = a64_get_elem(c, d.vm, d.size, d.imm), t = a64_temp2(c);
		if (d.size == 2) {
			unsigned k = a64_const(c, 0x0000000100000001ull);
			ir_emit(b, IR_MUL, t, e, k, 0);
		} else {
			ir_mov(b, t, e);
		}
		ir_mov(b, t + 1, t);
		struct ir_insn *in = ir_emit4(b, key == E_FMUL ? IR_VFMUL : IR_VFMA, A64_V(d.vd), A64_V(d.vn), t,
					      A64_V(d.vd), 0);
		in->rm = IRM_DYN;
		in->fmode = IRFM_ARM;
		in->imm = d.size | (q ? 4 : 0) | (key == E_FMLS ? 8 : 0);
		return true;
	}
	if (!fp && !scalar && (key == E_MUL || key == E_MLA || key == E_MLS)) {
		/* the element broadcast, then lane-wise multiply (and add) */
		struct ir_block *b = c->b;
		unsigned e = a64_get_elem(c, d.vm, d.size, d.imm), t = a64_temp2(c);
		unsigned k = a64_const(c, d.size == 1 ? 0x0001000100010001ull : 0x0000000100000001ull);
		ir_emit(b, IR_MUL, t, e, k, 0);
		ir_mov(b, t + 1, t);
		if (key == E_MUL) {
			a64_vop(c, IR_VMUL, A64_V(d.vd), A64_V(d.vn), t, d.size, q, 0);
		} else {
			a64_vop(c, IR_VMUL, t, A64_V(d.vn), t, d.size, q, 0);
			a64_vop(c, key == E_MLA ? IR_VADD : IR_VSUB, A64_V(d.vd), A64_V(d.vd), t, d.size, q, 0);
		}
		return true;
	}
	a64_vcall(c, helper_elem, &d, A64_ZERO, A64_ZERO);
	return true;
}
