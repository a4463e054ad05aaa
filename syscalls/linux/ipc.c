/* SysV IPC: shared memory, semaphores and message queues are the host's.
 *
 * Layouts (include/uapi/asm-generic/{ipcbuf,shmbuf,sembuf,msgbuf}.h for
 * riscv64 and aarch64, arch/x86/include/uapi/asm/ for the host): ipc64_perm
 * lines up (x86-64's 16-bit mode_t is followed by padding where the generic
 * one is 32 bits, little-endian either way), shmid64_ds and msqid64_ds are
 * the generic ones on x86-64 too, so they pass through.  Only semid64_ds
 * differs: x86-64 pads sem_otime and sem_ctime with an unused long each.
 * seminfo, shminfo64, shm_info, msginfo, sembuf and msgbuf are the same.
 *
 * shmat maps the segment inside the guest window: the range is claimed as
 * a shared mapping through core/mem.c (so /proc/self/maps lists it, named
 * as the kernel names it) and the host segment is attached over it. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/mem.h"
#include "core/vcpu.h"

/* The kernel's sizes of the structures that pass through (64-bit). */
#define SHMID64_DS_SIZE 112
#define SHMINFO64_SIZE 72
#define SHM_INFO_SIZE 48
#define MSQID64_DS_SIZE 120
#define MSGINFO_SIZE 32
#define SEMINFO_SIZE 40
_Static_assert(sizeof(struct shmid_ds) == SHMID64_DS_SIZE, "shmid64_ds");
_Static_assert(sizeof(struct msqid_ds) == MSQID64_DS_SIZE, "msqid64_ds");
_Static_assert(sizeof(struct sembuf) == 6, "sembuf");

#define IPC_PERM_SIZE 48
struct guest_semid64_ds {
	uint8_t perm[IPC_PERM_SIZE];
	int64_t otime, ctime;
	uint64_t nsems, unused3, unused4;
};
struct host_semid64_ds {
	uint8_t perm[IPC_PERM_SIZE];
	int64_t otime;
	uint64_t unused1;
	int64_t ctime;
	uint64_t unused2;
	uint64_t nsems, unused3, unused4;
};
_Static_assert(sizeof(struct guest_semid64_ds) == 88, "asm-generic semid64_ds");
_Static_assert(sizeof(struct host_semid64_ds) == 104, "x86-64 semid64_ds");

/* The command bits of a *ctl call without IPC_64 (which the generic and
 * x86-64 kernels reject alike, so it goes through as it is). */
#define CTL_CMD(c) ((int)(c) & ~0x100)

/* ---- shared memory ---- */

/* Attached segments, for shmdt's length.  Inherited by a fork's child with
 * the rest of the memory, as the kernel copies the mappings. */
#define MAX_ATTACH 256
static struct {
	uint64_t g, len;
} attached[MAX_ATTACH];
static pthread_mutex_t attach_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t sys_shmget(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_shmget, (key_t)a[0], (size_t)a[1], (int)a[2]));
}

