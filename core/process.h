/* What one guest process shares across its threads. */
#ifndef FERRY_PROCESS_H
#define FERRY_PROCESS_H

#include <stdint.h>

struct frontend;
struct guest_os;
struct backend;

struct process {
	const struct frontend *fe;
	const struct guest_os *os;
	const struct backend *be;
	char *exe_path;       /* host path of the guest executable (/proc/self/exe) */
	char *sysroot;        /* NULL if none */
	int argc;
	char **argv;          /* guest argv as given (argv[0] possibly from -0) */
	char **envp;          /* guest environment after -E/-U */
	/* guest addresses, for /proc/self/{auxv,cmdline,environ,stat} */
	uint64_t auxv, auxv_len;
	uint64_t arg_start, arg_end, env_start, env_end, start_stack;
	uint64_t entry;       /* the executable's entry point */
	/* the executable's code and data bounds as load_elf_binary sets them
	 * (mm->start_code...), for /proc/<pid>/stat */
	uint64_t start_code, end_code, start_data, end_data;
};
extern struct process proc;

#endif
