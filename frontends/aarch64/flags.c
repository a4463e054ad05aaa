/* NZCV (Arm ARM J1 "AddWithCarry", "ConditionHolds"; C1.2.4).
 *
 * Flags are lazy.  ADDS/SUBS/ANDS and their aliases copy their operands
 * and result to A64_FLA/FLB/FLR and record the kind of operation, in
 * A64_FLKIND for later blocks and in c->fk for the rest of this one.  A
 * condition read in the same block compares those slots directly (CMP;
 * B.LT is one SUB-free BRCC); anything else materialises the four 0/1
 * flags in A64_NF..A64_VF first: in IR when this block set the kind, else
 * with a helper that reads A64_FLKIND.  A condition on flags an earlier
 * block set picks its flags by the kind at run time, in IR. */
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

/* ---- materialisation ---- */

uint64_t a64_nzcv(const struct vcpu *cpu)
{
	const uint64_t *s = cpu->slot;
	uint64_t kind = s[A64_FLKIND], a = s[A64_FLA], r = s[A64_FLR], n, z, cf, v;
	/* the second operand, from the first and the result */
	uint64_t b = kind == A64_FK_SUB64 || kind == A64_FK_SUB32 ? a - r : r - a;
	switch (kind) {
	case A64_FK_SUB64:
		n = r >> 63, z = r == 0, cf = a >= b, v = ((a ^ b) & (a ^ r)) >> 63;
		break;
	case A64_FK_SUB32:
		a = (uint32_t)a, b = (uint32_t)b, r = (uint32_t)r;
		n = r >> 31, z = r == 0, cf = a >= b, v = ((a ^ b) & (a ^ r)) >> 31 & 1;
		break;
	case A64_FK_ADD64:
		n = r >> 63, z = r == 0, cf = r < a, v = ((a ^ r) & (b ^ r)) >> 63;
		break;
	case A64_FK_ADD32:
		a = (uint32_t)a, b = (uint32_t)b, r = (uint32_t)r;
		n = r >> 31, z = r == 0, cf = (a + b) >> 32, v = ((a ^ r) & (b ^ r)) >> 31 & 1;
		break;
	case A64_FK_LOGIC64:
	case A64_FK_LOGIC32:
		n = r >> 63, z = r == 0, cf = 0, v = 0;
		break;
	default:
		n = s[A64_NF], z = s[A64_ZF], cf = s[A64_CF], v = s[A64_VF];
		break;
	}
	return n << 31 | z << 30 | cf << 29 | v << 28;
}

void a64_set_nzcv(struct vcpu *cpu, uint64_t nzcv)
{
	cpu->slot[A64_NF] = nzcv >> 31 & 1;
	cpu->slot[A64_ZF] = nzcv >> 30 & 1;
	cpu->slot[A64_CF] = nzcv >> 29 & 1;
	cpu->slot[A64_VF] = nzcv >> 28 & 1;
	cpu->slot[A64_FLKIND] = A64_FK_MAT;
}

static uint64_t helper_materialize(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t cc)
{
	if (cpu->slot[A64_FLKIND] != A64_FK_MAT)
		a64_set_nzcv(cpu, a64_nzcv(cpu));
	return 0;
}

static unsigned flag_b(struct a64_ctx *c);

/* The four flags of a lazy result whose kind this block set, in IR (the
 * helper's formulas; 32-bit operands are sign-extended, which keeps bit 31
 * in bit 63 and the unsigned order, so the 64-bit compares serve both). */
