/* futex: guest memory is host memory at g2h(), so the host kernel can wait
 * on the guest's words directly.  The op numbers and struct timespec are
 * the same on every 64-bit arch (include/uapi/linux/futex.h). */
#include <errno.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

static int64_t sys_futex(struct vcpu *cpu, const uint64_t *a)
{
	int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
	void *uaddr = guest_buf(a[0], 4, PROT_READ), *uaddr2 = NULL;
	const void *timeout = NULL;
	unsigned long val2 = 0;

	if (!uaddr || (a[0] & 3))
		return a[0] & 3 ? -EINVAL : -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
	case FUTEX_WAIT_REQUEUE_PI:
		/* the fourth argument is a timeout */
		if (a[3] && !(timeout = guest_buf(a[3], sizeof(struct timespec), PROT_READ)))
			return -EFAULT;
		break;
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
	case FUTEX_WAKE_OP:
		/* the fourth argument is a count */
		val2 = (unsigned long)a[3];
		break;
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	default:
		return -ENOSYS;
	}
	if (cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI ||
	    cmd == FUTEX_WAKE_OP || cmd == FUTEX_WAIT_REQUEUE_PI) {
		if (!(uaddr2 = guest_buf(a[4], 4, PROT_READ | PROT_WRITE)))
			return -EFAULT;
	}
	/* waits: a timed one is not restarted after a handler
	 * (kernel/futex/waitwake.c, futex_wait: -ERESTART_RESTARTBLOCK) */
	if (timeout)
		return safe_sys_nohand(SYS_futex, uaddr, op, (unsigned)a[2], timeout, uaddr2, (unsigned)a[5]);
	return safe_sys(SYS_futex, uaddr, op, (unsigned)a[2], val2, uaddr2, (unsigned)a[5]);
}

const struct linux_sys_impl linux_futex_impls[] = {
	SYS_IMPL(futex),
	{ 0, NULL },
};
