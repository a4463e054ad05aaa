/* The guest address space (see mem.h for the model). */
#include "mem.h"

/* libbsd's RB_GENERATE_STATIC marks functions __unused, which glibc lacks. */
#ifndef __unused
#define __unused __attribute__((unused))
#endif
#include <bsd/sys/tree.h>
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "tcache.h"

struct guest_space mem;

struct vma {
	RB_ENTRY(vma) link;
	uint64_t start, end;
	int prot;      /* as the guest sees it */
	int flags;     /* MAP_SHARED / MAP_PRIVATE | MAP_ANONYMOUS */
	int fd_backed;
	uint64_t offset, dev, inode;
	char *name;
};

static int vma_cmp(struct vma *a, struct vma *b) { return a->start < b->start ? -1 : a->start > b->start; }
RB_HEAD(vma_tree, vma);
RB_GENERATE_STATIC(vma_tree, vma, link, vma_cmp)

static struct vma_tree vmas = RB_INITIALIZER(&vmas);
static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
/* One bit per guest page: the page holds translated code and is write-protected on the host. */
static uint8_t *code_bits;

#define RESERVE_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)

int mem_init(uint64_t size, uint64_t base_hint)
{
	void *p = mmap((void *)(uintptr_t)base_hint, size, PROT_NONE,
		       RESERVE_FLAGS | (base_hint ? MAP_FIXED_NOREPLACE : 0), -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	if (base_hint && p != (void *)(uintptr_t)base_hint) {
		munmap(p, size);
		return -EEXIST;
	}
	uint64_t npages = size / GUEST_PAGE_SIZE;
	code_bits = mmap(NULL, (npages + 7) / 8, PROT_READ | PROT_WRITE, RESERVE_FLAGS, -1, 0);
	if (code_bits == MAP_FAILED) {
		munmap(p, size);
		return -ENOMEM;
	}
	mem.base = p;
	mem.size = size;
	/* Room for a stack of up to 1/16 of the window (at most 1 GiB) above mmap_top. */
	uint64_t stack_room = size / 16 < (1ULL << 30) ? size / 16 : (1ULL << 30);
	mem.mmap_top = size - stack_room;
	mem.mmap_floor = 0x10000;
	return 0;
}

/* The host never needs PROT_EXEC: guest code is translated, never run. */
static int host_prot(int prot) { return prot & (PROT_READ | PROT_WRITE); }

static struct vma *vma_find(uint64_t g)
{
	struct vma key = {.start = g};
	struct vma *v = RB_NFIND(vma_tree, &vmas, &key);
	if (v && v->start == g)
		return v;
	v = v ? RB_PREV(vma_tree, &vmas, v) : RB_MAX(vma_tree, &vmas);
	return v && g < v->end ? v : NULL;
}

/* First vma ending above g. */
static struct vma *vma_first_after(uint64_t g)
{
	struct vma *v = vma_find(g);
	if (v)
		return v;
	struct vma key = {.start = g};
	return RB_NFIND(vma_tree, &vmas, &key);
}

static bool range_free(uint64_t start, uint64_t end)
{
	struct vma *v = vma_first_after(start);
	return !v || v->start >= end;
}

static void vma_free(struct vma *v)
{
	free(v->name);
	free(v);
}

/* Splits v at g (v->start < g < v->end); returns the upper part. */
static struct vma *vma_split(struct vma *v, uint64_t g)
{
	struct vma *u = malloc(sizeof(*u));
	if (!u)
		ferry_fatal("out of memory");
	*u = *v;
	u->start = g;
	if (u->fd_backed)
		u->offset += g - v->start;
	u->name = v->name ? strdup(v->name) : NULL;
	v->end = g;
	RB_INSERT(vma_tree, &vmas, u);
	return u;
}

/* Removes [start, end) from the table, splitting vmas that straddle it. */
static void vma_remove_range(uint64_t start, uint64_t end)
{
	struct vma *v = vma_first_after(start);
	while (v && v->start < end) {
		struct vma *next = RB_NEXT(vma_tree, &vmas, v);
		if (v->start < start) {
			struct vma *u = vma_split(v, start);
			next = u;
			v = u;
			continue;
		}
		if (v->end > end)
			vma_split(v, end);
		RB_REMOVE(vma_tree, &vmas, v);
		mem.mapped -= v->end - v->start;
		vma_free(v);
		v = next;
	}
}

static struct vma *vma_add(uint64_t start, uint64_t end, int prot, int flags, int fd, uint64_t off)
{
	struct vma *v = calloc(1, sizeof(*v));
	if (!v)
		ferry_fatal("out of memory");
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags & (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS);
	if (fd >= 0 && !(flags & MAP_ANONYMOUS)) {
		struct stat st;
		v->fd_backed = 1;
		v->offset = off;
		if (fstat(fd, &st) == 0) {
			v->dev = st.st_dev;
			v->inode = st.st_ino;
		}
		/* Named by its file, as the kernel shows it in /proc/self/maps. */
		char link[64], path[4096];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, path, sizeof(path) - 1);
		if (n > 0) {
			path[n] = 0;
			v->name = strdup(path);
		}
	} else if ((flags & MAP_SHARED) && (flags & MAP_ANONYMOUS)) {
		/* The kernel backs shared anonymous memory with a shmem file it
		 * names "/dev/zero (deleted)" (mm/shmem.c shmem_zero_setup);
		 * the host made one for this mapping: its device and inode come
		 * through map_files (where the host allows it). */
		char link[96];
		struct stat st;
		snprintf(link, sizeof(link), "/proc/self/map_files/%lx-%lx", (unsigned long)g2h(start),
			 (unsigned long)g2h(end));
		if (stat(link, &st) == 0) {
			v->dev = st.st_dev;
			v->inode = st.st_ino;
		}
		v->name = strdup("/dev/zero (deleted)");
	}
	RB_INSERT(vma_tree, &vmas, v);
	mem.mapped += end - start;
	if (mem.mapped > mem.mapped_peak)
		mem.mapped_peak = mem.mapped;
	return v;
}

