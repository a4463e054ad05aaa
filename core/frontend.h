/* The interface a guest CPU implements.  A frontend lives in frontends/<arch>/
 * and is registered once in core/registry.c. */
#ifndef FERRY_FRONTEND_H
#define FERRY_FRONTEND_H

#include <stddef.h>
#include <stdint.h>

/* gnu11 predefines "linux" as 1; we use it as a name. */
#undef linux

#include "ir.h"

struct vcpu;
struct linux_abi;
struct gdb_target;

struct frontend {
	const char *name;          /* "riscv64": --cpu names, logs, /proc */
	uint16_t elf_machine;      /* EM_RISCV */
	uint8_t elf_class;         /* ELFCLASS64 or ELFCLASS32 */
	uint8_t elf_data;          /* ELFDATA2LSB */
	const char *triple;        /* "riscv64-linux-gnu": sysroot lookup /usr/<triple> */
	const char *qemu_name;     /* "riscv64": /usr/gnemul/qemu-<name>, /etc/qemu-binfmt/<name> */
	unsigned va_bits;          /* size of the guest address window, log2 */
	unsigned max_insn_bytes;   /* longest instruction */
	unsigned min_insn_bytes;   /* instruction alignment */

	void (*cpu_init)(struct vcpu *cpu);
	/* Decodes guest code at b->pc into b until a block end.  Must end the
	 * block with an exit op.  Uses mem_fetch(); a fetch fault becomes an
	 * EXIT_TRAP at that pc. */
	void (*translate)(struct vcpu *cpu, struct ir_block *b);
	/* Disassembles one instruction into buf; returns its length, 0 if invalid. */
	size_t (*disasm)(uint64_t pc, const uint8_t *code, size_t avail, char *buf, size_t bufsz);

	/* Registers for traces, crash reports and gdb. */
	unsigned nregs;
	const char *const *reg_names;
	uint64_t (*get_reg)(const struct vcpu *cpu, unsigned i);
	void (*set_reg)(struct vcpu *cpu, unsigned i, uint64_t v);
	/* Stack pointer and return-value register indices for the above. */
	unsigned reg_sp, reg_ret, reg_link;

	/* Linux ABI of this arch (syscall convention, numbers, structs, hwcap). */
	const struct linux_abi *linux;

	/* The gdb stub's view of the CPU (core/gdbstub.h); NULL: no -g. */
	const struct gdb_target *gdb;
};

extern const struct frontend *const frontends[];
const struct frontend *frontend_by_machine(unsigned elf_machine, unsigned elf_class);
const struct frontend *frontend_by_name(const char *name);

#endif
