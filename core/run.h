/* The run loop: translate, execute, and hand syscalls and traps to the OS. */
#ifndef FERRY_RUN_H
#define FERRY_RUN_H

#include "vcpu.h"

/* Runs guest code until something other than a block lookup is needed;
 * returns the enum vcpu_exit.  Guest memory faults come back as VEXIT_TRAP. */
int run_until_exit(struct vcpu *cpu);
/* Runs the thread forever, dispatching to the guest OS. */
__attribute__((noreturn)) void run_loop(struct vcpu *cpu);
/* Installs the host SIGSEGV/SIGBUS handlers that turn guest faults into traps. */
void fault_init(void);

/* Ends the process with this status, printing --stats first. */
__attribute__((noreturn)) void process_exit(int status);
/* Ends the process by a host signal (after --stats) so the parent sees it. */
__attribute__((noreturn)) void process_kill(int host_signo);

extern __thread struct vcpu *current_cpu;

/* When set (a debugger or --trace=insn), called before every block with the
 * pc about to run; blocks are then neither chained nor found through the
 * jump cache, so each one comes back here. */
extern void (*run_debug_hook)(struct vcpu *cpu);

#endif
