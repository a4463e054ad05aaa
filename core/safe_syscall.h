/* Safe syscalls: a host system call that a signal arriving just before it
 * cannot be lost against.
 *
 * A guest signal shows up as a host signal whose handler raises a flag.  If
 * it arrives after the caller last looked at the flag but before the host
 * thread entered a blocking call, the call would sleep with the signal
 * noticed only when it returns by itself (perhaps never).  safe_syscall
 * looks at the flag and enters the kernel in a few instructions whose
 * addresses are known; a host handler that interrupts a thread between the
 * two calls safe_syscall_rewind(), which makes the call return
 * -SAFE_ERESTARTSYS without entering the kernel.  A signal that arrives
 * once the thread is in the kernel interrupts the call the usual way (with
 * SA_RESTART on the host handler the kernel backs the pc up onto the
 * syscall instruction, which is again inside the window, so the caller
 * sees -SAFE_ERESTARTSYS and decides the restart itself).
 *
 * The same idea as qemu's linux-user/safe-syscall.S.  On hosts other than
 * x86-64 a portable fallback keeps the window open (documented in
 * docs/design.md). */
#ifndef FERRY_SAFE_SYSCALL_H
#define FERRY_SAFE_SYSCALL_H

#include <signal.h>

/* The kernel's internal "restart me" code (include/linux/errno.h). */
#define SAFE_ERESTARTSYS 512

/* Returns the raw kernel result (-errno on failure), or -SAFE_ERESTARTSYS
 * if *pending was set before the call was entered or a signal interrupted
 * a call the kernel would have restarted. */
long safe_syscall_base(const volatile int *pending, long nr, ...);

/* Nonzero when the window is closed (the x86-64 version). */
extern const int safe_syscall_exact;

/* From a host signal handler: if uc (its ucontext_t) shows the thread
 * inside the window, make it return -SAFE_ERESTARTSYS. */
void safe_syscall_rewind(void *uc);

/* A host signal that only wakes a thread out of a safe syscall: installs
 * its handler, which calls on_wake on the thread it hit (to set that
 * thread's flag: set by the sender alone, the store could become visible
 * after the thread cleared and re-read its pending set) and then rewinds;
 * safe_syscall_wake sends it to one thread of this process.  Without the
 * exact version there is none. */
void safe_syscall_wake_init(void (*on_wake)(const siginfo_t *si));
void safe_syscall_wake(int tid);
/* Around an execve: the wake signal ignored (a handler does not survive
 * exec, and its default action would kill the new image if one arrived
 * during the call; ignored it is dropped), then its handler back if the
 * exec failed.  Delivery after the failed call finds what was queued. */
void safe_syscall_wake_ignore(int ignore);

#endif
