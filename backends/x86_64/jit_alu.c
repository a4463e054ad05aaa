/* Integer ops in native code: moves, 64- and 32-bit arithmetic, shifts,
 * multiplication and the IR's total division, bit counts, extensions,
 * compares and selects (semantics: backends/interp/exec.inc). */
#include <stddef.h>

#include "backends/x86_64/jit.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static bool have_popcnt(void)
{
	static int have = -1;
	if (have < 0) {
		__builtin_cpu_init();
		have = __builtin_cpu_supports("popcnt") != 0;
	}
	return have;
}

static void def(struct jit_ctx *c, const struct ir_insn *i, int reg) { rc_def(c, i->d, reg, jit_d_live(c)); }

/* A bitwise op whose result the next op zero-extends in place (AArch64's
 * W-register AND/ORR/EOR/BIC... then ZEXT32 d, d): nothing sees the upper
 * half in between, so the op runs in its 32-bit form, which zero-extends,
 * and the ZEXT32 emits nothing (zext_done). */
static bool bitwise(unsigned op)
{
	switch (op) {
	case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN: case IR_ORN: case IR_ANDI: case IR_ORI: case IR_XORI:
		return true;
	default:
		return false;
	}
}

static bool zext_follows(const struct jit_ctx *c, const struct ir_insn *i)
{
	if (c->k + 1 >= c->ir->n)
		return false;
	const struct ir_insn *n = &c->ir->ops[c->k + 1];
	return bitwise(i->op) && n->op == IR_ZEXT32 && n->a == i->d && n->d == i->d;
}

static bool zext_done(const struct jit_ctx *c, const struct ir_insn *i)
{
	if (c->k == 0 || i->a != i->d)
		return false;
	const struct ir_insn *p = &c->ir->ops[c->k - 1];
	return bitwise(p->op) && p->d == i->a && c->slot_reg[i->a] >= 0;
}

/* d = a op b with x86's two-operand form: the op overwrites a copy of a
 * (or a itself when a dies here). */
static void binop(struct jit_ctx *c, const struct ir_insn *i, int size, enum x64_alu op, bool commutative)
{
	if (size == 8 && zext_follows(c, i))
		size = 4;
	unsigned a = i->a, b = i->b;
	bool da = jit_dies(c, 'a'), db = jit_dies(c, 'b');
	if (commutative && !da && db) {
		unsigned t = a;
		a = b, b = t;
		da = db;
	}
	int rb = rc_get(c, b);
	int rd = rc_take(c, a, da);
	x64_alu_rr(c->b, size, op, rd, rb);
	def(c, i, rd);
}

/* d = a op imm; imm is taken as 64 bits (sign-extended imm32 when it fits). */
static void binop_imm(struct jit_ctx *c, const struct ir_insn *i, enum x64_alu op)
{
	int rd = rc_take(c, i->a, jit_dies(c, 'a'));
	if (zext_follows(c, i)) {
		x64_alu_ri(c->b, 4, op, rd, (int32_t)(uint32_t)i->imm);
	} else if (x64_fits_i32(i->imm)) {
		x64_alu_ri(c->b, 8, op, rd, (int32_t)i->imm);
	} else {
		x64_mov_ri(c->b, X_RAX, (uint64_t)i->imm);
		x64_alu_rr(c->b, 8, op, rd, X_RAX);
	}
	def(c, i, rd);
}

static void add(struct jit_ctx *c, const struct ir_insn *i, int size)
{
	if (jit_dies(c, 'a') || jit_dies(c, 'b')) {
		binop(c, i, size, X_ADD, true);
		return;
	}
	int ra = rc_get(c, i->a), rb = rc_get(c, i->b);
	int rd = rc_dest(c, i->d);
	x64_lea(c->b, size, rd, x64_mi(ra, rb, 0, 0));
	def(c, i, rd);
}

