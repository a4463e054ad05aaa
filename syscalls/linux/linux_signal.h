/* The Linux layer's services for the signal frames the frontends write
 * (frontends/<arch>/linux_sigframe.c): the sizes of the generic signal
 * structures, siginfo fields, and the sigreturn trampoline page. */
#ifndef FERRY_LINUX_SIGNAL_H
#define FERRY_LINUX_SIGNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* siginfo_t: 128 bytes on every Linux (include/uapi/asm-generic/siginfo.h,
 * SI_MAX_SIZE).  struct linux_sigframe.info is in the 64-bit layout, the
 * host's, whose fields a 32-bit arch's frame converts. */
#define LINUX_SIGINFO_SIZE 128
/* The kernel's sigset_t (_NSIG = 64 signals): one 64-bit word, signal n at
 * bit n - 1. */
#define LINUX_SIGSET_SIZE 8

/* si_addr of a fault signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP):
 * after si_signo, si_errno, si_code and the padding to 8 bytes. */
static inline uint64_t linux_siginfo_addr(const uint8_t *info)
{
	uint64_t addr;

	memcpy(&addr, info + 16, sizeof addr);
	return addr;
}

/* The guest address of a read-only, executable page named [vdso] that holds
 * code (at most a page): the sigreturn trampoline a handler returns to when
 * the guest gave no sa_restorer (the kernel's vDSO __kernel_rt_sigreturn /
 * __vdso_rt_sigreturn).  Mapped at the first call (at boot); later calls give the
 * same page whatever their code, as a process has one guest arch.  0 if the
 * page could not be mapped. */
uint64_t linux_sigreturn_trampoline(const void *code, size_t len);

#endif
