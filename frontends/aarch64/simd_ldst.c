/* AdvSIMD structure loads and stores (Arm ARM C4.1.88 "Advanced SIMD load/
 * store multiple structures" and "single structure", with post-index):
 * LD1-LD4, ST1-ST4, the single-lane forms and LD1R-LD4R.
 *
 * Loads go to temps first and reach the registers only after the last
 * memory op (IR rule 2); (de)interleaving runs in a helper over those
 * temps, which live in cpu->slot like every slot. */
#include <string.h>

#include "core/log.h"
#include "frontends/aarch64/simd.h"

/* A 64-bit slot as its 8 bytes in memory order (the guest is
 * little-endian), and back. */
static inline uint64_t le64(uint64_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(v);
#else
	return v;
#endif
}

static void put_bytes(uint8_t *p, uint64_t v)
{
	v = le64(v);
	memcpy(p, &v, 8);
}

static uint64_t get_bytes(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return le64(v);
}

/* Element e of register r <-> memory element e * n + r. */
static inline __attribute__((always_inline)) void move_elems(uint8_t regs[4][16], uint8_t *mem, unsigned n,
							      unsigned es, unsigned lanes, bool store)
{
	for (unsigned e = 0; e < lanes; e++)
		for (unsigned r = 0; r < n; r++) {
			if (store)
				memcpy(&mem[(e * n + r) * es], &regs[r][e * es], es);
			else
				memcpy(&regs[r][e * es], &mem[(e * n + r) * es], es);
		}
}

/* LDn/STn (n > 1) multiple structures: va = temp base holding the bytes in
 * memory order, vd = first register, imm = n, u = store (registers to
 * temps) else load (temps to registers).  Element e of register r sits at
 * memory element e * n + r; elements move as bytes. */
static uint64_t helper_interleave(struct vcpu *cpu, uint64_t desc, uint64_t x, uint64_t y)
{
	struct vdesc d = vdesc_unpack(desc);
	unsigned n = d.imm, per = d.q ? 2 : 1, es = 1u << d.size, lanes = 8 * per / es;
	uint8_t regs[4][16], mem[64];
	for (unsigned r = 0; r < n; r++)
		for (unsigned h = 0; h < per; h++) {
			if (d.u)
				put_bytes(&regs[r][8 * h], cpu->slot[A64_V((d.vd + r) & 31) + h]);
			else
				put_bytes(&mem[8 * (per * r + h)], cpu->slot[d.va + per * r + h]);
		}
	/* one copy of the loop per n, element size and width, so that each
	 * element is one move and the loops have constant trip counts */
#define MOVES(N, ES, LANES)                                                                                  \
	case (N) << 8 | (ES) << 4 | (LANES) * (ES) / 8:                                                    \
		if (d.u)                                                                                     \
			move_elems(regs, mem, N, ES, LANES, true);                                           \
		else                                                                                         \
			move_elems(regs, mem, N, ES, LANES, false);                                          \
		break;
#define MOVES_N(N) MOVES(N, 1, 8) MOVES(N, 1, 16) MOVES(N, 2, 4) MOVES(N, 2, 8) MOVES(N, 4, 2) MOVES(N, 4, 4) \
	MOVES(N, 8, 1) MOVES(N, 8, 2)
	switch (n << 8 | es << 4 | per) {
	MOVES_N(2)
	MOVES_N(3)
	MOVES_N(4)
	default:
		FERRY_BUG("LD%u/ST%u of %u-byte elements x %u", n, n, es, lanes);
	}
#undef MOVES_N
#undef MOVES
	for (unsigned r = 0; r < n; r++) {
		for (unsigned h = 0; h < per; h++) {
			if (d.u)
				cpu->slot[d.va + per * r + h] = get_bytes(&mem[8 * (per * r + h)]);
			else
				cpu->slot[A64_V((d.vd + r) & 31) + h] = get_bytes(&regs[r][8 * h]);
		}
		if (!d.u && !d.q)
			cpu->slot[A64_V((d.vd + r) & 31) + 1] = 0;
	}
	return 0;
}

/* Post-index writeback: Rm = 31 means the immediate (the bytes moved). */
static void writeback(struct a64_ctx *c, unsigned rn, unsigned rm, unsigned bytes)
{
	unsigned base = a64_xrsp(rn);
	if (rm == 31)
		ir_emit(c->b, IR_ADDI, base, base, 0, bytes);
	else
		ir_emit(c->b, IR_ADD, base, base, A64_X(rm), 0);
}

