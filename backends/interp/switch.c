/* The interpreter with switch dispatch: the portable fallback for compilers
 * without labels as values, built from the same bodies (exec.inc). */
#include <signal.h>

#include "backends/interp/interp.h"
#include "core/backend.h"
#include "core/fpu.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

#define EXEC_NAME exec_switch
#define OP(name) case IOP_##name:
#define NEXT                                                                                                 \
	ip++;                                                                                                \
	continue
#define DISPATCH_BEGIN                                                                                       \
	for (;;) {                                                                                           \
		switch ((enum iop_kind)(uintptr_t)ip->h) {
#define DISPATCH_END                                                                                         \
		default:                                                                                     \
			FERRY_BUG("bad interpreter op %u", (unsigned)(uintptr_t)ip->h);                      \
		}                                                                                            \
	}
#include "backends/interp/exec.inc"

static int compile_switch(const struct ir_block *ir, struct tblock *tb) { return interp_compile(ir, tb, NULL); }

const struct backend backend_interp_switch = {
	.name = "interp-switch",
	.compile = compile_switch,
	.exec = exec_switch,
	.fault_pc = interp_fault_pc,
};
