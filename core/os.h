/* The interface a guest operating system implements (syscalls/<os>/),
 * registered once in core/registry.c. */
#ifndef FERRY_OS_H
#define FERRY_OS_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct vcpu_trap;
struct load_info;
struct elf_image;

struct guest_os {
	const char *name;
	/* Claims an executable (by OSABI, notes or interpreter path). */
	bool (*probe)(const struct elf_image *exe);
	/* After the loader mapped the images: builds what the OS's entry point
	 * expects (Linux: argv/envp/auxv on the stack) and sets pc and sp. */
	int (*boot)(struct vcpu *cpu, const struct load_info *li);
	/* The CPU executed a system call instruction; cpu->pc is after it. */
	void (*syscall)(struct vcpu *cpu);
	/* A synchronous trap (fault, illegal instruction, breakpoint). */
	void (*trap)(struct vcpu *cpu, const struct vcpu_trap *t);
	/* cpu->interrupt was raised: deliver what is pending. */
	void (*interrupt)(struct vcpu *cpu);
	/* Optional: the process is about to end (exit, a fatal signal); what
	 * the kernel does for other processes then (Linux: robust futexes). */
	void (*dying)(void);
};

extern const struct guest_os *const guest_oses[];
const struct guest_os *os_for_image(const struct elf_image *exe);

#endif
