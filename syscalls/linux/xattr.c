/* Extended attributes: names and values are plain bytes, the same on every
 * arch; only the paths go through the sysroot lookup. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* The kernel's limit on a value (XATTR_SIZE_MAX) and on a list (XATTR_LIST_MAX). */
#define XATTR_MAX 65536

static int64_t get_common(long nr, long target, const uint64_t *a)
{
	const char *name = mem_string(a[1], 256);
	void *val = NULL;
	size_t size = a[3] > XATTR_MAX ? XATTR_MAX : (size_t)a[3];

	if (!name)
		return -EFAULT;
	if (size && !(val = guest_buf(a[2], size, PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(nr, target, name, val, size));
}

static int64_t set_common(long nr, long target, const uint64_t *a)
{
	const char *name = mem_string(a[1], 256);
	const void *val = NULL;

	if (!name)
		return -EFAULT;
	if (a[3] > XATTR_MAX)
		return -E2BIG;
	if (a[3] && !(val = guest_buf(a[2], a[3], PROT_READ)))
		return -EFAULT;
	return host_ret(syscall(nr, target, name, val, (size_t)a[3], (int)a[4]));
}

static int64_t list_common(long nr, long target, const uint64_t *a)
{
	void *list = NULL;
	size_t size = a[2] > XATTR_MAX ? XATTR_MAX : (size_t)a[2];

	if (size && !(list = guest_buf(a[1], size, PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(nr, target, list, size));
}

static int64_t remove_common(long nr, long target, const uint64_t *a)
{
	const char *name = mem_string(a[1], 256);

	if (!name)
		return -EFAULT;
	return host_ret(syscall(nr, target, name));
}

/* The by-path calls look the path up first. */
static int64_t sys_getxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : get_common(SYS_getxattr, (long)p.host, a);
}

static int64_t sys_lgetxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : get_common(SYS_lgetxattr, (long)p.host, a);
}

static int64_t sys_setxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : set_common(SYS_setxattr, (long)p.host, a);
}

static int64_t sys_lsetxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : set_common(SYS_lsetxattr, (long)p.host, a);
}

static int64_t sys_listxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : list_common(SYS_listxattr, (long)p.host, a);
}

static int64_t sys_llistxattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : list_common(SYS_llistxattr, (long)p.host, a);
}

static int64_t sys_removexattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : remove_common(SYS_removexattr, (long)p.host, a);
}

static int64_t sys_lremovexattr(struct vcpu *cpu, const uint64_t *a)
{
	struct linux_path p;
	int r = linux_path(a[0], &p);

	return r < 0 ? r : remove_common(SYS_lremovexattr, (long)p.host, a);
}

static int64_t sys_fgetxattr(struct vcpu *cpu, const uint64_t *a) { return get_common(SYS_fgetxattr, (int)a[0], a); }
static int64_t sys_fsetxattr(struct vcpu *cpu, const uint64_t *a) { return set_common(SYS_fsetxattr, (int)a[0], a); }
static int64_t sys_flistxattr(struct vcpu *cpu, const uint64_t *a) { return list_common(SYS_flistxattr, (int)a[0], a); }
static int64_t sys_fremovexattr(struct vcpu *cpu, const uint64_t *a)
{
	return remove_common(SYS_fremovexattr, (int)a[0], a);
}

const struct linux_sys_impl linux_xattr_impls[] = {
	SYS_IMPL(getxattr),    SYS_IMPL(lgetxattr),    SYS_IMPL(fgetxattr),    SYS_IMPL(setxattr),
	SYS_IMPL(lsetxattr),   SYS_IMPL(fsetxattr),    SYS_IMPL(listxattr),    SYS_IMPL(llistxattr),
	SYS_IMPL(flistxattr),  SYS_IMPL(removexattr),  SYS_IMPL(lremovexattr), SYS_IMPL(fremovexattr),
	{ 0, NULL },
};
