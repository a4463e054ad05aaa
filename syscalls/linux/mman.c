/* Memory mapping calls, handed to the guest address space (core/mem.c).
 * PROT_*, MAP_*, MREMAP_*, MADV_* and MS_* values of the generic ABI are the
 * x86-64 ones (asm-generic/mman-common.h), except bit 0x40, which is x86's
 * MAP_32BIT and nothing on the generic ABI. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

static int64_t sys_brk(struct vcpu *cpu, const uint64_t *a)
{
	return (int64_t)mem_brk(a[0]);
}

static int64_t sys_mmap(struct vcpu *cpu, const uint64_t *a)
{
	int flags = (int)a[3] & ~MAP_32BIT;

	if (a[5] & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	return mem_mmap(a[0], a[1], (int)a[2], flags, (int)a[4], (off_t)a[5]);
}

static int64_t sys_munmap(struct vcpu *cpu, const uint64_t *a)
{
	return mem_munmap(a[0], a[1]);
}

static int64_t sys_mprotect(struct vcpu *cpu, const uint64_t *a)
{
	return mem_mprotect(a[0], a[1], (int)a[2]);
}

static int64_t sys_mremap(struct vcpu *cpu, const uint64_t *a)
{
	return mem_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

static int64_t sys_madvise(struct vcpu *cpu, const uint64_t *a)
{
	return mem_madvise(a[0], a[1], (int)a[2]);
}

static int64_t sys_msync(struct vcpu *cpu, const uint64_t *a)
{
	return mem_msync(a[0], a[1], (int)a[2]);
}

/* Locking works on the host pages that back the guest range, which must
 * be mapped for the guest (the rest of the window is a host reservation
 * the kernel would happily lock). */
static void *lock_range(uint64_t addr, uint64_t len, size_t *hlen)
{
	uint64_t start = PAGE_DOWN(addr), end = PAGE_UP(addr + len);

	if (end < start || !mem_in_window(start, end - start))
		return NULL;
	*hlen = (size_t)(end - start);
	if (end > start && !mem_access(start, end - start, 0))
		return NULL;
	return g2h(start);
}

static int64_t sys_mlock(struct vcpu *cpu, const uint64_t *a)
{
	size_t len;
	void *p = lock_range(a[0], a[1], &len);

	if (!p)
		return -ENOMEM;
	return mlock(p, len) < 0 ? -errno : 0;
}

static int64_t sys_munlock(struct vcpu *cpu, const uint64_t *a)
{
	size_t len;
	void *p = lock_range(a[0], a[1], &len);

	if (!p)
		return -ENOMEM;
	return munlock(p, len) < 0 ? -errno : 0;
}

static int64_t sys_mlock2(struct vcpu *cpu, const uint64_t *a)
{
	size_t len;
	void *p = lock_range(a[0], a[1], &len);

	if (!p)
		return -ENOMEM;
	return mlock2(p, len, (unsigned)a[2]) < 0 ? -errno : 0;
}

/* One byte per page of the (mapped) guest range, from the host pages. */
static int64_t sys_mincore(struct vcpu *cpu, const uint64_t *a)
{
	size_t len;
	void *p, *vec;

	if (a[0] & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	if (!(p = lock_range(a[0], a[1], &len)))
		return -ENOMEM;
	if (!(vec = guest_buf(a[2], len / GUEST_PAGE_SIZE, PROT_WRITE)))
		return -EFAULT;
	return mincore(p, len, vec) < 0 ? -errno : 0;
}

/* Barriers across the guest's threads are barriers across host threads. */
static int64_t sys_membarrier(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]));
}

const struct linux_sys_impl linux_mman_impls[] = {
	SYS_IMPL(brk),	   SYS_IMPL(mmap),  SYS_IMPL(munmap),  SYS_IMPL(mprotect), SYS_IMPL(mremap),
	SYS_IMPL(madvise), SYS_IMPL(msync), SYS_IMPL(mlock),   SYS_IMPL(munlock),  SYS_IMPL(mlock2),
	SYS_IMPL(mincore), SYS_IMPL(membarrier), { 0, NULL },
};
