/* Command-line options; each has a FERRY_* environment variable too. */
#ifndef FERRY_OPTIONS_H
#define FERRY_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

enum trace_flag {
	TRACE_SYSCALL = 1 << 0,
	TRACE_SIGNAL = 1 << 1,
	TRACE_EXEC = 1 << 2,
	TRACE_BLOCK = 1 << 3,   /* each block translated: guest disassembly */
	TRACE_INSN = 1 << 4,    /* each instruction executed: pc and disassembly */
	TRACE_IR = 1 << 5,      /* IR of each block translated */
	TRACE_UNIMP = 1 << 6,   /* unimplemented syscalls and instructions */
};

struct options {
	const char *sysroot;     /* -L, FERRY_SYSROOT */
	const char *argv0;       /* -0, FERRY_ARGV0 */
	uint64_t stack_size;     /* -s, FERRY_STACK_SIZE */
	const char **env_set;    /* -E, FERRY_SET_ENV (comma separated) */
	int n_env_set;
	const char **env_unset;  /* -U, FERRY_UNSET_ENV */
	int n_env_unset;
	unsigned trace;          /* --trace, --strace, -d; FERRY_TRACE */
	const char *log_file;    /* --log, FERRY_LOG; %p is the pid */
	const char *backend;     /* --backend, FERRY_BACKEND */
	uint64_t guest_base;     /* -B, FERRY_GUEST_BASE */
	uint64_t reserve;        /* -R, FERRY_RESERVE */
	bool stats;              /* --stats, FERRY_STATS */
	uint64_t seed;           /* --seed, FERRY_SEED */
	bool have_seed;
	const char *uname_release; /* -r, FERRY_UNAME_RELEASE */
	uint64_t tcache_size;    /* --tcache-size, FERRY_TCACHE_SIZE */
	bool quiet;              /* --quiet, FERRY_QUIET: no report when the guest dies by a signal */
	const char *cpu;         /* --cpu, FERRY_CPU: optional ISA extensions; read with cpu_ext_enabled() */
	bool gdb;                /* -g PORT, FERRY_GDB: wait for gdb on 127.0.0.1:gdb_port */
	unsigned gdb_port;       /* 0: any free port (printed) */
	bool profile;            /* --profile, FERRY_PROFILE: hottest guest functions at exit */
	uint32_t jit_threshold;  /* --jit-threshold, FERRY_JIT_THRESHOLD: runs before a block is compiled (tiered) */
	bool have_jit_threshold;
	/* --exec-fd N (no variable: it would reach the guest's children): the
	 * program is open as descriptor N, closed once it is loaded; a guest's
	 * execve of /proc/self/fd/M (fexecve) passes its file this way, as M
	 * may be close-on-exec */
	int exec_fd;
	bool have_exec_fd;
	/* --exec-signals STATE (no variable either): what the ferry before
	 * execve held of the guest's signal state that the host cannot carry
	 * across it (syscalls/linux/signal.c, linux_signal_exec_state) */
	const char *exec_signals;

	/* ferry --binfmt ACTION [ARCH...] (loader/binfmt.h) */
	const char *binfmt_action;      /* install, uninstall, status, print; NULL: run a program */
	const char *binfmt_interpreter; /* --binfmt-interpreter, FERRY_BINFMT_INTERPRETER */
	const char *binfmt_flags;       /* --binfmt-flags, FERRY_BINFMT_FLAGS */
	const char *binfmt_format;      /* --format, FERRY_BINFMT_FORMAT: proc, systemd, debian */

	/* AT_SECURE (a setuid guest under binfmt_misc's C flag): the FERRY_*
	 * variables came from an unprivileged caller and were ignored. */
	bool secure;
};
extern struct options opt;

/* Parses options and environment; returns the index of the guest program in
 * argv (with --binfmt: of the first architecture name, possibly argc).
 * Exits with a one-line message on bad usage. */
int options_parse(int argc, char **argv);
/* The environment alone: ferry started by binfmt_misc has no options of its
 * own on the command line. */
void options_parse_env(void);

/* Whether the optional ISA extension ext ("zba", case-insensitive) is
 * exposed to the guest under --cpu.  Every optional extension ferry
 * implements is on unless --cpu turns it off:
 *   --cpu none,zba   only zba     --cpu -zbb   all but zbb
 * Frontends ask once (cpu_init) and treat a disabled extension's
 * instructions as illegal and hide it from hwcap, hwprobe and cpuinfo. */
bool cpu_ext_enabled(const char *ext);

#endif
