/* ioctl: only requests whose number and argument layout are the same for the
 * guest and the host go through; anything else is -ENOSYS with a trace note.
 * riscv64 and aarch64 use asm-generic/ioctls.h and asm-generic/termbits.h,
 * as x86-64 does, so the host's constants and structs are the guest's. */
#include <asm/ioctls.h>
#include <asm/termios.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* The kernel's struct termios (not glibc's): 4 flag words, c_line, 19 c_cc. */
_Static_assert(sizeof(struct termios) == 36 && NCCS == 19, "asm-generic struct termios");
_Static_assert(sizeof(struct termios2) == 44, "asm-generic struct termios2");
_Static_assert(sizeof(struct winsize) == 8, "struct winsize");
_Static_assert(TCGETS == 0x5401 && TIOCGWINSZ == 0x5413 && FIONREAD == 0x541B, "asm-generic ioctl numbers");

enum arg_kind {
	ARG_VALUE, /* the argument is a plain integer (or unused) */
	ARG_IN,    /* points to size bytes the kernel reads */
	ARG_OUT,   /* points to size bytes the kernel writes */
};

struct ioctl_pass {
	unsigned req;
	enum arg_kind kind;
	unsigned size;
};

static const struct ioctl_pass passes[] = {
	{ TCGETS, ARG_OUT, sizeof(struct termios) },
	{ TCSETS, ARG_IN, sizeof(struct termios) },
	{ TCSETSW, ARG_IN, sizeof(struct termios) },
	{ TCSETSF, ARG_IN, sizeof(struct termios) },
	{ TCGETS2, ARG_OUT, sizeof(struct termios2) },
	{ TCSETS2, ARG_IN, sizeof(struct termios2) },
	{ TCSETSW2, ARG_IN, sizeof(struct termios2) },
	{ TCSETSF2, ARG_IN, sizeof(struct termios2) },
	{ TIOCGWINSZ, ARG_OUT, sizeof(struct winsize) },
	{ TIOCSWINSZ, ARG_IN, sizeof(struct winsize) },
	{ FIONREAD, ARG_OUT, sizeof(int) },
	{ TIOCOUTQ, ARG_OUT, sizeof(int) },
	{ FIONBIO, ARG_IN, sizeof(int) },
	{ FIOASYNC, ARG_IN, sizeof(int) },
	{ TIOCGPGRP, ARG_OUT, sizeof(int) },
	{ TIOCSPGRP, ARG_IN, sizeof(int) },
	{ TIOCGSID, ARG_OUT, sizeof(int) },
	{ TIOCGPTN, ARG_OUT, sizeof(unsigned) },
	{ TIOCSPTLCK, ARG_IN, sizeof(int) },
	{ TIOCGPTPEER, ARG_VALUE, 0 },
	{ TIOCSCTTY, ARG_VALUE, 0 },
	{ TIOCNOTTY, ARG_VALUE, 0 },
	{ TCFLSH, ARG_VALUE, 0 },
	{ TCXONC, ARG_VALUE, 0 },
	{ TCSBRK, ARG_VALUE, 0 },
	{ TCSBRKP, ARG_VALUE, 0 },
	{ FIOCLEX, ARG_VALUE, 0 },
	{ FIONCLEX, ARG_VALUE, 0 },
};

static int64_t sys_ioctl(struct vcpu *cpu, const uint64_t *a)
{
	unsigned req = (unsigned)a[1];
	void *p;

	for (size_t i = 0; i < sizeof passes / sizeof passes[0]; i++) {
		const struct ioctl_pass *t = &passes[i];

		if (t->req != req)
			continue;
		if (t->kind == ARG_VALUE)
			return host_ret(syscall(SYS_ioctl, (int)a[0], req, (unsigned long)a[2]));
		p = guest_buf(a[2], t->size, t->kind == ARG_IN ? PROT_READ : PROT_WRITE);
		if (!p)
			return -EFAULT;
		return host_ret(syscall(SYS_ioctl, (int)a[0], req, p));
	}
	if (trace_on(TRACE_SYSCALL | TRACE_UNIMP))
		trace_printf("ferry: ioctl request 0x%x is not translated\n", req);
	return -ENOSYS;
}

const struct linux_sys_impl linux_ioctl_impls[] = {
	SYS_IMPL(ioctl),
	{ 0, NULL },
};
