/* Files and directories by name, and file metadata. */
#include <errno.h>
#include <fcntl.h>
#include <linux/stat.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/mem.h"
#include "core/vcpu.h"
#include "syscalls/linux/guest_stat.h"

/* asm-generic/statfs.h on a 64-bit arch is x86-64's struct statfs (x86-64
 * uses the generic header too): copied through. */
_Static_assert(sizeof(struct statfs) == 120, "struct statfs is the generic 64-bit layout");
/* struct statx (include/uapi/linux/stat.h) is the same on every arch. */
_Static_assert(sizeof(struct statx) == 256, "struct statx");
/* struct timespec[2] of utimensat: two 64-bit fields on both sides. */
_Static_assert(sizeof(struct timespec) == 16, "struct timespec");

int linux_stat_to_guest(struct vcpu *cpu, uint64_t g, const struct stat *st)
{
	struct guest_stat_generic gs;

	if (cpu->fe->linux->stat_layout != LINUX_STAT_GENERIC)
		return -ENOSYS; /* LINUX_STAT_X86_32 is not written yet */
	memset(&gs, 0, sizeof gs);
	gs.st_dev = st->st_dev;
	gs.st_ino = st->st_ino;
	gs.st_mode = st->st_mode;
	gs.st_nlink = (uint32_t)st->st_nlink;
	gs.st_uid = st->st_uid;
	gs.st_gid = st->st_gid;
	gs.st_rdev = st->st_rdev;
	gs.st_size = st->st_size;
	gs.st_blksize = (int32_t)st->st_blksize;
	gs.st_blocks = st->st_blocks;
	gs.st_atime_sec = st->st_atim.tv_sec;
	gs.st_atime_nsec = (uint64_t)st->st_atim.tv_nsec;
	gs.st_mtime_sec = st->st_mtim.tv_sec;
	gs.st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec;
	gs.st_ctime_sec = st->st_ctim.tv_sec;
	gs.st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec;
	return mem_write(g, &gs, sizeof gs);
}

static int64_t sys_fstat(struct vcpu *cpu, const uint64_t *a)
{
	struct stat st;

	if (fstat((int)a[0], &st) < 0)
		return -errno;
	return linux_stat_to_guest(cpu, a[1], &st);
}

static int64_t sys_newfstatat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	struct stat st;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	if (fstatat((int)a[0], p.host, &st, (int)a[3]) < 0)
		return -errno;
	return linux_stat_to_guest(cpu, a[2], &st);
}

static int64_t sys_statx(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	void *buf;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	if (!(buf = guest_buf(a[4], sizeof(struct statx), PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_statx, (int)a[0], p.host, (int)a[2], (unsigned)a[3], buf));
}

static int64_t sys_statfs(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	void *buf;
	int r = linux_path(a[0], &p);

	if (r < 0)
		return r;
	if (!(buf = guest_buf(a[1], sizeof(struct statfs), PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_statfs, p.host, buf));
}

static int64_t sys_fstatfs(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[1], sizeof(struct statfs), PROT_WRITE);

	if (!buf)
		return -EFAULT;
	return host_ret(syscall(SYS_fstatfs, (int)a[0], buf));
}

static int64_t sys_openat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p), flags;

	if (r < 0)
		return r;
	flags = linux_open_flags_in(cpu, (int)a[2]);
	r = linux_proc_open(cpu, p.guest, flags);
	if (r != LINUX_PROC_HOST)
		return r;
	return safe_sys(SYS_openat, (int)a[0], p.host, flags, (mode_t)a[3]);
}

/* struct open_how { u64 flags, mode, resolve; } (include/uapi/linux/openat2.h):
 * sizes up to the one known are taken, larger ones must be zero-extended. */
static int64_t sys_openat2(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	uint64_t how[3] = { 0 };
	int r;

	if (a[3] < 24)
		return -EINVAL;
	if (mem_read(how, a[2], sizeof how) < 0)
		return -EFAULT;
	for (uint64_t off = 24; off < a[3]; off++) {
		uint8_t c;
		if (mem_read(&c, a[2] + off, 1) < 0)
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	if ((r = linux_path(a[1], &p)) < 0)
		return r;
	how[0] = (uint64_t)(unsigned)linux_open_flags_in(cpu, (int)how[0]) | (how[0] & ~0xffffffffULL);
	r = linux_proc_open(cpu, p.guest, (int)how[0]);
	if (r != LINUX_PROC_HOST)
		return r;
	return safe_sys(SYS_openat2, (int)a[0], p.host, how, sizeof how);
}

static int64_t sys_faccessat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_faccessat, (int)a[0], p.host, (int)a[2]));
}

static int64_t sys_faccessat2(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_faccessat2, (int)a[0], p.host, (int)a[2], (int)a[3]));
}

