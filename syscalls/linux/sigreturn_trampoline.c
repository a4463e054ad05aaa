/* The sigreturn trampoline page (linux_signal.h): ferry maps no vDSO, so a
 * handler without sa_restorer returns through this page instead. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/mman.h>

#include "syscalls/linux/linux_signal.h"
#include "core/mem.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool tried;
static uint64_t trampoline; /* written once, under the lock, before tried */

static uint64_t map(const void *code, size_t len)
{
	int64_t g;

	if (len > GUEST_PAGE_SIZE)
		return 0;
	g = mem_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g < 0)
		return 0;
	if (mem_write((uint64_t)g, code, len) < 0 || mem_mprotect((uint64_t)g, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0) {
		mem_munmap((uint64_t)g, GUEST_PAGE_SIZE);
		return 0;
	}
	mem_set_name((uint64_t)g, "[vdso]");
	return (uint64_t)g;
}

uint64_t linux_sigreturn_trampoline(const void *code, size_t len)
{
	if (atomic_load(&tried))
		return trampoline;
	pthread_mutex_lock(&lock);
	if (!atomic_load(&tried)) {
		trampoline = map(code, len);
		atomic_store(&tried, true);
	}
	pthread_mutex_unlock(&lock);
	return trampoline;
}
