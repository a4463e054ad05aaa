/* The interpreter with threaded dispatch: each op jumps straight to the next
 * op's handler (GCC's labels as values).  This is the default backend. */
#include <signal.h>

#include "backends/interp/interp.h"
#include "core/backend.h"
#include "core/fpu.h"
#include "core/log.h"
#include "core/tcache.h"
#include "core/vcpu.h"

static const void *const *threaded_labels;

#define INTERP_THREADED
#define EXEC_NAME exec_threaded
#define OP(name) L_##name:
#define NEXT goto *(++ip)->h
#define DISPATCH_BEGIN goto *ip->h;
#define DISPATCH_END
#include "backends/interp/exec.inc"

static int compile_threaded(const struct ir_block *ir, struct tblock *tb)
{
	if (!threaded_labels)
		exec_threaded(NULL, NULL);
	return interp_compile(ir, tb, threaded_labels);
}

const struct backend backend_interp = {
	.name = "interp",
	.compile = compile_threaded,
	.exec = exec_threaded,
	.fault_pc = interp_fault_pc,
};
