/* Eight threads: a mutex-protected counter, a condition variable queue
 * (producer/consumers), a rwlock, a barrier, thread-local storage,
 * pthread_exit values, cancellation of a thread blocked in read() and of
 * one in a loop with a cancellation point, and signals aimed at one thread
 * (pthread_kill, tgkill) that run their handler on that thread. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 8
#define ITER 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_up(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITER; i++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

/* a bounded queue: one producer, N-1 consumers */
#define QCAP 16
static int queue[QCAP], qhead, qlen, qdone;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static long consumed_sum, consumed_count;

static void *produce(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 5000; i++) {
		pthread_mutex_lock(&mu);
		while (qlen == QCAP)
			pthread_cond_wait(&not_full, &mu);
		queue[(qhead + qlen++) % QCAP] = i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&mu);
	}
	pthread_mutex_lock(&mu);
	qdone = 1;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void *consume(void *arg)
{
	long mine = 0;

	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (qlen == 0 && !qdone)
			pthread_cond_wait(&not_empty, &mu);
		if (qlen == 0)
			break;
		int v = queue[qhead];
		qhead = (qhead + 1) % QCAP;
		qlen--;
		consumed_sum += v;
		consumed_count++;
		mine++;
		pthread_cond_signal(&not_full);
	}
	pthread_mutex_unlock(&mu);
	return (void *)mine;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long table[64];

static void *rw_worker(void *arg)
{
	long id = (long)arg, bad = 0;

	for (int i = 0; i < 3000; i++) {
		if (i % 10 == (int)id) {
			pthread_rwlock_wrlock(&rw);
			for (int k = 0; k < 64; k++)
				table[k]++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			for (int k = 1; k < 64; k++)
				bad += table[k] != table[0];
			pthread_rwlock_unlock(&rw);
		}
	}
	return (void *)bad;
}

static pthread_barrier_t bar;
static _Thread_local long tls_value = 7;
static int phase_seen[3][N];
static int phase;

static void *barrier_worker(void *arg)
{
	long id = (long)arg;

	tls_value += id;
	for (int p = 0; p < 3; p++) {
		__atomic_store_n(&phase_seen[p][id], __atomic_load_n(&phase, __ATOMIC_SEQ_CST) == p, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_store_n(&phase, p + 1, __ATOMIC_SEQ_CST);
		pthread_barrier_wait(&bar);
	}
	if (id == 3)
		pthread_exit((void *)(tls_value * 100));
	return (void *)tls_value;
}

static int block_pipe[2];
static volatile int cleanup_ran;

static void cleanup(void *arg)
{
	(void)arg;
	cleanup_ran++;
}

static void *blocked_reader(void *arg)
{
	char c;

	(void)arg;
	pthread_cleanup_push(cleanup, NULL);
	for (;;)
		if (read(block_pipe[0], &c, 1) < 0 && errno != EINTR)
			break;
	pthread_cleanup_pop(0);
	return NULL;
}

static void *spinner(void *arg)
{
	(void)arg;
	pthread_cleanup_push(cleanup, NULL);
	for (;;)
		pthread_testcancel();
	pthread_cleanup_pop(0);
	return NULL;
}

static volatile pid_t handler_tid[2];
static pid_t target_tid;
static pthread_mutex_t ready_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void on_usr(int sig)
{
	handler_tid[sig == SIGUSR2] = gettid();
}

static void *signal_target(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&ready_mu);
	target_tid = gettid();
	ready = 1;
	pthread_cond_broadcast(&ready_cv);
	while (ready != 2)
		pthread_cond_wait(&ready_cv, &ready_mu);
	pthread_mutex_unlock(&ready_mu);
	return NULL;
}

int main(void)
{
	pthread_t t[N];
	void *ret;

	for (int i = 0; i < N; i++)
		pthread_create(&t[i], NULL, count_up, NULL);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	printf("mutex: counter %ld (expected %d)\n", counter, N * ITER);

	long per_thread_total = 0;
	pthread_create(&t[0], NULL, produce, NULL);
	for (int i = 1; i < N; i++)
		pthread_create(&t[i], NULL, consume, NULL);
	pthread_join(t[0], NULL);
	for (int i = 1; i < N; i++) {
		pthread_join(t[i], &ret);
		per_thread_total += (long)ret;
	}
	printf("condvar: consumed %ld items, sum %ld, per-thread counts add up %d\n", consumed_count, consumed_sum,
	       per_thread_total == consumed_count);

	long bad = 0;
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, rw_worker, (void *)i);
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], &ret);
		bad += (long)ret;
	}
	printf("rwlock: writes %ld, torn reads %ld\n", table[0], bad);

	pthread_barrier_init(&bar, NULL, N);
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, barrier_worker, (void *)i);
	printf("barrier/TLS/exit values:");
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], &ret);
		printf(" %ld", (long)ret);
	}
	int all = 1;
	for (int p = 0; p < 3; p++)
		for (int i = 0; i < N; i++)
			all &= phase_seen[p][i];
	printf("\nbarrier phases in step: %d, main's TLS untouched: %ld\n", all, tls_value);
	pthread_barrier_destroy(&bar);

	if (pipe(block_pipe) < 0)
		return 1;
	pthread_create(&t[0], NULL, blocked_reader, NULL);
	pthread_create(&t[1], NULL, spinner, NULL);
	usleep(20000);
	pthread_cancel(t[0]);
	pthread_cancel(t[1]);
	pthread_join(t[0], &ret);
	printf("cancel in read: %s\n", ret == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "not cancelled");
	pthread_join(t[1], &ret);
	printf("cancel in loop: %s, cleanup handlers ran %d\n", ret == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "no",
	       (int)cleanup_ran);

	signal(SIGUSR1, on_usr);
	signal(SIGUSR2, on_usr);
	pthread_create(&t[0], NULL, signal_target, NULL);
	pthread_mutex_lock(&ready_mu);
	while (ready != 1)
		pthread_cond_wait(&ready_cv, &ready_mu);
	pthread_mutex_unlock(&ready_mu);
	pthread_kill(t[0], SIGUSR1);
	syscall(SYS_tgkill, getpid(), target_tid, SIGUSR2);
	while (!handler_tid[0] || !handler_tid[1])
		usleep(1000);
	printf("pthread_kill handled on the target: %d, tgkill: %d, not on main: %d\n", handler_tid[0] == target_tid,
	       handler_tid[1] == target_tid, handler_tid[0] != gettid());
	pthread_mutex_lock(&ready_mu);
	ready = 2;
	pthread_cond_broadcast(&ready_cv);
	pthread_mutex_unlock(&ready_mu);
	pthread_join(t[0], NULL);
	return 0;
}
