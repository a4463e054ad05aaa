/* SysV IPC: shared memory between a fork's parent and child (and in
 * /proc/self/maps until shmdt), semaphores (values, blocking, timeouts,
 * semid_ds), message queues (types, truncation, blocking).  Everything is
 * IPC_PRIVATE and removed with IPC_RMID. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

/* The /proc/self/maps line of the mapping that starts at p, minus the
 * addresses and the inode: "perms offset dev name". */
static void maps_line(const void *p, char *out, size_t n)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	snprintf(out, n, "(none)");
	while (f && fgets(line, sizeof line, f)) {
		unsigned long start;
		char perms[8], name[256] = "";
		if (sscanf(line, "%lx-%*x %7s %*x %*s %*u %255[^\n]", &start, perms, name) >= 2 &&
		    start == (uintptr_t)p) {
			snprintf(out, n, "%s %s", perms, name);
			break;
		}
	}
	if (f)
		fclose(f);
}

static void shm(void)
{
	int id = shmget(IPC_PRIVATE, 3 * 4096 + 100, IPC_CREAT | 0600);
	struct shmid_ds ds;
	char line[300];
	int st;

	char *p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		printf("shmat: %s\n", strerror(errno));
		return;
	}
	shmctl(id, IPC_STAT, &ds);
	printf("shm: size %zu nattch %lu mode %o mine %d\n", ds.shm_segsz, (unsigned long)ds.shm_nattch,
	       ds.shm_perm.mode & 0777, ds.shm_perm.uid == getuid());
	maps_line(p, line, sizeof line);
	printf("shm: maps: %s\n", line);
	strcpy(p, "from the parent");
	p[3 * 4096 + 50] = 7; /* the last page is there, in full */
	pid_t pid = fork();
	if (pid == 0) {
		/* inherited attachment, and a second one of the child's own */
		char *q = shmat(id, NULL, SHM_RDONLY);
		int same = q != (void *)-1 && strcmp(q, "from the parent") == 0;
		strcpy(p + 100, "from the child");
		shmdt(q);
		_exit(same ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	printf("shm: child saw the parent's data: %s; parent sees the child's: %s, %d\n",
	       WEXITSTATUS(st) == 0 ? "yes" : "no", p + 100, p[3 * 4096 + 50]);

	/* at a chosen address (a free one: just unmapped), with SHM_RND */
	char *hole = mmap(NULL, 16 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, 16 * 4096);
	char *q = shmat(id, hole + 4096 + 123, SHM_RND);
	printf("shm: SHM_RND rounds down: %s, shares the data: %s\n", q == hole + 4096 ? "yes" : "no",
	       q != (void *)-1 && strcmp(q, "from the parent") == 0 ? "yes" : "no");
	void *r = shmat(id, hole + 4096 + 123, 0);
	printf("shm: unaligned without SHM_RND: %s\n", r == (void *)-1 && errno == EINVAL ? "EINVAL" : "mapped");
	r = shmat(id, hole + 4096, 0);
	printf("shm: over the first attachment without SHM_REMAP: %s\n", r == (void *)-1 && errno == EINVAL ? "EINVAL" : "mapped");
	shmctl(id, IPC_STAT, &ds);
	printf("shm: nattch %lu\n", (unsigned long)ds.shm_nattch);
	shmdt(q);
	int d1 = shmdt(p);
	int d2 = shmdt(p);
	printf("shm: shmdt: %d, again: %s\n", d1, d2 < 0 && errno == EINVAL ? "EINVAL" : "ok");
	maps_line(p, line, sizeof line);
	printf("shm: after shmdt maps: %s\n", line);
	shmctl(id, IPC_STAT, &ds);
	printf("shm: nattch %lu\n", (unsigned long)ds.shm_nattch);
	int rm = shmctl(id, IPC_RMID, NULL);
	r = shmat(id, NULL, 0);
	printf("shm: IPC_RMID: %d, then shmat: %s\n", rm, r == (void *)-1 && errno == EINVAL ? "EINVAL" : "attached");
}

static void sem(void)
{
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	unsigned short vals[3] = { 1, 5, 0 }, got[3];
	struct semid_ds ds;
	struct sembuf op;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int st, rm;

	semctl(id, 0, SETALL, (union semun){ .array = vals });
	memset(got, 0, sizeof got);
	semctl(id, 0, GETALL, (union semun){ .array = got });
	printf("sem: GETALL %u %u %u\n", got[0], got[1], got[2]);
	semctl(id, 2, SETVAL, (union semun){ .val = 9 });
	printf("sem: GETVAL 2: %d\n", semctl(id, 2, GETVAL));
	op = (struct sembuf){ 1, -3, 0 };
	int so = semop(id, &op, 1);
	printf("sem: semop -3: %d, value %d, GETPID is me: %d\n", so, semctl(id, 1, GETVAL), semctl(id, 1, GETPID) == getpid());
	op = (struct sembuf){ 0, -2, IPC_NOWAIT };
	printf("sem: IPC_NOWAIT: %s\n", semop(id, &op, 1) < 0 && errno == EAGAIN ? "EAGAIN" : "went through");
	op = (struct sembuf){ 0, -2, 0 };
	printf("sem: semtimedop: %s\n", semtimedop(id, &op, 1, &ts) < 0 && errno == EAGAIN ? "EAGAIN" : "went through");
	memset(&ds, 0, sizeof ds);
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	printf("sem: IPC_STAT nsems %lu mode %o mine %d otime set %d ctime set %d\n", (unsigned long)ds.sem_nsems,
	       ds.sem_perm.mode & 0777, ds.sem_perm.uid == getuid(), ds.sem_otime != 0, ds.sem_ctime != 0);
	ds.sem_perm.mode = 0640;
	semctl(id, 0, IPC_SET, (union semun){ .buf = &ds });
	memset(&ds, 0, sizeof ds);
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	printf("sem: after IPC_SET mode %o nsems %lu\n", ds.sem_perm.mode & 0777, (unsigned long)ds.sem_nsems);

	/* a child blocks taking 10 from sem 2 (9) until the parent adds one */
	pid_t pid = fork();
	if (pid == 0) {
		struct sembuf take = { 2, -10, 0 };
		_exit(semop(id, &take, 1) == 0 ? 0 : 1);
	}
	while (semctl(id, 2, GETNCNT) != 1)
		usleep(1000);
	printf("sem: a waiter: GETNCNT %d\n", semctl(id, 2, GETNCNT));
	op = (struct sembuf){ 2, 1, 0 };
	semop(id, &op, 1);
	waitpid(pid, &st, 0);
	printf("sem: the child got it: %s, value now %d\n", WEXITSTATUS(st) == 0 ? "yes" : "no", semctl(id, 2, GETVAL));
	rm = semctl(id, 0, IPC_RMID);
	int v = semctl(id, 0, GETVAL);
	printf("sem: IPC_RMID: %d, then GETVAL: %s\n", rm, v < 0 && errno == EINVAL ? "EINVAL" : "still there");
}

struct msg {
	long type;
	char text[32];
};

static void msg(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct msg m;
	struct msqid_ds ds;
	int st;

	for (int t = 3; t >= 1; t--) {
		m.type = t;
		snprintf(m.text, sizeof m.text, "message of type %d", t);
		msgsnd(id, &m, strlen(m.text) + 1, 0);
	}
	msgctl(id, IPC_STAT, &ds);
	printf("msg: qnum %lu cbytes %lu lspid is me %d mode %o\n", (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.__msg_cbytes, ds.msg_lspid == getpid(), ds.msg_perm.mode & 0777);
	ssize_t n = msgrcv(id, &m, sizeof m.text, 2, 0);
	printf("msg: type 2: %zd '%s'\n", n, m.text);
	n = msgrcv(id, &m, sizeof m.text, -3, 0);
	printf("msg: lowest type <= 3: %ld '%s'\n", m.type, m.text);
	printf("msg: too long: %s\n", msgrcv(id, &m, 4, 0, 0) < 0 && errno == E2BIG ? "E2BIG" : "received");
	n = msgrcv(id, &m, 4, 0, MSG_NOERROR);
	printf("msg: MSG_NOERROR: %zd '%.4s'\n", n, m.text);
	printf("msg: empty: %s\n", msgrcv(id, &m, sizeof m.text, 0, IPC_NOWAIT) < 0 && errno == ENOMSG ? "ENOMSG" : "got one");
	printf("msg: bad buffer: %s\n", msgsnd(id, (void *)8, 10, 0) < 0 && errno == EFAULT ? "EFAULT" : "sent");

	pid_t pid = fork();
	if (pid == 0) {
		usleep(20000);
		m.type = 42;
		strcpy(m.text, "from the child");
		_exit(msgsnd(id, &m, sizeof m.text, 0) == 0 ? 0 : 1);
	}
	n = msgrcv(id, &m, sizeof m.text, 42, 0); /* blocks until the child sends */
	waitpid(pid, &st, 0);
	printf("msg: blocking receive: %zd '%s' child status %d\n", n, m.text, WEXITSTATUS(st));
	int rm = msgctl(id, IPC_RMID, NULL);
	int sent = msgsnd(id, &m, 1, 0);
	printf("msg: IPC_RMID: %d, then msgsnd: %s\n", rm, sent < 0 && errno == EINVAL ? "EINVAL" : "sent");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	shm();
	sem();
	msg();
	return 0;
}
