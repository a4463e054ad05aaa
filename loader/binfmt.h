/* binfmt_misc: the kernel running foreign programs through ferry.  Two
 * halves: recognising that the kernel started ferry for a program
 * (binfmt_start.c), and ferry's entries in /proc/sys/fs/binfmt_misc
 * (binfmt.c).  Documentation/admin-guide/binfmt-misc.rst. */
#ifndef FERRY_BINFMT_H
#define FERRY_BINFMT_H

#include <stdbool.h>

/* How binfmt_misc handed ferry a program.  The kernel's argv is
 *   [interpreter, program path, (P: original argv[0],) arguments...]
 * with AT_EXECFN the program path, AT_FLAGS bit 0 for P (Linux 5.12+) and
 * AT_EXECFD the program's open file for O and C. */
struct binfmt_start {
	const char *program;  /* what to load: the path, or /proc/self/fd/N under O */
	const char *execfn;   /* the path the program was executed by (its AT_EXECFN) */
	int execfd;           /* O/C: the kernel's descriptor of the program, else -1 */
	bool preserve_argv0;  /* P: argv[first] is the caller's own argv[0] */
	int first;            /* index in ferry's argv of the guest's argv[0] */
};

/* Whether binfmt_misc (rather than a user typing "ferry prog") started
 * ferry; fills *bs if so.  Options then come from FERRY_* variables only. */
bool binfmt_started(int argc, char **argv, struct binfmt_start *bs);

/* ferry --binfmt ACTION [ARCH...] (opt.binfmt_action): install,
 * uninstall, status or print the entries of the named architectures, all
 * of frontends[] if none.  Returns the exit status. */
int binfmt_command(const char *action, int narch, char **arches);

#endif
