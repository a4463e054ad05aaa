/* AdvSIMD table lookup (TBL, TBX), permute (UZP, TRN, ZIP) and extract
 * (EXT) (Arm ARM C4.1.95; C7.2 for each instruction). */
#include "frontends/aarch64/simd.h"

/* TBL/TBX with a table of len registers Vn..Vn+len-1 (numbers wrap at 31):
 * one VTBL per table register, each taking the indices of its 16 bytes,
 * ORed together; TBX keeps Vd's byte where the index is past the table.
 * A 64-bit form clears the upper half, TBX's too (Arm ARM C7.2.367, .368). */
bool a64_simd_tbl(struct a64_ctx *c)
{
	struct ir_block *b = c->b;
	uint32_t i = c->insn;
	unsigned vd = A64_V(a64_rd(i)), vn = a64_rn(i), idx = A64_V(a64_rm(i));
	unsigned len = a64_bits(i, 14, 13) + 1, r, t, lim, keep;
	bool q = a64_bit(i, 30), tbx = a64_bit(i, 12);

	if (len == 1 && !tbx) {
		a64_vop(c, IR_VTBL, vd, A64_V(vn), idx, 0, q, 0);
		return true;
	}
	/* into a temp: Vd may be a table register or the index */
	r = a64_temp2(c);
	a64_vop(c, IR_VTBL, r, A64_V(vn), idx, 0, q, 0);
	for (unsigned k = 1; k < len; k++) {
		t = a64_temp2(c);
		a64_vop(c, IR_VTBL, t, A64_V((vn + k) & 31), idx, 0, q, k);
		ir_emit(b, IR_OR, r, r, t, 0);
		ir_emit(b, IR_OR, r + 1, r + 1, t + 1, 0);
	}
	if (tbx) {
		lim = a64_temp2(c);
		keep = a64_temp2(c);
		ir_movi(b, lim, (int64_t)(0x0101010101010101ull * (16 * len - 1)));
		ir_movi(b, lim + 1, (int64_t)(0x0101010101010101ull * (16 * len - 1)));
		a64_vop(c, IR_VCMGTU, keep, idx, lim, 0, q, 0);
		ir_emit(b, IR_AND, keep, keep, vd, 0);
		ir_emit(b, IR_AND, keep + 1, keep + 1, vd + 1, 0);
		ir_emit(b, IR_OR, r, r, keep, 0);
		ir_emit(b, IR_OR, r + 1, r + 1, keep + 1, 0);
	}
	ir_emit(b, IR_MOV, vd, r, 0, 0);
	ir_emit(b, IR_MOV, vd + 1, r + 1, 0, 0);
	return true;
}

/* sub: the opcode, 1 UZP1, 2 TRN1, 3 ZIP1, 5 UZP2, 6 TRN2, 7 ZIP2. */
static uint64_t helper_permute(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	v128 n = vget(cpu, d.vn), m = vget(cpu, d.vm), r = {{0, 0}};
	unsigned lanes = vlanes(&d), half = lanes / 2, part = d.sub >> 2 & 1;
	for (unsigned k = 0; k < lanes; k++) {
		uint64_t v;
		switch (d.sub & 3) {
		case 1: /* UZP: even (or odd) elements of n then of m */
			v = k < half ? lane(n, d.size, 2 * k + part) : lane(m, d.size, 2 * (k - half) + part);
			break;
		case 2: /* TRN: pairs from n and m */
			v = k & 1 ? lane(m, d.size, (k & ~1u) + part) : lane(n, d.size, (k & ~1u) + part);
			break;
		default: /* ZIP: interleave the low (or high) halves */
			v = k & 1 ? lane(m, d.size, part * half + k / 2) : lane(n, d.size, part * half + k / 2);
			break;
		}
		lane_set(&r, d.size, k, v);
	}
	vput(cpu, d.vd, r);
	return 0;
}

bool a64_simd_permute(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned opcode = a64_bits(i, 14, 12), size = a64_bits(i, 23, 22);
	bool q = a64_bit(i, 30);
	if ((opcode & 3) == 0 || (size == 3 && !q))
		return false;
	struct vdesc d = {.vd = a64_rd(i), .vn = a64_rn(i), .vm = a64_rm(i), .q = q, .size = size, .sub = opcode};
	a64_vcall(c, helper_permute, &d, A64_ZERO, A64_ZERO);
	return true;
}

/* EXT: bytes imm4 .. of the concatenation Vm:Vn, in 64-bit words. */
bool a64_simd_ext(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool q = a64_bit(i, 30);
	unsigned imm4 = a64_bits(i, 14, 11), vd = A64_V(a64_rd(i)), vn = A64_V(a64_rn(i)), vm = A64_V(a64_rm(i));
	if (!q && (imm4 & 8))
		return false;
	unsigned w[4];
	if (q) {
		w[0] = vn, w[1] = vn + 1, w[2] = vm, w[3] = vm + 1;
	} else {
		w[0] = vn, w[1] = vm, w[2] = w[3] = A64_ZERO;
	}
	unsigned sh = imm4 * 8, k = sh / 64, r = sh % 64, out[2];
	for (unsigned h = 0; h < (q ? 2u : 1u); h++) {
		out[h] = ir_temp(b);
		if (r == 0) {
			ir_mov(b, out[h], w[k + h]);
		} else {
			unsigned t = ir_temp(b);
			ir_emit(b, IR_SHRI, out[h], w[k + h], 0, r);
			ir_emit(b, IR_SHLI, t, w[k + h + 1], 0, 64 - r);
			ir_emit(b, IR_OR, out[h], out[h], t, 0);
		}
	}
	ir_mov(b, vd, out[0]);
	if (q)
		ir_mov(b, vd + 1, out[1]);
	else
		ir_movi(b, vd + 1, 0);
	return true;
}
