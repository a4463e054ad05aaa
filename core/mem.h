/* The guest address space: one reserved window of host memory.
 *
 * Guest address g lives at host address mem.base + g, for g < mem.size.  The
 * whole window is reserved PROT_NONE at start-up, so nothing of ferry's (code,
 * heap, caches, thread stacks) can ever be inside it, and a guest mapping can
 * never cover ferry's memory.  A 32-bit guest gets a 4 GiB window, so every
 * 32-bit address is valid by construction.  Mappings are kept in a red-black
 * tree (libbsd sys/tree.h) with the protections the guest asked for; the host
 * protection may be stricter (pages holding translated code are write-protected
 * to catch self-modifying code).
 */
#ifndef FERRY_MEM_H
#define FERRY_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define GUEST_PAGE_SIZE 4096ULL
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
#define PAGE_UP(x) (((x) + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK)
#define PAGE_DOWN(x) ((x) & GUEST_PAGE_MASK)

struct guest_space {
	uint8_t *base;       /* host address of guest 0 */
	uint64_t size;       /* window size; guest addresses are below it */
	uint64_t mmap_top;   /* top-down search for mmap(NULL) starts below this */
	uint64_t mmap_floor; /* mmap(NULL) never goes below this */
	uint64_t brk_start, brk_cur, brk_max;
	uint64_t mapped, mapped_peak; /* bytes of guest mappings now and at most (VmSize, VmPeak) */
};
extern struct guest_space mem;

/* Reserves the window.  size is a power of two; base_hint 0 lets the host pick.
 * Returns 0 or -errno. */
int mem_init(uint64_t size, uint64_t base_hint);

static inline void *g2h(uint64_t g) { return mem.base + g; }
static inline uint64_t h2g(const void *h) { return (uint64_t)((const uint8_t *)h - mem.base); }
static inline bool mem_in_window(uint64_t g, uint64_t len)
{
	return g < mem.size && len <= mem.size - g;
}

/* Mapping calls with Linux semantics; prot/flags are host PROT_* / MAP_*.
 * Return the guest address or a negative errno. */
int64_t mem_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, off_t off);
int mem_munmap(uint64_t addr, uint64_t len);
int mem_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t mem_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);
int mem_madvise(uint64_t addr, uint64_t len, int advice);
int mem_msync(uint64_t addr, uint64_t len, int flags);
uint64_t mem_brk(uint64_t newbrk);
/* Sets the initial program break (end of the highest loaded segment). */
void mem_set_brk(uint64_t start);
/* Names a mapping for /proc/self/maps ("[stack]", a file path). */
void mem_set_name(uint64_t addr, const char *name);

/* Guest protection of the page holding g, or -1 if unmapped. */
int mem_prot_at(uint64_t g);
/* Checks that [g, g+len) is mapped with at least prot (PROT_READ/WRITE/EXEC).
 * For writes, write-protected code pages in the range are released (and
 * their translations dropped) first.  Returns the host pointer or NULL. */
void *mem_access(uint64_t g, uint64_t len, int prot);
/* A NUL-terminated guest string of at most max bytes, or NULL (EFAULT). */
const char *mem_string(uint64_t g, size_t max);
int mem_read(void *dst, uint64_t g, size_t len);        /* 0 or -EFAULT */
int mem_write(uint64_t g, const void *src, size_t len); /* 0 or -EFAULT */
/* Reads code for the translator: needs PROT_EXEC.  Returns 0, or the si_code
 * (SEGV_MAPERR / SEGV_ACCERR) of the fault. */
int mem_fetch(uint64_t g, void *dst, size_t len);

/* Self-modifying code: a page that holds translated code is write-protected on
 * the host.  A guest write to it faults; mem_code_write_fault() releases the
 * page and reports whether the fault was ours. */
void mem_protect_code(uint64_t page);
/* Held across fork() so the child gets the memory map unlocked. */
void mem_fork_lock(void);
void mem_fork_unlock(void);
bool mem_code_write_fault(uint64_t g);

/* Iterates over the mappings in address order (for /proc/self/maps). */
struct mem_region {
	uint64_t start, end;
	int prot;
	int flags;      /* MAP_SHARED / MAP_PRIVATE / MAP_ANONYMOUS */
	uint64_t offset;
	uint64_t dev, inode;
	const char *name;
};
void mem_foreach(void (*fn)(const struct mem_region *r, void *ctx), void *ctx);

#endif
