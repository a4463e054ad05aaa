/* Loader-internal: where the initial stack goes, so that load.c can keep
 * mmap(NULL) placements (the dynamic linker) out of its way. */
#ifndef FERRY_LOADER_STACK_H
#define FERRY_LOADER_STACK_H

#include <stdint.h>

/* The guest range [*lo, *hi) linux_stack_build() will map for the stack. */
void linux_stack_range(uint64_t *lo, uint64_t *hi);

#endif