static int64_t sys_shmat(struct vcpu *cpu, const uint64_t *a)
{
	int id = (int)a[0], flg = (int)a[2];
	uint64_t addr = a[1], len;
	int prot = PROT_READ | (flg & SHM_RDONLY ? 0 : PROT_WRITE) | (flg & SHM_EXEC ? PROT_EXEC : 0);
	struct shmid_ds ds;
	char name[48];
	int64_t g;
	int slot = -1;

	if (syscall(SYS_shmctl, id, IPC_STAT, &ds) < 0)
		return errno == EACCES ? -EACCES : -EINVAL;
	len = PAGE_UP(ds.shm_segsz);
	/* do_shmat: SHMLBA is the page size for both guests */
	if (addr & (GUEST_PAGE_SIZE - 1)) {
		if (!(flg & SHM_RND))
			return -EINVAL;
		addr = PAGE_DOWN(addr);
	}
	if (!addr && (flg & SHM_REMAP))
		return -EINVAL;
	pthread_mutex_lock(&attach_lock);
	for (int i = 0; i < MAX_ATTACH && slot < 0; i++)
		if (!attached[i].len)
			slot = i;
	if (slot < 0) {
		pthread_mutex_unlock(&attach_lock);
		return -EMFILE; /* the kernel's limit is SHMSEG; ours is the table */
	}
	/* without SHM_REMAP an occupied range is EINVAL (do_mmap's -EEXIST) */
	g = mem_mmap(addr, len, prot, MAP_SHARED | MAP_ANONYMOUS | (addr ? (flg & SHM_REMAP ? MAP_FIXED : MAP_FIXED_NOREPLACE) : 0), -1, 0);
	if (g < 0) {
		pthread_mutex_unlock(&attach_lock);
		return g == -EEXIST ? -EINVAL : g;
	}
	if (syscall(SYS_shmat, id, g2h((uint64_t)g), (flg & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP) == -1) {
		int e = errno;

		mem_munmap((uint64_t)g, len);
		pthread_mutex_unlock(&attach_lock);
		return -e;
	}
	attached[slot].g = (uint64_t)g;
	attached[slot].len = len;
	pthread_mutex_unlock(&attach_lock);
	/* as /proc/<pid>/maps shows a segment (ipc/shm.c names its file) */
	snprintf(name, sizeof name, "/SYSV%08x (deleted)", (unsigned)ds.shm_perm.__key);
	mem_set_name((uint64_t)g, name);
	return g;
}

static int64_t sys_shmdt(struct vcpu *cpu, const uint64_t *a)
{
	uint64_t g = a[0];
	int64_t r = -EINVAL;

	if (g & (GUEST_PAGE_SIZE - 1) || !mem_in_window(g, 1))
		return -EINVAL;
	pthread_mutex_lock(&attach_lock);
	for (int i = 0; i < MAX_ATTACH; i++) {
		if (attached[i].g != g || !attached[i].len)
			continue;
		/* the host says whether a segment is still attached there (a
		 * munmap may have removed it) */
		r = host_ret(syscall(SYS_shmdt, g2h(g)));
		if (r == 0)
			mem_munmap(g, attached[i].len);
		attached[i].len = 0;
		break;
	}
	pthread_mutex_unlock(&attach_lock);
	return r;
}

static int64_t sys_shmctl(struct vcpu *cpu, const uint64_t *a)
{
	int id = (int)a[0], cmd = (int)a[1];
	uint64_t size;
	int prot;
	void *buf;

	switch (CTL_CMD(cmd)) {
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return host_ret(syscall(SYS_shmctl, id, cmd, NULL));
	case IPC_SET: size = SHMID64_DS_SIZE, prot = PROT_READ; break;
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY: size = SHMID64_DS_SIZE, prot = PROT_WRITE; break;
	case IPC_INFO: size = SHMINFO64_SIZE, prot = PROT_WRITE; break;
	case SHM_INFO: size = SHM_INFO_SIZE, prot = PROT_WRITE; break;
	default: return -EINVAL;
	}
	if (!(buf = guest_buf(a[2], size, prot)))
		return -EFAULT;
	return host_ret(syscall(SYS_shmctl, id, cmd, buf));
}

/* ---- semaphores ---- */

static int64_t sys_semget(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_semget, (key_t)a[0], (int)a[1], (int)a[2]));
}

static int64_t semop_common(const uint64_t *a, uint64_t gtimeout)
{
	struct sembuf *sops;
	struct timespec *ts = NULL;

	/* an unreadable array goes to the host as NULL: it checks nsops
	 * (EINVAL, E2BIG) before it reads, and then says EFAULT */
	sops = a[2] <= 0x10000 ? guest_buf(a[1], a[2] * sizeof *sops, PROT_READ) : NULL;
	if (gtimeout && !(ts = guest_buf(gtimeout, sizeof *ts, PROT_READ)))
		return -EFAULT;
	/* ipc/sem.c: a signal ends the wait with EINTR after a handler */
	return safe_sys_nohand(SYS_semtimedop, (int)a[0], sops, (size_t)a[2], ts);
}

static int64_t sys_semop(struct vcpu *cpu, const uint64_t *a)
{
	return semop_common(a, 0);
}

static int64_t sys_semtimedop(struct vcpu *cpu, const uint64_t *a)
{
	return semop_common(a, a[3]);
}

