/* Guest symbols for crash reports and profiles: which mapped ELF file holds a
 * guest pc, and the function symbol around it (libelf: .symtab, else .dynsym). */
#ifndef FERRY_SYMBOLS_H
#define FERRY_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

/* Writes "func+0x1c (file)" or "file+0x1234" or "?" for pc; returns 1 if a
 * function symbol was found. */
int sym_describe(uint64_t pc, char *buf, size_t n);
/* The start of the function holding pc (0 if unknown), for grouping samples. */
uint64_t sym_func_start(uint64_t pc);

#endif
