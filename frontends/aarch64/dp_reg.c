/* Data processing, register (Arm ARM C4.1.87): logical and add/subtract
 * with shifted or extended operands, add/subtract with carry, conditional
 * compare and select, and the 1-, 2- and 3-source groups. */
#include "frontends/aarch64/a64.h"

/* Rm shifted by a constant (LSL, LSR, ASR, ROR), in datasize bits. */
static unsigned shifted(struct a64_ctx *c, unsigned rm, unsigned type, unsigned amount, bool sf)
{
	static const enum ir_op op64[4] = {IR_SHLI, IR_SHRI, IR_SARI, IR_RORI};
	static const enum ir_op op32[4] = {IR_SHLI32, IR_SHRI32, IR_SARI32, IR_RORI32};
	if (amount == 0)
		return rm;
	unsigned t = ir_temp(c->b);
	ir_emit(c->b, sf ? op64[type] : op32[type], t, rm, 0, amount);
	return t;
}

/* ExtendReg: Rm extended by option (UXTB .. SXTX), then shifted left. */
static unsigned extended(struct a64_ctx *c, unsigned rm, unsigned option, unsigned shift)
{
	static const enum ir_op ext[8] = {IR_ZEXT8, IR_ZEXT16, IR_ZEXT32, IR_MOV,
					  IR_SEXT8, IR_SEXT16, IR_SEXT32, IR_MOV};
	unsigned t = ir_temp(c->b);
	ir_emit(c->b, ext[option], t, rm, 0, 0);
	if (shift)
		ir_emit(c->b, IR_SHLI, t, t, 0, shift);
	return t;
}

static bool logic_shifted(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), n = a64_bit(i, 21);
	unsigned opc = a64_bits(i, 30, 29), type = a64_bits(i, 23, 22), amount = a64_bits(i, 15, 10);
	unsigned rn = a64_xr(a64_rn(i)), rd = a64_rd(i);
	if (!sf && amount >= 32)
		return false;
	unsigned d = a64_xw(c, rd);
	/* MOV (register) is ORR with XZR: one op. */
	if (opc == 1 && !n && amount == 0 && a64_rn(i) == 31) {
		if (sf)
			ir_mov(b, d, a64_xr(a64_rm(i)));
		else
			ir_emit(b, IR_ZEXT32, d, a64_xr(a64_rm(i)), 0, 0);
		return true;
	}
	unsigned m = shifted(c, a64_xr(a64_rm(i)), type, amount, sf);
	static const enum ir_op ops[2][4] = {{IR_AND, IR_OR, IR_XOR, IR_AND}, {IR_ANDN, IR_ORN, IR_XNOR, IR_ANDN}};
	ir_emit(b, ops[n][opc], d, rn, m, 0);
	if (!sf)
		ir_emit(b, IR_ZEXT32, d, d, 0, 0);
	if (opc == 3)
		a64_flags_nz(c, d, sf);
	return true;
}

/* Rd = Rn +/- op2, with flags if s.  Rd and Rn may be SP (extended form);
 * rd = 31 with s is XZR (CMP, CMN). */
static void add_sub(struct a64_ctx *c, unsigned rd, unsigned d, unsigned n, unsigned m, bool sf, bool sub, bool s)
{
	enum ir_op op = sub ? (sf ? IR_SUB : IR_SUB32) : (sf ? IR_ADD : IR_ADD32);
	if (!s)
		ir_emit(c->b, op, d, n, m, 0);
	else
		a64_addsub_flags(c, d, rd == 31, n, m, false, 0, sf, sub);
}

static bool add_sub_shifted(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool sf = a64_bit(i, 31), sub = a64_bit(i, 30), s = a64_bit(i, 29);
	unsigned type = a64_bits(i, 23, 22), amount = a64_bits(i, 15, 10);
	if (type == 3 || (!sf && amount >= 32))
		return false;
	unsigned m = shifted(c, a64_xr(a64_rm(i)), type, amount, sf);
	add_sub(c, a64_rd(i), a64_xw(c, a64_rd(i)), a64_xr(a64_rn(i)), m, sf, sub, s);
	return true;
}

