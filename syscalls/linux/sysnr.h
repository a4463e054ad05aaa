/* Guest syscall numbers -> enum linux_sys.  Each number table is one array
 * indexed by the guest's number; 0 (LSYS_none) means unknown. */
#ifndef FERRY_LINUX_SYSNR_H
#define FERRY_LINUX_SYSNR_H

#include <stdint.h>

enum linux_sys {
	LSYS_none,
#define SYSCALL(name, gnr, args, ret) LSYS_##name,
#include "syscalls.def"
#undef SYSCALL
	LSYS_COUNT
};

/* include/uapi/asm-generic/unistd.h: riscv64, aarch64 */
extern const uint16_t linux_generic_sysnr[];
extern const unsigned linux_generic_nsysnr;

/* The same count as a constant expression, for static initializers: the
 * union is as large as the largest generic number + 1. */
union linux_generic_span {
#define SYSCALL(name, gnr, args, ret) char name[(gnr) + 1];
#include "syscalls.def"
#undef SYSCALL
};
#define LINUX_GENERIC_NSYSNR ((unsigned)sizeof(union linux_generic_span))

#endif
