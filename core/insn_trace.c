/* --trace=insn (see insn_trace.h).  The main thread's lines are
 * "pc: disassembly"; other threads' carry "[tid] " in front. */
#include "insn_trace.h"

#include <unistd.h>

#include "frontend.h"
#include "log.h"
#include "mem.h"
#include "run.h"
#include "tcache.h"
#include "vcpu.h"

/* The boundary (pc, instructions retired) this thread printed last. */
static __thread uint64_t last_pc, last_icount;
static __thread bool printed;

void insn_trace_boundary(struct vcpu *cpu)
{
	if (printed && cpu->pc == last_pc && cpu->icount == last_icount)
		return;
	printed = true;
	last_pc = cpu->pc;
	last_icount = cpu->icount;

	const struct frontend *fe = cpu->fe;
	uint8_t code[16];
	char text[128];
	size_t want = fe->max_insn_bytes, len = 0;
	if (mem_fetch(cpu->pc, code, want) == 0 || mem_fetch(cpu->pc, code, want = fe->min_insn_bytes) == 0)
		len = fe->disasm(cpu->pc, code, want, text, sizeof(text));
	char who[24] = "";
	if (cpu->tid != (int)getpid())
		snprintf(who, sizeof(who), "[%d] ", cpu->tid);
	if (len)
		trace_printf("%s%#llx: %s\n", who, (unsigned long long)cpu->pc, text);
	else
		trace_printf("%s%#llx: <not executable or not decodable>\n", who, (unsigned long long)cpu->pc);
}

static void trace_hook(struct vcpu *cpu) { insn_trace_boundary(cpu); }

void insn_trace_start(void)
{
	if (!run_debug_hook)
		run_debug_hook = trace_hook;
	tcache_set_max_insns(1);
}
