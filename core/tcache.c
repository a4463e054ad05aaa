/* The translation cache.
 *
 * Blocks and their backend code live in one arena, bump-allocated and reset
 * as a whole on a flush: a flush is the only way a block dies, so chain
 * pointers and the per-thread jump caches never see a freed block that
 * survived a flush (the caches are cleared with it).  A flush asked for
 * while a block runs (a code page written, from the fault handler) is
 * deferred to the run loop, where no block is executing. */
#include "tcache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "backend.h"
#include "frontend.h"
#include "log.h"
#include "mem.h"
#include "process.h"
#include "vcpu.h"

#define HASH_BITS 16
static struct tblock *hash[1u << HASH_BITS];
static uint8_t *arena, *arena_cur, *arena_end;
static size_t arena_size;
/* One bit per guest page that has translations, to make invalidation cheap. */
static uint8_t *xlat_bits;
/* One bit per XLAT_CHUNK bytes of xlat_bits that may hold a set bit: a flush
 * clears only those (a 40-bit guest space has 32 MiB of xlat_bits, too much
 * to clear at every IC IVAU of a program that generates code). */
#define XLAT_CHUNK 4096u
static uint64_t *xlat_dirty;
static atomic_int flush_pending;
static pthread_mutex_t tc_lock = PTHREAD_MUTEX_INITIALIZER;
struct tcache_stats tcache_stats;

extern struct vcpu *all_cpus;
extern pthread_mutex_t all_cpus_lock;

static unsigned hash_pc(uint64_t pc) { return (unsigned)((pc >> 1) ^ (pc >> (HASH_BITS + 1))) & ((1u << HASH_BITS) - 1); }

static void fork_prepare(void);
static void fork_release(void);
static pthread_once_t fork_handlers_once = PTHREAD_ONCE_INIT;

static void fork_handlers_register(void) { pthread_atfork(fork_prepare, fork_release, fork_release); }

void tcache_init(size_t max_bytes)
{
	pthread_once(&fork_handlers_once, fork_handlers_register);
	arena_size = max_bytes;
	int prot = PROT_READ | PROT_WRITE | (proc.be && proc.be->needs_exec ? PROT_EXEC : 0);
	arena = mmap(NULL, arena_size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	xlat_bits = mmap(NULL, mem.size / GUEST_PAGE_SIZE / 8 + 1, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	xlat_dirty = calloc(mem.size / GUEST_PAGE_SIZE / 8 / XLAT_CHUNK / 64 + 1, sizeof(uint64_t));
	if (arena == MAP_FAILED || xlat_bits == MAP_FAILED || !xlat_dirty)
		ferry_fatal("cannot allocate the translation cache (%zu bytes)", max_bytes);
	arena_cur = arena;
	arena_end = arena + arena_size;
	tcache_stats.bytes_max = arena_size;
}

void *tcache_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if ((size_t)(arena_end - arena_cur) < n)
		return NULL;
	void *p = arena_cur;
	arena_cur += n;
	return p;
}

/* Exclusive sections (a flush): no other thread may be inside a block while
 * the arena is reset.  A thread is "in guest" between tcache_enter and
 * tcache_leave (vcpu.in_guest); the flusher raises every CPU's interrupt,
 * which makes it leave at its next block exit, and waits until none is in. */
static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_cond = PTHREAD_COND_INITIALIZER;
static atomic_int excl_pending;

void tcache_enter(struct vcpu *cpu)
{
	for (;;) {
		__atomic_store_n(&cpu->in_guest, 1, __ATOMIC_SEQ_CST);
		if (!atomic_load(&excl_pending))
			return;
		__atomic_store_n(&cpu->in_guest, 0, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&excl_lock);
		pthread_cond_broadcast(&excl_cond);
		while (atomic_load(&excl_pending))
			pthread_cond_wait(&excl_cond, &excl_lock);
		pthread_mutex_unlock(&excl_lock);
	}
}

void tcache_leave(struct vcpu *cpu)
{
	__atomic_store_n(&cpu->in_guest, 0, __ATOMIC_SEQ_CST);
	if (atomic_load(&excl_pending)) {
		pthread_mutex_lock(&excl_lock);
		pthread_cond_broadcast(&excl_cond);
		pthread_mutex_unlock(&excl_lock);
	}
}

static void start_exclusive(void)
{
	extern __thread struct vcpu *current_cpu;
	pthread_mutex_lock(&excl_lock);
	while (atomic_load(&excl_pending))
		pthread_cond_wait(&excl_cond, &excl_lock);
	atomic_store(&excl_pending, 1);
	for (;;) {
		int busy = 0;
		pthread_mutex_lock(&all_cpus_lock);
		for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
			if (c != current_cpu && __atomic_load_n(&c->in_guest, __ATOMIC_SEQ_CST)) {
				c->interrupt = 1;
				busy = 1;
			}
		pthread_mutex_unlock(&all_cpus_lock);
		if (!busy)
			break;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&excl_cond, &excl_lock, &ts);
	}
}

