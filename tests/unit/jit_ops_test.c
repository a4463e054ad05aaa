/* backends/x86_64: every IR op, run as a tiny block on the interpreter and on
 * the JIT through the backend interface, must leave the same state: the
 * exit and pc, the trap, every architectural slot, guest memory, the LR/SC
 * reservation, the FP flags and icount.  Operands are edge values (signs,
 * widths, shift counts, division by 0 and -1, NaNs, addresses at the end of
 * the window and on unmapped pages) in slot arrangements that alias (d = a,
 * d = b, a = b, temps).  Random multi-op blocks then stress the JIT's
 * register cache: evictions, values kept only in registers across guest
 * faults and traps, loops (blocks that branch to their own start), FP fast
 * paths next to their slow paths.  Everything runs once more with each op
 * sent through the JIT's interpreter fallback (the path for ops added to
 * ir_ops.def later).  A host without the JIT (not x86-64) has nothing to test. */
#if !defined(__x86_64__)
#include <stdio.h>
int main(void)
{
	puts("jit_ops_test: no JIT on this host");
	return 0;
}
#else
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/x86_64/jit.h"
#include "core/backend.h"
#include "core/engine.h"
#include "core/fpu.h"
#include "core/ir.h"
#include "core/mem.h"
#include "core/run.h"
#include "core/tcache.h"
#include "core/vcpu.h"

#define MEM_AT 0x10000ull
#define MEM_LEN 0x4000ull
#define HOLE (MEM_AT + MEM_LEN) /* reserved, never mapped: a host fault */
#define FAR (1ull << 40)        /* beyond the riscv64 window */
#define PC 0x400000ull

static const struct backend *interp, *jit;
static struct vcpu *cpu;
static int passed, failed;
static const char *mode = "native";

/* ---- one run ---- */

struct start {
	uint64_t slot[IR_SLOTS];
	uint8_t mem[MEM_LEN];
	uint64_t resv_addr, resv_val;
	int resv_valid;
	unsigned frm;
	uint32_t arm_mode; /* cpu->fp_arm_mode: FPCR.FZ, DN */
};

struct outcome {
	int exit;
	uint64_t pc;
	struct vcpu_trap trap;
	bool chained; /* linkable: the run loop would chain this exit */
	int chain_slot;
	uint64_t slot[IR_ARCH_SLOTS];
	uint8_t mem[MEM_LEN];
	uint64_t resv_addr, resv_val;
	int resv_valid;
	uint64_t fflags, icount;
	uint32_t arm_mode;
};

static struct start st;
static bool st_mem_changed; /* st.mem differs from the pattern */
static struct outcome got_i, got_j;
static struct ir_block blk;
static bool touches_mem;    /* the block may write guest memory */
static int ignore_slot = -1; /* a result that differs by nature (clocks) */

static int exec_guarded(const struct backend *be, struct tblock *tb)
{
	current_cpu = cpu;
	if (sigsetjmp(cpu->fault_jmp, 0)) {
		cpu->in_guest = 0;
		cpu->pc = be->fault_pc(cpu);
		return VEXIT_TRAP;
	}
	cpu->in_guest = 1;
	int r = be->exec(cpu, tb);
	cpu->in_guest = 0;
	return r;
}

static struct tblock *compile(const struct backend *be)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct tblock *tb = tcache_alloc(sizeof(*tb));
		if (tb) {
			memset(tb, 0, sizeof(*tb));
			tb->pc = blk.pc;
			tb->end_pc = blk.end_pc > blk.pc ? blk.end_pc : blk.pc + 1;
			tb->ninsns = blk.ninsns;
			if (be->compile(&blk, tb) == 0)
				return tb;
		}
		tcache_flush();
	}
	fprintf(stderr, "jit_ops_test: %s cannot compile a block in an empty cache\n", be->name);
	exit(1);
}

static void run_on(const struct backend *be, struct outcome *o)
{
	struct tblock *tb = compile(be);
	memcpy(cpu->slot, st.slot, sizeof(cpu->slot));
	if (touches_mem)
		memcpy(g2h(MEM_AT), st.mem, MEM_LEN);
	cpu->resv_addr = st.resv_addr;
	cpu->resv_val = st.resv_val;
	cpu->resv_valid = st.resv_valid;
	cpu->icount = 1000;
	cpu->interrupt = 0;
	cpu->chain_from = NULL;
	cpu->chain_slot = -1;
	memset(&cpu->trap, 0, sizeof(cpu->trap));
	cpu->pc = 0;
	fpu_frm_set(cpu, st.frm);
	fpu_fflags_set(cpu, 0);
	cpu->fp_arm_mode = st.arm_mode;

	o->exit = exec_guarded(be, tb);
	/* A branch back to the block's start: the run loop would run the
	 * block again (the JIT loops inside a loop block itself). */
	for (int n = 0; o->exit == VEXIT_LOOKUP && cpu->pc == PC && n < 100; n++)
		o->exit = exec_guarded(be, tb);

	o->fflags = fpu_fflags_get(cpu);
	o->arm_mode = cpu->fp_arm_mode;
	cpu->fp_arm_mode = 0;
	fpu_frm_set(cpu, IRM_RNE);
	fpu_fflags_set(cpu, 0);
	o->pc = cpu->pc;
	o->trap = cpu->trap;
	/* the run loop links the exit only if the slot's target is this pc */
	o->chained = cpu->chain_from && cpu->chain_slot >= 0 && cpu->chain_from->chain_pc[cpu->chain_slot] == cpu->pc;
	o->chain_slot = o->chained ? cpu->chain_slot : -1;
	memcpy(o->slot, cpu->slot, sizeof(o->slot));
	if (touches_mem)
		memcpy(o->mem, g2h(MEM_AT), MEM_LEN);
	o->resv_addr = cpu->resv_addr;
	o->resv_val = cpu->resv_val;
	o->resv_valid = cpu->resv_valid;
	o->icount = cpu->icount;
}

static void print_line(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "      %s\n", line);
}

static int diff_u64(const char *what, uint64_t i, uint64_t j)
{
	if (i == j)
		return 0;
	fprintf(stderr, "    %s: interp %#llx, jit %#llx\n", what, (unsigned long long)i, (unsigned long long)j);
	return 1;
}

/* Runs the block on both backends and compares; desc says what it tests. */
static unsigned thin = 1; /* run one case in `thin` */
static unsigned long ncases;

