/* The report printed when a guest dies of a synchronous signal. */
#ifndef FERRY_CRASH_H
#define FERRY_CRASH_H

#include <stdint.h>

struct vcpu;

/* Prints (unless --quiet) the signal and fault address, the pc as
 * symbol+offset, the faulting instruction disassembled, the registers and a
 * best-effort backtrace, to stderr.  signame/codename: "SIGSEGV", "SEGV_MAPERR". */
void crash_report(struct vcpu *cpu, const char *signame, const char *codename, uint64_t addr);

#endif
