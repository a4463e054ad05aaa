/* safe_syscall: see safe_syscall.h. */
#include "safe_syscall.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__x86_64__)

const int safe_syscall_exact = 1;

/* long safe_syscall_base(const volatile int *pending, long nr, a1..a6):
 * SysV passes pending, nr, a1..a4 in rdi, rsi, rdx, rcx, r8, r9 and a5, a6
 * on the stack; the kernel wants nr in rax and a1..a6 in rdi, rsi, rdx,
 * r10, r8, r9 (arch/x86/entry/entry_64.S).  The window is
 * [safe_syscall_start, safe_syscall_end): from the flag test up to and
 * including the syscall instruction.  Nothing is pushed, so the
 * interrupted path can return with a plain ret. */
__asm__(".text\n"
	".globl safe_syscall_base\n"
	".type safe_syscall_base, @function\n"
	"safe_syscall_base:\n"
	".cfi_startproc\n"
	"	mov %rdi, %r11\n"
	"	mov %rsi, %rax\n"
	"	mov %rdx, %rdi\n"
	"	mov %rcx, %rsi\n"
	"	mov %r8, %rdx\n"
	"	mov %r9, %r10\n"
	"	mov 8(%rsp), %r8\n"
	"	mov 16(%rsp), %r9\n"
	".globl safe_syscall_start\n"
	"safe_syscall_start:\n"
	"	cmpl $0, (%r11)\n"
	"	jne safe_syscall_interrupted\n"
	"	syscall\n"
	".globl safe_syscall_end\n"
	"safe_syscall_end:\n"
	"	ret\n"
	".globl safe_syscall_interrupted\n"
	"safe_syscall_interrupted:\n"
	"	mov $-512, %rax\n" /* -SAFE_ERESTARTSYS */
	"	ret\n"
	".cfi_endproc\n"
	".size safe_syscall_base, .-safe_syscall_base\n"
	/* the return from the wake signal's handler: glibc's __restore_rt is
	 * not reachable for a handler installed with the raw syscall */
	".type safe_syscall_restorer, @function\n"
	"safe_syscall_restorer:\n"
	"	mov $15, %eax\n" /* __NR_rt_sigreturn */
	"	syscall\n"
	".size safe_syscall_restorer, .-safe_syscall_restorer\n");

extern const char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];
extern void safe_syscall_restorer(void);

void safe_syscall_rewind(void *uc)
{
	greg_t *rip = &((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];

	if (*rip >= (greg_t)(uintptr_t)safe_syscall_start && *rip < (greg_t)(uintptr_t)safe_syscall_end)
		*rip = (greg_t)(uintptr_t)safe_syscall_interrupted;
}

/* Host signal 32 is glibc's SIGCANCEL, which ferry itself never uses (no
 * pthread_cancel, no SIGEV_THREAD timers) and never carries for the guest
 * (syscalls/linux/signal.c); glibc's sigaction refuses it, so the kernel's
 * is called directly with its x86-64 layout (arch/x86/include/asm/
 * signal.h: handler, flags, restorer, mask). */
#define WAKE_SIGNAL 32
#define K_SA_RESTORER 0x04000000ul

static void (*wake_fn)(const siginfo_t *si);

static void wake_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	wake_fn(si);
	safe_syscall_rewind(uc);
}

void safe_syscall_wake_init(void (*on_wake)(const siginfo_t *si))
{
	wake_fn = on_wake;
	struct {
		void (*handler)(int, siginfo_t *, void *);
		unsigned long flags;
		void (*restorer)(void);
		uint64_t mask;
	} ka = { wake_handler, SA_SIGINFO | SA_RESTART | K_SA_RESTORER, safe_syscall_restorer, ~0ull };

	syscall(SYS_rt_sigaction, WAKE_SIGNAL, &ka, NULL, 8);
}

void safe_syscall_wake(int tid)
{
	syscall(SYS_tgkill, getpid(), tid, WAKE_SIGNAL);
}

void safe_syscall_wake_ignore(int ignore)
{
	struct {
		void (*handler)(int);
		unsigned long flags;
		void (*restorer)(void);
		uint64_t mask;
	} ka = { SIG_IGN, K_SA_RESTORER, safe_syscall_restorer, 0 };

	if (!ignore) {
		safe_syscall_wake_init(wake_fn);
		return;
	}
	syscall(SYS_rt_sigaction, WAKE_SIGNAL, &ka, NULL, 8);
}

#else

const int safe_syscall_exact = 0;

/* The portable fallback: a signal between the test and the call is only
 * seen when the call returns. */
long safe_syscall_base(const volatile int *pending, long nr, ...)
{
	long a[6];
	va_list ap;
	long r;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (*pending)
		return -SAFE_ERESTARTSYS;
	r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	return r < 0 ? -errno : r;
}

void safe_syscall_rewind(void *uc)
{
	(void)uc;
}

void safe_syscall_wake_init(void (*on_wake)(const siginfo_t *si))
{
	(void)on_wake;
}

void safe_syscall_wake(int tid)
{
	(void)tid;
}

void safe_syscall_wake_ignore(int ignore)
{
	(void)ignore;
}

#endif
