/* RV64C: every 16-bit instruction is rewritten as its 32-bit equivalent and
 * then decoded like any other (ISA manual vol. I, ch. "C" Standard Extension,
 * tables "Instruction listing for RVC, Quadrant 0/1/2").  HINT encodings
 * (c.nop with imm != 0, c.li/c.lui/c.mv/c.add/c.slli with rd = x0, shamt = 0)
 * expand to harmless base instructions, as the manual allows. */
#include "frontends/riscv64/rv.h"

/* Bits hi..lo of a halfword, shifted down. */
static inline uint32_t bits(uint32_t h, unsigned hi, unsigned lo) { return (h >> lo) & ((1u << (hi - lo + 1)) - 1); }
static inline uint32_t bit(uint32_t h, unsigned n) { return (h >> n) & 1; }
static inline int32_t sext(uint32_t v, unsigned width) { return (int32_t)(v << (32 - width)) >> (32 - width); }

/* The compressed 3-bit register fields name x8..x15. */
static inline unsigned creg(uint32_t h, unsigned lo) { return 8 + bits(h, lo + 2, lo); }

/* 32-bit encoders (vol. I, ch. 2 "Base instruction formats"). */
static uint32_t enc_r(unsigned op, unsigned rd, unsigned f3, unsigned rs1, unsigned rs2, unsigned f7)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t enc_i(unsigned op, unsigned rd, unsigned f3, unsigned rs1, int32_t imm)
{
	return (uint32_t)imm << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t enc_s(unsigned op, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return (u >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31) << 7 | op;
}

static uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return bit(u, 12) << 31 | bits(u, 10, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | bits(u, 4, 1) << 8 |
	       bit(u, 11) << 7 | 0x63;
}

static uint32_t enc_j(unsigned rd, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return bit(u, 20) << 31 | bits(u, 10, 1) << 21 | bit(u, 11) << 20 | bits(u, 19, 12) << 12 | rd << 7 | 0x6f;
}

enum { OP_LOAD = 0x03, OP_LOAD_FP = 0x07, OP_IMM = 0x13, OP_IMM_32 = 0x1b, OP_STORE = 0x23, OP_STORE_FP = 0x27,
       OP_OP = 0x33, OP_LUI = 0x37, OP_OP_32 = 0x3b, OP_JALR = 0x67 };

#define INSN_EBREAK 0x00100073u

static uint32_t quadrant0(uint32_t h)
{
	unsigned rdp = creg(h, 2), rs1p = creg(h, 7);
	/* c.ld / c.fld / c.sd / c.fsd offsets: uimm[5:3] at 12:10, uimm[7:6] at 6:5 */
	int32_t uimm_d = (int32_t)(bits(h, 12, 10) << 3 | bits(h, 6, 5) << 6);
	/* c.lw / c.sw: uimm[5:3] at 12:10, uimm[2] at 6, uimm[6] at 5 */
	int32_t uimm_w = (int32_t)(bits(h, 12, 10) << 3 | bit(h, 6) << 2 | bit(h, 5) << 6);

	switch (bits(h, 15, 13)) {
	case 0: { /* c.addi4spn: nzuimm[5:4|9:6|2|3]; nzuimm = 0 is reserved (and covers 0x0000) */
		int32_t nzuimm = (int32_t)(bits(h, 12, 11) << 4 | bits(h, 10, 7) << 6 | bit(h, 6) << 2 | bit(h, 5) << 3);
		return nzuimm ? enc_i(OP_IMM, rdp, 0, 2, nzuimm) : 0;
	}
	case 1: return enc_i(OP_LOAD_FP, rdp, 3, rs1p, uimm_d);   /* c.fld */
	case 2: return enc_i(OP_LOAD, rdp, 2, rs1p, uimm_w);      /* c.lw */
	case 3: return enc_i(OP_LOAD, rdp, 3, rs1p, uimm_d);      /* c.ld */
	case 5: return enc_s(OP_STORE_FP, 3, rs1p, rdp, uimm_d);  /* c.fsd */
	case 6: return enc_s(OP_STORE, 2, rs1p, rdp, uimm_w);     /* c.sw */
	case 7: return enc_s(OP_STORE, 3, rs1p, rdp, uimm_d);     /* c.sd */
	default: return 0;                                        /* 100: reserved (Zcb, not implemented) */
	}
}

static uint32_t misc_alu(uint32_t h)
{
	unsigned rdp = creg(h, 7), rs2p = creg(h, 2);
	uint32_t shamt = bit(h, 12) << 5 | bits(h, 6, 2);

	switch (bits(h, 11, 10)) {
	case 0: return enc_i(OP_IMM, rdp, 5, rdp, (int32_t)shamt);             /* c.srli */
	case 1: return enc_i(OP_IMM, rdp, 5, rdp, (int32_t)(0x400 | shamt));   /* c.srai */
	case 2: return enc_i(OP_IMM, rdp, 7, rdp, sext(shamt, 6));             /* c.andi */
	}
	static const uint8_t f3[4] = {0, 4, 6, 7}; /* c.sub, c.xor, c.or, c.and */
	unsigned sel = bits(h, 6, 5);
	if (!bit(h, 12))
		return enc_r(OP_OP, rdp, f3[sel], rdp, rs2p, sel == 0 ? 0x20 : 0);
	switch (sel) {
	case 0: return enc_r(OP_OP_32, rdp, 0, rdp, rs2p, 0x20); /* c.subw */
	case 1: return enc_r(OP_OP_32, rdp, 0, rdp, rs2p, 0);    /* c.addw */
	default: return 0;                                       /* reserved (Zcb c.mul etc.) */
	}
}

static uint32_t quadrant1(uint32_t h)
{
	unsigned rd = bits(h, 11, 7), rs1p = creg(h, 7);
	int32_t imm6 = sext(bit(h, 12) << 5 | bits(h, 6, 2), 6);

	switch (bits(h, 15, 13)) {
	case 0: return enc_i(OP_IMM, rd, 0, rd, imm6);                 /* c.addi, c.nop */
	case 1: return rd ? enc_i(OP_IMM_32, rd, 0, rd, imm6) : 0;     /* c.addiw; rd = 0 reserved */
	case 2: return enc_i(OP_IMM, rd, 0, 0, imm6);                  /* c.li */
	case 3:
		if (rd == 2) { /* c.addi16sp: nzimm[9|4|6|8:7|5] */
			int32_t imm = sext(bit(h, 12) << 9 | bit(h, 6) << 4 | bit(h, 5) << 6 | bits(h, 4, 3) << 7 |
						   bit(h, 2) << 5,
					   10);
			return imm ? enc_i(OP_IMM, 2, 0, 2, imm) : 0;
		} else { /* c.lui: nzimm[17|16:12] */
			int32_t imm = sext(bit(h, 12) << 17 | bits(h, 6, 2) << 12, 18);
			return imm ? ((uint32_t)imm & 0xfffff000u) | rd << 7 | OP_LUI : 0;
		}
	case 4: return misc_alu(h);
	case 5: /* c.j: offset[11|4|9:8|10|6|7|3:1|5] */
		return enc_j(0, sext(bit(h, 12) << 11 | bit(h, 11) << 4 | bits(h, 10, 9) << 8 | bit(h, 8) << 10 |
					     bit(h, 7) << 6 | bit(h, 6) << 7 | bits(h, 5, 3) << 1 | bit(h, 2) << 5,
				     12));
	default: { /* c.beqz, c.bnez: offset[8|4:3] at 12:10, offset[7:6|2:1|5] at 6:2 */
		int32_t off = sext(bit(h, 12) << 8 | bits(h, 11, 10) << 3 | bits(h, 6, 5) << 6 | bits(h, 4, 3) << 1 |
					   bit(h, 2) << 5,
				   9);
		return enc_b(bit(h, 13), rs1p, 0, off);
	}
	}
}

static uint32_t quadrant2(uint32_t h)
{
	unsigned rd = bits(h, 11, 7), rs2 = bits(h, 6, 2);
	/* c.ldsp / c.fldsp: uimm[5] at 12, uimm[4:3|8:6] at 6:2 */
	int32_t uimm_ld = (int32_t)(bit(h, 12) << 5 | bits(h, 6, 5) << 3 | bits(h, 4, 2) << 6);
	/* c.sdsp / c.fsdsp: uimm[5:3|8:6] at 12:7 */
	int32_t uimm_sd = (int32_t)(bits(h, 12, 10) << 3 | bits(h, 9, 7) << 6);

	switch (bits(h, 15, 13)) {
	case 0: return enc_i(OP_IMM, rd, 1, rd, (int32_t)(bit(h, 12) << 5 | rs2)); /* c.slli */
	case 1: return enc_i(OP_LOAD_FP, rd, 3, 2, uimm_ld);                       /* c.fldsp */
	case 2: /* c.lwsp: uimm[5] at 12, uimm[4:2|7:6] at 6:2; rd = 0 reserved */
		return rd ? enc_i(OP_LOAD, rd, 2, 2, (int32_t)(bit(h, 12) << 5 | bits(h, 6, 4) << 2 | bits(h, 3, 2) << 6))
			  : 0;
	case 3: return rd ? enc_i(OP_LOAD, rd, 3, 2, uimm_ld) : 0;                  /* c.ldsp; rd = 0 reserved */
	case 4:
		if (!bit(h, 12)) {
			if (rs2)
				return enc_r(OP_OP, rd, 0, 0, rs2, 0);          /* c.mv */
			return rd ? enc_i(OP_JALR, 0, 0, rd, 0) : 0;        /* c.jr; rs1 = 0 reserved */
		}
		if (rs2)
			return enc_r(OP_OP, rd, 0, rd, rs2, 0);                 /* c.add */
		return rd ? enc_i(OP_JALR, 1, 0, rd, 0) : INSN_EBREAK;      /* c.jalr, c.ebreak */
	case 5: return enc_s(OP_STORE_FP, 3, 2, rs2, uimm_sd);                     /* c.fsdsp */
	case 6: /* c.swsp: uimm[5:2|7:6] at 12:7 */
		return enc_s(OP_STORE, 2, 2, rs2, (int32_t)(bits(h, 12, 9) << 2 | bits(h, 8, 7) << 6));
	default: return enc_s(OP_STORE, 3, 2, rs2, uimm_sd);                       /* c.sdsp */
	}
}

uint32_t rv_expand_compressed(uint16_t c)
{
	switch (c & 3) {
	case 0: return quadrant0(c);
	case 1: return quadrant1(c);
	case 2: return quadrant2(c);
	default: return 0; /* not a compressed instruction */
	}
}
