/* Sockets.  The socket address structs, struct msghdr, struct cmsghdr and
 * the SOL_SOCKET option numbers and layouts of the generic 64-bit ABI are
 * x86-64's (asm-generic/socket.h, include/uapi/linux/socket.h), so only the
 * guest pointers inside struct msghdr need translating. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* struct msghdr with guest pointers. */
struct guest_msghdr {
	uint64_t name;
	uint32_t namelen;
	uint32_t pad1;
	uint64_t iov;
	uint64_t iovlen;
	uint64_t control;
	uint64_t controllen;
	int32_t flags;
	uint32_t pad2;
};
_Static_assert(sizeof(struct guest_msghdr) == 56 && sizeof(struct msghdr) == 56, "struct msghdr");
_Static_assert(offsetof(struct msghdr, msg_control) == offsetof(struct guest_msghdr, control), "msg_control");

static int64_t sys_socket(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_socket, (int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_socketpair(struct vcpu *cpu, const uint64_t *a)
{
	int *sv = guest_buf(a[3], 2 * sizeof(int), PROT_WRITE);

	if (!sv)
		return -EFAULT;
	return host_ret(syscall(SYS_socketpair, (int)a[0], (int)a[1], (int)a[2], sv));
}

/* An address the kernel reads: (pointer, length). */
static int addr_in(uint64_t g, uint64_t len, const void **out)
{
	*out = NULL;
	if ((int)len < 0)
		return -EINVAL;
	if (!g)
		return 0;
	*out = guest_buf(g, (unsigned)len, PROT_READ);
	return *out ? 0 : -EFAULT;
}

/* An address the kernel writes: buffer g, its length at glen (in and out).
 * Both may be NULL together. */
static int addr_out(uint64_t g, uint64_t glen, void **buf, socklen_t **len)
{
	*buf = NULL;
	*len = NULL;
	if (!glen)
		return 0;
	if (!(*len = guest_buf(glen, sizeof(socklen_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	if ((int)**len < 0)
		return -EINVAL;
	if (g && !(*buf = guest_buf(g, **len, PROT_WRITE)))
		return -EFAULT;
	return 0;
}

static int64_t sys_bind(struct vcpu *cpu, const uint64_t *a)
{
	const void *addr;
	int r = addr_in(a[1], a[2], &addr);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_bind, (int)a[0], addr, (socklen_t)a[2]));
}

static int64_t sys_connect(struct vcpu *cpu, const uint64_t *a)
{
	const void *addr;
	int r = addr_in(a[1], a[2], &addr);

	if (r < 0)
		return r;
	return safe_sys(SYS_connect, (int)a[0], addr, (socklen_t)a[2]);
}

static int64_t sys_listen(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_listen, (int)a[0], (int)a[1]));
}

static int64_t sys_accept4(struct vcpu *cpu, const uint64_t *a)
{
	void *addr;
	socklen_t *len;
	int r = addr_out(a[1], a[2], &addr, &len);

	if (r < 0)
		return r;
	return safe_sys(SYS_accept4, (int)a[0], addr, len, (int)a[3]);
}

static int64_t sys_accept(struct vcpu *cpu, const uint64_t *a)
{
	uint64_t b[6] = { a[0], a[1], a[2], 0, 0, 0 };

	return sys_accept4(cpu, b);
}

static int64_t name_call(long nr, const uint64_t *a)
{
	void *addr;
	socklen_t *len;
	int r = addr_out(a[1], a[2], &addr, &len);

	if (r < 0)
		return r;
	if (!len)
		return -EFAULT;
	return host_ret(syscall(nr, (int)a[0], addr, len));
}

static int64_t sys_getsockname(struct vcpu *cpu, const uint64_t *a) { return name_call(SYS_getsockname, a); }
static int64_t sys_getpeername(struct vcpu *cpu, const uint64_t *a) { return name_call(SYS_getpeername, a); }

static int64_t sys_sendto(struct vcpu *cpu, const uint64_t *a)
{
	const void *buf = guest_buf(a[1], a[2], PROT_READ), *addr;
	int r;

	if (!buf)
		return -EFAULT;
	if ((r = addr_in(a[4], a[5], &addr)) < 0)
		return r;
	return safe_sys(SYS_sendto, (int)a[0], buf, (size_t)a[2], (int)a[3], addr, (socklen_t)a[5]);
}

static int64_t sys_recvfrom(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[1], a[2], PROT_WRITE), *addr;
	socklen_t *len;
	int r;

	if (!buf)
		return -EFAULT;
	if ((r = addr_out(a[4], a[5], &addr, &len)) < 0)
		return r;
	return safe_sys(SYS_recvfrom, (int)a[0], buf, (size_t)a[2], (int)a[3], addr, len);
}

static int64_t sys_setsockopt(struct vcpu *cpu, const uint64_t *a)
{
	const void *val = NULL;

	if ((int)a[4] < 0)
		return -EINVAL;
	if (a[3] && !(val = guest_buf(a[3], (unsigned)a[4], PROT_READ)))
		return -EFAULT;
	return host_ret(syscall(SYS_setsockopt, (int)a[0], (int)a[1], (int)a[2], val, (socklen_t)a[4]));
}

static int64_t sys_getsockopt(struct vcpu *cpu, const uint64_t *a)
{
	void *val;
	socklen_t *len;
	int r = addr_out(a[3], a[4], &val, &len);

	if (r < 0)
		return r;
	if (!len)
		return -EFAULT;
	return host_ret(syscall(SYS_getsockopt, (int)a[0], (int)a[1], (int)a[2], val, len));
}

static int64_t sys_shutdown(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_shutdown, (int)a[0], (int)a[1]));
}