static void materialize_known(struct a64_ctx *c)
{
	struct ir_block *b = c->b;
	unsigned fk = c->fk;
	bool sub = fk == A64_FK_SUB64 || fk == A64_FK_SUB32, add = fk == A64_FK_ADD64 || fk == A64_FK_ADD32;
	if (sub || add) {
		unsigned t1 = ir_temp(b), t2 = ir_temp(b), y;
		if (sub) {
			y = flag_b(c);
			ir_emit4(b, IR_SETCC, A64_CF, A64_FLA, y, IRC_GEU, 0);
			ir_emit(b, IR_XOR, t1, A64_FLA, y, 0);         /* V: (a ^ b) & (a ^ r) */
			ir_emit(b, IR_XOR, t2, A64_FLA, A64_FLR, 0);
		} else {
			y = ir_temp(b);
			ir_emit(b, IR_SUB, y, A64_FLR, A64_FLA, 0);
			if (fk == A64_FK_ADD32)
				ir_emit(b, IR_SEXT32, y, y, 0, 0);
			ir_emit4(b, IR_SETCC, A64_CF, A64_FLR, A64_FLA, IRC_LTU, 0);
			ir_emit(b, IR_XOR, t1, A64_FLA, A64_FLR, 0);   /* V: (a ^ r) & (b ^ r) */
			ir_emit(b, IR_XOR, t2, y, A64_FLR, 0);
		}
		ir_emit(b, IR_AND, t1, t1, t2, 0);
		ir_emit(b, IR_SHRI, A64_VF, t1, 0, 63);
	} else {
		ir_movi(b, A64_CF, 0);
		ir_movi(b, A64_VF, 0);
	}
	ir_emit(b, IR_SHRI, A64_NF, A64_FLR, 0, 63);
	ir_emit4(b, IR_SETCCI, A64_ZF, A64_FLR, 0, IRC_EQ, 0);
	ir_movi(b, A64_FLKIND, A64_FK_MAT);
}

void a64_flags_materialize(struct a64_ctx *c)
{
	if (c->fk == A64_FK_MAT)
		return;
	if (c->fk == A64_FK_UNKNOWN)
		ir_call(c->b, helper_materialize, ir_temp(c->b), A64_ZERO, A64_ZERO, A64_ZERO);
	else
		materialize_known(c);
	c->fk = A64_FK_MAT;
	c->flb.valid = false;
}

void a64_flags_written(struct a64_ctx *c)
{
	if (c->fk != A64_FK_MAT)
		ir_movi(c->b, A64_FLKIND, A64_FK_MAT);
	c->fk = A64_FK_MAT;
	c->flb.valid = false;
}

/* ---- setting ---- */

static void set_kind(struct a64_ctx *c, unsigned kind)
{
	if (c->fk != kind)
		ir_movi(c->b, A64_FLKIND, kind);
	c->fk = kind;
	c->flb.valid = false;
}

void a64_flags_nz(struct a64_ctx *c, unsigned r, bool sf)
{
	ir_emit(c->b, sf ? IR_MOV : IR_SEXT32, A64_FLR, r, 0, 0);
	set_kind(c, sf ? A64_FK_LOGIC64 : A64_FK_LOGIC32);
}

/* The result goes to A64_FLR (sign-extended for W) and the first operand to
 * A64_FLA; the second operand is FLA - FLR (SUB) or FLR - FLA (ADD).
 * Sign extension keeps both the signed and the unsigned order of W values. */
void a64_addsub_flags(struct a64_ctx *c, unsigned d, bool discard, unsigned a, unsigned b, bool b_imm,
		      uint64_t imm, bool sf, bool sub)
{
	struct ir_block *bl = c->b;
	if (sf) {
		if (b_imm)
			ir_emit(bl, IR_ADDI, A64_FLR, a, 0, sub ? -(int64_t)imm : (int64_t)imm);
		else
			ir_emit(bl, sub ? IR_SUB : IR_ADD, A64_FLR, a, b, 0);
		ir_mov(bl, A64_FLA, a);
		if (!discard)
			ir_mov(bl, d, A64_FLR);
	} else {
		unsigned t = ir_temp(bl);
		if (b_imm)
			ir_emit(bl, IR_ADDI32, t, a, 0, sub ? -(int64_t)imm : (int64_t)imm);
		else
			ir_emit(bl, sub ? IR_SUB32 : IR_ADD32, t, a, b, 0);
		ir_emit(bl, IR_SEXT32, A64_FLR, t, 0, 0);
		ir_emit(bl, IR_SEXT32, A64_FLA, a, 0, 0);
		if (!discard)
			ir_mov(bl, d, t);
	}
	set_kind(c, sub ? (sf ? A64_FK_SUB64 : A64_FK_SUB32) : (sf ? A64_FK_ADD64 : A64_FK_ADD32));
	/* Keep b for the next instruction's condition if nothing overwrote it. */
	c->flb.insn = bl->ninsns;
	c->flb.imm = b_imm;
	c->flb.value = sf ? imm : (uint64_t)(int64_t)(int32_t)imm;
	c->flb.slot = b;
	c->flb.valid = b_imm || (b < IR_ARCH_SLOTS && (discard || b != d));
}

