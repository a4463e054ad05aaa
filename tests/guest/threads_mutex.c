/* POSIX threads: create/join with return values, a mutex-protected counter
 * incremented by several threads, a condition variable hand-off
 * (producer/consumer), a barrier, pthread_once, and thread-specific keys.
 * Output depends only on totals, never on scheduling. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS = 4, ITER = 20000 };

/* pthread_create, but a failure ends the test with its reason */
static void spawn(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	int e = pthread_create(t, attr, fn, arg);
	if (e) {
		printf("pthread_create failed: %s\n", strerrorname_np(e));
		exit(1);
	}
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg)
{
	long id = (long)(intptr_t)arg, local = 0;
	for (int i = 0; i < ITER; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		local += i % (id + 2);
	}
	return (void *)(intptr_t)local;
}

/* bounded queue with two condition variables */
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int queue[8], qhead, qcount;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 5000; i++) {
		pthread_mutex_lock(&qlock);
		while (qcount == 8)
			pthread_cond_wait(&not_full, &qlock);
		queue[(qhead + qcount++) % 8] = i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&qlock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long sum = 0;
	int last = 0, ordered = 1;
	for (int i = 0; i < 5000; i++) {
		pthread_mutex_lock(&qlock);
		while (qcount == 0)
			pthread_cond_wait(&not_empty, &qlock);
		int v = queue[qhead];
		qhead = (qhead + 1) % 8;
		qcount--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&qlock);
		ordered &= v == last + 1;
		last = v;
		sum += v;
	}
	*(int *)arg = ordered;
	return (void *)(intptr_t)sum;
}

static pthread_barrier_t barrier;
static int phase_counts[3];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;

static void init_once(void) { once_runs++; }
static void key_dtor(void *p) { free(p); }

static void *phased(void *arg)
{
	long id = (long)(intptr_t)arg;
	pthread_once(&once, init_once);
	long *mine = malloc(sizeof *mine);
	*mine = id * 100;
	pthread_setspecific(key, mine);
	for (int ph = 0; ph < 3; ph++) {
		__atomic_fetch_add(&phase_counts[ph], 1, __ATOMIC_SEQ_CST);
		pthread_barrier_wait(&barrier);
		/* after the barrier every thread has finished this phase */
		if (__atomic_load_n(&phase_counts[ph], __ATOMIC_SEQ_CST) != THREADS)
			return (void *)1;
	}
	return (void *)(intptr_t)(*(long *)pthread_getspecific(key) == id * 100 ? 0 : 2);
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		spawn(&t[i], NULL, worker, (void *)(intptr_t)i);
	long total_local = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		total_local += (long)(intptr_t)r;
	}
	printf("counter %ld (expected %d), locals %ld\n", counter, THREADS * ITER, total_local);

	pthread_t p, c;
	int ordered = 0;
	void *sum;
	spawn(&c, NULL, consumer, &ordered);
	spawn(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, &sum);
	printf("consumer sum %ld ordered %d\n", (long)(intptr_t)sum, ordered);

	pthread_barrier_init(&barrier, NULL, THREADS);
	pthread_key_create(&key, key_dtor);
	for (long i = 0; i < THREADS; i++)
		spawn(&t[i], NULL, phased, (void *)(intptr_t)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	printf("barrier phases %d %d %d, failures %d, once ran %d\n", phase_counts[0], phase_counts[1],
	       phase_counts[2], bad, once_runs);
	pthread_barrier_destroy(&barrier);

	/* detached threads and pthread_self/equal */
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	size_t ss;
	pthread_attr_getstacksize(&attr, &ss);
	printf("stack size attr %zu, self equal %d\n", ss, pthread_equal(pthread_self(), pthread_self()));
	pthread_attr_destroy(&attr);
	return 0;
}
