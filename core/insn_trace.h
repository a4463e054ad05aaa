/* --trace=insn: every guest instruction executed, as "pc: disassembly".
 * Blocks are one instruction long and run_debug_hook sees each boundary. */
#ifndef FERRY_INSN_TRACE_H
#define FERRY_INSN_TRACE_H

struct vcpu;

/* Limits blocks to one instruction and installs the hook (unless gdb's,
 * which traces too, is installed). */
void insn_trace_start(void);
/* Prints the instruction at cpu->pc unless the thread already printed
 * this boundary (the run loop may call the hook twice at one). */
void insn_trace_boundary(struct vcpu *cpu);

#endif