static void end_exclusive(void)
{
	atomic_store(&excl_pending, 0);
	pthread_cond_broadcast(&excl_cond);
	pthread_mutex_unlock(&excl_lock);
}

/* fork() in one guest thread while another translates (tc_lock, then
 * mem_lock in mem_protect_code) or flushes: the child has only the forking
 * thread, and a lock copied in the held state would never be released
 * there (Go's os/exec forks from a busy multi-threaded process).  So the
 * fork waits for them, taking them in the order they nest; both sides
 * release them after.  No flush is under way while they are held. */
static void fork_prepare(void)
{
	pthread_mutex_lock(&excl_lock);
	while (atomic_load(&excl_pending))
		pthread_cond_wait(&excl_cond, &excl_lock);
	pthread_mutex_lock(&tc_lock);
	mem_fork_lock();
}

static void fork_release(void)
{
	mem_fork_unlock();
	pthread_mutex_unlock(&tc_lock);
	pthread_mutex_unlock(&excl_lock);
}

void tcache_flush(void)
{
	start_exclusive();
	pthread_mutex_lock(&tc_lock);
	atomic_store(&flush_pending, 0);
	memset(hash, 0, sizeof(hash));
	/* Pages of the old generation are given back so RSS follows live code. */
	madvise(arena, (size_t)(arena_cur - arena), MADV_DONTNEED);
	arena_cur = arena;
	size_t nbytes = mem.size / GUEST_PAGE_SIZE / 8 + 1;
	for (size_t w = 0; w <= nbytes / XLAT_CHUNK / 64; w++)
		for (uint64_t d = xlat_dirty[w]; d; d &= d - 1) {
			size_t off = (w * 64 + (size_t)__builtin_ctzll(d)) * XLAT_CHUNK;
			memset(xlat_bits + off, 0, off + XLAT_CHUNK <= nbytes ? XLAT_CHUNK : nbytes - off);
		}
	memset(xlat_dirty, 0, (nbytes / XLAT_CHUNK / 64 + 1) * sizeof(uint64_t));
	pthread_mutex_lock(&all_cpus_lock);
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu) {
		memset(c->jmp_cache, 0, sizeof(*c->jmp_cache));
		c->chain_from = NULL;
	}
	pthread_mutex_unlock(&all_cpus_lock);
	tcache_stats.flushes++;
	pthread_mutex_unlock(&tc_lock);
	end_exclusive();
}

/* Async-signal-safe. */
void tcache_request_flush(void)
{
	atomic_store(&flush_pending, 1);
	for (struct vcpu *c = all_cpus; c; c = c->next_cpu)
		c->interrupt = 1;
}

int tcache_flush_pending(void) { return atomic_load(&flush_pending); }

