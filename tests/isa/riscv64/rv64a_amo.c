/* A extension: every AMO in .w and .d form (old value returned, memory
 * updated; .w results sign-extended), signed vs unsigned min/max, the
 * aq/rl variants, and LR/SC: success writes and returns 0, failure leaves
 * memory alone and returns non-zero.  An SC must fail with no reservation
 * (any SC, successful or not, invalidates it) and when its address is not
 * the one reserved (vol. I, "Load-Reserved/Store-Conditional"). */
#include "isa.h"

#define AMO(insn, addr, val)                                                                              \
	({                                                                                                \
		u64 old_;                                                                                 \
		__asm__ volatile(insn " %0, %2, (%1)" : "=r"(old_) : "r"(addr), "r"((u64)(val)) : "memory"); \
		old_;                                                                                     \
	})

static void amo_d(const char *name, u64 init, u64 val, u64 (*f)(u64 *, u64))
{
	u64 cell[2] = { init, 0x5555555555555555ULL };
	u64 old = f(cell, val);
	printf("%-14s %016llx %016llx -> old %016llx new %016llx next %016llx\n", name, (unsigned long long)init,
	       (unsigned long long)val, (unsigned long long)old, (unsigned long long)cell[0], (unsigned long long)cell[1]);
}

static void amo_w(const char *name, uint32_t init, u64 val, u64 (*f)(uint32_t *, u64))
{
	uint32_t cell[2] = { init, 0x55555555u };
	u64 old = f(cell, val);
	printf("%-14s %08x %016llx -> old %016llx new %08x next %08x\n", name, init, (unsigned long long)val,
	       (unsigned long long)old, cell[0], cell[1]);
}

#define D(insn)                                                               \
	static u64 f_##insn##_d(u64 *p, u64 v) { return AMO("amo" #insn ".d", p, v); } \
	static u64 f_##insn##_w(uint32_t *p, u64 v) { return AMO("amo" #insn ".w", p, v); }
D(swap)
D(add)
D(and)
D(or)
D(xor)
D(max)
D(min)
D(maxu)
D(minu)
static u64 f_add_aqrl_d(u64 *p, u64 v) { return AMO("amoadd.d.aqrl", p, v); }
static u64 f_swap_aq_w(uint32_t *p, u64 v) { return AMO("amoswap.w.aq", p, v); }
static u64 f_or_rl_w(uint32_t *p, u64 v) { return AMO("amoor.w.rl", p, v); }

int main(void)
{
	static const struct {
		const char *name;
		u64 (*d)(u64 *, u64);
		u64 (*w)(uint32_t *, u64);
	} ops[] = {
		{ "amoswap", f_swap_d, f_swap_w }, { "amoadd", f_add_d, f_add_w }, { "amoand", f_and_d, f_and_w },
		{ "amoor", f_or_d, f_or_w },       { "amoxor", f_xor_d, f_xor_w }, { "amomax", f_max_d, f_max_w },
		{ "amomin", f_min_d, f_min_w },    { "amomaxu", f_maxu_d, f_maxu_w }, { "amominu", f_minu_d, f_minu_w },
	};
	static const u64 pairs[][2] = {
		{ 5, 3 },
		{ 0xffffffffffffffffULL, 1 },
		{ 0x8000000000000000ULL, 0x7fffffffffffffffULL },
		{ 0x00000000ffffffffULL, 0x0000000080000000ULL },
		{ 0xffffffff80000000ULL, 0x000000007fffffffULL },
	};
	for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++)
		for (unsigned p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
			char n[20];
			snprintf(n, sizeof n, "%s.d", ops[k].name);
			amo_d(n, pairs[p][0], pairs[p][1], ops[k].d);
			snprintf(n, sizeof n, "%s.w", ops[k].name);
			amo_w(n, (uint32_t)pairs[p][0], pairs[p][1], ops[k].w);
		}
	amo_d("amoadd.d.aqrl", 40, 2, f_add_aqrl_d);
	amo_w("amoswap.w.aq", 0x80000000u, 7, f_swap_aq_w);
	amo_w("amoor.w.rl", 0xf0u, 0xf, f_or_rl_w);
	/* rd = x0 discards the old value but still updates memory */
	u64 cell = 10;
	__asm__ volatile("amoadd.d zero, %1, (%0)" ::"r"(&cell), "r"(5ULL) : "memory");
	show("amoadd.d rd=x0 updates memory", cell);

	/* LR/SC success: lr.d, sc.d -> 0, memory written */
	u64 m = 100, loaded, fail;
	__asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)" : "=&r"(loaded), "=&r"(fail) : "r"(&m), "r"(200ULL) : "memory");
	printf("lr.d/sc.d: loaded %llu, sc result %llu, memory %llu\n", (unsigned long long)loaded,
	       (unsigned long long)fail, (unsigned long long)m);
	/* a second SC after the first has no reservation: fails, memory unchanged */
	__asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)\n\tsc.d %1, %4, (%2)"
			 : "=&r"(loaded), "=&r"(fail)
			 : "r"(&m), "r"(300ULL), "r"(400ULL)
			 : "memory");
	printf("second sc.d: result nonzero %d, memory %llu\n", fail != 0, (unsigned long long)m);
	/* SC to an address outside the reservation set: fails.  The set's size
	 * is the implementation's choice (typically a cache line), so the two
	 * addresses are a page apart. */
	static u64 other[1024];
	other[0] = 1;
	other[600] = 8;
	__asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %4, (%3)"
			 : "=&r"(loaded), "=&r"(fail)
			 : "r"(&other[0]), "r"(&other[600]), "r"(99ULL)
			 : "memory");
	printf("sc.d to another address: result nonzero %d, memory %llu %llu\n", fail != 0,
	       (unsigned long long)other[0], (unsigned long long)other[600]);
	/* lr.w sign-extends; sc.w stores 32 bits */
	uint32_t w[2] = { 0x80000001u, 0x12345678u };
	__asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, %3, (%2)" : "=&r"(loaded), "=&r"(fail) : "r"(w), "r"(0xaaaaaaaabbbbbbbbULL) : "memory");
	printf("lr.w/sc.w: loaded %016llx, sc result %llu, memory %08x %08x\n", (unsigned long long)loaded,
	       (unsigned long long)fail, w[0], w[1]);
	/* a retry loop as compilers emit for compare-and-swap */
	u64 counter = 0;
	for (int i = 0; i < 1000; i++) {
		u64 tmp, res;
		__asm__ volatile("1:\tlr.d.aq %0, (%2)\n\taddi %0, %0, 3\n\tsc.d.rl %1, %0, (%2)\n\tbnez %1, 1b"
				 : "=&r"(tmp), "=&r"(res)
				 : "r"(&counter)
				 : "memory");
	}
	show("lr/sc loop counter", counter);
	return 0;
}