static bool add_sub_extended(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool sf = a64_bit(i, 31), sub = a64_bit(i, 30), s = a64_bit(i, 29);
	unsigned shift = a64_bits(i, 12, 10);
	if (a64_bits(i, 23, 22) != 0 || shift > 4)
		return false;
	unsigned m = extended(c, a64_xr(a64_rm(i)), a64_bits(i, 15, 13), shift);
	unsigned d = s ? a64_xw(c, a64_rd(i)) : a64_xwsp(a64_rd(i));
	add_sub(c, a64_rd(i), d, a64_xrsp(a64_rn(i)), m, sf, sub, s);
	return true;
}

static bool adc_sbc(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	bool sf = a64_bit(i, 31), sub = a64_bit(i, 30), s = a64_bit(i, 29);
	if (a64_bits(i, 15, 10) != 0)
		return false;
	unsigned m = a64_xr(a64_rm(i));
	if (sub) { /* Rn + NOT(Rm) + C */
		unsigned t = ir_temp(c->b);
		ir_emit(c->b, IR_XORI, t, m, 0, -1);
		m = t;
	}
	unsigned r = ir_temp(c->b);
	a64_adc(c, r, a64_xr(a64_rn(i)), m, sf, s);
	ir_mov(c->b, a64_xw(c, a64_rd(i)), r);
	return true;
}

/* CCMN/CCMP: the comparison's flags if cond holds, else #nzcv. */
static bool cond_compare(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), sub = a64_bit(i, 30), imm = a64_bit(i, 11);
	if (!a64_bit(i, 29) || a64_bit(i, 10) || a64_bit(i, 4))
		return false;
	unsigned nzcv = a64_bits(i, 3, 0), cond = a64_bits(i, 15, 12);
	unsigned holds = a64_cond(c, cond);
	if (holds < IR_ARCH_SLOTS) { /* a flag slot: copy before the flags change */
		unsigned t = ir_temp(b);
		ir_mov(b, t, holds);
		holds = t;
	}
	unsigned m = imm ? a64_const(c, a64_bits(i, 20, 16)) : a64_xr(a64_rm(i));
	unsigned r = ir_temp(b), n = a64_xr(a64_rn(i));
	add_sub(c, 31, r, n, m, sf, sub, true);
	a64_flags_materialize(c);
	unsigned one = a64_const(c, 1);
	static const unsigned flag[4] = {A64_VF, A64_CF, A64_ZF, A64_NF};
	for (unsigned k = 0; k < 4; k++)
		ir_emit4(b, IR_SELECT, flag[k], flag[k], (nzcv >> k) & 1 ? one : A64_ZERO, holds, 0);
	a64_flags_written(c);
	return true;
}

static bool cond_select(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), op = a64_bit(i, 30);
	unsigned op2 = a64_bits(i, 11, 10);
	if (a64_bit(i, 29) || op2 > 1)
		return false;
	unsigned holds = a64_cond(c, a64_bits(i, 15, 12));
	unsigned n = a64_xr(a64_rn(i)), m = a64_xr(a64_rm(i)), d = a64_xw(c, a64_rd(i));
	unsigned alt = m;
	if (op || op2) {
		alt = ir_temp(b);
		if (!op)      /* CSINC */
			ir_emit(b, IR_ADDI, alt, m, 0, 1);
		else if (!op2) /* CSINV */
			ir_emit(b, IR_XORI, alt, m, 0, -1);
		else          /* CSNEG */
			ir_emit(b, IR_SUB, alt, A64_ZERO, m, 0);
	}
	if (sf) {
		ir_emit4(b, IR_SELECT, d, n, alt, holds, 0);
	} else {
		unsigned t = ir_temp(b);
		ir_emit4(b, IR_SELECT, t, n, alt, holds, 0);
		ir_emit(b, IR_ZEXT32, d, t, 0, 0);
	}
	return true;
}