/* A slot holding the second operand of a lazy SUB (sign-extended for W). */
static unsigned flag_b(struct a64_ctx *c)
{
	struct ir_block *bl = c->b;
	bool w = c->fk == A64_FK_SUB32;
	unsigned t = ir_temp(bl);
	if (c->flb.valid && bl->ninsns == c->flb.insn + 1) {
		if (c->flb.imm) {
			ir_movi(bl, t, (int64_t)c->flb.value);
			return t;
		}
		if (!w)
			return c->flb.slot;
		ir_emit(bl, IR_SEXT32, t, c->flb.slot, 0, 0);
		return t;
	}
	ir_emit(bl, IR_SUB, t, A64_FLA, A64_FLR, 0);
	if (w)
		ir_emit(bl, IR_SEXT32, t, t, 0, 0);
	return t;
}

/* V = sign of (a ^ r) & (b ^ r): operands of one sign, result of the other. */
static void overflow(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf)
{
	struct ir_block *bl = c->b;
	unsigned t1 = ir_temp(bl), t2 = ir_temp(bl);
	ir_emit(bl, IR_XOR, t1, a, r, 0);
	ir_emit(bl, IR_XOR, t2, b, r, 0);
	ir_emit(bl, IR_AND, t1, t1, t2, 0);
	ir_emit(bl, IR_SHRI, A64_VF, t1, 0, sf ? 63 : 31);
	if (!sf)
		ir_emit(bl, IR_ANDI, A64_VF, A64_VF, 0, 1);
}

static void nz(struct a64_ctx *c, unsigned r, bool sf)
{
	struct ir_block *b = c->b;
	ir_emit(b, IR_SHRI, A64_NF, r, 0, sf ? 63 : 31);
	if (!sf)
		ir_emit(b, IR_ANDI, A64_NF, A64_NF, 0, 1);
	ir_emit4(b, IR_SETCCI, A64_ZF, r, 0, IRC_EQ, 0);
}

/* ADC/SBC read C and, with S, write all four flags directly. */
void a64_adc(struct a64_ctx *c, unsigned r, unsigned a, unsigned b, bool sf, bool set_flags)
{
	struct ir_block *bl = c->b;
	unsigned t = ir_temp(bl);
	a64_flags_materialize(c);
	if (!set_flags) {
		ir_emit(bl, sf ? IR_ADD : IR_ADD32, t, a, b, 0);
		ir_emit(bl, sf ? IR_ADD : IR_ADD32, r, t, A64_CF, 0);
		return;
	}
	unsigned res = ir_temp(bl);
	if (sf) {
		/* carry = (a + b < a) | (a + b + C < a + b) */
		unsigned c1 = ir_temp(bl), c2 = ir_temp(bl);
		ir_emit(bl, IR_ADD, t, a, b, 0);
		ir_emit4(bl, IR_SETCC, c1, t, a, IRC_LTU, 0);
		ir_emit(bl, IR_ADD, res, t, A64_CF, 0);
		ir_emit4(bl, IR_SETCC, c2, res, t, IRC_LTU, 0);
		overflow(c, res, a, b, true);
		ir_emit(bl, IR_OR, A64_CF, c1, c2, 0);
		nz(c, res, true);
	} else {
		unsigned wa = a64_w(c, a), wb = a64_w(c, b);
		ir_emit(bl, IR_ADD, t, wa, wb, 0);
		ir_emit(bl, IR_ADD, t, t, A64_CF, 0);
		ir_emit(bl, IR_ZEXT32, res, t, 0, 0);
		overflow(c, res, wa, wb, false);
		ir_emit(bl, IR_SHRI, A64_CF, t, 0, 32);
		nz(c, res, false);
	}
	ir_mov(bl, r, res);
	a64_flags_written(c);
}