/* Copies a link target the way readlink(2) does: no NUL, truncated. */
static int64_t put_link(uint64_t buf, uint64_t size, const char *target)
{
	size_t n = strlen(target);

	if ((int64_t)size <= 0)
		return -EINVAL;
	if (n > size)
		n = (size_t)size;
	if (mem_write(buf, target, n) < 0)
		return -EFAULT;
	return (int64_t)n;
}

static int64_t sys_readlinkat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	const char *what;
	void *buf;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	if (linux_proc_self(p.guest, &what) && strcmp(what, "exe") == 0 && linux_exe_path())
		return put_link(a[2], a[3], linux_exe_path());
	if ((int64_t)a[3] <= 0)
		return -EINVAL;
	if (!(buf = guest_buf(a[2], a[3], PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_readlinkat, (int)a[0], p.host, buf, (size_t)a[3]));
}

static int64_t sys_mkdirat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_mkdirat, (int)a[0], p.host, (mode_t)a[2]));
}

static int64_t sys_mknodat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_mknodat, (int)a[0], p.host, (mode_t)a[2], (unsigned)a[3]));
}

static int64_t sys_unlinkat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_unlinkat, (int)a[0], p.host, (int)a[2]));
}

/* The target is stored as written: only the new link's path is looked up. */
static int64_t sys_symlinkat(struct vcpu *cpu, const uint64_t *a)
{
	const char *target = mem_string(a[0], 4096);
	struct linux_path p;
	int r;

	if (!target)
		return -EFAULT;
	if ((r = linux_path(a[2], &p)) < 0)
		return r;
	return host_ret(syscall(SYS_symlinkat, target, (int)a[1], p.host));
}

static int64_t sys_linkat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path from, to;
	int r;

	if ((r = linux_path(a[1], &from)) < 0 || (r = linux_path(a[3], &to)) < 0)
		return r;
	return host_ret(syscall(SYS_linkat, (int)a[0], from.host, (int)a[2], to.host, (int)a[4]));
}

static int64_t sys_renameat2(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path from, to;
	int r;

	if ((r = linux_path(a[1], &from)) < 0 || (r = linux_path(a[3], &to)) < 0)
		return r;
	return host_ret(syscall(SYS_renameat2, (int)a[0], from.host, (int)a[2], to.host, (unsigned)a[4]));
}

static int64_t sys_renameat(struct vcpu *cpu, const uint64_t *a)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };

	return sys_renameat2(cpu, b);
}

static int64_t sys_fchmod(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fchmod, (int)a[0], (mode_t)a[1]));
}

static int64_t sys_fchmodat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_fchmodat, (int)a[0], p.host, (mode_t)a[2]));
}

static int64_t sys_fchown(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fchown, (int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

static int64_t sys_fchownat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[1], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_fchownat, (int)a[0], p.host, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

/* A NULL path means the file dirfd itself (futimens). */
static int64_t sys_utimensat(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	const char *path = NULL;
	const void *times = NULL;
	int r;

	if (a[1]) {
		if ((r = linux_path(a[1], &p)) < 0)
			return r;
		path = p.host;
	}
	if (a[2] && !(times = guest_buf(a[2], 2 * sizeof(struct timespec), PROT_READ)))
		return -EFAULT;
	return host_ret(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

static int64_t sys_truncate(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_truncate, p.host, (off_t)a[1]));
}

static int64_t sys_getcwd(struct vcpu *cpu, const uint64_t *a)
{
	void *buf = guest_buf(a[0], a[1], PROT_WRITE);

	if (!buf)
		return -EFAULT;
	return host_ret(syscall(SYS_getcwd, buf, (size_t)a[1]));
}

static int64_t sys_chdir(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	if (r < 0)
		return r;
	return host_ret(syscall(SYS_chdir, p.host));
}

static int64_t sys_fchdir(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_fchdir, (int)a[0]));
}

static int64_t sys_umask(struct vcpu *cpu, const uint64_t *a)
{
	return umask((mode_t)a[0] & 0777);
}

const struct linux_sys_impl linux_fs_impls[] = {
	SYS_IMPL(fstat),     SYS_IMPL(newfstatat), SYS_IMPL(statx),	SYS_IMPL(statfs),    SYS_IMPL(fstatfs),
	SYS_IMPL(openat),    SYS_IMPL(openat2),	   SYS_IMPL(faccessat),  SYS_IMPL(faccessat2), SYS_IMPL(readlinkat), SYS_IMPL(mkdirat),
	SYS_IMPL(mknodat),   SYS_IMPL(unlinkat),   SYS_IMPL(symlinkat), SYS_IMPL(linkat),    SYS_IMPL(renameat),
	SYS_IMPL(renameat2), SYS_IMPL(fchmod),	   SYS_IMPL(fchmodat),	SYS_IMPL(fchown),    SYS_IMPL(fchownat),
	SYS_IMPL(utimensat), SYS_IMPL(truncate),   SYS_IMPL(getcwd),	SYS_IMPL(chdir),     SYS_IMPL(fchdir),
	SYS_IMPL(umask),     { 0, NULL },
};
