/* The translation cache: guest pc -> translated block, shared by all threads. */
#ifndef FERRY_TCACHE_H
#define FERRY_TCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcpu;
struct ir_block;

struct tblock {
	uint64_t pc, end_pc;       /* guest code [pc, end_pc) */
	uint32_t ninsns;           /* guest instructions */
	uint32_t nops;             /* backend ops */
	uint32_t ninsns_marked;    /* entries in insn_pc / insn_op */
	struct tblock *hash_next;
	/* Chaining: exit k may jump straight to chain[k] (target chain_pc[k]). */
	struct tblock *chain[2];
	uint64_t chain_pc[2];
	uint64_t *insn_pc;         /* guest pc of each instruction */
	uint32_t *insn_op;         /* index of each instruction's first backend op */
	void *code;                /* backend-owned */
	uint64_t exec_count;       /* for --profile */
	/* A tiered backend's (backends/x86_64/tiered.c): the interpreter's form
	 * of the block, how often it was entered there, and whether it stays
	 * interpreted. */
	void *icode;
	uint32_t hits;
	bool stay_interp;
};

/* Per-thread direct-mapped cache in front of the shared hash. */
#define TCACHE_JMP_BITS 12
struct tcache_jmp {
	struct tblock *tb[1u << TCACHE_JMP_BITS];
};
static inline unsigned tcache_jmp_hash(uint64_t pc) { return (unsigned)(pc >> 1) & ((1u << TCACHE_JMP_BITS) - 1); }

void tcache_init(size_t max_bytes);
/* Finds or translates the block at cpu->pc.  Never fails: a block that
 * cannot be fetched is translated into a trap. */
struct tblock *tcache_get(struct vcpu *cpu, uint64_t pc);
/* Translates the block at tb->pc again and hands its IR to compile, which
 * adds another form of it to tb (a tiered backend compiling a hot block);
 * returns what compile returns.  Under the translation lock. */
int tcache_recompile(struct vcpu *cpu, struct tblock *tb, int (*compile)(const struct ir_block *, struct tblock *));
/* Memory for a block being built; NULL when the cache is full. */
void *tcache_alloc(size_t n);
/* A thread runs guest code only between these two (see tcache.c). */
void tcache_enter(struct vcpu *cpu);
void tcache_leave(struct vcpu *cpu);
/* Limits blocks to n guest instructions (0: no limit), flushing the cache;
 * a debugger single-steps with n = 1. */
void tcache_set_max_insns(unsigned n);
/* Drops every translation (fence.i, code page written, unmapped, full). */
void tcache_flush(void);
/* A flush requested from a signal handler; done at the next run-loop turn. */
void tcache_request_flush(void);
int tcache_flush_pending(void);
/* Guest pages [start, end) changed mapping or protection. */
void tcache_invalidate_range(uint64_t start, uint64_t end);

struct tcache_stats {
	uint64_t blocks, flushes, bytes_used, bytes_max, translate_ns, guest_insns;
	uint64_t recompiled; /* blocks a tiered backend compiled again, hot */
};
extern struct tcache_stats tcache_stats;

#endif