void tcache_invalidate_range(uint64_t start, uint64_t end)
{
	if (!xlat_bits)
		return;
	for (uint64_t p = start / GUEST_PAGE_SIZE; p < (end + GUEST_PAGE_SIZE - 1) / GUEST_PAGE_SIZE; p++)
		if (xlat_bits[p >> 3] & (1u << (p & 7))) {
			tcache_request_flush();
			return;
		}
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void trace_line(void *ctx, const char *line)
{
	(void)ctx;
	trace_printf("%s\n", line);
}

static void trace_block(const struct ir_block *ir)
{
	const struct frontend *fe = proc.fe;
	trace_printf("---- block %#llx (%u insns)\n", (unsigned long long)ir->pc, ir->ninsns);
	for (uint64_t pc = ir->pc; pc < ir->end_pc;) {
		uint8_t code[16];
		char text[128];
		size_t len = 0;
		size_t want = fe->max_insn_bytes;
		if (ir->end_pc - pc < want)
			want = ir->end_pc - pc;
		if (mem_fetch(pc, code, want) == 0)
			len = fe->disasm(pc, code, want, text, sizeof(text));
		if (!len) {
			trace_printf("  %#llx: <undecodable>\n", (unsigned long long)pc);
			break;
		}
		trace_printf("  %#llx: %s\n", (unsigned long long)pc, text);
		pc += len;
	}
	if (trace_on(TRACE_IR))
		ir_print(ir, trace_line, NULL);
}

static struct tblock *lookup(uint64_t pc)
{
	for (struct tblock *tb = hash[hash_pc(pc)]; tb; tb = tb->hash_next)
		if (tb->pc == pc)
			return tb;
	return NULL;
}

static __thread struct ir_block ir;
static unsigned max_insns;

void tcache_set_max_insns(unsigned n)
{
	max_insns = n;
	tcache_flush();
}

static struct tblock *translate(struct vcpu *cpu, uint64_t pc)
{
	uint64_t t0 = now_ns();
	if (!ir.ops)
		ir_block_init(&ir, pc);
	for (int attempt = 0;; attempt++) {
		ir_block_reset(&ir, pc);
		ir.max_insns = max_insns;
		cpu->fe->translate(cpu, &ir);
		if (!ir.ended)
			FERRY_BUG("frontend %s left block %#llx without an exit", cpu->fe->name,
				  (unsigned long long)pc);
		struct tblock *tb = tcache_alloc(sizeof(*tb));
		if (tb) {
			memset(tb, 0, sizeof(*tb));
			tb->pc = pc;
			tb->end_pc = ir.end_pc > pc ? ir.end_pc : pc + 1;
			tb->ninsns = ir.ninsns;
			if (proc.be->compile(&ir, tb) == 0) {
				if (trace_on(TRACE_BLOCK | TRACE_IR))
					trace_block(&ir);
				unsigned h = hash_pc(pc);
				tb->hash_next = hash[h];
				hash[h] = tb;
				for (uint64_t pg = PAGE_DOWN(pc); pg < tb->end_pc; pg += GUEST_PAGE_SIZE) {
					uint64_t p = pg / GUEST_PAGE_SIZE;
					xlat_bits[p >> 3] |= (uint8_t)(1u << (p & 7));
					xlat_dirty[(p >> 3) / XLAT_CHUNK / 64] |= 1ull << ((p >> 3) / XLAT_CHUNK % 64);
					mem_protect_code(pg);
				}
				tcache_stats.blocks++;
				tcache_stats.bytes_used = (uint64_t)(arena_cur - arena);
				tcache_stats.translate_ns += now_ns() - t0;
				return tb;
			}
		}
		if (attempt)
			FERRY_BUG("block %#llx does not fit in an empty translation cache", (unsigned long long)pc);
		/* Full: start over.  The caller's chain_from died with the flush. */
		pthread_mutex_unlock(&tc_lock);
		tcache_flush();
		pthread_mutex_lock(&tc_lock);
	}
}

int tcache_recompile(struct vcpu *cpu, struct tblock *tb, int (*compile)(const struct ir_block *, struct tblock *))
{
	uint64_t t0 = now_ns();
	pthread_mutex_lock(&tc_lock);
	if (!ir.ops)
		ir_block_init(&ir, tb->pc);
	ir_block_reset(&ir, tb->pc);
	ir.max_insns = max_insns;
	cpu->fe->translate(cpu, &ir);
	if (!ir.ended)
		FERRY_BUG("frontend %s left block %#llx without an exit", cpu->fe->name, (unsigned long long)tb->pc);
	int r = compile(&ir, tb);
	tcache_stats.bytes_used = (uint64_t)(arena_cur - arena);
	tcache_stats.translate_ns += now_ns() - t0;
	pthread_mutex_unlock(&tc_lock);
	return r;
}

struct tblock *tcache_get(struct vcpu *cpu, uint64_t pc)
{
	extern void (*run_debug_hook)(struct vcpu *);
	if (run_debug_hook) {
		/* Debugging: every block returns to the run loop (no links). */
		pthread_mutex_lock(&tc_lock);
		struct tblock *tb = lookup(pc);
		if (!tb)
			tb = translate(cpu, pc);
		pthread_mutex_unlock(&tc_lock);
		cpu->chain_from = NULL;
		return tb;
	}
	struct tcache_jmp *jc = cpu->jmp_cache;
	struct tblock *tb = jc->tb[tcache_jmp_hash(pc)];
	if (!tb || tb->pc != pc) {
		pthread_mutex_lock(&tc_lock);
		tb = lookup(pc);
		if (!tb)
			tb = translate(cpu, pc);
		pthread_mutex_unlock(&tc_lock);
		jc->tb[tcache_jmp_hash(pc)] = tb;
	}
	/* Link the exit we came from straight to this block.  An exit already
	 * linked is offered to the backend again: a tiered one links its native
	 * code only once both blocks have it. */
	struct tblock *from = cpu->chain_from;
	int slot = cpu->chain_slot;
	if (from && slot >= 0 && from->chain_pc[slot] == pc && (!from->chain[slot] || from->chain[slot] == tb)) {
		from->chain[slot] = tb;
		if (proc.be->link)
			proc.be->link(from, slot, tb);
	}
	cpu->chain_from = NULL;
	return tb;
}
