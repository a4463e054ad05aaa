/* The gdb remote stub (-g PORT, FERRY_GDB): gdb connects over TCP and
 * debugs the guest as gdbserver would debug a native process.
 *
 * Execution control uses run_debug_hook (core/run.h), never guest memory:
 * breakpoints are a table here, and while any exists (or a step is pending)
 * blocks are one guest instruction long (tcache_set_max_insns), so the hook
 * sees every instruction boundary.  All-stop: when one thread stops, the
 * others park at their next boundary; a thread inside a system call counts
 * as stopped (its registers are at rest) and parks when the call returns. */
#ifndef FERRY_GDBSTUB_H
#define FERRY_GDBSTUB_H

#include <stddef.h>
#include <stdint.h>

struct vcpu;

/* What gdb needs of a guest CPU; a frontend points struct frontend's gdb
 * field at one (frontends/<arch>/gdb_target.c). */
struct gdb_target {
	/* target.xml, served through qXfer:features:read (gdb manual, "Target
	 * Descriptions"); registers carry regnum= where numbering has gaps. */
	const char *xml;
	/* Remote register numbers are 0 .. nregs-1; the g packet is every
	 * register that has one, in number order. */
	unsigned nregs;
	/* Writes register n of a stopped thread in target byte order; returns
	 * its size in bytes (at most 64), 0 if n is not a register. */
	size_t (*read_reg)(const struct vcpu *cpu, unsigned n, uint8_t *buf);
	/* Sets register n from its bytes; returns 0, or -1 if n is not one. */
	int (*write_reg)(struct vcpu *cpu, unsigned n, const uint8_t *buf);
};

/* Listens on 127.0.0.1:port and waits for gdb to connect; returns once
 * gdb is attached, with every guest thread held until gdb resumes it.
 * cpu is the initial thread, ready at the entry point.  Exits with a
 * one-line message if the port cannot be used. */
void gdb_start(unsigned port, struct vcpu *cpu);

/* The process ends (process_exit / process_kill call these): gdb is told
 * W (exit status) or X (signal) before ferry goes. */
void gdb_notify_exit(int status);
void gdb_notify_killed(int host_signo);

/* The guest OS layer calls this before it acts on a signal for cpu's
 * thread (a trap, or an asynchronous signal about to be delivered): gdb
 * sees the stop, as with ptrace's signal-delivery-stop.  Returns the signal
 * to go on with: signo, another one gdb chose (C sig), or 0 if gdb
 * continued without it.  Returns signo at once when gdb is not attached. */
int gdb_notify_signal(struct vcpu *cpu, int signo);

/* Whether gdb is attached (the Linux layer may ask before
 * gdb_notify_signal to avoid work). */
int gdb_attached(void);

#endif
