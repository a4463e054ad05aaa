/* The x86-64 encoder (see x64_emit.h).  Every instruction goes through
 * enc(): legacy prefixes, REX, opcode, ModRM, SIB, displacement. */
#include "backends/x86_64/x64_emit.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"

/* Encoding flags of enc(). */
enum {
	E_W = 1,     /* REX.W: 64-bit operand size */
	E_16 = 2,    /* 66 prefix: 16-bit operand size */
	E_BYTE = 4,  /* byte registers: SPL..DIL need a REX prefix */
	E_F3 = 8,    /* F3 mandatory prefix */
	E_LOCK = 16, /* F0 prefix */
	E_F2 = 32,   /* F2 mandatory prefix */
};

void x64_buf_reset(struct x64_buf *b) { b->len = 0; }

/* Every instruction is at most 15 bytes; keep room for one more. */
static void room(struct x64_buf *b)
{
	if (b->cap - b->len >= 32)
		return;
	size_t cap = b->cap ? b->cap * 2 : 4096;
	uint8_t *p = realloc(b->p, cap);
	if (!p)
		ferry_fatal("out of memory");
	b->p = p;
	b->cap = cap;
}

void x64_byte(struct x64_buf *b, uint8_t v)
{
	room(b);
	b->p[b->len++] = v;
}

/* Within one instruction, after room(): no check. */
static inline void put8(struct x64_buf *b, uint8_t v) { b->p[b->len++] = v; }
static inline void put32(struct x64_buf *b, uint32_t v)
{
	memcpy(b->p + b->len, &v, 4);
	b->len += 4;
}
static inline void put64(struct x64_buf *b, uint64_t v)
{
	memcpy(b->p + b->len, &v, 8);
	b->len += 8;
}

void x64_u32(struct x64_buf *b, uint32_t v)
{
	room(b);
	memcpy(b->p + b->len, &v, 4);
	b->len += 4;
}

void x64_u64(struct x64_buf *b, uint64_t v)
{
	room(b);
	memcpy(b->p + b->len, &v, 8);
	b->len += 8;
}

void x64_patch_rel32(struct x64_buf *b, size_t at, size_t target)
{
	int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
	memcpy(b->p + at, &rel, 4);
}

void x64_patch_rel8(struct x64_buf *b, size_t at, size_t target)
{
	int64_t rel = (int64_t)target - (int64_t)(at + 1);
	if (!x64_fits_i8(rel))
		FERRY_BUG("jit: short jump out of range (%lld)", (long long)rel);
	b->p[at] = (uint8_t)(int8_t)rel;
}

static unsigned size_flags(int size)
{
	switch (size) {
	case 1: return E_BYTE;
	case 2: return E_16;
	case 8: return E_W;
	default: return 0;
	}
}

/* One instruction: opc holds 1 to 3 opcode bytes, most significant first.
 * reg is the ModRM.reg field (a register or an opcode extension); the
 * operand is the register rm when m is NULL, else the memory operand m. */
