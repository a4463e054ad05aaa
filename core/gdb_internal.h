/* Shared by the gdb stub's files (core/gdb_*.c, core/gdbstub.c); not an
 * interface for the rest of ferry (that is core/gdbstub.h). */
#ifndef FERRY_GDB_INTERNAL_H
#define FERRY_GDB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcpu;

/* ---- gdb_rsp.c: the remote serial protocol's framing ---- */

/* Largest packet either side sends (advertised as PacketSize). */
#define RSP_MAX 16384
/* rsp_read_packet's results besides a length. */
#define RSP_EOF (-1)
#define RSP_INTERRUPT (-2) /* a bare 0x03 (Ctrl-C) */

struct rsp {
	int fd;
	bool noack;                /* after QStartNoAckMode */
	pthread_mutex_t out_lock;  /* the exiting thread may write too */
	uint8_t in[4096];
	size_t in_len, in_pos;
};

/* Reads one packet's payload (escapes undone, NUL-terminated) into buf;
 * acknowledges it unless in no-ack mode.  Returns its length, RSP_EOF or
 * RSP_INTERRUPT. */
int rsp_read_packet(struct rsp *r, char *buf, size_t cap);
/* Whether input is waiting (in the buffer or on the socket). */
bool rsp_pending(const struct rsp *r);
/* Reads what the socket has without blocking; returns true if a Ctrl-C
 * (0x03) came, false otherwise; *eof is set when gdb went away. */
bool rsp_poll_interrupt(struct rsp *r, bool *eof);
/* Sends a packet and, in ack mode, waits for '+'.  Binary payloads go as
 * they are (up to RSP_MAX bytes): $ # } * are escaped here.
 * Returns 0 or -1 if gdb went away. */
int rsp_send(struct rsp *r, const void *data, size_t len);
int rsp_send_str(struct rsp *r, const char *s);
/* Sends without waiting for the acknowledgement (the process is ending). */
void rsp_send_final(struct rsp *r, const char *s);

/* Hex helpers: return the number of characters consumed or written. */
size_t hex_encode(char *out, const void *data, size_t len);
/* Decodes up to len bytes of pairs; returns bytes decoded (stops at a non-hex). */
size_t hex_decode(void *out, const char *in, size_t len);
/* A hex number at *p; advances *p past it.  Returns false if none. */
bool hex_number(const char **p, uint64_t *v);

/* ---- gdb_exec.c: stopping and resuming guest threads ---- */

enum gdb_action { GDB_STOP, GDB_CONT, GDB_STEP };

/* One guest thread as the stub knows it, by tid (cpu may be gone: look it
 * up in all_cpus under all_cpus_lock). */
struct gdb_thread {
	int tid;
	enum gdb_action action;
	int resume_sig;             /* signal gdb passed on (C sig), for gdb_notify_signal */
	bool parked;                /* waiting in the hook */
	/* An instruction boundary is (pc, instructions retired): a hook call at
	 * the same boundary as before means nothing ran in between. */
	uint64_t seen_pc, seen_icount;     /* last boundary the hook saw */
	uint64_t bp_pc, bp_icount;         /* boundary whose breakpoint check is done */
	bool bp_done;
	uint64_t step_pc, step_icount;     /* GDB_STEP: the boundary it started from */
	struct gdb_thread *next;
};

/* The stop that the server reports next. */
struct gdb_event {
	int tid;
	int signo;    /* host signal number */
};

struct gdb_state {
	pthread_mutex_t lock;
	pthread_cond_t resumed;      /* parked threads wait on it */
	bool attached;               /* a gdb is connected and in charge */
	bool stopped;                /* all-stop in force: threads park at boundaries */
	bool have_event;
	struct gdb_event event;
	enum gdb_action default_action; /* for threads the last resume did not name */
	int event_fd;                /* eventfd: wakes the server when an event is posted */
	struct gdb_thread *threads;
	/* Software breakpoints (Z0), by guest pc. */
	uint64_t *bps;
	unsigned nbps, bps_cap;
	unsigned single_insn;        /* blocks currently limited to one instruction */
};
extern struct gdb_state gdb;

/* The hook installed as run_debug_hook (also does --trace=insn). */
void gdb_hook(struct vcpu *cpu);
/* Under gdb.lock: the thread entry for tid, created if asked. */
struct gdb_thread *gdb_thread_get(int tid, bool create);
/* Under gdb.lock: stop everything, reporting (tid, signo) to the server. */
void gdb_stop_all_locked(int tid, int signo);
/* Waits (bounded) until no thread is inside guest code; not under gdb.lock. */
void gdb_quiesce(void);
/* Under gdb.lock: lets threads go with the actions already set in their
 * entries (and gdb.default_action for the others). */
void gdb_resume_locked(void);
/* Detach: breakpoints gone, everything runs, the hook only traces. */
void gdb_detach_locked(void);
/* Breakpoint table, under gdb.lock. */
int gdb_bp_insert(uint64_t pc);
int gdb_bp_remove(uint64_t pc);
/* Runs fn(cpu, ctx) on the CPU of tid under all_cpus_lock; returns fn's
 * result, or -1 if no such thread.  tid <= 0: the first thread. */
int gdb_with_cpu(int tid, int (*fn)(struct vcpu *cpu, void *ctx), void *ctx);
/* The tids of all guest threads (main thread first); returns the count. */
int gdb_thread_ids(int *tids, int max);

/* ---- gdb_signals.c ---- */
/* Host (Linux) signal number to gdb's remote protocol number and back. */
int gdb_signal_from_host(int signo);
int gdb_signal_to_host(int gdbsig);

/* ---- gdb_vfile.c: vFile host I/O ---- */
/* Handles a vFile:... packet (payload after "vFile:"); writes the reply. */
void gdb_vfile(struct rsp *r, const char *args, size_t len);

#endif