/* Top-down search for a free range of len bytes below mmap_top. */
static int64_t find_free(uint64_t len)
{
	uint64_t end = mem.mmap_top;
	struct vma key = {.start = end};
	struct vma *v = RB_NFIND(vma_tree, &vmas, &key);
	v = v ? RB_PREV(vma_tree, &vmas, v) : RB_MAX(vma_tree, &vmas);
	for (;;) {
		uint64_t lo = v ? v->end : mem.mmap_floor;
		if (lo < mem.mmap_floor)
			lo = mem.mmap_floor;
		if (lo <= end && end - lo >= len)
			return (int64_t)(end - len);
		if (!v)
			return -ENOMEM;
		if (v->start < end)
			end = v->start;
		v = RB_PREV(vma_tree, &vmas, v);
	}
}

static void clear_code_bits(uint64_t start, uint64_t end)
{
	for (uint64_t p = start / GUEST_PAGE_SIZE; p < end / GUEST_PAGE_SIZE; p++)
		code_bits[p >> 3] &= (uint8_t) ~(1u << (p & 7));
}

static bool any_code_bits(uint64_t start, uint64_t end)
{
	for (uint64_t p = start / GUEST_PAGE_SIZE; p < (end + GUEST_PAGE_SIZE - 1) / GUEST_PAGE_SIZE; p++)
		if (code_bits[p >> 3] & (1u << (p & 7)))
			return true;
	return false;
}

/* Translations of [start, end) are stale: drop them and un-protect the pages. */
static void code_changed(uint64_t start, uint64_t end)
{
	if (any_code_bits(start, end)) {
		clear_code_bits(start, end);
		tcache_request_flush();
	}
	tcache_invalidate_range(start, end);
}

int64_t mem_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, off_t off)
{
	if (len == 0)
		return -EINVAL;
	if (len > mem.size)
		return -ENOMEM;
	len = PAGE_UP(len);
	if (off & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed && (addr & (GUEST_PAGE_SIZE - 1)))
		return -EINVAL;
	pthread_mutex_lock(&mem_lock);
	int64_t where;
	if (fixed) {
		if (!mem_in_window(addr, len)) {
			pthread_mutex_unlock(&mem_lock);
			return -ENOMEM;
		}
		if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_free(addr, addr + len)) {
			pthread_mutex_unlock(&mem_lock);
			return -EEXIST;
		}
		where = (int64_t)addr;
	} else {
		addr = PAGE_DOWN(addr);
		if (addr >= mem.mmap_floor && mem_in_window(addr, len) && range_free(addr, addr + len))
			where = (int64_t)addr;
		else
			where = find_free(len);
		if (where < 0) {
			pthread_mutex_unlock(&mem_lock);
			return where;
		}
	}
	int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_32BIT | MAP_EXECUTABLE |
				MAP_DENYWRITE | MAP_LOCKED | MAP_POPULATE)) | MAP_FIXED;
	void *p = mmap(g2h((uint64_t)where), len, host_prot(prot), hflags, fd, off);
	if (p == MAP_FAILED) {
		int e = errno;
		pthread_mutex_unlock(&mem_lock);
		return -e;
	}
	code_changed((uint64_t)where, (uint64_t)where + len);
	vma_remove_range((uint64_t)where, (uint64_t)where + len);
	vma_add((uint64_t)where, (uint64_t)where + len, prot, flags, fd, (uint64_t)off);
	pthread_mutex_unlock(&mem_lock);
	return where;
}