static void enc(struct x64_buf *b, unsigned flags, uint32_t opc, int reg, int rm, const struct x64_mem *m)
{
	room(b);
	if (flags & E_LOCK)
		put8(b, 0xf0);
	if (flags & E_16)
		put8(b, 0x66);
	if (flags & E_F3)
		put8(b, 0xf3);
	if (flags & E_F2)
		put8(b, 0xf2);
	unsigned rex = 0;
	if (flags & E_W)
		rex |= 8;
	if (reg & 8)
		rex |= 4;
	if (m) {
		if (m->index != X_NOREG && (m->index & 8))
			rex |= 2;
		if (m->base & 8)
			rex |= 1;
	} else if (rm & 8) {
		rex |= 1;
	}
	bool force = (flags & E_BYTE) && ((reg >= 4 && reg < 8) || (!m && rm >= 4 && rm < 8));
	if (rex || force)
		put8(b, (uint8_t)(0x40 | rex));
	if (opc > 0xffff)
		put8(b, (uint8_t)(opc >> 16));
	if (opc > 0xff)
		put8(b, (uint8_t)(opc >> 8));
	put8(b, (uint8_t)opc);

	if (!m) {
		put8(b, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
		return;
	}
	/* [rbp]/[r13] with no displacement is RIP-relative or disp32: use disp8 0. */
	unsigned mod = m->disp == 0 && (m->base & 7) != 5 ? 0 : x64_fits_i8(m->disp) ? 1 : 2;
	bool sib = m->index != X_NOREG || (m->base & 7) == 4;
	put8(b, (uint8_t)(mod << 6 | (reg & 7) << 3 | (sib ? 4 : (m->base & 7))));
	if (sib) {
		unsigned idx = m->index == X_NOREG ? 4 : (unsigned)(m->index & 7);
		put8(b, (uint8_t)(m->scale << 6 | idx << 3 | (m->base & 7)));
	}
	if (mod == 1)
		put8(b, (uint8_t)(int8_t)m->disp);
	else if (mod == 2)
		put32(b, (uint32_t)m->disp);
}

void x64_mov_rr(struct x64_buf *b, int size, int dst, int src)
{
	enc(b, size_flags(size), size == 1 ? 0x88 : 0x89, src, dst, NULL);
}

void x64_mov_ri(struct x64_buf *b, int dst, uint64_t imm)
{
	if (imm == 0) {
		enc(b, 0, 0x31, dst, dst, NULL); /* xor r32, r32 */
	} else if (imm <= UINT32_MAX) {
		room(b);
		if (dst & 8)
			put8(b, 0x41);
		put8(b, (uint8_t)(0xb8 + (dst & 7)));
		put32(b, (uint32_t)imm);
	} else if (x64_fits_i32((int64_t)imm)) {
		enc(b, E_W, 0xc7, 0, dst, NULL);
		put32(b, (uint32_t)imm);
	} else {
		room(b);
		put8(b, (uint8_t)(0x48 | (dst >> 3)));
		put8(b, (uint8_t)(0xb8 + (dst & 7)));
		put64(b, imm);
	}
}

void x64_load(struct x64_buf *b, int size, int dst, struct x64_mem m) { enc(b, size_flags(size), 0x8b, dst, 0, &m); }

void x64_store(struct x64_buf *b, int size, struct x64_mem m, int src)
{
	enc(b, size_flags(size), size == 1 ? 0x88 : 0x89, src, 0, &m);
}

void x64_store_imm(struct x64_buf *b, int size, struct x64_mem m, int32_t imm)
{
	enc(b, size_flags(size), 0xc7, 0, 0, &m);
	put32(b, (uint32_t)imm);
}

void x64_movzx(struct x64_buf *b, int from_size, int dst, int src)
{
	enc(b, from_size == 1 ? E_BYTE : 0, from_size == 1 ? 0x0fb6 : 0x0fb7, dst, src, NULL);
}

void x64_movzx_m(struct x64_buf *b, int from_size, int dst, struct x64_mem m)
{
	enc(b, 0, from_size == 1 ? 0x0fb6 : 0x0fb7, dst, 0, &m);
}

void x64_movsx(struct x64_buf *b, int from_size, int dst, int src)
{
	if (from_size == 4)
		enc(b, E_W, 0x63, dst, src, NULL);
	else
		enc(b, E_W | (from_size == 1 ? E_BYTE : 0), from_size == 1 ? 0x0fbe : 0x0fbf, dst, src, NULL);
}

void x64_movsx_m(struct x64_buf *b, int from_size, int dst, struct x64_mem m)
{
	enc(b, E_W, from_size == 4 ? 0x63 : from_size == 1 ? 0x0fbe : 0x0fbf, dst, 0, &m);
}

void x64_lea(struct x64_buf *b, int size, int dst, struct x64_mem m) { enc(b, size_flags(size), 0x8d, dst, 0, &m); }

void x64_alu_rr(struct x64_buf *b, int size, enum x64_alu op, int dst, int src)
{
	enc(b, size_flags(size), (uint32_t)(op << 3 | (size == 1 ? 0 : 1)), src, dst, NULL);
}

void x64_alu_ri(struct x64_buf *b, int size, enum x64_alu op, int dst, int32_t imm)
{
	if (x64_fits_i8(imm)) {
		enc(b, size_flags(size), 0x83, op, dst, NULL);
		put8(b, (uint8_t)(int8_t)imm);
	} else {
		enc(b, size_flags(size), 0x81, op, dst, NULL);
		put32(b, (uint32_t)imm);
	}
}

void x64_alu_rm(struct x64_buf *b, int size, enum x64_alu op, int dst, struct x64_mem m)
{
	enc(b, size_flags(size), (uint32_t)(op << 3 | 3), dst, 0, &m);
}

void x64_alu_mi(struct x64_buf *b, int size, enum x64_alu op, struct x64_mem m, int32_t imm)
{
	if (x64_fits_i8(imm)) {
		enc(b, size_flags(size), 0x83, op, 0, &m);
		put8(b, (uint8_t)(int8_t)imm);
	} else {
		enc(b, size_flags(size), 0x81, op, 0, &m);
		put32(b, (uint32_t)imm);
	}
}

void x64_test_rr(struct x64_buf *b, int size, int x, int y)
{
	enc(b, size_flags(size), size == 1 ? 0x84 : 0x85, y, x, NULL);
}

void x64_test_ri(struct x64_buf *b, int size, int x, int32_t imm)
{
	if (imm >= 0 && imm <= 0xff && size != 2) {
		enc(b, E_BYTE, 0xf6, 0, x, NULL); /* the low byte is enough */
		put8(b, (uint8_t)imm);
	} else {
		enc(b, size_flags(size), 0xf7, 0, x, NULL);
		put32(b, (uint32_t)imm);
	}
}

void x64_shift_ri(struct x64_buf *b, int size, enum x64_shift op, int dst, unsigned n)
{
	enc(b, size_flags(size), 0xc1, op, dst, NULL);
	put8(b, (uint8_t)n);
}

void x64_shift_cl(struct x64_buf *b, int size, enum x64_shift op, int dst) { enc(b, size_flags(size), 0xd3, op, dst, NULL); }

void x64_unary(struct x64_buf *b, int size, enum x64_unary op, int rm) { enc(b, size_flags(size), 0xf7, op, rm, NULL); }

void x64_imul_rr(struct x64_buf *b, int size, int dst, int src) { enc(b, size_flags(size), 0x0faf, dst, src, NULL); }

void x64_cqo(struct x64_buf *b, int size)
{
	room(b);
	if (size == 8)
		put8(b, 0x48);
	put8(b, 0x99);
}

void x64_bsf(struct x64_buf *b, int size, int dst, int src) { enc(b, size_flags(size), 0x0fbc, dst, src, NULL); }
void x64_bsr(struct x64_buf *b, int size, int dst, int src) { enc(b, size_flags(size), 0x0fbd, dst, src, NULL); }
void x64_popcnt(struct x64_buf *b, int size, int dst, int src) { enc(b, size_flags(size) | E_F3, 0x0fb8, dst, src, NULL); }

void x64_bswap(struct x64_buf *b, int size, int reg)
{
	room(b);
	if (size == 8 || (reg & 8))
		put8(b, (uint8_t)(0x40 | (size == 8 ? 8 : 0) | (reg >> 3)));
	put8(b, 0x0f);
	put8(b, (uint8_t)(0xc8 + (reg & 7)));
}

void x64_rol16_8(struct x64_buf *b, int reg)
{
	enc(b, E_16, 0xc1, X_ROL, reg, NULL);
	put8(b, 8);
}

void x64_setcc(struct x64_buf *b, enum x64_cc cc, int dst8) { enc(b, E_BYTE, 0x0f90 + cc, 0, dst8, NULL); }

void x64_cmov(struct x64_buf *b, int size, enum x64_cc cc, int dst, int src)
{
	enc(b, size_flags(size), 0x0f40 + cc, dst, src, NULL);
}

void x64_xchg_rr(struct x64_buf *b, int x, int y) { enc(b, E_W, 0x87, x, y, NULL); }

void x64_lock_cmpxchg(struct x64_buf *b, int size, struct x64_mem m, int src)
{
	enc(b, size_flags(size) | E_LOCK, size == 1 ? 0x0fb0 : 0x0fb1, src, 0, &m);
}

void x64_lock_xadd(struct x64_buf *b, int size, struct x64_mem m, int src)
{
	enc(b, size_flags(size) | E_LOCK, size == 1 ? 0x0fc0 : 0x0fc1, src, 0, &m);
}

/* xchg with memory is locked by definition (SDM: "XCHG"). */
void x64_xchg_m(struct x64_buf *b, int size, struct x64_mem m, int src)
{
	enc(b, size_flags(size), size == 1 ? 0x86 : 0x87, src, 0, &m);
}

void x64_mfence(struct x64_buf *b)
{
	room(b);
	put8(b, 0x0f);
	put8(b, 0xae);
	put8(b, 0xf0);
}

void x64_sse(struct x64_buf *b, uint8_t prefix, uint32_t opc, int reg, int rm, bool w)
{
	unsigned flags = (w ? E_W : 0) | (prefix == 0x66 ? E_16 : prefix == 0xf2 ? E_F2 : prefix == 0xf3 ? E_F3 : 0);
	enc(b, flags, opc, reg, rm, NULL);
}

void x64_sse_m(struct x64_buf *b, uint8_t prefix, uint32_t opc, int reg, struct x64_mem m, bool w)
{
	unsigned flags = (w ? E_W : 0) | (prefix == 0x66 ? E_16 : prefix == 0xf2 ? E_F2 : prefix == 0xf3 ? E_F3 : 0);
	enc(b, flags, opc, reg, 0, &m);
}

void x64_fnclex(struct x64_buf *b)
{
	room(b);
	put8(b, 0xdb);
	put8(b, 0xe2);
}

void x64_fnstsw_ax(struct x64_buf *b)
{
	room(b);
	put8(b, 0xdf);
	put8(b, 0xe0);
}

void x64_stmxcsr(struct x64_buf *b, struct x64_mem m) { enc(b, 0, 0x0fae, 3, 0, &m); }
void x64_ldmxcsr(struct x64_buf *b, struct x64_mem m) { enc(b, 0, 0x0fae, 2, 0, &m); }

void x64_push_imm(struct x64_buf *b, int32_t imm)
{
	room(b);
	put8(b, 0x68);
	put32(b, (uint32_t)imm);
}

size_t x64_jcc32(struct x64_buf *b, enum x64_cc cc)
{
	room(b);
	put8(b, 0x0f);
	put8(b, (uint8_t)(0x80 + cc));
	size_t at = b->len;
	put32(b, 0);
	return at;
}

size_t x64_jmp32(struct x64_buf *b)
{
	room(b);
	put8(b, 0xe9);
	size_t at = b->len;
	put32(b, 0);
	return at;
}

size_t x64_jcc8(struct x64_buf *b, enum x64_cc cc)
{
	room(b);
	put8(b, (uint8_t)(0x70 + cc));
	put8(b, 0);
	return b->len - 1;
}

size_t x64_jmp8(struct x64_buf *b)
{
	room(b);
	put8(b, 0xeb);
	put8(b, 0);
	return b->len - 1;
}

void x64_jmp_m(struct x64_buf *b, struct x64_mem m) { enc(b, 0, 0xff, 4, 0, &m); }
void x64_call_r(struct x64_buf *b, int reg) { enc(b, 0, 0xff, 2, reg, NULL); }
void x64_ret(struct x64_buf *b)
{
	room(b);
	put8(b, 0xc3);
}

void x64_push(struct x64_buf *b, int reg)
{
	room(b);
	if (reg & 8)
		put8(b, 0x41);
	put8(b, (uint8_t)(0x50 + (reg & 7)));
}

void x64_pop(struct x64_buf *b, int reg)
{
	room(b);
	if (reg & 8)
		put8(b, 0x41);
	put8(b, (uint8_t)(0x58 + (reg & 7)));
}

/* The SDM's recommended multi-byte NOP sequences (vol. 2, "NOP"). */
void x64_nops(struct x64_buf *b, unsigned n)
{
	static const uint8_t seq[9][9] = {
		{0},
		{0x90},
		{0x66, 0x90},
		{0x0f, 0x1f, 0x00},
		{0x0f, 0x1f, 0x40, 0x00},
		{0x0f, 0x1f, 0x44, 0x00, 0x00},
		{0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
		{0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
		{0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
	};
	while (n) {
		unsigned k = n > 8 ? 8 : n;
		room(b);
		for (unsigned i = 0; i < k; i++)
			put8(b, seq[k][i]);
		n -= k;
	}
}