static void check(const char *fmt, ...)
{
	if (ncases++ % thin)
		return;
	run_on(interp, &got_i);
	run_on(jit, &got_j);
	int bad = 0;
	bad += diff_u64("exit", (uint64_t)got_i.exit, (uint64_t)got_j.exit);
	bad += diff_u64("pc", got_i.pc, got_j.pc);
	if (got_i.exit == VEXIT_TRAP) {
		bad += diff_u64("trap signo", (uint64_t)got_i.trap.signo, (uint64_t)got_j.trap.signo);
		bad += diff_u64("trap code", (uint64_t)got_i.trap.code, (uint64_t)got_j.trap.code);
		bad += diff_u64("trap addr", got_i.trap.addr, got_j.trap.addr);
	}
	if (got_i.exit == VEXIT_LOOKUP) {
		bad += diff_u64("linkable", got_i.chained, got_j.chained);
		bad += diff_u64("chain slot", (uint64_t)got_i.chain_slot, (uint64_t)got_j.chain_slot);
	}
	for (int s = 0; s < IR_ARCH_SLOTS; s++) {
		if (s == ignore_slot || got_i.slot[s] == got_j.slot[s])
			continue;
		char name[32];
		snprintf(name, sizeof(name), "slot %d", s);
		bad += diff_u64(name, got_i.slot[s], got_j.slot[s]);
	}
	if (touches_mem)
		for (uint64_t k = 0; k < MEM_LEN; k++)
			if (got_i.mem[k] != got_j.mem[k]) {
				char name[48];
				snprintf(name, sizeof(name), "memory byte %#llx", (unsigned long long)(MEM_AT + k));
				bad += diff_u64(name, got_i.mem[k], got_j.mem[k]);
				break;
			}
	bad += diff_u64("resv_valid", (uint64_t)got_i.resv_valid, (uint64_t)got_j.resv_valid);
	if (got_i.resv_valid) {
		bad += diff_u64("resv_addr", got_i.resv_addr, got_j.resv_addr);
		bad += diff_u64("resv_val", got_i.resv_val, got_j.resv_val);
	}
	bad += diff_u64("fflags", got_i.fflags, got_j.fflags);
	bad += diff_u64("fp_arm_mode", got_i.arm_mode, got_j.arm_mode);
	bad += diff_u64("icount", got_i.icount, got_j.icount);
	if (!bad) {
		passed++;
		return;
	}
	failed++;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "FAIL [%s] ", mode);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	fprintf(stderr, "    block:\n");
	ir_print(&blk, print_line, NULL);
	if (failed > 40) {
		fprintf(stderr, "too many failures\n");
		exit(1);
	}
}

/* ---- building blocks ---- */

static void begin(void)
{
	ir_block_reset(&blk, PC);
	ir_insn_start(&blk, PC);
	touches_mem = false;
	ignore_slot = -1;
}

static void next_insn(uint64_t pc)
{
	ir_insn_end(&blk, pc);
	ir_insn_start(&blk, pc);
}

