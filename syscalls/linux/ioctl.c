/* ioctl: only requests whose number and argument layout are the same for the
 * guest and the host go through; anything else is -ENOSYS with a trace note.
 * riscv64 and aarch64 use asm-generic/ioctls.h and asm-generic/termbits.h,
 * as x86-64 does, and are LP64 like it, so the host's constants and structs
 * (struct ifreq's 40 bytes too) are the guest's.  A 32-bit guest's ifreq
 * and ifconf are smaller: that ABI needs its own sizes here. */
#include <asm/ioctls.h>
#include <asm/termios.h>
#include <errno.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <string.h>
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
_Static_assert(sizeof(struct ifreq) == 40 && sizeof(struct ifconf) == 16, "LP64 struct ifreq, ifconf");
_Static_assert(TCGETS == 0x5401 && TIOCGWINSZ == 0x5413 && FIONREAD == 0x541B, "asm-generic ioctl numbers");

enum arg_kind {
	ARG_VALUE, /* the argument is a plain integer (or unused) */
	ARG_IN,    /* points to size bytes the kernel reads */
	ARG_OUT,   /* points to size bytes the kernel writes */
	ARG_INOUT, /* both: a struct ifreq names the interface and gets the answer */
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
	{ FIOQSIZE, ARG_OUT, sizeof(long long) },
	{ FIOGETOWN, ARG_OUT, sizeof(int) },
	{ FIOSETOWN, ARG_IN, sizeof(int) },
	{ TIOCEXCL, ARG_VALUE, 0 },
	{ TIOCNXCL, ARG_VALUE, 0 },
	{ TIOCGEXCL, ARG_OUT, sizeof(int) },
	{ TIOCGETD, ARG_OUT, sizeof(int) },
	{ TIOCSETD, ARG_IN, sizeof(int) },
	{ TIOCPKT, ARG_IN, sizeof(int) },
	{ TIOCGPKT, ARG_OUT, sizeof(int) },
	{ TIOCGPTLCK, ARG_OUT, sizeof(int) },
	{ TIOCMGET, ARG_OUT, sizeof(int) },
	{ TIOCMSET, ARG_IN, sizeof(int) },
	{ TIOCMBIS, ARG_IN, sizeof(int) },
	{ TIOCMBIC, ARG_IN, sizeof(int) },
	{ TIOCSTI, ARG_IN, 1 },
	{ TIOCCONS, ARG_VALUE, 0 },
	/* sockets (linux/sockios.h) */
	{ SIOCATMARK, ARG_OUT, sizeof(int) },
	{ SIOCGPGRP, ARG_OUT, sizeof(int) },
	{ SIOCSPGRP, ARG_IN, sizeof(int) },
	{ SIOCGSTAMP_OLD, ARG_OUT, 16 },   /* struct timeval, 64-bit */
	{ SIOCGSTAMPNS_OLD, ARG_OUT, 16 }, /* struct timespec, 64-bit */
	/* network interfaces: a struct ifreq in and out */
	{ SIOCGIFNAME, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFINDEX, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFFLAGS, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCSIFFLAGS, ARG_IN, sizeof(struct ifreq) },
	{ SIOCGIFADDR, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFDSTADDR, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFBRDADDR, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFNETMASK, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFMTU, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCSIFMTU, ARG_IN, sizeof(struct ifreq) },
	{ SIOCGIFHWADDR, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFTXQLEN, ARG_INOUT, sizeof(struct ifreq) },
	{ SIOCGIFMETRIC, ARG_INOUT, sizeof(struct ifreq) },
	/* files and block devices (linux/fs.h) */
	{ FIGETBSZ, ARG_OUT, sizeof(int) },
	{ FS_IOC_GETFLAGS, ARG_OUT, sizeof(int) },
	{ FS_IOC_SETFLAGS, ARG_IN, sizeof(int) },
	{ FICLONE, ARG_VALUE, 0 },
	{ FICLONERANGE, ARG_IN, sizeof(struct file_clone_range) },
	{ BLKGETSIZE64, ARG_OUT, sizeof(unsigned long long) },
	{ BLKSSZGET, ARG_OUT, sizeof(int) },
	{ RNDGETENTCNT, ARG_OUT, sizeof(int) },
};

/* SIOCGIFCONF: struct ifconf holds a pointer to the guest's array of
 * struct ifreq (or NULL, to ask for the length it needs). */
static int64_t ifconf(int fd, uint64_t g)
{
	struct ifconf *gc = guest_buf(g, sizeof *gc, PROT_READ | PROT_WRITE), hc;
	uint64_t buf;

	if (!gc)
		return -EFAULT;
	memcpy(&hc, gc, sizeof hc);
	buf = (uint64_t)(uintptr_t)hc.ifc_buf;
	if (buf) {
		if (hc.ifc_len < 0)
			return -EINVAL;
		hc.ifc_buf = guest_buf(buf, (uint64_t)hc.ifc_len, PROT_WRITE);
		if (!hc.ifc_buf && hc.ifc_len)
			return -EFAULT;
	}
	if (syscall(SYS_ioctl, fd, SIOCGIFCONF, &hc) < 0)
		return -errno;
	gc->ifc_len = hc.ifc_len; /* the pointer stays the guest's */
	return 0;
}

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
		p = guest_buf(a[2], t->size,
			      t->kind == ARG_IN ? PROT_READ : t->kind == ARG_OUT ? PROT_WRITE : PROT_READ | PROT_WRITE);
		if (!p)
			return -EFAULT;
		return host_ret(syscall(SYS_ioctl, (int)a[0], req, p));
	}
	if (req == SIOCGIFCONF)
		return ifconf((int)a[0], a[2]);
	if (trace_on(TRACE_SYSCALL | TRACE_UNIMP))
		trace_printf("ferry: ioctl request 0x%x is not translated\n", req);
	return -ENOSYS;
}

const struct linux_sys_impl linux_ioctl_impls[] = {
	SYS_IMPL(ioctl),
	{ 0, NULL },
};
