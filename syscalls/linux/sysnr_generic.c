/* The asm-generic syscall numbers, taken from the generic_nr column of
 * syscalls.def. */
#include "syscalls/linux/sysnr.h"

#define SYSCALL(name, gnr, args, ret) [(gnr) < 0 ? 0 : (gnr)] = (gnr) < 0 ? 0 : LSYS_##name,
/* Calls that are not in the table would all land on index 0: allow that. */
#pragma GCC diagnostic ignored "-Woverride-init"
const uint16_t linux_generic_sysnr[LINUX_GENERIC_NSYSNR] = {
#include "syscalls/linux/syscalls.def"
};
#undef SYSCALL

const unsigned linux_generic_nsysnr = sizeof linux_generic_sysnr / sizeof linux_generic_sysnr[0];