void a64_flags_set_imm(struct a64_ctx *c, unsigned nzcv)
{
	ir_movi(c->b, A64_NF, (nzcv >> 3) & 1);
	ir_movi(c->b, A64_ZF, (nzcv >> 2) & 1);
	ir_movi(c->b, A64_CF, (nzcv >> 1) & 1);
	ir_movi(c->b, A64_VF, nzcv & 1);
	a64_flags_written(c);
}

/* ---- conditions ---- */

/* A condition on a lazy result as one comparison x cond y (y may be
 * A64_ZERO), or false if it needs the materialised flags.  cond[0]
 * inverts cond[3:1]; 1110 and 1111 are "always". */
static bool lazy_compare(struct a64_ctx *c, unsigned cond, unsigned *x, unsigned *y, enum ir_cond *cc)
{
	unsigned fk = c->fk;
	static const enum ir_cond inv[] = {IRC_NE, IRC_EQ, IRC_GE, IRC_LT, IRC_GEU, IRC_LTU,
					   IRC_GT, IRC_LE, IRC_GTU, IRC_LEU};
	enum ir_cond base;
	bool sub = fk == A64_FK_SUB64 || fk == A64_FK_SUB32;
	bool logic = fk == A64_FK_LOGIC64 || fk == A64_FK_LOGIC32;
	bool add = fk == A64_FK_ADD64 || fk == A64_FK_ADD32;
	if (!sub && !logic && !add)
		return false;
	*x = A64_FLR, *y = A64_ZERO;
	switch (cond >> 1) {
	case 0: base = IRC_EQ; break;          /* EQ: Z */
	case 2: base = IRC_LT; break;          /* MI: N */
	case 1:                                /* CS: a >= b unsigned for SUB */
		if (!sub)
			return false;
		*x = A64_FLA, *y = flag_b(c), base = IRC_GEU;
		break;
	case 4:                                /* HI */
		if (!sub)
			return false;
		*x = A64_FLA, *y = flag_b(c), base = IRC_GTU;
		break;
	case 5:                                /* GE: N == V */
		if (sub)
			*x = A64_FLA, *y = flag_b(c), base = IRC_GE;
		else if (logic)
			base = IRC_GE;
		else
			return false;
		break;
	case 6:                                /* GT: !Z && N == V */
		if (sub)
			*x = A64_FLA, *y = flag_b(c), base = IRC_GT;
		else if (logic)
			base = IRC_GT;
		else
			return false;
		break;
	default:                               /* VS, and AL/NV */
		return false;
	}
	*cc = cond & 1 ? inv[base] : base;
	return true;
}

/* The flags a condition reads, at a point where only the runtime knows
 * the kind (a flag-setting instruction in an earlier block): each from
 * the lazy slots as materialize_known would, or the A64_NF..A64_VF slot
 * when the kind is A64_FK_MAT, picked by SELECTs; the flags stay lazy.
 * f[] = N, Z, C, V; only those the condition uses are set. */