static void addi(struct jit_ctx *c, const struct ir_insn *i, int size)
{
	int64_t imm = size == 4 ? (int32_t)(uint32_t)i->imm : i->imm;
	if (!x64_fits_i32(imm)) {
		binop_imm(c, i, X_ADD);
		return;
	}
	int rd;
	if (jit_dies(c, 'a')) {
		rd = rc_take(c, i->a, true);
		if (imm || size == 4)
			x64_lea(c->b, size, rd, x64_m(rd, (int32_t)imm));
	} else {
		int ra = rc_get(c, i->a);
		rd = rc_dest(c, i->d);
		x64_lea(c->b, size, rd, x64_m(ra, (int32_t)imm));
	}
	def(c, i, rd);
}

/* a & ~b, a | ~b */
static void op_not_b(struct jit_ctx *c, const struct ir_insn *i, enum x64_alu op)
{
	int size = zext_follows(c, i) ? 4 : 8;
	int rb = rc_get(c, i->b);
	int rd = rc_take(c, i->a, jit_dies(c, 'a'));
	x64_mov_rr(c->b, 8, X_RAX, rb);
	x64_unary(c->b, 8, X_NOT, X_RAX);
	x64_alu_rr(c->b, size, op, rd, X_RAX);
	def(c, i, rd);
}

/* Shift or rotate by b: x86 masks the count to 6 (5) bits like the IR.
 * A 32-bit count of 0 leaves the register unwritten on some CPUs, so the
 * 32-bit forms zero-extend first. */
static void shift(struct jit_ctx *c, const struct ir_insn *i, int size, enum x64_shift op)
{
	rc_claim(c, X_RCX);
	int rb = rc_get(c, i->b);
	int rd = rc_take(c, i->a, jit_dies(c, 'a'));
	x64_mov_rr(c->b, 4, X_RCX, rb);
	if (size == 4)
		x64_mov_rr(c->b, 4, rd, rd);
	x64_shift_cl(c->b, size, op, rd);
	def(c, i, rd);
}

static void shift_imm(struct jit_ctx *c, const struct ir_insn *i, int size, enum x64_shift op)
{
	unsigned n = (unsigned)i->imm & (size == 8 ? 63 : 31);
	int rd = rc_take(c, i->a, jit_dies(c, 'a'));
	if (n)
		x64_shift_ri(c->b, size, op, rd, n);
	else if (size == 4)
		x64_mov_rr(c->b, 4, rd, rd);
	def(c, i, rd);
}

/* High half of the 128-bit product. */
static void mulh(struct jit_ctx *c, const struct ir_insn *i)
{
	rc_claim(c, X_RDX);
	rc_claim(c, X_RCX);
	int ra = rc_get(c, i->a), rb = rc_get(c, i->b);
	x64_mov_rr(c->b, 8, X_RAX, ra);
	x64_unary(c->b, 8, i->op == IR_MULH ? X_IMUL1 : X_MUL, rb);
	if (i->op == IR_MULHSU) {
		/* signed a: the unsigned product counts 2^64 * b too much when a < 0 */
		x64_mov_rr(c->b, 8, X_RCX, ra);
		x64_shift_ri(c->b, 8, X_SAR, X_RCX, 63);
		x64_alu_rr(c->b, 8, X_AND, X_RCX, rb);
		x64_alu_rr(c->b, 8, X_SUB, X_RDX, X_RCX);
	}
	def(c, i, X_RDX);
}

/* The IR's total division: x / 0 = 0 (remainder x), MIN / -1 = MIN
 * (remainder 0, where idiv would raise #DE). */
