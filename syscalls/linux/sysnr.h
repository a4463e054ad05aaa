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

#endif