static void finish(void)
{
	ir_insn_end(&blk, PC + 4);
	if (!blk.ended)
		ir_exit_syscall(&blk, PC + 4);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A recognisable state: every slot distinct (slot 0 zero, as RISC-V's x0),
 * memory a byte pattern. */
static void fresh_state(void)
{
	static struct start pattern;
	if (!pattern.slot[1]) {
		for (int s = 1; s < IR_SLOTS; s++)
			pattern.slot[s] = 0x5100000000000000ull + (uint64_t)s * 0x10001;
		for (uint64_t k = 0; k < MEM_LEN; k++)
			pattern.mem[k] = (uint8_t)(k * 7 + 3);
		pattern.frm = IRM_RNE;
	}
	memcpy(st.slot, pattern.slot, sizeof(st.slot));
	if (st_mem_changed || !st.mem[0])
		memcpy(st.mem, pattern.mem, sizeof(st.mem));
	st_mem_changed = false;
	st.resv_addr = st.resv_val = 0;
	st.resv_valid = 0;
	st.frm = IRM_RNE;
	st.arm_mode = 0;
}

static const uint64_t vals[] = {
	0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
	0xfffffffffffffffeull, 31, 32, 33, 63, 64, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
	0xdeadbeefull, 0xffffffff80000000ull,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))
/* A smaller set for the aliasing arrangements. */
static const uint64_t few[] = {0, 1, 0x80000000, 0xffffffffffffffffull, 0x8000000000000000ull, 63,
			       0x123456789abcdef0ull, 0xfffffffffffffffeull};
#define NFEW (sizeof(few) / sizeof(few[0]))

static const int64_t imms[] = {
	0, 1, -1, 2, 5, 31, 32, 33, 63, 64, 0x7ff, -0x800, 0x7fffffff, -0x80000000ll, 0x80000000ll,
	0x100000000ll, 0x123456789ll, (int64_t)0x8000000000000000ull, -2,
};
#define NIMMS (sizeof(imms) / sizeof(imms[0]))

static const char *opname(unsigned op) { return op < IR_NUM_OPS ? ir_op_info[op].name : "?"; }

/* ---- integer ops ---- */

static bool is32(unsigned op) { return ir_op_info[op].type == IRT_I32; }

/* d = a op b in several slot arrangements; the temp form feeds a SEXT32
 * (RISC-V's *W pattern) or a MOV. */
static void test_dab(unsigned op)
{
	for (unsigned x = 0; x < NVALS; x++)
		for (unsigned y = 0; y < NVALS; y++) {
			fresh_state();
			st.slot[11] = vals[x];
			st.slot[12] = vals[y];
			begin();
			ir_emit(&blk, op, 10, 11, 12, 0);
			finish();
			check("%s d=s10 a=%#llx b=%#llx", opname(op), (unsigned long long)vals[x],
			      (unsigned long long)vals[y]);
		}
	for (int arr = 0; arr < 4; arr++)
		for (unsigned x = 0; x < NFEW; x++)
			for (unsigned y = 0; y < NFEW; y++) {
				fresh_state();
				st.slot[11] = few[x];
				st.slot[12] = few[y];
				begin();
				unsigned t = IR_ARCH_SLOTS + 3;
				switch (arr) {
				case 0: ir_emit(&blk, op, 11, 11, 12, 0); break;
				case 1: ir_emit(&blk, op, 12, 11, 12, 0); break;
				case 2: ir_emit(&blk, op, 11, 12, 12, 0); break;
				default:
					ir_emit(&blk, op, t, 11, 12, 0);
					ir_emit(&blk, is32(op) ? IR_SEXT32 : IR_MOV, 11, t, 0, 0);
					break;
				}
				finish();
				check("%s arrangement %d a=%#llx b=%#llx", opname(op), arr, (unsigned long long)few[x],
				      (unsigned long long)few[y]);
			}
}

static void test_dai(unsigned op)
{
	for (unsigned x = 0; x < NVALS; x++)
		for (unsigned k = 0; k < NIMMS; k++)
			for (int arr = 0; arr < 3; arr++) {
				fresh_state();
				st.slot[11] = vals[x];
				begin();
				unsigned t = IR_ARCH_SLOTS + 1;
				if (arr == 0) {
					ir_emit(&blk, op, 10, 11, 0, imms[k]);
				} else if (arr == 1) {
					ir_emit(&blk, op, 11, 11, 0, imms[k]);
				} else {
					ir_emit(&blk, op, t, 11, 0, imms[k]);
					ir_emit(&blk, is32(op) ? IR_SEXT32 : IR_MOV, 10, t, 0, 0);
				}
				finish();
				check("%s arrangement %d a=%#llx imm=%lld", opname(op), arr, (unsigned long long)vals[x],
				      (long long)imms[k]);
			}
}

static void test_da(unsigned op)
{
	for (unsigned x = 0; x < NVALS; x++)
		for (int arr = 0; arr < 3; arr++) {
			fresh_state();
			st.slot[11] = vals[x];
			begin();
			if (arr == 0) {
				ir_emit(&blk, op, 10, 11, 0, 0);
			} else if (arr == 1) {
				ir_emit(&blk, op, 11, 11, 0, 0);
			} else {
				ir_emit(&blk, op, IR_ARCH_SLOTS, 11, 0, 0);
				ir_emit(&blk, IR_MOV, 10, IR_ARCH_SLOTS, 0, 0);
			}
			finish();
			check("%s arrangement %d a=%#llx", opname(op), arr, (unsigned long long)vals[x]);
		}
}

static void test_movi(void)
{
	for (unsigned k = 0; k < NIMMS; k++)
		for (int arr = 0; arr < 2; arr++) {
			fresh_state();
			begin();
			ir_movi(&blk, 10, imms[k]);
			if (arr)
				ir_emit(&blk, IR_ADD, 11, 10, 10, 0);
			finish();
			check("MOVI %lld arrangement %d", (long long)imms[k], arr);
		}
}

static void test_compare(void)
{
	for (unsigned cond = 0; cond <= IRC_GTU; cond++) {
		for (unsigned x = 0; x < NVALS; x++)
			for (unsigned y = 0; y < NVALS; y++) {
				fresh_state();
				st.slot[11] = vals[x];
				st.slot[12] = vals[y];
				begin();
				ir_emit4(&blk, IR_SETCC, 10, 11, 12, cond, 0);
				finish();
				check("SETCC %s %#llx %#llx", ir_cond_name(cond), (unsigned long long)vals[x],
				      (unsigned long long)vals[y]);
				/* BRCC: taken is a LOOKUP at the target through chain slot 0 */
				begin();
				ir_brcc(&blk, cond, 11, 12, PC + 0x100);
				ir_exit(&blk, PC + 4);
				finish();
				check("BRCC %s %#llx %#llx", ir_cond_name(cond), (unsigned long long)vals[x],
				      (unsigned long long)vals[y]);
			}
		for (unsigned x = 0; x < NVALS; x++)
			for (unsigned k = 0; k < NIMMS; k++) {
				fresh_state();
				st.slot[11] = vals[x];
				begin();
				ir_emit4(&blk, IR_SETCCI, 11, 11, 0, cond, imms[k]);
				finish();
				check("SETCCI %s %#llx %lld", ir_cond_name(cond), (unsigned long long)vals[x],
				      (long long)imms[k]);
			}
	}
	for (unsigned x = 0; x < NFEW; x++)
		for (int arr = 0; arr < 4; arr++) {
			fresh_state();
			st.slot[13] = few[x];
			begin();
			switch (arr) {
			case 0: ir_emit4(&blk, IR_SELECT, 10, 11, 12, 13, 0); break;
			case 1: ir_emit4(&blk, IR_SELECT, 13, 11, 12, 13, 0); break;
			case 2: ir_emit4(&blk, IR_SELECT, 12, 11, 12, 13, 0); break;
			default: ir_emit4(&blk, IR_SELECT, 11, 11, 13, 13, 0); break;
			}
			finish();
			check("SELECT arrangement %d c=%#llx", arr, (unsigned long long)few[x]);
		}
}

/* ---- memory ---- */

static const uint64_t addrs[] = {
	MEM_AT, MEM_AT + 1, MEM_AT + 3, MEM_AT + 0x7ff, MEM_AT + MEM_LEN - 16, MEM_AT + MEM_LEN - 8,
	MEM_AT + MEM_LEN - 4, MEM_AT + MEM_LEN - 2, MEM_AT + MEM_LEN - 1, HOLE, HOLE + 0x10, 0, FAR,
	(1ull << 38) - 1, (1ull << 38) - 8, 0xffffffffffffffffull, 0xfffffffffffffff8ull,
};
#define NADDRS (sizeof(addrs) / sizeof(addrs[0]))

static void test_loads_stores(void)
{
	static const unsigned loads[] = {IR_LD8U, IR_LD8S, IR_LD16U, IR_LD16S, IR_LD32U, IR_LD32S, IR_LD64, IR_LD128};
	static const unsigned stores[] = {IR_ST8, IR_ST16, IR_ST32, IR_ST64, IR_ST128};
	static const int64_t offs[] = {0, 8, -8, 0x7ff, 0x100000000ll};
	for (unsigned n = 0; n < NADDRS; n++)
		for (unsigned o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
			for (unsigned k = 0; k < sizeof(loads) / sizeof(loads[0]); k++)
				for (int arr = 0; arr < 2; arr++) {
					fresh_state();
					st.slot[11] = addrs[n] - (uint64_t)offs[o];
					begin();
					ir_emit(&blk, loads[k], arr ? 11 : 20, 11, 0, offs[o]);
					finish();
					check("%s [%#llx + %lld] arrangement %d", opname(loads[k]),
					      (unsigned long long)st.slot[11], (long long)offs[o], arr);
				}
			for (unsigned k = 0; k < sizeof(stores) / sizeof(stores[0]); k++) {
				fresh_state();
				st.slot[11] = addrs[n] - (uint64_t)offs[o];
				st.slot[20] = 0x8877665544332211ull;
				begin();
				touches_mem = true;
				ir_emit(&blk, stores[k], 0, 11, 20, offs[o]);
				finish();
				check("%s [%#llx + %lld]", opname(stores[k]), (unsigned long long)st.slot[11],
				      (long long)offs[o]);
			}
		}
	/* a load after stores in the same block, a store of a value computed there */
	fresh_state();
	st.slot[11] = MEM_AT + 0x40;
	begin();
	touches_mem = true;
	ir_movi(&blk, 12, 0x1122334455667788ll);
	ir_emit(&blk, IR_ST64, 0, 11, 12, 0);
	next_insn(PC + 4);
	ir_emit(&blk, IR_LD32S, 13, 11, 0, 4);
	ir_emit(&blk, IR_ADDI, 12, 12, 0, 1);
	next_insn(PC + 8);
	ir_emit(&blk, IR_ST16, 0, 11, 13, 2);
	ir_emit(&blk, IR_LD64, 14, 11, 0, 0);
	finish();
	check("store/load sequence");
	/* a fault in the second instruction keeps the first one's results */
	fresh_state();
	st.slot[11] = HOLE;
	begin();
	touches_mem = true;
	ir_movi(&blk, 12, 42);
	next_insn(PC + 4);
	ir_emit(&blk, IR_LD64, 12, 11, 0, 0);
	finish();
	check("fault after a write");
}

static const unsigned atomic_sizes[] = {1, 2, 4, 8};

static unsigned atomic_op(unsigned size)
{
	return size == 1 ? IR_ATOMIC8 : size == 2 ? IR_ATOMIC16 : size == 4 ? IR_ATOMIC32 : IR_ATOMIC64;
}
static unsigned cas_op(unsigned size)
{
	return size == 1 ? IR_CMPXCHG8 : size == 2 ? IR_CMPXCHG16 : size == 4 ? IR_CMPXCHG32 : IR_CMPXCHG64;
}
static unsigned lr_op(unsigned size) { return size == 1 ? IR_LR8 : size == 2 ? IR_LR16 : size == 4 ? IR_LR32 : IR_LR64; }
static unsigned sc_op(unsigned size) { return size == 1 ? IR_SC8 : size == 2 ? IR_SC16 : size == 4 ? IR_SC32 : IR_SC64; }

static void put_mem(uint64_t g, uint64_t v, unsigned size)
{
	if (g >= MEM_AT && g + size <= MEM_AT + MEM_LEN)
		memcpy(st.mem + (g - MEM_AT), &v, size);
	st_mem_changed = true;
}

static void test_atomics(void)
{
	static const uint64_t where[] = {MEM_AT + 0x100, MEM_AT + 0x101, MEM_AT + 0x102, MEM_AT + 0x104, HOLE, FAR, 0};
	static const uint64_t mvals[] = {0, 1, 0x7f, 0x80, 0xff, 0x8000, 0xffff, 0x80000000, 0xffffffff,
					 0x8000000000000000ull, 0xffffffffffffffffull, 0x123456789abcdef0ull};
	for (unsigned z = 0; z < 4; z++) {
		unsigned size = atomic_sizes[z];
		for (unsigned w = 0; w < sizeof(where) / sizeof(where[0]); w++)
			for (unsigned m = 0; m < sizeof(mvals) / sizeof(mvals[0]); m++)
				for (unsigned v = 0; v < sizeof(mvals) / sizeof(mvals[0]); v += 2) {
					for (unsigned aop = IRA_SWAP; aop <= IRA_MAXU; aop++) {
						fresh_state();
						put_mem(where[w], mvals[m], size);
						st.slot[11] = where[w];
						st.slot[12] = mvals[v];
						begin();
						touches_mem = true;
						ir_emit4(&blk, atomic_op(size), 10, 11, 12, aop, 0);
						finish();
						check("ATOMIC%u op %u [%#llx]=%#llx v=%#llx", size * 8, aop,
						      (unsigned long long)where[w], (unsigned long long)mvals[m],
						      (unsigned long long)mvals[v]);
					}
					for (int same = 0; same < 2; same++) {
						fresh_state();
						put_mem(where[w], mvals[m], size);
						st.slot[11] = where[w];
						st.slot[12] = same ? mvals[m] : mvals[v];
						st.slot[13] = 0x0123456789abcdefull;
						begin();
						touches_mem = true;
						ir_emit4(&blk, cas_op(size), 12, 11, 12, 13, 0);
						finish();
						check("CMPXCHG%u [%#llx]=%#llx expect %#llx", size * 8,
						      (unsigned long long)where[w], (unsigned long long)mvals[m],
						      (unsigned long long)st.slot[12]);
					}
				}
		/* LR/SC: paired, unpaired, another address, memory changed between */
		for (unsigned w = 0; w < sizeof(where) / sizeof(where[0]); w++)
			for (int scen = 0; scen < 5; scen++) {
				fresh_state();
				put_mem(where[w], 0xa5a5a5a5a5a5a5a5ull, size);
				st.slot[11] = where[w];
				st.slot[12] = 0x1122334455667788ull;
				st.slot[14] = where[w] + 8;
				begin();
				touches_mem = true;
				switch (scen) {
				case 0:
					ir_emit(&blk, lr_op(size), 10, 11, 0, 0);
					next_insn(PC + 4);
					ir_emit(&blk, sc_op(size), 13, 11, 12, 0);
					break;
				case 1: ir_emit(&blk, sc_op(size), 13, 11, 12, 0); break;
				case 2:
					ir_emit(&blk, lr_op(size), 10, 11, 0, 0);
					next_insn(PC + 4);
					ir_emit(&blk, sc_op(size), 13, 14, 12, 0);
					break;
				case 3:
					ir_emit(&blk, lr_op(size), 10, 11, 0, 0);
					next_insn(PC + 4);
					ir_emit(&blk, IR_ST8, 0, 11, 12, 0);
					next_insn(PC + 8);
					ir_emit(&blk, sc_op(size), 13, 11, 12, 0);
					break;
				default:
					ir_emit(&blk, lr_op(size), 10, 11, 0, 0);
					next_insn(PC + 4);
					ir_emit(&blk, IR_CLREX, 0, 0, 0, 0);
					ir_emit(&blk, sc_op(size), 13, 11, 12, 0);
					break;
				}
				finish();
				check("LR/SC%u scenario %d at %#llx", size * 8, scen, (unsigned long long)where[w]);
			}
		/* a reservation left by an earlier block */
		fresh_state();
		put_mem(MEM_AT + 0x200, 7, size);
		st.resv_addr = MEM_AT + 0x200;
		st.resv_val = 7;
		st.resv_valid = (int)size;
		st.slot[11] = MEM_AT + 0x200;
		st.slot[12] = 99;
		begin();
		touches_mem = true;
		ir_emit(&blk, sc_op(size), 12, 11, 12, 0);
		finish();
		check("SC%u with an outside reservation", size * 8);
	}
	/* 128-bit */
	for (unsigned w = 0; w < sizeof(where) / sizeof(where[0]); w++)
		for (int scen = 0; scen < 4; scen++) {
			uint64_t base = where[w] == MEM_AT + 0x104 ? MEM_AT + 0x110 : where[w];
			fresh_state();
			put_mem(base, 0x0102030405060708ull, 8);
			put_mem(base + 8, 0x1112131415161718ull, 8);
			st.slot[11] = base;
			st.slot[20] = 0x0102030405060708ull;
			st.slot[21] = scen == 1 ? 0 : 0x1112131415161718ull;
			st.slot[22] = 0xaaaa;
			st.slot[23] = 0xbbbb;
			begin();
			touches_mem = true;
			switch (scen) {
			case 0: case 1: ir_emit4(&blk, IR_CMPXCHG128, 30, 11, 20, 22, 0); break;
			case 2:
				ir_emit(&blk, IR_LR128, 30, 11, 0, 0);
				next_insn(PC + 4);
				ir_emit4(&blk, IR_SC128, 13, 11, 22, 30, 0);
				break;
			default: ir_emit4(&blk, IR_SC128, 13, 11, 22, 20, 0); break;
			}
			finish();
			check("128-bit atomic scenario %d at %#llx", scen, (unsigned long long)base);
		}
	for (unsigned w = 0; w < sizeof(where) / sizeof(where[0]); w++)
		for (int64_t m = 0; m < 16; m += 3) {
			fresh_state();
			st.slot[11] = where[w];
			begin();
			ir_emit(&blk, IR_ALIGNCHK, 0, 11, 0, m);
			ir_movi(&blk, 12, 5);
			finish();
			check("ALIGNCHK %#llx & %lld", (unsigned long long)where[w], (long long)m);
		}
}

/* ---- floating point ---- */

static const uint64_t fvals[] = {
	0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x7ff0000000000000ull,
	0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x0000000000000001ull,
	0x7fefffffffffffffull, 0x3ff8000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
	0x41efffffffe00000ull, 0x4004000000000000ull,
	/* boxed singles: 0, -0, 1, -1.5, inf, qNaN, sNaN, 2^31, tiny */
	0xffffffff00000000ull, 0xffffffff80000000ull, 0xffffffff3f800000ull, 0xffffffffbfc00000ull,
	0xffffffff7f800000ull, 0xffffffff7fc00000ull, 0xffffffff7f800001ull, 0xffffffff4f000000ull,
	0xffffffff00000001ull,
	/* unboxed singles */
	0x000000003f800000ull, 0x00000000c0400000ull,
	/* products of the smallest normal magnitude (Arm's underflow before
	 * rounding): 2^-1022, 2^-511, and the f32 2^-126, 2^-63 */
	0x0010000000000000ull, 0x2000000000000000ull, 0x0000000000800000ull, 0x0000000020000000ull,
};
#define NFVALS (sizeof(fvals) / sizeof(fvals[0]))

static void test_fp(unsigned op)
{
	static const unsigned rms[] = {IRM_RNE, IRM_RTZ, IRM_RDN, IRM_RUP, IRM_RMM, IRM_DYN};
	const char *form = ir_op_info[op].form;
	bool has_b = strchr(form, 'b') != NULL, has_c = strchr(form, 'c') != NULL;
	for (unsigned x = 0; x < NFVALS; x++)
		for (unsigned y = 0; y < (has_b ? NFVALS : 1); y++)
			for (unsigned r = 0; r < sizeof(rms) / sizeof(rms[0]); r++)
				for (unsigned fm = 0; fm < 3; fm++) {
					if ((r + x * 3 + y + fm) % (has_b ? 7 : 2))
						continue; /* a sample of the combinations */
					fresh_state();
					st.slot[33] = fvals[x];
					st.slot[34] = fvals[y];
					st.slot[35] = fvals[(x + y) % NFVALS];
					st.frm = (x + y) % 5;
					/* now and then Arm's FPCR.FZ, DN, or both */
					st.arm_mode = (x + 2 * y + r) % 5 == 4 ? 1 + (x + y) % 3 : 0;
					begin();
					struct ir_insn *i = ir_emit_fp(&blk, op, 40, 33, has_b ? 34 : 0, has_c ? 35 : 0,
								       rms[r], fm);
					i->imm = (int64_t)((x + y) & 3);
					finish();
					check("%s %#llx %#llx rm=%u fmode=%u arm_mode=%u", opname(op),
					      (unsigned long long)fvals[x], (unsigned long long)fvals[y], rms[r], fm,
					      st.arm_mode);
				}
}

/* Products and quotients that round to the smallest normal: Arm sees
 * tininess before rounding (underflow), x86 after (none), so the JIT's
 * inline code must leave them to the slow path. */
static void test_fp_min_normal(void)
{
	static const struct {
		unsigned op;
		uint64_t a, b;
	} cases[] = {
		{IR_FMUL64, 0x3ff0000000000001ull, 0x000fffffffffffffull}, /* 2^-1022 (1 - 2^-104) */
		{IR_FMUL64, 0x0010000000000000ull, 0x3ff0000000000000ull}, /* exactly 2^-1022 */
		{IR_FMUL64, 0x8010000000000000ull, 0x3ff0000000000000ull},
		{IR_FDIV64, 0x0010000000000000ull, 0x3ff0000000000000ull},
		{IR_FDIV64, 0x000fffffffffffffull, 0x3fefffffffffffffull}, /* just above: rounds to 2^-1022 */
		{IR_FMUL32, 0x3f800001ull, 0x007fffffull},                 /* 2^-126 (1 - 2^-46) */
		{IR_FMUL32, 0x00800000ull, 0x3f800000ull},
		{IR_FDIV32, 0x807fffffull, 0x3f7fffffull},
	};
	for (unsigned k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		for (unsigned fm = 0; fm < 3; fm++)
			for (unsigned rm = 0; rm < 2; rm++) {
				fresh_state();
				bool box = fm == IRFM_RISCV && (cases[k].op == IR_FMUL32 || cases[k].op == IR_FDIV32);
				st.slot[33] = cases[k].a | (box ? 0xffffffff00000000ull : 0);
				st.slot[34] = cases[k].b | (box ? 0xffffffff00000000ull : 0);
				begin();
				ir_emit_fp(&blk, cases[k].op, 40, 33, 34, 0, rm ? IRM_DYN : IRM_RNE, fm);
				ir_emit(&blk, IR_FFLAGS_GET, 41, 0, 0, 0);
				finish();
				check("%s %#llx %#llx fmode=%u (smallest normal)", opname(cases[k].op),
				      (unsigned long long)cases[k].a, (unsigned long long)cases[k].b, fm);
			}
}

static void test_fp_env(void)
{
	for (unsigned v = 0; v < 8; v++) {
		fresh_state();
		st.slot[11] = v * 5 % 32;
		st.slot[12] = v;
		st.slot[33] = 0x3ff0000000000000ull;
		st.slot[34] = 0x4008000000000000ull;
		begin();
		ir_emit(&blk, IR_FFLAGS_SET, 0, 11, 0, 0);
		ir_emit(&blk, IR_FRM_SET, 0, 12, 0, 0);
		ir_emit_fp(&blk, IR_FDIV64, 35, 33, 34, 0, IRM_DYN, IRFM_RISCV);
		ir_emit(&blk, IR_FFLAGS_GET, 10, 0, 0, 0);
		finish();
		check("FFLAGS_SET %u, FRM_SET %u, FDIV64, FFLAGS_GET", (unsigned)st.slot[11], v);
	}
}

/* ---- calls, counters, exits, moves ---- */

static uint64_t helper(struct vcpu *c, uint64_t a, uint64_t b, uint64_t x)
{
	c->slot[25] = a ^ 0x5555;           /* helpers may write any slot */
	c->slot[26] = c->slot[IR_ARCH_SLOTS + 7]; /* and read temps */
	return a * 3 + (b ^ x);
}

static void test_misc(void)
{
	for (unsigned x = 0; x < NFEW; x++) {
		fresh_state();
		st.slot[11] = few[x];
		begin();
		ir_movi(&blk, IR_ARCH_SLOTS + 7, 0x77);
		ir_movi(&blk, 25, 1);
		ir_movi(&blk, 26, 2);
		ir_call(&blk, helper, 10, 11, 12, 13);
		ir_emit(&blk, IR_ADD, 14, 25, 26, 0);
		finish();
		check("CALL a=%#llx", (unsigned long long)few[x]);
	}
	for (int64_t k = 0; k < 3; k++) {
		fresh_state();
		begin();
		ir_movi(&blk, 11, 1);
		next_insn(PC + 4);
		ir_emit(&blk, IR_RDINSTRET, 10, 0, 0, k);
		finish();
		check("RDINSTRET %lld", (long long)k);
	}
	for (int k = 0; k < 2; k++) {
		fresh_state();
		begin();
		ir_emit(&blk, k ? IR_RDTIME : IR_RDCYCLE, 10, 0, 0, 0);
		finish();
		ignore_slot = 10;
		check("%s", k ? "RDTIME" : "RDCYCLE");
	}
	for (int arr = 0; arr < 3; arr++) {
		fresh_state();
		begin();
		unsigned d = arr == 0 ? 20 : arr == 1 ? 21 : 19; /* apart, overlapping up, overlapping down */
		ir_emit(&blk, IR_MOV128, d, 20, 0, 0);
		finish();
		check("MOV128 s%u, s20", d);
	}
	fresh_state();
	begin();
	ir_emit(&blk, IR_FENCE, 0, 0, 0, 0);
	ir_emit(&blk, IR_NOP, 0, 0, 0, 0);
	ir_mov(&blk, 10, 11);
	finish();
	check("FENCE, NOP, MOV");
	/* exits */
	for (unsigned x = 0; x < NFEW; x++) {
		fresh_state();
		st.slot[11] = few[x];
		begin();
		ir_exit_ind(&blk, 11);
		finish();
		check("EXIT_IND %#llx", (unsigned long long)few[x]);
	}
	fresh_state();
	begin();
	ir_movi(&blk, 10, 3);
	ir_exit_trap(&blk, PC, SIGILL, ILL_ILLOPC);
	finish();
	check("EXIT_TRAP");
	begin();
	ir_movi(&blk, 10, 3);
	ir_exit_flush(&blk, PC + 4);
	finish();
	check("EXIT_FLUSH");
	begin();
	ir_movi(&blk, 10, 3);
	ir_exit(&blk, PC + 0x40);
	finish();
	check("EXIT");
	/* two conditional exits to different targets: only one chain slot 0 */
	for (unsigned x = 0; x < 3; x++) {
		fresh_state();
		st.slot[11] = x;
		begin();
		ir_brcc(&blk, IRC_EQ, 11, 0, PC + 0x80);
		next_insn(PC + 4);
		ir_movi(&blk, 12, 1);
		ir_brcc(&blk, IRC_EQ, 11, 12, PC + 0xc0);
		ir_exit(&blk, PC + 8);
		finish();
		st.slot[0] = 0;
		check("two BRCCs, s11=%u", x);
	}
}

/* A bitwise op zero-extended in place by the next op (AArch64's W-register
 * logic), which the JIT runs as one 32-bit op: operands aliasing the
 * destination or not, dying there or read again, a temp destination. */
static void test_zext_after_bitwise(void)
{
	static const unsigned ops[] = {IR_AND, IR_OR, IR_XOR, IR_ANDN, IR_ORN, IR_ANDI, IR_ORI, IR_XORI};
	static const unsigned arrs[][3] = {{10, 11, 12}, {11, 11, 12}, {12, 11, 12}, {11, 11, 11},
					   {IR_ARCH_SLOTS, 11, 12}};
	for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
		for (unsigned x = 0; x < NFEW; x++)
			for (unsigned y = 0; y < NFEW; y++)
				for (unsigned arr = 0; arr < sizeof(arrs) / sizeof(arrs[0]); arr++) {
					unsigned d = arrs[arr][0], a = arrs[arr][1], b = arrs[arr][2];
					bool imm = ops[o] == IR_ANDI || ops[o] == IR_ORI || ops[o] == IR_XORI;
					fresh_state();
					st.slot[11] = few[x];
					st.slot[12] = few[y];
					begin();
					ir_emit(&blk, ops[o], d, a, imm ? 0 : b, imm ? (int64_t)few[(x + y) % NFEW] : 0);
					ir_emit(&blk, IR_ZEXT32, d, d, 0, 0);
					if ((x + y + arr) % 2) /* a and b read again, or dying */
						ir_emit(&blk, IR_ADD, 14, a, b, 0);
					ir_emit(&blk, IR_MOV, 13, d, 0, 0);
					finish();
					check("%s then ZEXT32 %#llx %#llx d %u a %u b %u", opname(ops[o]),
					      (unsigned long long)few[x], (unsigned long long)few[y], d, a, b);
				}
}

/* ---- lane-wise v128 ops ---- */

static bool is_vec_int(unsigned op) { return op >= IR_VADD && op <= IR_VXTN; }

/* A lane value: an edge of some lane size, or random bits. */
static uint64_t vec_val(void)
{
	static const uint64_t edges[] = {0, 0x7f7f7f7f7f7f7f7full, 0x8080808080808080ull, 0xffffffffffffffffull,
					 0x7fff80007fff8000ull, 0x800000007fffffffull, 0x0001000200030004ull,
					 0x8000000000000000ull, 0x00ff00ff00ff00ffull,
					 0x3f302f201f100f00ull, 0x0f0e0d0c03020100ull};
	return rnd() % 3 ? rnd() : edges[rnd() % (sizeof(edges) / sizeof(edges[0]))];
}

/* Every lane size, both widths, shift counts at their edges, VEXTL's and
 * VXTN's halves, in slot arrangements that alias; the operand halves are
 * either in memory or just written (so only in the JIT's registers), and
 * the result's halves are read back by scalar ops. */
static void test_vec(unsigned op)
{
	static const unsigned arrs[][3] = {{40, 42, 44}, {40, 40, 42}, {40, 42, 40}, {40, 40, 40},
					   {IR_ARCH_SLOTS, 42, 44}, {41, 43, 45}};
	for (unsigned sz = 0; sz < 4; sz++)
		for (unsigned form = 0; form < 4; form++) {
			/* form: bit 0 the full width (VEXTL, VXTN: the upper half), bit 1 sign (VEXTL) */
			int64_t imm = sz;
			if ((op == IR_VEXTL || op == IR_VXTN) && sz == 3)
				continue; /* no 128-bit lanes to widen to or narrow from */
			if (op == IR_VEXTL || op == IR_VXTN)
				imm |= (form & 1 ? 16 : 0) | (op == IR_VEXTL && (form & 2) ? 8 : 0);
			else if (form > 1)
				continue;
			else
				imm |= form ? 4 : 0;
			unsigned bits = 8u << sz;
			unsigned shifts[] = {0, 1, bits / 2 + 1, bits - 1, bits};
			/* VTBL's imm bits 15:8 are the table register's number */
			bool shifted = op == IR_VSHLI || op == IR_VSHRI || op == IR_VSARI || op == IR_VTBL;
			for (unsigned k = 0; k < (shifted ? 5u : 1u); k++)
				for (unsigned arr = 0; arr < sizeof(arrs) / sizeof(arrs[0]); arr++)
					for (unsigned rep = 0; rep < 6; rep++) {
						unsigned d = arrs[arr][0], a = arrs[arr][1], b = arrs[arr][2];
						int64_t im = imm | (shifted ? (int64_t)shifts[k] << 8 : 0);
						fresh_state();
						for (int s = 40; s < 48; s++)
							st.slot[s] = vec_val();
						st.slot[IR_ARCH_SLOTS] = vec_val();
						st.slot[IR_ARCH_SLOTS + 1] = vec_val();
						begin();
						if (rep & 1) /* a's halves only in registers */
							ir_emit(&blk, IR_XORI, a, a, 0, (int64_t)vec_val());
						if (rep & 2)
							ir_emit(&blk, IR_ADDI, a + 1, a + 1, 0, 1);
						if (rep & 4)
							ir_emit(&blk, IR_MOV, b, 47, 0, 0);
						ir_emit4(&blk, op, d, a, b, 0, im);
						/* scalar reads of the result, before and after a sync point */
						ir_emit(&blk, IR_ADD, 20, d, d + 1, 0);
						ir_emit(&blk, IR_XOR, 21, d + 1, 40, 0);
						if (d >= IR_ARCH_SLOTS) {
							ir_emit(&blk, IR_MOV, 22, d, 0, 0);
							ir_emit(&blk, IR_MOV, 23, d + 1, 0, 0);
						}
						finish();
						check("%s imm %#llx d %u a %u b %u rep %u", opname(op), (unsigned long long)im,
						      d, a, b, rep);
					}
		}
}

/* ---- every op by its form, for the ones not covered above ---- */

static bool covered(unsigned op)
{
	switch (op) {
	case IR_INSN_START: case IR_NOP: case IR_MOV: case IR_MOVI: case IR_SETCC: case IR_SETCCI: case IR_SELECT:
	case IR_BRCC: case IR_EXIT: case IR_EXIT_IND: case IR_EXIT_SYSCALL: case IR_EXIT_TRAP: case IR_EXIT_FLUSH:
	case IR_CALL: case IR_MOV128: case IR_RDINSTRET: case IR_RDCYCLE: case IR_RDTIME: case IR_FENCE:
	case IR_CLREX: case IR_FFLAGS_GET: case IR_FFLAGS_SET: case IR_FRM_SET: case IR_ALIGNCHK:
		return true;
	default:
		return (ir_op_info[op].flags & (IRF_MEM | IRF_FP)) != 0;
	}
}

/* Ops this test does not know (added to ir_ops.def later): operands from
 * the form, pairs of slots kept free in case they are v128. */
static void test_generic(unsigned op)
{
	const char *form = ir_op_info[op].form;
	if (strchr(form, 'x') || strchr(form, 'k'))
		return;
	for (unsigned x = 0; x < NFEW; x++)
		for (unsigned y = 0; y < NFEW; y += 3) {
			fresh_state();
			for (int s = 40; s < 48; s++)
				st.slot[s] = few[(x + (unsigned)s) % NFEW] ^ few[y];
			begin();
			touches_mem = (ir_op_info[op].flags & IRF_MEM) != 0;
			/* small immediates: an element size or a shift is valid at 0..2 */
			ir_emit4(&blk, op, strchr(form, 'd') ? 50 : 0, 40, 42, 2, strchr(form, 'i') ? (int64_t)(x % 3) : 0);
			finish();
			check("%s (by form %s) %u %u", opname(op), form, x, y);
		}
}

static void test_ops(void)
{
	for (unsigned op = 0; op < IR_NUM_OPS; op++) {
		const char *form = ir_op_info[op].form;
		if (ir_op_info[op].flags & IRF_FP)
			test_fp(op);
		else if (is_vec_int(op))
			test_vec(op);
		else if (covered(op))
			continue;
		else if (!strcmp(form, "dab") && ir_op_info[op].type != IRT_V128)
			test_dab(op);
		else if (!strcmp(form, "dai") && ir_op_info[op].type != IRT_V128)
			test_dai(op);
		else if (!strcmp(form, "da") && ir_op_info[op].type != IRT_V128)
			test_da(op);
		else
			test_generic(op);
	}
	test_movi();
	test_compare();
	test_loads_stores();
	test_atomics();
	test_fp_env();
	test_fp_min_normal();
	test_zext_after_bitwise();
	test_misc();
}

/* ---- random blocks: the register cache under pressure ---- */

static void fuzz(int blocks)
{
	static const unsigned alu[] = {IR_ADD, IR_SUB, IR_AND, IR_OR, IR_XOR, IR_ANDN, IR_SHL, IR_SHR, IR_SAR,
				       IR_ROL, IR_MUL, IR_MULHU, IR_DIV, IR_REMU, IR_MINU, IR_MAX, IR_ADD32,
				       IR_SUB32, IR_SHL32, IR_SAR32, IR_MUL32, IR_REM32};
	static const unsigned alui[] = {IR_ADDI, IR_XORI, IR_ANDI, IR_SHLI, IR_SARI, IR_RORI, IR_ADDI32, IR_SHRI32};
	static const unsigned un[] = {IR_CLZ, IR_CTZ, IR_BSWAP, IR_SEXT8, IR_SEXT16, IR_SEXT32, IR_ZEXT32, IR_MOV};
	for (int n = 0; n < blocks; n++) {
		fresh_state();
		unsigned nslots = 4 + (unsigned)(rnd() % 20); /* few slots: heavy reuse; many: evictions */
		for (unsigned s = 1; s <= 24; s++)
			st.slot[s] = rnd() % 4 ? rnd() : vals[rnd() % NVALS];
		st.slot[30] = MEM_AT + 0x800;
		st.slot[29] = rnd() % 2 ? HOLE : FAR;
		st.frm = rnd() % 8 < 5 ? IRM_RNE : (unsigned)(rnd() % 5);
		begin();
		touches_mem = true;
		unsigned ninsn = 5 + (unsigned)(rnd() % 40);
		uint64_t pc = PC;
		for (unsigned k = 0; k < ninsn; k++) {
			unsigned d = 1 + (unsigned)(rnd() % nslots), a = 1 + (unsigned)(rnd() % nslots);
			unsigned b = 1 + (unsigned)(rnd() % nslots), t = IR_ARCH_SLOTS + (unsigned)(rnd() % 3);
			switch (rnd() % 10) {
			case 0: case 1: case 2:
				ir_emit(&blk, alu[rnd() % (sizeof(alu) / sizeof(alu[0]))], d, a, b, 0);
				break;
			case 3:
				ir_emit(&blk, alui[rnd() % (sizeof(alui) / sizeof(alui[0]))], d, a, 0,
					(int64_t)(rnd() % 4 ? rnd() % 64 : rnd()));
				break;
			case 4:
				if (rnd() % 3 == 0) {
					/* v128 ops on slot pairs, between scalar ops on their halves */
					static const unsigned vops[] = {IR_VADD, IR_VSUB, IR_VSHRI, IR_VCMGTU, IR_VMAXUP,
									IR_VEXTL, IR_VXTN, IR_VMUL};
					unsigned vop = vops[rnd() % (sizeof(vops) / sizeof(vops[0]))], sz = rnd() % 3;
					int64_t vimm = sz | (rnd() % 2 ? 4 : 0);
					if (vop == IR_VEXTL || vop == IR_VXTN)
						vimm = sz | (rnd() % 2 ? 16 : 0);
					else if (vop == IR_VSHRI)
						vimm |= (int64_t)(rnd() % (8u << sz)) << 8;
					ir_emit(&blk, vop, d, a, b, vimm);
					break;
				}
				ir_emit(&blk, un[rnd() % (sizeof(un) / sizeof(un[0]))], d, a, 0, 0);
				break;
			case 5: /* the *W pattern through a temp */
				ir_emit(&blk, alu[16 + rnd() % 6], t, a, b, 0);
				ir_emit(&blk, IR_SEXT32, d, t, 0, 0);
				break;
			case 6:
				if (rnd() % 4 == 0) {
					/* atomics hold the most registers of any op */
					ir_emit(&blk, IR_ADDI, t, 30, 0, (int64_t)(8 * (rnd() % 16)));
					if (rnd() % 2)
						ir_emit4(&blk, IR_CMPXCHG64, d, t, a, b, 0);
					else
						ir_emit4(&blk, rnd() % 2 ? IR_ATOMIC64 : IR_ATOMIC32, d, t, a,
							 (unsigned)(rnd() % 9), 0);
					break;
				}
				ir_emit(&blk, IR_LD64, d, 30, 0, (int64_t)(8 * (rnd() % 16)));
				break;
			case 7:
				if (rnd() % 8 == 0) {
					/* a fault (host or beyond the window) with values only in registers */
					ir_emit(&blk, rnd() % 2 ? IR_LD32U : IR_ST16, d, 29, a, 0);
					break;
				}
				ir_emit(&blk, rnd() % 2 ? IR_ST64 : IR_ST32, 0, 30, a, (int64_t)(8 * (rnd() % 16)));
				break;
			case 8:
				if (rnd() % 3 == 0) {
					/* FP: inline fast paths and their C slow paths among live registers */
					static const unsigned fops[] = {IR_FADD64, IR_FMUL32, IR_FDIV64, IR_FSQRT32, IR_FLT64,
									IR_FEQ32, IR_FSUB32, IR_CVT_F64_S64};
					static const unsigned rms[] = {IRM_DYN, IRM_DYN, IRM_RNE, IRM_RTZ, IRM_RMM};
					unsigned fop = fops[rnd() % (sizeof(fops) / sizeof(fops[0]))];
					ir_emit_fp(&blk, fop, d, a, b, 0, rms[rnd() % 5], (unsigned)(rnd() % 3));
					if (rnd() % 4 == 0) {
						ir_emit(&blk, IR_FFLAGS_GET, b, 0, 0, 0);
						ir_emit(&blk, IR_FFLAGS_SET, 0, a, 0, 0);
					}
					break;
				}
				ir_emit4(&blk, IR_SETCC, d, a, b, (unsigned)(rnd() % 10), 0);
				ir_emit4(&blk, IR_SELECT, t, a, b, d, 0);
				ir_emit(&blk, IR_XOR, d, t, a, 0);
				break;
			default:
				if (rnd() % 4 == 0) {
					ir_call(&blk, helper, d, a, b, 1 + (unsigned)(rnd() % nslots));
				} else {
					ir_movi(&blk, d, (int64_t)rnd());
				}
				break;
			}
			pc += 4;
			if (k + 1 < ninsn)
				next_insn(pc);
		}
		switch (rnd() % 3) {
		case 0: /* a loop: the block runs 1 to 4 times */
			st.slot[31] = 1 + rnd() % 4;
			ir_emit(&blk, IR_ADDI, 31, 31, 0, -1);
			ir_brcc(&blk, IRC_NE, 31, 0, PC);
			break;
		case 1:
			ir_brcc(&blk, (unsigned)(rnd() % 10), 1 + (unsigned)(rnd() % nslots),
				1 + (unsigned)(rnd() % nslots), PC + 0x1000);
			break;
		default:
			break;
		}
		finish();
		check("random block %d", n);
	}
}

int main(void)
{
	int r = engine_init("riscv64", "jit", 0);
	if (r < 0) {
		fprintf(stderr, "jit_ops_test: engine_init: %s\n", strerror(-r));
		return 1;
	}
	interp = backend_by_name("interp");
	jit = backend_by_name("jit");
	cpu = engine_cpu_new();
	if (engine_map(MEM_AT, MEM_LEN, PROT_READ | PROT_WRITE) != (int64_t)MEM_AT) {
		fprintf(stderr, "jit_ops_test: cannot map guest memory\n");
		return 1;
	}
	ir_block_init(&blk, PC);

	test_ops();
	fuzz(3000);
	int native_passed = passed;
	printf("native code: %d checks passed, %d failed\n", passed, failed);

	mode = "fallback";
	jit_fallback_all = true;
	thin = 5;
	test_ops();
	jit_fallback_all = false;
	printf("interpreter fallback: %d checks passed, %d failed\n", passed - native_passed, failed);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
#endif
