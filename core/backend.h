/* The interface an IR executor implements (backends/<name>/). */
#ifndef FERRY_BACKEND_H
#define FERRY_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "ir.h"

struct vcpu;
struct tblock;

struct backend {
	const char *name;
	/* The cache's arena must be executable (a JIT's code lives there). */
	bool needs_exec;
	/* Turns a finished IR block into the backend's form, stored in tb->code
	 * (memory from tcache_alloc).  Fills tb->insn_pc[] and returns 0, or
	 * -1 when the cache is full. */
	int (*compile)(const struct ir_block *ir, struct tblock *tb);
	/* Runs from tb, following chained blocks, until something needs the run
	 * loop; sets cpu->pc and returns an enum vcpu_exit. */
	int (*exec)(struct vcpu *cpu, struct tblock *tb);
	/* Maps cpu->fault_op (set by memory ops) to the guest pc that faulted. */
	uint64_t (*fault_pc)(const struct vcpu *cpu);
	/* Optional: exit `slot` of `from` now leads to `to` (tb->chain[slot] is
	 * already set); a JIT patches its jump here. */
	void (*link)(struct tblock *from, int slot, struct tblock *to);
};

extern const struct backend *const backends[];
const struct backend *backend_by_name(const char *name);
extern const char *const default_backend_name;

#endif
