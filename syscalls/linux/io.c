/* File descriptors: reading, writing, seeking, duplicating, fcntl.
 * Guest fds are host fds. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* struct iovec is {void *, size_t} on both sides, but iov_base is a guest
 * address: every vector is rebuilt with host pointers. */
_Static_assert(sizeof(struct iovec) == 16, "struct iovec");
/* struct flock: asm-generic/fcntl.h with 64-bit off_t, the same on x86-64. */
_Static_assert(sizeof(struct flock) == 32 && offsetof(struct flock, l_start) == 8 &&
		       offsetof(struct flock, l_pid) == 24,
	       "struct flock");
/* struct f_owner_ex {int type; pid_t pid;} */
_Static_assert(sizeof(struct f_owner_ex) == 8, "struct f_owner_ex");

static int64_t sys_read(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[1], a[2], PROT_WRITE);

	if (!buf)
		return -EFAULT;
	return safe_sys(SYS_read, (int)a[0], buf, (size_t)a[2]);
}

static int64_t sys_write(struct vcpu *cpu, const uint64_t *a)
{
	const void *buf = guest_buf(a[1], a[2], PROT_READ);

	if (!buf)
		return -EFAULT;
	return safe_sys(SYS_write, (int)a[0], buf, (size_t)a[2]);
}

static int64_t sys_pread64(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[1], a[2], PROT_WRITE);

	if (!buf)
		return -EFAULT;
	return safe_sys(SYS_pread64, (int)a[0], buf, (size_t)a[2], (off_t)a[3]);
}

static int64_t sys_pwrite64(struct vcpu *cpu, const uint64_t *a)
{
	const void *buf = guest_buf(a[1], a[2], PROT_READ);

	if (!buf)
		return -EFAULT;
	return safe_sys(SYS_pwrite64, (int)a[0], buf, (size_t)a[2], (off_t)a[3]);
}

int linux_iov_import(struct iovec *host, uint64_t g, uint64_t cnt, int prot)
{
	const uint64_t *gv;

	if (cnt > IOV_MAX)
		return -EINVAL;
	if (!(gv = guest_buf(g, cnt * 16, PROT_READ)))
		return -EFAULT;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t base = gv[2 * i], len = gv[2 * i + 1];

		if ((int64_t)len < 0)
			return -EINVAL;
		if (!(host[i].iov_base = guest_buf(base, len, prot)))
			return -EFAULT;
		host[i].iov_len = (size_t)len;
	}
	return (int)cnt;
}

static int64_t vector_io(long nr, const uint64_t *a, int prot, int nargs)
{
	struct iovec iov[IOV_MAX];
	int n = linux_iov_import(iov, a[1], (uint64_t)(int)a[2], prot);

	if (n < 0)
		return n;
	switch (nargs) {
	case 3: return safe_sys(nr, (int)a[0], iov, n);
	case 5: return safe_sys(nr, (int)a[0], iov, n, (long)a[3], (long)a[4]);
	default: return safe_sys(nr, (int)a[0], iov, n, (long)a[3], (long)a[4], (int)a[5]);
	}
}

/* preadv/pwritev take the offset split in two longs (pos_l, pos_h); on a
 * 64-bit guest pos_l holds it all and pos_h is passed as given, as the
 * x86-64 kernel expects too. */
static int64_t sys_readv(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_readv, a, PROT_WRITE, 3); }
static int64_t sys_writev(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_writev, a, PROT_READ, 3); }
static int64_t sys_preadv(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_preadv, a, PROT_WRITE, 5); }
static int64_t sys_pwritev(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_pwritev, a, PROT_READ, 5); }
static int64_t sys_preadv2(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_preadv2, a, PROT_WRITE, 6); }
static int64_t sys_pwritev2(struct vcpu *cpu, const uint64_t *a) { return vector_io(SYS_pwritev2, a, PROT_READ, 6); }

static int64_t sys_lseek(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_lseek, (int)a[0], (off_t)a[1], (int)a[2]));
}

/* struct linux_dirent64 {u64 ino; s64 off; u16 reclen; u8 type; char name[]}
 * is arch-independent: the buffer is filled in place. */
_Static_assert(offsetof(struct dirent64, d_off) == 8 && offsetof(struct dirent64, d_reclen) == 16 &&
		       offsetof(struct dirent64, d_type) == 18 && offsetof(struct dirent64, d_name) == 19,
	       "struct linux_dirent64");
static int64_t sys_getdents64(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[1], (unsigned)a[2], PROT_WRITE);

	if (!buf)
		return -EFAULT;
	return host_ret(syscall(SYS_getdents64, (int)a[0], buf, (unsigned)a[2]));
}

static int64_t sys_close(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_close, (int)a[0]));
}

static int64_t sys_close_range(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_close_range, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
}

static int64_t sys_dup(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_dup, (int)a[0]));
}