/* RBIT by swapping ever larger groups: bits, pairs, nibbles, then bytes. */
static void rbit(struct a64_ctx *c, unsigned d, unsigned s, bool sf)
{
	struct ir_block *b = c->b;
	static const uint64_t mask[3] = {0x5555555555555555ull, 0x3333333333333333ull, 0x0f0f0f0f0f0f0f0full};
	unsigned x = ir_temp(b), lo = ir_temp(b), hi = ir_temp(b);
	ir_mov(b, x, s);
	for (unsigned k = 0; k < 3; k++) {
		unsigned sh = 1u << k;
		ir_emit(b, IR_SHRI, hi, x, 0, sh);
		ir_emit(b, IR_ANDI, hi, hi, 0, (int64_t)mask[k]);
		ir_emit(b, IR_ANDI, lo, x, 0, (int64_t)mask[k]);
		ir_emit(b, IR_SHLI, lo, lo, 0, sh);
		ir_emit(b, IR_OR, x, hi, lo, 0);
	}
	ir_emit(b, sf ? IR_BSWAP : IR_BSWAP32, d, x, 0, 0);
}

static bool dp_1src(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned opcode = a64_bits(i, 15, 10);
	if (a64_bit(i, 29) || a64_bits(i, 20, 16) != 0)
		return false; /* opcode2 = 1: pointer authentication */
	unsigned n = a64_xr(a64_rn(i)), d = a64_xw(c, a64_rd(i));
	switch (opcode) {
	case 0: /* RBIT */
		rbit(c, d, n, sf);
		return true;
	case 1: { /* REV16: bytes swapped within each halfword */
		unsigned lo = ir_temp(b), hi = ir_temp(b);
		uint64_t m = sf ? 0x00ff00ff00ff00ffull : 0x00ff00ffull;
		ir_emit(b, IR_SHRI, hi, n, 0, 8);
		ir_emit(b, IR_ANDI, hi, hi, 0, (int64_t)m);
		ir_emit(b, IR_ANDI, lo, n, 0, (int64_t)m);
		ir_emit(b, IR_SHLI, lo, lo, 0, 8);
		ir_emit(b, IR_OR, d, hi, lo, 0);
		return true;
	}
	case 2: /* REV32 (64-bit), REV (32-bit) */
		if (!sf) {
			ir_emit(b, IR_BSWAP32, d, n, 0, 0);
		} else {
			unsigned t = ir_temp(b);
			ir_emit(b, IR_BSWAP, t, n, 0, 0);
			ir_emit(b, IR_RORI, d, t, 0, 32);
		}
		return true;
	case 3: /* REV (64-bit) */
		if (!sf)
			return false;
		ir_emit(b, IR_BSWAP, d, n, 0, 0);
		return true;
	case 4: /* CLZ */
		ir_emit(b, sf ? IR_CLZ : IR_CLZ32, d, n, 0, 0);
		return true;
	case 5: { /* CLS = CLZ(x ^ (x >> 1, arithmetic)) - 1 */
		unsigned x = ir_temp(b), t = ir_temp(b);
		if (sf)
			ir_mov(b, x, n);
		else
			ir_emit(b, IR_SEXT32, x, n, 0, 0);
		ir_emit(b, IR_SARI, t, x, 0, 1);
		ir_emit(b, IR_XOR, t, t, x, 0);
		ir_emit(b, sf ? IR_CLZ : IR_CLZ32, t, t, 0, 0);
		ir_emit(b, IR_ADDI, d, t, 0, -1);
		return true;
	}
	default:
		return false;
	}
}

/* CRC32{B,H,W,X} and CRC32C*: the bit-reflected CRC update with no
 * inversion (Arm ARM C6.2 "CRC32B, CRC32H, CRC32W, CRC32X"); cc packs the
 * value width in bytes and whether the polynomial is Castagnoli's. */
static uint64_t helper_crc32(struct vcpu *cpu, uint64_t acc, uint64_t val, uint64_t cc)
{
	uint32_t poly = cc & 0x100 ? 0x82f63b78u : 0xedb88320u, crc = (uint32_t)acc;
	for (unsigned k = 0; k < (cc & 0xff); k++) {
		crc ^= (uint8_t)(val >> (8 * k));
		for (int j = 0; j < 8; j++)
			crc = (crc >> 1) ^ (poly & -(crc & 1));
	}
	return crc;
}