static void runtime_flags(struct a64_ctx *c, unsigned cond, unsigned f[4])
{
	struct ir_block *b = c->b;
	static const uint8_t uses[8] = {2, 4, 1, 8, 6, 9, 11, 0}; /* bit 0 N, 1 Z, 2 C, 3 V, by cond >> 1 */
	unsigned need = uses[cond >> 1];
	unsigned lazy = ir_temp(b);
	ir_emit4(b, IR_SETCCI, lazy, A64_FLKIND, 0, IRC_NE, A64_FK_MAT);
	if (need & 1) {
		f[0] = ir_temp(b);
		ir_emit(b, IR_SHRI, f[0], A64_FLR, 0, 63);
		ir_emit4(b, IR_SELECT, f[0], f[0], A64_NF, lazy, 0);
	}
	if (need & 2) {
		f[1] = ir_temp(b);
		ir_emit4(b, IR_SETCCI, f[1], A64_FLR, 0, IRC_EQ, 0);
		ir_emit4(b, IR_SELECT, f[1], f[1], A64_ZF, lazy, 0);
	}
	if (!(need & 12))
		return;
	/* the second operand: a - r for SUB, r - a for ADD, sign-extended for W */
	unsigned bs = ir_temp(b), ba = ir_temp(b), t = ir_temp(b), issub = ir_temp(b), isadd = ir_temp(b);
	ir_emit(b, IR_SUB, bs, A64_FLA, A64_FLR, 0);
	ir_emit(b, IR_SEXT32, t, bs, 0, 0);
	ir_emit4(b, IR_SETCCI, ba, A64_FLKIND, 0, IRC_EQ, A64_FK_SUB32);
	ir_emit4(b, IR_SELECT, bs, t, bs, ba, 0);
	ir_emit(b, IR_ADDI, t, A64_FLKIND, 0, -A64_FK_SUB64);
	ir_emit4(b, IR_SETCCI, issub, t, 0, IRC_LEU, 1); /* SUB64, SUB32 */
	ir_emit(b, IR_ADDI, t, A64_FLKIND, 0, -A64_FK_ADD64);
	ir_emit4(b, IR_SETCCI, isadd, t, 0, IRC_LEU, 1); /* ADD64, ADD32 */
	if (need & 4) {
		unsigned cs = ir_temp(b);
		f[2] = ir_temp(b);
		ir_emit4(b, IR_SETCC, cs, A64_FLA, bs, IRC_GEU, 0);
		ir_emit4(b, IR_SETCC, f[2], A64_FLR, A64_FLA, IRC_LTU, 0);
		ir_emit4(b, IR_SELECT, f[2], f[2], A64_ZERO, isadd, 0); /* logic: C = 0 */
		ir_emit4(b, IR_SELECT, f[2], cs, f[2], issub, 0);
		ir_emit4(b, IR_SELECT, f[2], f[2], A64_CF, lazy, 0);
	}
	if (need & 8) {
		unsigned x = ir_temp(b), vs = ir_temp(b);
		f[3] = ir_temp(b);
		ir_emit(b, IR_SUB, ba, A64_FLR, A64_FLA, 0);
		ir_emit(b, IR_SEXT32, t, ba, 0, 0);
		ir_emit4(b, IR_SETCCI, x, A64_FLKIND, 0, IRC_EQ, A64_FK_ADD32);
		ir_emit4(b, IR_SELECT, ba, t, ba, x, 0);
		ir_emit(b, IR_XOR, x, A64_FLA, A64_FLR, 0);
		ir_emit(b, IR_XOR, vs, A64_FLA, bs, 0);          /* SUB: (a ^ b) & (a ^ r) */
		ir_emit(b, IR_AND, vs, vs, x, 0);
		ir_emit(b, IR_SHRI, vs, vs, 0, 63);
		ir_emit(b, IR_XOR, f[3], ba, A64_FLR, 0);        /* ADD: (a ^ r) & (b ^ r) */
		ir_emit(b, IR_AND, f[3], f[3], x, 0);
		ir_emit(b, IR_SHRI, f[3], f[3], 0, 63);
		ir_emit4(b, IR_SELECT, f[3], f[3], A64_ZERO, isadd, 0); /* logic: V = 0 */
		ir_emit4(b, IR_SELECT, f[3], vs, f[3], issub, 0);
		ir_emit4(b, IR_SELECT, f[3], f[3], A64_VF, lazy, 0);
	}
}

