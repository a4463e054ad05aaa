/* The engine as a library, for tests and embedders: create a CPU, map
 * memory, load bytes, run until a trap or system call, read registers.
 * The ferry command (core/main.c) is a thin layer over the same calls. */
#ifndef FERRY_ENGINE_H
#define FERRY_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "vcpu.h"

/* Sets up the address space, translation cache and fault handling for a
 * guest CPU by name ("riscv64") and a backend by name (NULL: "interp").
 * window 0 means the frontend's default.  Returns 0 or -errno. */
int engine_init(const char *arch, const char *backend, uint64_t window);
struct vcpu *engine_cpu_new(void);
/* Maps anonymous guest memory (PROT_* flags); returns the address or -errno. */
int64_t engine_map(uint64_t addr, uint64_t len, int prot);
/* Copies bytes into guest memory (the pages must be writable). */
int engine_load(uint64_t addr, const void *bytes, size_t n);
/* Runs from pc until the guest makes a system call, traps, or asks for a
 * flush; returns the enum vcpu_exit (cpu->pc and cpu->trap say where). */
int engine_run(struct vcpu *cpu, uint64_t pc);
uint64_t engine_get_reg(const struct vcpu *cpu, unsigned i);
void engine_set_reg(struct vcpu *cpu, unsigned i, uint64_t v);

#endif