static bool dp_2src(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31);
	unsigned opcode = a64_bits(i, 15, 10);
	if (a64_bit(i, 29))
		return false;
	unsigned n = a64_xr(a64_rn(i)), m = a64_xr(a64_rm(i)), d = a64_xw(c, a64_rd(i));
	switch (opcode) {
	case 2: ir_emit(b, sf ? IR_DIVU : IR_DIVU32, d, n, m, 0); return true;  /* UDIV: x/0 = 0 */
	case 3: ir_emit(b, sf ? IR_DIV : IR_DIV32, d, n, m, 0); return true;    /* SDIV */
	case 8: ir_emit(b, sf ? IR_SHL : IR_SHL32, d, n, m, 0); return true;    /* LSLV: count mod datasize */
	case 9: ir_emit(b, sf ? IR_SHR : IR_SHR32, d, n, m, 0); return true;    /* LSRV */
	case 10: ir_emit(b, sf ? IR_SAR : IR_SAR32, d, n, m, 0); return true;   /* ASRV */
	case 11: ir_emit(b, sf ? IR_ROR : IR_ROR32, d, n, m, 0); return true;   /* RORV */
	case 16: case 17: case 18: case 19:   /* CRC32B/H/W/X */
	case 20: case 21: case 22: case 23: { /* CRC32CB/H/W/X */
		unsigned sz = opcode & 3;
		if ((sz == 3) != sf)
			return false;
		unsigned cc = a64_const(c, (1u << sz) | (opcode & 4 ? 0x100 : 0));
		ir_call(b, helper_crc32, d, n, m, cc);
		return true;
	}
	default:
		return false;
	}
}

static bool dp_3src(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	struct ir_block *b = c->b;
	bool sf = a64_bit(i, 31), o0 = a64_bit(i, 15);
	unsigned op31 = a64_bits(i, 23, 21);
	if (a64_bits(i, 30, 29) != 0)
		return false;
	unsigned n = a64_xr(a64_rn(i)), m = a64_xr(a64_rm(i)), a = a64_xr(a64_ra(i)), d = a64_xw(c, a64_rd(i));
	unsigned p = ir_temp(b);
	switch (op31) {
	case 0: /* MADD, MSUB */
		if (!o0 && a64_ra(i) == 31) { /* MUL */
			ir_emit(b, sf ? IR_MUL : IR_MUL32, d, n, m, 0);
			return true;
		}
		ir_emit(b, sf ? IR_MUL : IR_MUL32, p, n, m, 0);
		ir_emit(b, o0 ? (sf ? IR_SUB : IR_SUB32) : (sf ? IR_ADD : IR_ADD32), d, a, p, 0);
		return true;
	case 1: case 5: { /* SMADDL, SMSUBL, UMADDL, UMSUBL */
		if (!sf)
			return false;
		enum ir_op ext = op31 == 1 ? IR_SEXT32 : IR_ZEXT32;
		unsigned x = ir_temp(b);
		ir_emit(b, ext, p, n, 0, 0);
		ir_emit(b, ext, x, m, 0, 0);
		ir_emit(b, IR_MUL, p, p, x, 0);
		ir_emit(b, o0 ? IR_SUB : IR_ADD, d, a, p, 0);
		return true;
	}
	case 2: case 6: /* SMULH, UMULH */
		if (!sf || o0)
			return false;
		ir_emit(b, op31 == 2 ? IR_MULH : IR_MULHU, d, n, m, 0);
		return true;
	default:
		return false;
	}
}

bool a64_dp_reg(struct a64_ctx *c)
{
	uint32_t i = c->insn;
	unsigned op1 = a64_bit(i, 28), op2 = a64_bits(i, 24, 21);
	if (!op1) {
		if (!(op2 & 8))
			return logic_shifted(c);
		return op2 & 1 ? add_sub_extended(c) : add_sub_shifted(c);
	}
	if (op2 & 8)
		return dp_3src(c);
	switch (op2) {
	case 0:
		/* ADC/SBC; the other op3 values are RMIF, SETF (FEAT_FlagM) */
		return a64_bits(i, 15, 10) == 0 ? adc_sbc(c) : false;
	case 2:
		return cond_compare(c);
	case 4:
		return cond_select(c);
	case 6:
		return a64_bit(i, 30) ? dp_1src(c) : dp_2src(c);
	default:
		return false;
	}
}