/* The flags a condition needs as slots: the materialised ones, or runtime_flags'. */
static void cond_flags(struct a64_ctx *c, unsigned cond, unsigned f[4])
{
	f[0] = A64_NF, f[1] = A64_ZF, f[2] = A64_CF, f[3] = A64_VF;
	if (c->fk == A64_FK_UNKNOWN)
		runtime_flags(c, cond, f);
	else
		a64_flags_materialize(c);
}

unsigned a64_cond(struct a64_ctx *c, unsigned cond)
{
	struct ir_block *b = c->b;
	unsigned t = ir_temp(b), base, x, y;
	enum ir_cond cc;
	if ((cond >> 1) == 7) {
		ir_movi(b, t, 1);
		return t;
	}
	if (lazy_compare(c, cond, &x, &y, &cc)) {
		ir_emit4(b, IR_SETCC, t, x, y, cc, 0);
		return t;
	}
	unsigned f[4];
	cond_flags(c, cond, f);
	switch (cond >> 1) {
	case 0: base = f[1]; break;               /* EQ */
	case 1: base = f[2]; break;               /* CS */
	case 2: base = f[0]; break;               /* MI */
	case 3: base = f[3]; break;               /* VS */
	case 4: /* HI: C == 1 && Z == 0 */
		ir_emit4(b, IR_SETCC, t, f[2], f[1], IRC_GTU, 0);
		base = t;
		break;
	case 5: /* GE: N == V */
		ir_emit4(b, IR_SETCC, t, f[0], f[3], IRC_EQ, 0);
		base = t;
		break;
	default: /* GT: Z == 0 && N == V */
		ir_emit(b, IR_XOR, t, f[0], f[3], 0);
		ir_emit(b, IR_OR, t, t, f[1], 0);
		ir_emit4(b, IR_SETCCI, t, t, 0, IRC_EQ, 0);
		base = t;
		break;
	}
	if (!(cond & 1))
		return base;
	ir_emit(b, IR_XORI, t, base, 0, 1);
	return t;
}

void a64_brcond(struct a64_ctx *c, unsigned cond, uint64_t target)
{
	struct ir_block *b = c->b;
	bool inv = cond & 1;
	unsigned x, y;
	enum ir_cond cc;
	if ((cond >> 1) == 7) {
		ir_exit(b, target);
		return;
	}
	if (lazy_compare(c, cond, &x, &y, &cc)) {
		ir_brcc(b, cc, x, y, target);
		return;
	}
	unsigned f[4];
	cond_flags(c, cond, f);
	switch (cond >> 1) {
	case 0: ir_brcc(b, inv ? IRC_EQ : IRC_NE, f[1], A64_ZERO, target); break;
	case 1: ir_brcc(b, inv ? IRC_EQ : IRC_NE, f[2], A64_ZERO, target); break;
	case 2: ir_brcc(b, inv ? IRC_EQ : IRC_NE, f[0], A64_ZERO, target); break;
	case 3: ir_brcc(b, inv ? IRC_EQ : IRC_NE, f[3], A64_ZERO, target); break;
	case 4: ir_brcc(b, inv ? IRC_LEU : IRC_GTU, f[2], f[1], target); break;
	case 5: ir_brcc(b, inv ? IRC_NE : IRC_EQ, f[0], f[3], target); break;
	default: {
		unsigned t = ir_temp(b);
		ir_emit(b, IR_XOR, t, f[0], f[3], 0);
		ir_emit(b, IR_OR, t, t, f[1], 0);
		ir_brcc(b, inv ? IRC_NE : IRC_EQ, t, A64_ZERO, target);
		break;
	}
	}
}