/* Gives pages back to the host but keeps them reserved. */
static int release(uint64_t start, uint64_t len)
{
	void *p = mmap(g2h(start), len, PROT_NONE, RESERVE_FLAGS | MAP_FIXED, -1, 0);
	return p == MAP_FAILED ? -errno : 0;
}

int mem_munmap(uint64_t addr, uint64_t len)
{
	if ((addr & (GUEST_PAGE_SIZE - 1)) || len == 0)
		return -EINVAL;
	len = PAGE_UP(len);
	if (!mem_in_window(addr, len))
		return -EINVAL;
	pthread_mutex_lock(&mem_lock);
	code_changed(addr, addr + len);
	vma_remove_range(addr, addr + len);
	int r = release(addr, len);
	pthread_mutex_unlock(&mem_lock);
	return r;
}

/* True if every page of [start, end) is mapped. */
static bool range_mapped(uint64_t start, uint64_t end)
{
	uint64_t g = start;
	while (g < end) {
		struct vma *v = vma_find(g);
		if (!v)
			return false;
		g = v->end;
	}
	return true;
}

int mem_mprotect(uint64_t addr, uint64_t len, int prot)
{
	if (addr & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_UP(len);
	if (len == 0)
		return 0;
	if (!mem_in_window(addr, len))
		return -ENOMEM;
	pthread_mutex_lock(&mem_lock);
	if (!range_mapped(addr, addr + len)) {
		pthread_mutex_unlock(&mem_lock);
		return -ENOMEM;
	}
	if (mprotect(g2h(addr), len, host_prot(prot)) != 0) {
		int e = errno;
		pthread_mutex_unlock(&mem_lock);
		return -e;
	}
	code_changed(addr, addr + len);
	struct vma *v = vma_find(addr);
	if (v->start < addr)
		v = vma_split(v, addr);
	while (v && v->start < addr + len) {
		if (v->end > addr + len)
			vma_split(v, addr + len);
		v->prot = prot;
		v = RB_NEXT(vma_tree, &vmas, v);
	}
	pthread_mutex_unlock(&mem_lock);
	return 0;
}

int64_t mem_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr)
{
	if ((old & (GUEST_PAGE_SIZE - 1)) || new_len == 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	old_len = PAGE_UP(old_len);
	new_len = PAGE_UP(new_len);
	if (!mem_in_window(old, old_len) || new_len > mem.size)
		return -EFAULT;
	pthread_mutex_lock(&mem_lock);
	struct vma *v = vma_find(old);
	int64_t r;
	if (!v || v->end < old + old_len) {
		r = -EFAULT;
		goto out;
	}
	if (!(flags & MREMAP_FIXED) && new_len <= old_len) {
		if (new_len < old_len) {
			code_changed(old + new_len, old + old_len);
			vma_remove_range(old + new_len, old + old_len);
			release(old + new_len, old_len - new_len);
		}
		r = (int64_t)old;
		goto out;
	}
	/* Grow in place when the pages after are free and the mapping is private
	 * anonymous memory; anything else moves. */
	if (!(flags & MREMAP_FIXED) && mem_in_window(old, new_len) && range_free(old + old_len, old + new_len) &&
	    !(v->flags & MAP_SHARED) && !v->fd_backed) {
		void *p = mmap(g2h(old + old_len), new_len - old_len, host_prot(v->prot),
			       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
			struct vma *u = vma_add(old + old_len, old + new_len, v->prot, v->flags, -1, 0);
			if (v->name)
				u->name = strdup(v->name);
			r = (int64_t)old;
			goto out;
		}
	}
	if (!(flags & MREMAP_MAYMOVE)) {
		r = -ENOMEM;
		goto out;
	}
	uint64_t dst;
	if (flags & MREMAP_FIXED) {
		if ((new_addr & (GUEST_PAGE_SIZE - 1)) || !mem_in_window(new_addr, new_len) ||
		    (new_addr < old + old_len && old < new_addr + new_len)) {
			r = -EINVAL;
			goto out;
		}
		dst = new_addr;
	} else {
		int64_t f = find_free(new_len);
		if (f < 0) {
			r = f;
			goto out;
		}
		dst = (uint64_t)f;
	}
	void *p = mremap(g2h(old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dst));
	if (p == MAP_FAILED) {
		r = -errno;
		goto out;
	}
	/* The host unmapped the old range: take it back into the reservation. */
	release(old, old_len);
	struct vma saved = *v;
	char *name = v->name ? strdup(v->name) : NULL;
	code_changed(old, old + old_len);
	code_changed(dst, dst + new_len);
	vma_remove_range(old, old + old_len);
	vma_remove_range(dst, dst + new_len);
	struct vma *u = vma_add(dst, dst + new_len, saved.prot, saved.flags, -1, 0);
	u->fd_backed = saved.fd_backed;
	u->offset = saved.offset + (old - saved.start);
	u->dev = saved.dev;
	u->inode = saved.inode;
	free(u->name); /* vma_add's own, for shared anonymous memory */
	u->name = name;
	r = (int64_t)dst;
out:
	pthread_mutex_unlock(&mem_lock);
	return r;
}

int mem_madvise(uint64_t addr, uint64_t len, int advice)
{
	if (addr & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_UP(len);
	if (!mem_in_window(addr, len))
		return -EINVAL;
	pthread_mutex_lock(&mem_lock);
	bool mapped = range_mapped(addr, addr + len);
	pthread_mutex_unlock(&mem_lock);
	if (!mapped)
		return -ENOMEM;
	return madvise(g2h(addr), len, advice) ? -errno : 0;
}

int mem_msync(uint64_t addr, uint64_t len, int flags)
{
	if (addr & (GUEST_PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_UP(len);
	if (!mem_in_window(addr, len))
		return -ENOMEM;
	pthread_mutex_lock(&mem_lock);
	bool mapped = range_mapped(addr, addr + len);
	pthread_mutex_unlock(&mem_lock);
	if (!mapped)
		return -ENOMEM;
	return msync(g2h(addr), len, flags) ? -errno : 0;
}

void mem_set_brk(uint64_t start)
{
	mem.brk_start = mem.brk_cur = start;
}

uint64_t mem_brk(uint64_t newbrk)
{
	if (newbrk < mem.brk_start || !mem_in_window(newbrk, 0))
		return mem.brk_cur;
	uint64_t old_top = PAGE_UP(mem.brk_cur), new_top = PAGE_UP(newbrk);
	if (new_top > old_top) {
		int64_t r = mem_mmap(old_top, new_top - old_top, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (r < 0)
			return mem.brk_cur;
		mem_set_name(old_top, "[heap]");
	} else if (new_top < old_top) {
		mem_munmap(new_top, old_top - new_top);
	}
	/* Memory given back and taken again reads as zeros, as from the kernel. */
	if (newbrk > mem.brk_cur && mem.brk_cur < old_top)
		memset(g2h(mem.brk_cur), 0, (newbrk < old_top ? newbrk : old_top) - mem.brk_cur);
	mem.brk_cur = newbrk;
	return newbrk;
}

void mem_set_name(uint64_t addr, const char *name)
{
	pthread_mutex_lock(&mem_lock);
	struct vma *v = vma_find(addr);
	if (v) {
		free(v->name);
		v->name = strdup(name);
	}
	pthread_mutex_unlock(&mem_lock);
}

/* Called from the fault handler too, under the lock: a concurrent munmap
 * in another thread rebalances the tree and frees nodes, which a lock-free
 * walk could trip over.  Taking the mutex there is safe because a guest
 * fault interrupts guest code, which never holds mem_lock (mem_read and
 * mem_write copy after releasing it). */
int mem_prot_at(uint64_t g)
{
	pthread_mutex_lock(&mem_lock);
	struct vma *v = vma_find(g);
	int prot = v ? v->prot : -1;
	pthread_mutex_unlock(&mem_lock);
	return prot;
}

void *mem_access(uint64_t g, uint64_t len, int prot)
{
	if (!mem_in_window(g, len))
		return NULL;
	if (len == 0)
		return g2h(g);
	pthread_mutex_lock(&mem_lock);
	uint64_t p = g;
	while (p < g + len) {
		struct vma *v = vma_find(p);
		if (!v || (v->prot & prot) != prot) {
			pthread_mutex_unlock(&mem_lock);
			return NULL;
		}
		p = v->end;
	}
	if ((prot & PROT_WRITE) && any_code_bits(g, g + len)) {
		for (uint64_t pg = PAGE_DOWN(g); pg < g + len; pg += GUEST_PAGE_SIZE)
			mprotect(g2h(pg), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
		clear_code_bits(PAGE_DOWN(g), PAGE_UP(g + len));
		tcache_request_flush();
	}
	pthread_mutex_unlock(&mem_lock);
	return g2h(g);
}

const char *mem_string(uint64_t g, size_t max)
{
	uint64_t p = g;
	while (p - g < max) {
		if (!mem_in_window(p, 1))
			return NULL;
		pthread_mutex_lock(&mem_lock);
		struct vma *v = vma_find(p);
		int ok = v && (v->prot & PROT_READ);
		uint64_t end = ok ? v->end : 0; /* v may be freed once unlocked */
		pthread_mutex_unlock(&mem_lock);
		if (!ok)
			return NULL;
		uint64_t chunk = end - p;
		if (chunk > max - (p - g))
			chunk = max - (p - g);
		if (memchr(g2h(p), 0, chunk))
			return (const char *)g2h(g);
		p += chunk;
	}
	return NULL;
}

int mem_read(void *dst, uint64_t g, size_t len)
{
	void *h = mem_access(g, len, PROT_READ);
	if (!h)
		return -EFAULT;
	memcpy(dst, h, len);
	return 0;
}

int mem_write(uint64_t g, const void *src, size_t len)
{
	void *h = mem_access(g, len, PROT_WRITE);
	if (!h)
		return -EFAULT;
	memcpy(h, src, len);
	return 0;
}

/* Under the lock, copy included: another thread's munmap neither changes
 * the tree under the walk nor takes the bytes away before they are read. */
int mem_fetch(uint64_t g, void *dst, size_t len)
{
	uint64_t p = g;
	int r = 0;

	pthread_mutex_lock(&mem_lock);
	while (p < g + len) {
		if (!mem_in_window(p, 1)) {
			r = SEGV_MAPERR;
			break;
		}
		struct vma *v = vma_find(p);
		if (!v) {
			r = SEGV_MAPERR;
			break;
		}
		if (!(v->prot & PROT_EXEC)) {
			r = SEGV_ACCERR;
			break;
		}
		p = v->end;
	}
	if (!r)
		memcpy(dst, g2h(g), len);
	pthread_mutex_unlock(&mem_lock);
	return r;
}

/* Around a fork: the child must not inherit the lock held by a thread
 * that does not exist there (see tcache.c, fork_prepare). */
void mem_fork_lock(void) { pthread_mutex_lock(&mem_lock); }
void mem_fork_unlock(void) { pthread_mutex_unlock(&mem_lock); }

void mem_protect_code(uint64_t page)
{
	pthread_mutex_lock(&mem_lock);
	uint64_t p = page / GUEST_PAGE_SIZE;
	struct vma *v = vma_find(page);
	if (v && (v->prot & PROT_WRITE) && !(code_bits[p >> 3] & (1u << (p & 7)))) {
		code_bits[p >> 3] |= (uint8_t)(1u << (p & 7));
		mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ);
	}
	pthread_mutex_unlock(&mem_lock);
}

/* From the SIGSEGV handler: async-signal-safe (bit test, mprotect). */
bool mem_code_write_fault(uint64_t g)
{
	if (!mem_in_window(g, 1))
		return false;
	uint64_t p = g / GUEST_PAGE_SIZE;
	if (!(code_bits[p >> 3] & (1u << (p & 7))))
		return false;
	code_bits[p >> 3] &= (uint8_t) ~(1u << (p & 7));
	mprotect(g2h(PAGE_DOWN(g)), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
	tcache_request_flush();
	return true;
}

void mem_foreach(void (*fn)(const struct mem_region *r, void *ctx), void *ctx)
{
	pthread_mutex_lock(&mem_lock);
	struct vma *v;
	RB_FOREACH(v, vma_tree, &vmas)
	{
		struct mem_region r = {v->start, v->end, v->prot, v->flags, v->offset, v->dev, v->inode, v->name};
		fn(&r, ctx);
	}
	pthread_mutex_unlock(&mem_lock);
}