static void divide(struct jit_ctx *c, const struct ir_insn *i, int size, bool sign, bool rem)
{
	rc_claim(c, X_RDX);
	rc_claim(c, X_RCX);
	int ra = rc_get(c, i->a), rb = rc_get(c, i->b);
	struct x64_buf *b = c->b;
	x64_mov_rr(b, size, X_RAX, ra);
	x64_mov_rr(b, size, X_RCX, rb);
	x64_test_rr(b, size, X_RCX, X_RCX);
	size_t zero = x64_jcc8(b, X_CC_E), m1 = 0;
	if (sign) {
		x64_alu_ri(b, size, X_CMP, X_RCX, -1);
		m1 = x64_jcc8(b, X_CC_E);
		x64_cqo(b, size);
		x64_unary(b, size, X_IDIV, X_RCX);
	} else {
		x64_alu_rr(b, 4, X_XOR, X_RDX, X_RDX);
		x64_unary(b, size, X_DIV, X_RCX);
	}
	size_t done1 = x64_jmp8(b), done2 = 0;
	x64_patch_rel8(b, zero, b->len);
	if (rem)
		x64_mov_rr(b, size, X_RDX, X_RAX);
	else
		x64_alu_rr(b, 4, X_XOR, X_RAX, X_RAX);
	if (sign) {
		done2 = x64_jmp8(b);
		x64_patch_rel8(b, m1, b->len);
		if (rem)
			x64_alu_rr(b, 4, X_XOR, X_RDX, X_RDX);
		else
			x64_unary(b, size, X_NEG, X_RAX);
		x64_patch_rel8(b, done2, b->len);
	}
	x64_patch_rel8(b, done1, b->len);
	/* the result in a claimed register: this op already holds four */
	if (!rem)
		x64_mov_rr(b, 8, X_RDX, X_RAX);
	def(c, i, X_RDX);
}

/* d = cond ? a : b */
static void minmax(struct jit_ctx *c, const struct ir_insn *i, enum x64_cc take_a)
{
	int ra = rc_get(c, i->a);
	int rd = rc_take(c, i->b, jit_dies(c, 'b'));
	x64_alu_rr(c->b, 8, X_CMP, ra, rd);
	x64_cmov(c->b, 8, take_a, rd, ra);
	def(c, i, rd);
}

/* Bit scans without lzcnt/tzcnt: bsr/bsf set ZF for a zero input. */
static void bitscan(struct jit_ctx *c, const struct ir_insn *i, int size, bool leading)
{
	rc_claim(c, X_RCX);
	int ra = rc_get(c, i->a);
	int bits = size * 8;
	x64_mov_ri(c->b, X_RCX, leading ? (uint64_t)(2 * bits - 1) : (uint64_t)bits);
	if (leading)
		x64_bsr(c->b, size, X_RAX, ra);
	else
		x64_bsf(c->b, size, X_RAX, ra);
	x64_cmov(c->b, 4, X_CC_E, X_RAX, X_RCX);
	if (leading) /* clz = (bits - 1) - index; zero gives (2 bits - 1) ^ (bits - 1) = bits */
		x64_alu_ri(c->b, 4, X_XOR, X_RAX, bits - 1);
	def(c, i, X_RAX);
}

static void extend(struct jit_ctx *c, const struct ir_insn *i, int from, bool sign)
{
	int ra, rd;
	if (jit_dies(c, 'a') && c->pin_reg[i->d] < 0) {
		ra = rd = rc_take(c, i->a, true);
	} else {
		ra = rc_get(c, i->a);
		rd = rc_dest(c, i->d);
	}
	if (from == 4 && !sign)
		x64_mov_rr(c->b, 4, rd, ra);
	else if (sign)
		x64_movsx(c->b, from, rd, ra);
	else
		x64_movzx(c->b, from, rd, ra);
	def(c, i, rd);
}

static void setcc(struct jit_ctx *c, const struct ir_insn *i)
{
	if (i->op == IR_SETCCI && !x64_fits_i32(i->imm))
		rc_claim(c, X_RCX);
	int ra = rc_get(c, i->a);
	int rb = -1;
	if (i->op == IR_SETCC)
		rb = rc_get(c, i->b);
	else if (!x64_fits_i32(i->imm))
		x64_mov_ri(c->b, rb = X_RCX, (uint64_t)i->imm);
	int rd = rc_dest(c, i->d);
	x64_alu_rr(c->b, 4, X_XOR, rd, rd);
	if (rb >= 0)
		x64_alu_rr(c->b, 8, X_CMP, ra, rb);
	else
		x64_alu_ri(c->b, 8, X_CMP, ra, (int32_t)i->imm);
	x64_setcc(c->b, jit_cond_cc(i->c), rd);
	def(c, i, rd);
}