static bool multiple(struct a64_ctx *c, bool post)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool q = a64_bit(i, 30), load = a64_bit(i, 22);
	unsigned opcode = a64_bits(i, 15, 12), size = a64_bits(i, 11, 10), rt = a64_rd(i), rn = a64_rn(i);
	unsigned rm = a64_rm(i), nregs, selem;
	switch (opcode) {
	case 0: nregs = 4, selem = 4; break;
	case 2: nregs = 4, selem = 1; break;
	case 4: nregs = 3, selem = 3; break;
	case 6: nregs = 3, selem = 1; break;
	case 7: nregs = 1, selem = 1; break;
	case 8: nregs = 2, selem = 2; break;
	case 10: nregs = 2, selem = 1; break;
	default: return false;
	}
	if (!post && rm != 0)
		return false;
	if (size == 3 && !q && selem > 1)
		return false;
	unsigned per = q ? 2 : 1, bytes = q ? 16 : 8;
	unsigned addr = a64_xrsp(rn);
	unsigned t = ir_temp(b);
	for (unsigned k = 1; k < nregs * per; k++)
		ir_temp(b);
	struct vdesc d = {.vd = rt, .va = t, .size = size, .q = q, .imm = selem, .u = !load};
	if (load) {
		for (unsigned r = 0; r < nregs; r++)
			ir_emit(b, q ? IR_LD128 : IR_LD64, t + per * r, addr, 0, bytes * r);
		if (selem > 1) {
			a64_vcall(c, helper_interleave, &d, A64_ZERO, A64_ZERO);
		} else {
			for (unsigned r = 0; r < nregs; r++) {
				unsigned v = A64_V((rt + r) & 31);
				if (q) {
					ir_emit(b, IR_MOV128, v, t + per * r, 0, 0);
				} else {
					ir_mov(b, v, t + r);
					ir_movi(b, v + 1, 0);
				}
			}
		}
	} else {
		if (selem > 1)
			a64_vcall(c, helper_interleave, &d, A64_ZERO, A64_ZERO);
		for (unsigned r = 0; r < nregs; r++) {
			unsigned src = selem > 1 ? t + per * r : A64_V((rt + r) & 31);
			ir_emit(b, q ? IR_ST128 : IR_ST64, 0, addr, src, bytes * r);
		}
	}
	if (post)
		writeback(c, rn, rm, bytes * nregs);
	return true;
}

static const enum ir_op load_op[4] = {IR_LD8U, IR_LD16U, IR_LD32U, IR_LD64};
static const enum ir_op store_op[4] = {IR_ST8, IR_ST16, IR_ST32, IR_ST64};

static bool single(struct a64_ctx *c, bool post)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool q = a64_bit(i, 30), load = a64_bit(i, 22), r = a64_bit(i, 21), s = a64_bit(i, 12);
	unsigned opcode = a64_bits(i, 15, 13), size = a64_bits(i, 11, 10), rt = a64_rd(i), rn = a64_rn(i);
	unsigned rm = a64_rm(i), selem = ((opcode & 1) << 1 | r) + 1, scale = opcode >> 1, index;
	if (!post && rm != 0)
		return false;
	bool replicate = scale == 3;
	switch (scale) {
	case 0: index = (unsigned)q << 3 | (unsigned)s << 2 | size; break;
	case 1:
		if (size & 1)
			return false;
		index = (unsigned)q << 2 | (unsigned)s << 1 | size >> 1;
		break;
	case 2:
		if (size & 2)
			return false;
		if (size & 1) {
			if (s)
				return false;
			scale = 3, index = q;
		} else {
			index = (unsigned)q << 1 | s;
		}
		break;
	default: /* LDnR */
		if (!load || s)
			return false;
		scale = size, index = 0;
		break;
	}
	unsigned esize = 1u << scale, addr = a64_xrsp(rn);
	unsigned t[4];
	for (unsigned k = 0; k < selem; k++)
		t[k] = ir_temp(b);
	if (load) {
		for (unsigned k = 0; k < selem; k++)
			ir_emit(b, load_op[scale], t[k], addr, 0, esize * k);
		for (unsigned k = 0; k < selem; k++) {
			unsigned v = (rt + k) & 31;
			if (replicate)
				a64_dup(c, v, scale, q, t[k]);
			else
				a64_set_elem(c, v, scale, index, t[k]);
		}
	} else {
		for (unsigned k = 0; k < selem; k++)
			t[k] = a64_get_elem(c, (rt + k) & 31, scale, index);
		for (unsigned k = 0; k < selem; k++)
			ir_emit(b, store_op[scale], 0, addr, t[k], esize * k);
	}
	if (post)
		writeback(c, rn, rm, esize * selem);
	return true;
}

bool a64_ldst_simd(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op2 = a64_bits(i, 24, 23);
	if (a64_bit(i, 31) || a64_bits(i, 29, 25) != 0x06)
		return false;
	if (op2 < 2)
		return a64_bit(i, 21) ? false : multiple(c, op2 == 1);
	return single(c, op2 == 3);
}
