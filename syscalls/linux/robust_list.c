/* Robust futexes: when a thread dies, the kernel walks the list the thread
 * registered with set_robust_list and marks every futex the thread still
 * owned with FUTEX_OWNER_DIED, waking a waiter, so that the next
 * pthread_mutex_lock returns EOWNERDEAD (kernel/futex/core.c,
 * exit_robust_list and handle_futex_death).  The host kernel cannot do it
 * for the guest: the list holds guest pointers.  So ferry walks it when a
 * guest thread exits and, for every thread, when the process ends.  A
 * process killed by SIGKILL gets no such walk (documented). */
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"

/* The kernel stops after this many entries, so a cyclic list ends. */
#define ROBUST_LIST_LIMIT 2048

/* struct robust_list_head { struct robust_list *next; long futex_offset;
 * struct robust_list *list_op_pending; } (uapi/linux/futex.h): three
 * words of the guest's pointer size. */
static bool read_word(uint64_t g, unsigned size, uint64_t *out)
{
	uint32_t w32;

	if (size == 8)
		return mem_read(out, g, 8) == 0;
	if (mem_read(&w32, g, 4) < 0)
		return false;
	*out = w32;
	return true;
}

static void wake_one(void *w)
{
	/* Not FUTEX_PRIVATE: the kernel wakes with a shared key, which also
	 * finds waiters of a process-shared mutex in MAP_SHARED memory. */
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void futex_death(uint64_t uaddr, int tid, bool pi, bool pending)
{
	if (uaddr & 3)
		return;
	_Atomic uint32_t *w = mem_access(uaddr, 4, PROT_READ | PROT_WRITE);
	if (!w)
		return;
	uint32_t uval = atomic_load(w), mval;
	do {
		/* An unlock that had stored 0 but not yet woken anyone when the
		 * thread died: the waiter it owed a wake-up gets one. */
		if (pending && !pi && uval == 0) {
			wake_one(w);
			return;
		}
		if ((uval & FUTEX_TID_MASK) != (uint32_t)tid)
			return;
		mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	} while (!atomic_compare_exchange_weak(w, &uval, mval));
	/* PI waiters are handed the lock by the host kernel when the host
	 * thread that owned it exits (exit_pi_state_list). */
	if (!pi && (uval & FUTEX_WAITERS))
		wake_one(w);
}

void linux_robust_list_release(uint64_t head, uint64_t len, int tid)
{
	unsigned size = len == 24 ? 8 : 4;
	uint64_t entry, offset, pending, next;

	if (!head || !read_word(head, size, &entry) || !read_word(head + size, size, &offset) ||
	    !read_word(head + 2 * size, size, &pending))
		return;
	if (size == 4)
		offset = (uint64_t)(int64_t)(int32_t)offset;
	bool pi = entry & 1, pending_pi = pending & 1;
	entry &= ~1ull;
	pending &= ~1ull;
	for (unsigned n = 0; entry != head && n < ROBUST_LIST_LIMIT; n++) {
		bool ok = read_word(entry, size, &next);
		if (entry != pending)
			futex_death(entry + offset, tid, pi, false);
		if (!ok)
			return;
		pi = next & 1;
		entry = next & ~1ull;
	}
	if (pending)
		futex_death(pending + offset, tid, pending_pi, true);
}