static int64_t sys_dup3(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_dup3, (int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_pipe2(struct vcpu *cpu, const uint64_t *a)
{
	int *fds = guest_buf(a[0], 2 * sizeof(int), PROT_WRITE);

	if (!fds)
		return -EFAULT;
	return host_ret(syscall(SYS_pipe2, fds, linux_open_flags_in(cpu, (int)a[1])));
}

static int64_t sys_fcntl(struct vcpu *cpu, const uint64_t *a)
{
	int fd = (int)a[0], cmd = (int)a[1];
	size_t len;
	void *p;

	switch (cmd) {
	case F_GETFL: {
		long r = syscall(SYS_fcntl, fd, cmd);
		return r < 0 ? -errno : linux_open_flags_out(cpu, (int)r);
	}
	case F_SETFL:
		return host_ret(syscall(SYS_fcntl, fd, cmd, linux_open_flags_in(cpu, (int)a[2])));
	case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
	case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG: case F_SETLEASE: case F_GETLEASE:
	case F_NOTIFY: case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
		return host_ret(syscall(SYS_fcntl, fd, cmd, (long)a[2]));
	case F_GETLK: case F_SETLK: case F_SETLKW: case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		len = sizeof(struct flock);
		break;
	case F_GETOWN_EX: case F_SETOWN_EX:
		len = sizeof(struct f_owner_ex);
		break;
	case F_GET_RW_HINT: case F_SET_RW_HINT: case F_GET_FILE_RW_HINT: case F_SET_FILE_RW_HINT:
		len = sizeof(uint64_t);
		break;
	default:
		if (trace_on(TRACE_UNIMP))
			trace_printf("ferry: fcntl command %d not known\n", cmd);
		return -EINVAL;
	}
	if (!(p = guest_buf(a[2], len, PROT_READ | PROT_WRITE)))
		return -EFAULT;
	return safe_sys(SYS_fcntl, fd, cmd, p); /* F_SETLKW waits */
}

static int64_t sys_flock(struct vcpu *cpu, const uint64_t *a)
{
	return safe_sys(SYS_flock, (int)a[0], (int)a[1]);
}

static int64_t sys_sync(struct vcpu *cpu, const uint64_t *a)
{
	sync();
	return 0;
}

static int64_t sys_syncfs(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_syncfs, (int)a[0]));
}

static int64_t sys_fsync(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fsync, (int)a[0]));
}

static int64_t sys_fdatasync(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fdatasync, (int)a[0]));
}

static int64_t sys_ftruncate(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_ftruncate, (int)a[0], (off_t)a[1]));
}

static int64_t sys_fallocate(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fallocate, (int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

static int64_t sys_fadvise64(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fadvise64, (int)a[0], (off_t)a[1], (size_t)a[2], (int)a[3]));
}

static int64_t sys_sendfile(struct vcpu *cpu, const uint64_t *a)
{
	void *off = NULL;

	if (a[2] && !(off = guest_buf(a[2], sizeof(int64_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	return safe_sys(SYS_sendfile, (int)a[0], (int)a[1], off, (size_t)a[3]);
}

static int64_t sys_copy_file_range(struct vcpu *cpu, const uint64_t *a)
{
	void *off_in = NULL, *off_out = NULL;

	if (a[1] && !(off_in = guest_buf(a[1], sizeof(int64_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	if (a[3] && !(off_out = guest_buf(a[3], sizeof(int64_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_copy_file_range, (int)a[0], off_in, (int)a[2], off_out, (size_t)a[4],
				(unsigned)a[5]));
}

static int64_t sys_splice(struct vcpu *cpu, const uint64_t *a)
{
	void *off_in = NULL, *off_out = NULL;

	if (a[1] && !(off_in = guest_buf(a[1], sizeof(int64_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	if (a[3] && !(off_out = guest_buf(a[3], sizeof(int64_t), PROT_READ | PROT_WRITE)))
		return -EFAULT;
	return safe_sys(SYS_splice, (int)a[0], off_in, (int)a[2], off_out, (size_t)a[4], (unsigned)a[5]);
}

static int64_t sys_vmsplice(struct vcpu *cpu, const uint64_t *a)
{
	struct iovec iov[IOV_MAX];
	/* Into the pipe (its write end) the buffers are only read, so they may
	 * be read-only memory; out of it (the read end) they are written. */
	int fl = fcntl((int)a[0], F_GETFL);

	if (fl < 0)
		return -errno;
	int n = linux_iov_import(iov, a[1], a[2], (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ);

	if (n < 0)
		return n;
	return safe_sys(SYS_vmsplice, (int)a[0], iov, (unsigned long)n, (unsigned)a[3]);
}

static int64_t sys_tee(struct vcpu *cpu, const uint64_t *a)
{
	return safe_sys(SYS_tee, (int)a[0], (int)a[1], (size_t)a[2], (unsigned)a[3]);
}

static int64_t sys_readahead(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_readahead, (int)a[0], (off_t)a[1], (size_t)a[2]));
}

static int64_t sys_sync_file_range(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_sync_file_range, (int)a[0], (off_t)a[1], (off_t)a[2], (unsigned)a[3]));
}

const struct linux_sys_impl linux_io_impls[] = {
	SYS_IMPL(read),	       SYS_IMPL(write),	      SYS_IMPL(pread64),    SYS_IMPL(pwrite64),	 SYS_IMPL(readv),
	SYS_IMPL(writev),      SYS_IMPL(preadv),      SYS_IMPL(pwritev),    SYS_IMPL(preadv2),	 SYS_IMPL(pwritev2),
	SYS_IMPL(lseek),       SYS_IMPL(getdents64),  SYS_IMPL(close),	    SYS_IMPL(close_range), SYS_IMPL(dup),
	SYS_IMPL(dup3),	       SYS_IMPL(pipe2),	      SYS_IMPL(fcntl),	    SYS_IMPL(flock),	 SYS_IMPL(sync),
	SYS_IMPL(syncfs),      SYS_IMPL(fsync),	      SYS_IMPL(fdatasync),  SYS_IMPL(ftruncate), SYS_IMPL(fallocate),
	SYS_IMPL(fadvise64),   SYS_IMPL(sendfile),    SYS_IMPL(copy_file_range), SYS_IMPL(splice),
	SYS_IMPL(tee),	       SYS_IMPL(readahead),   SYS_IMPL(sync_file_range), SYS_IMPL(vmsplice),
	{ 0, NULL },
};
