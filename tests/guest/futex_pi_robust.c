/* Priority-inheritance and robust mutexes, which glibc builds on
 * FUTEX_LOCK_PI/UNLOCK_PI/TRYLOCK_PI and on the robust list the kernel
 * walks when a thread dies: contended PI locking across threads, trylock
 * of a PI mutex held elsewhere, a PI condition variable wait
 * (FUTEX_WAIT_REQUEUE_PI is not used by glibc 2.36: plain PI lock), and
 * robust mutexes whose owner exits (thread and process) without
 * unlocking: the next locker gets EOWNERDEAD and can make it consistent. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 4
#define ROUNDS 20000

static pthread_mutex_t pi;
static long counter;

static void *pi_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&pi);
		counter++;
		if (i % 1000 == 0)
			sched_yield(); /* hold it while others block in FUTEX_LOCK_PI */
		pthread_mutex_unlock(&pi);
	}
	return NULL;
}

static const char *err_name(int e)
{
	return e == 0 ? "0" : e == EBUSY ? "EBUSY" : e == EOWNERDEAD ? "EOWNERDEAD" :
	       e == ENOTRECOVERABLE ? "ENOTRECOVERABLE" : e == EPERM ? "EPERM" : e == EDEADLK ? "EDEADLK" :
	       strerror(e);
}

static void *try_from_other(void *arg)
{
	return (void *)(long)pthread_mutex_trylock(arg);
}

static void pi_mutex(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	printf("setprotocol PRIO_INHERIT: %d\n", pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT));
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&pi, &a);

	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, pi_worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	printf("PI counter: %ld (expected %d)\n", counter, THREADS * ROUNDS);

	pthread_mutex_lock(&pi);
	printf("PI relock by owner: %s\n", err_name(pthread_mutex_lock(&pi)));
	pthread_t t;
	void *r;
	pthread_create(&t, NULL, try_from_other, &pi);
	pthread_join(t, &r);
	printf("PI trylock from another thread: %s\n", err_name((int)(long)r));
	pthread_mutex_unlock(&pi);
	printf("PI unlock when not owner: %s\n", err_name(pthread_mutex_unlock(&pi)));
	pthread_create(&t, NULL, try_from_other, &pi);
	pthread_join(t, &r);
	printf("PI trylock when free: %s\n", err_name((int)(long)r));
	pthread_mutex_destroy(&pi);
}

static void *lock_and_die(void *m)
{
	pthread_mutex_lock(m);
	return NULL; /* exits holding it */
}

static void robust_after(const char *who, pthread_mutex_t *m)
{
	int r = pthread_mutex_lock(m);
	printf("robust, owner %s died: lock %s\n", who, err_name(r));
	if (r == EOWNERDEAD) {
		printf("  consistent: %s\n", err_name(pthread_mutex_consistent(m)));
		printf("  unlock: %s\n", err_name(pthread_mutex_unlock(m)));
		r = pthread_mutex_lock(m);
		printf("  lock again: %s\n", err_name(r));
		pthread_mutex_unlock(m);
	}
}

static void robust(int protocol, const char *name)
{
	printf("-- robust %s\n", name);
	/* Shared memory, so a child process can own it too. */
	pthread_mutex_t *m = mmap(NULL, sizeof(*m) * 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setprotocol(&a, protocol);
	pthread_mutex_init(&m[0], &a);
	pthread_mutex_init(&m[1], &a);

	pthread_t t;
	pthread_create(&t, NULL, lock_and_die, &m[0]);
	pthread_join(t, NULL);
	robust_after("thread", &m[0]);

	pid_t child = fork();
	if (child == 0) {
		pthread_mutex_lock(&m[1]);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	robust_after("process", &m[1]);

	/* Left inconsistent: unlocked without pthread_mutex_consistent. */
	pthread_create(&t, NULL, lock_and_die, &m[0]);
	pthread_join(t, NULL);
	int r = pthread_mutex_lock(&m[0]);
	printf("not made consistent: lock %s", err_name(r));
	pthread_mutex_unlock(&m[0]);
	printf(", then %s\n", err_name(pthread_mutex_lock(&m[0])));
	munmap(m, sizeof(*m) * 2);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pi_mutex();
	robust(PTHREAD_PRIO_NONE, "plain");
	robust(PTHREAD_PRIO_INHERIT, "PI");
	return 0;
}
