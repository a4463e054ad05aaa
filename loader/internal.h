/* Shared between the loader's own files; not part of the loader contract. */
#ifndef FERRY_LOADER_INTERNAL_H
#define FERRY_LOADER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* stack.c: the guest range [*lo, *hi) linux_stack_build() will map for the
 * stack, so that load.c can keep mmap(NULL) placements out of its way. */
void linux_stack_range(uint64_t *lo, uint64_t *hi);

/* sysroot.c: root + absolute path into out; false if it does not fit. */
bool sysroot_join(char *out, size_t outsz, const char *root, const char *path);

#endif