static void movi(struct jit_ctx *c, const struct ir_insn *i)
{
	if (!jit_d_live(c) && i->d < IR_ARCH_SLOTS && c->pin_reg[i->d] < 0 && x64_fits_i32(i->imm)) {
		rc_drop_slot(c, i->d);
		if (!(c->live[c->k] & JL_D_DEAD))
			x64_store_imm(c->b, 8, slot_mem(i->d), (int32_t)i->imm);
		return;
	}
	int rd = rc_dest(c, i->d);
	x64_mov_ri(c->b, rd, (uint64_t)i->imm);
	def(c, i, rd);
}

static void mov128(struct jit_ctx *c, const struct ir_insn *i)
{
	int lo = rc_get(c, i->a), hi = rc_get(c, i->a + 1u);
	rc_def(c, i->d, lo, jit_d_live(c));
	rc_def(c, i->d + 1u, hi, (c->live[c->k] & JL_D1_LIVE) != 0);
}

bool jit_emit_alu(struct jit_ctx *c, const struct ir_insn *i)
{
	switch (i->op) {
	case IR_MOV:
		/* a value that dies here moves to d with its register */
		if (jit_dies(c, 'a') && i->a != i->d)
			rc_def(c, i->d, rc_take(c, i->a, true), jit_d_live(c));
		else
			rc_def(c, i->d, rc_get(c, i->a), jit_d_live(c));
		break;
	case IR_MOVI: movi(c, i); break;
	case IR_ADD: add(c, i, 8); break;
	case IR_SUB: binop(c, i, 8, X_SUB, false); break;
	case IR_AND: binop(c, i, 8, X_AND, true); break;
	case IR_OR: binop(c, i, 8, X_OR, true); break;
	case IR_XOR: binop(c, i, 8, X_XOR, true); break;
	case IR_ANDN: op_not_b(c, i, X_AND); break;
	case IR_ORN: op_not_b(c, i, X_OR); break;
	case IR_XNOR: {
		int rb = rc_get(c, i->b);
		int rd = rc_take(c, i->a, jit_dies(c, 'a'));
		x64_alu_rr(c->b, 8, X_XOR, rd, rb);
		x64_unary(c->b, 8, X_NOT, rd);
		def(c, i, rd);
		break;
	}
	case IR_SHL: shift(c, i, 8, X_SHL); break;
	case IR_SHR: shift(c, i, 8, X_SHR); break;
	case IR_SAR: shift(c, i, 8, X_SAR); break;
	case IR_ROL: shift(c, i, 8, X_ROL); break;
	case IR_ROR: shift(c, i, 8, X_ROR); break;
	case IR_ADDI: addi(c, i, 8); break;
	case IR_ANDI: binop_imm(c, i, X_AND); break;
	case IR_ORI: binop_imm(c, i, X_OR); break;
	case IR_XORI: binop_imm(c, i, X_XOR); break;
	case IR_SHLI: shift_imm(c, i, 8, X_SHL); break;
	case IR_SHRI: shift_imm(c, i, 8, X_SHR); break;
	case IR_SARI: shift_imm(c, i, 8, X_SAR); break;
	case IR_RORI: shift_imm(c, i, 8, X_ROR); break;
	case IR_MUL: {
		int rb = rc_get(c, i->b);
		int rd = rc_take(c, i->a, jit_dies(c, 'a'));
		x64_imul_rr(c->b, 8, rd, rb);
		def(c, i, rd);
		break;
	}
	case IR_MULH: case IR_MULHU: case IR_MULHSU: mulh(c, i); break;
	case IR_DIV: divide(c, i, 8, true, false); break;
	case IR_DIVU: divide(c, i, 8, false, false); break;
	case IR_REM: divide(c, i, 8, true, true); break;
	case IR_REMU: divide(c, i, 8, false, true); break;
	case IR_MIN: minmax(c, i, X_CC_L); break;
	case IR_MAX: minmax(c, i, X_CC_G); break;
	case IR_MINU: minmax(c, i, X_CC_B); break;
	case IR_MAXU: minmax(c, i, X_CC_A); break;
	case IR_CLZ: bitscan(c, i, 8, true); break;
	case IR_CTZ: bitscan(c, i, 8, false); break;
	case IR_CLZ32: bitscan(c, i, 4, true); break;
	case IR_CTZ32: bitscan(c, i, 4, false); break;
	case IR_CPOP: case IR_CPOP32: {
		if (!have_popcnt())
			return false; /* the interpreter fallback counts */
		int ra = rc_get(c, i->a);
		x64_popcnt(c->b, i->op == IR_CPOP ? 8 : 4, X_RAX, ra);
		def(c, i, X_RAX);
		break;
	}
	case IR_BSWAP: case IR_BSWAP32: {
		int rd = rc_take(c, i->a, jit_dies(c, 'a'));
		x64_bswap(c->b, i->op == IR_BSWAP ? 8 : 4, rd);
		def(c, i, rd);
		break;
	}
	case IR_BSWAP16: {
		int ra = rc_get(c, i->a);
		x64_movzx(c->b, 2, X_RAX, ra);
		x64_rol16_8(c->b, X_RAX);
		def(c, i, X_RAX);
		break;
	}

	case IR_ADD32: add(c, i, 4); break;
	case IR_SUB32: binop(c, i, 4, X_SUB, false); break;
	case IR_SHL32: shift(c, i, 4, X_SHL); break;
	case IR_SHR32: shift(c, i, 4, X_SHR); break;
	case IR_SAR32: shift(c, i, 4, X_SAR); break;
	case IR_ROL32: shift(c, i, 4, X_ROL); break;
	case IR_ROR32: shift(c, i, 4, X_ROR); break;
	case IR_ADDI32: addi(c, i, 4); break;
	case IR_SHLI32: shift_imm(c, i, 4, X_SHL); break;
	case IR_SHRI32: shift_imm(c, i, 4, X_SHR); break;
	case IR_SARI32: shift_imm(c, i, 4, X_SAR); break;
	case IR_RORI32: shift_imm(c, i, 4, X_ROR); break;
	case IR_MUL32: {
		int rb = rc_get(c, i->b);
		int rd = rc_take(c, i->a, jit_dies(c, 'a'));
		x64_imul_rr(c->b, 4, rd, rb);
		def(c, i, rd);
		break;
	}
	case IR_DIV32: divide(c, i, 4, true, false); break;
	case IR_DIVU32: divide(c, i, 4, false, false); break;
	case IR_REM32: divide(c, i, 4, true, true); break;
	case IR_REMU32: divide(c, i, 4, false, true); break;

	case IR_SEXT8: extend(c, i, 1, true); break;
	case IR_SEXT16: extend(c, i, 2, true); break;
	case IR_SEXT32: extend(c, i, 4, true); break;
	case IR_ZEXT8: extend(c, i, 1, false); break;
	case IR_ZEXT16: extend(c, i, 2, false); break;
	case IR_ZEXT32:
		if (zext_done(c, i))
			def(c, i, rc_get(c, i->a)); /* already zero-extended */
		else
			extend(c, i, 4, false);
		break;

	case IR_SETCC: case IR_SETCCI: setcc(c, i); break;
	case IR_SELECT: {
		int rc = rc_get(c, i->c), ra = rc_get(c, i->a);
		int rd = rc_take(c, i->b, jit_dies(c, 'b'));
		x64_test_rr(c->b, 8, rc, rc);
		x64_cmov(c->b, 8, X_CC_NE, rd, ra);
		def(c, i, rd);
		break;
	}
	case IR_MOV128: mov128(c, i); break;
	case IR_RDINSTRET: {
		int rd = rc_new(c);
		x64_mov_rr(c->b, 8, rd, J_ICOUNT); /* cpu->icount lives there */
		int64_t adj = i->imm - (int64_t)c->tb->ninsns;
		if (x64_fits_i32(adj)) {
			if (adj)
				x64_alu_ri(c->b, 8, X_ADD, rd, (int32_t)adj);
		} else {
			x64_mov_ri(c->b, X_RAX, (uint64_t)adj);
			x64_alu_rr(c->b, 8, X_ADD, rd, X_RAX);
		}
		def(c, i, rd);
		break;
	}
	case IR_CLREX:
		x64_store_imm(c->b, 4, x64_m(J_CPU, (int32_t)offsetof(struct vcpu, resv_valid)), 0);
		break;
	case IR_FENCE: x64_mfence(c->b); break;
	default: return jit_emit_vec(c, i);
	}
	return true;
}