/* Builds a host msghdr from the guest's; iov must hold IOV_MAX entries.
 * prot is what the kernel does to the data buffers. */
static int msg_import(struct msghdr *h, struct iovec *iov, const struct guest_msghdr *g, int prot)
{
	int n;

	memset(h, 0, sizeof *h);
	if (g->name && g->namelen) {
		if ((int)g->namelen < 0)
			return -EINVAL;
		if (!(h->msg_name = guest_buf(g->name, g->namelen, prot)))
			return -EFAULT;
		h->msg_namelen = g->namelen;
	}
	if ((n = linux_iov_import(iov, g->iov, g->iovlen, prot)) < 0)
		return n == -EINVAL ? -EMSGSIZE : n;
	h->msg_iov = iov;
	h->msg_iovlen = (size_t)n;
	if (g->control && g->controllen) {
		if (g->controllen > INT_MAX)
			return -ENOBUFS;
		if (!(h->msg_control = guest_buf(g->control, g->controllen, prot)))
			return -EFAULT;
		h->msg_controllen = (size_t)g->controllen;
	}
	h->msg_flags = g->flags;
	return 0;
}

static int64_t sys_sendmsg(struct vcpu *cpu, const uint64_t *a)
{
	struct guest_msghdr g;
	struct iovec iov[IOV_MAX];
	struct msghdr h;
	int r;

	if (mem_read(&g, a[1], sizeof g) < 0)
		return -EFAULT;
	if ((r = msg_import(&h, iov, &g, PROT_READ)) < 0)
		return r;
	return safe_sys(SYS_sendmsg, (int)a[0], &h, (int)a[2]);
}

static int64_t sys_recvmsg(struct vcpu *cpu, const uint64_t *a)
{
	struct guest_msghdr g;
	struct iovec iov[IOV_MAX];
	struct msghdr h;
	long n;
	int r;

	if (mem_read(&g, a[1], sizeof g) < 0)
		return -EFAULT;
	if ((r = msg_import(&h, iov, &g, PROT_WRITE)) < 0)
		return r;
	if ((n = safe_sys(SYS_recvmsg, (int)a[0], &h, (int)a[2])) < 0)
		return n;
	/* the kernel writes back the lengths it used and the flags */
	if (h.msg_name)
		g.namelen = h.msg_namelen;
	g.controllen = h.msg_control ? h.msg_controllen : 0;
	g.flags = h.msg_flags;
	if (mem_write(a[1], &g, sizeof g) < 0)
		return -EFAULT;
	return n;
}

/* struct mmsghdr { struct msghdr msg_hdr; unsigned msg_len; }: 64 bytes.
 * Done one message at a time, as the kernel's loop does; an error after
 * the first message ends the batch with the count so far. */
#define GUEST_MMSG 64

static int64_t mmsg(const uint64_t *a, int send)
{
	unsigned vlen = (unsigned)a[2] > 1024 ? 1024 : (unsigned)a[2];
	int flags = (int)a[3];
	unsigned done = 0;

	for (; done < vlen; done++) {
		uint64_t gm = a[1] + (uint64_t)done * GUEST_MMSG;
		struct guest_msghdr g;
		struct iovec iov[IOV_MAX];
		struct msghdr h;
		uint32_t len;
		long n;
		int r;

		if (mem_read(&g, gm, sizeof g) < 0) {
			r = -EFAULT;
			goto fail;
		}
		if ((r = msg_import(&h, iov, &g, send ? PROT_READ : PROT_WRITE)) < 0)
			goto fail;
		n = safe_sys(send ? SYS_sendmsg : SYS_recvmsg, (int)a[0], &h, flags);
		if (n < 0) {
			r = (int)n;
			goto fail;
		}
		if (!send) {
			if (h.msg_name)
				g.namelen = h.msg_namelen;
			g.controllen = h.msg_control ? h.msg_controllen : 0;
			g.flags = h.msg_flags;
			mem_write(gm, &g, sizeof g);
			/* recvmmsg's MSG_WAITFORONE: only the first waits */
			if (flags & MSG_WAITFORONE)
				flags |= MSG_DONTWAIT;
		}
		len = (uint32_t)n;
		if (mem_write(gm + sizeof g, &len, sizeof len) < 0) {
			r = -EFAULT;
			goto fail;
		}
		continue;
	fail:
		return done ? (int64_t)done : r;
	}
	return done;
}

static int64_t sys_sendmmsg(struct vcpu *cpu, const uint64_t *a) { return mmsg(a, 1); }

/* The timeout (a[4]) is not applied: each receive waits as flags say. */
static int64_t sys_recvmmsg(struct vcpu *cpu, const uint64_t *a)
{
	if (a[4])
		return -ENOSYS;
	return mmsg(a, 0);
}

const struct linux_sys_impl linux_net_impls[] = {
	SYS_IMPL(socket),      SYS_IMPL(socketpair),  SYS_IMPL(bind),	     SYS_IMPL(connect),	   SYS_IMPL(listen),
	SYS_IMPL(accept),      SYS_IMPL(accept4),     SYS_IMPL(getsockname), SYS_IMPL(getpeername), SYS_IMPL(sendto),
	SYS_IMPL(recvfrom),    SYS_IMPL(setsockopt),  SYS_IMPL(getsockopt),  SYS_IMPL(shutdown),   SYS_IMPL(sendmsg),
	SYS_IMPL(recvmsg),     SYS_IMPL(sendmmsg),    SYS_IMPL(recvmmsg),    { 0, NULL },
};