static int64_t sys_semctl(struct vcpu *cpu, const uint64_t *a)
{
	int id = (int)a[0], num = (int)a[1], cmd = (int)a[2];
	struct host_semid64_ds h;
	struct guest_semid64_ds gs;
	int64_t r;
	void *buf;

	switch (CTL_CMD(cmd)) {
	case IPC_RMID:
	case GETPID:
	case GETVAL:
	case GETNCNT:
	case GETZCNT:
		return host_ret(syscall(SYS_semctl, id, num, cmd, 0));
	case SETVAL: /* union semun by value: the int */
		return host_ret(syscall(SYS_semctl, id, num, cmd, (unsigned long)(int)a[3]));
	case IPC_INFO:
	case SEM_INFO:
		if (!(buf = guest_buf(a[3], SEMINFO_SIZE, PROT_WRITE)))
			return -EFAULT;
		return host_ret(syscall(SYS_semctl, id, num, cmd, buf));
	case GETALL:
	case SETALL:
		/* an array of nsems unsigned shorts */
		if (syscall(SYS_semctl, id, 0, IPC_STAT | (cmd & 0x100), &h) < 0)
			return -errno;
		if (!(buf = guest_buf(a[3], h.nsems * sizeof(unsigned short),
				      CTL_CMD(cmd) == GETALL ? PROT_WRITE : PROT_READ)))
			return -EFAULT;
		return host_ret(syscall(SYS_semctl, id, num, cmd, buf));
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		r = host_ret(syscall(SYS_semctl, id, num, cmd, &h));
		if (r < 0)
			return r;
		memcpy(gs.perm, h.perm, sizeof gs.perm);
		gs.otime = h.otime;
		gs.ctime = h.ctime;
		gs.nsems = h.nsems;
		gs.unused3 = gs.unused4 = 0;
		return mem_write(a[3], &gs, sizeof gs) < 0 ? -EFAULT : r;
	case IPC_SET:
		if (mem_read(&gs, a[3], sizeof gs) < 0)
			return -EFAULT;
		memset(&h, 0, sizeof h);
		memcpy(h.perm, gs.perm, sizeof h.perm);
		h.otime = gs.otime;
		h.ctime = gs.ctime;
		h.nsems = gs.nsems;
		return host_ret(syscall(SYS_semctl, id, num, cmd, &h));
	default:
		return -EINVAL;
	}
}

/* ---- message queues ---- */

static int64_t sys_msgget(struct vcpu *cpu, const uint64_t *a)
{
	return host_ret(syscall(SYS_msgget, (key_t)a[0], (int)a[1]));
}

/* struct msgbuf { long mtype; char mtext[]; } is the same on both sides */
static int64_t sys_msgsnd(struct vcpu *cpu, const uint64_t *a)
{
	void *msg;

	if ((int64_t)a[2] < 0)
		return -EINVAL;
	if (!(msg = guest_buf(a[1], 8 + a[2], PROT_READ)))
		return -EFAULT;
	return safe_sys_nohand(SYS_msgsnd, (int)a[0], msg, (size_t)a[2], (int)a[3]);
}

static int64_t sys_msgrcv(struct vcpu *cpu, const uint64_t *a)
{
	void *msg;

	if ((int64_t)a[2] < 0)
		return -EINVAL;
	if (!(msg = guest_buf(a[1], 8 + a[2], PROT_WRITE)))
		return -EFAULT;
	return safe_sys_nohand(SYS_msgrcv, (int)a[0], msg, (size_t)a[2], (long)a[3], (int)a[4]);
}

static int64_t sys_msgctl(struct vcpu *cpu, const uint64_t *a)
{
	int id = (int)a[0], cmd = (int)a[1];
	uint64_t size;
	int prot;
	void *buf;

	switch (CTL_CMD(cmd)) {
	case IPC_RMID: return host_ret(syscall(SYS_msgctl, id, cmd, NULL));
	case IPC_SET: size = MSQID64_DS_SIZE, prot = PROT_READ; break;
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY: size = MSQID64_DS_SIZE, prot = PROT_WRITE; break;
	case IPC_INFO:
	case MSG_INFO: size = MSGINFO_SIZE, prot = PROT_WRITE; break;
	default: return -EINVAL;
	}
	if (!(buf = guest_buf(a[2], size, prot)))
		return -EFAULT;
	return host_ret(syscall(SYS_msgctl, id, cmd, buf));
}

const struct linux_sys_impl linux_ipc_impls[] = {
	SYS_IMPL(shmget), SYS_IMPL(shmat),  SYS_IMPL(shmdt),      SYS_IMPL(shmctl), SYS_IMPL(semget),
	SYS_IMPL(semop),  SYS_IMPL(semctl), SYS_IMPL(semtimedop), SYS_IMPL(msgget), SYS_IMPL(msgsnd),
	SYS_IMPL(msgrcv), SYS_IMPL(msgctl), { 0, NULL },
};
