/* Thread-local storage: __thread/_Thread_local variables (initialised and
 * zero), each thread sees its own copy, errno is per thread, and a TLS
 * array large enough to need its own block.  On RISC-V the thread pointer
 * is register tp, set up by the loader/libc and by clone(CLONE_SETTLS). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread int counter = 100;
static _Thread_local long zeroed;
static __thread char name[32] = "main";
static __thread uint64_t big[512];
static void *addr[5]; /* &counter as each thread sees it */

static void *body(void *arg)
{
	int id = (int)(intptr_t)arg;
	addr[id] = &counter;
	int start = counter;
	long z = zeroed;
	snprintf(name, sizeof name, "thread-%d", id);
	for (int i = 0; i < 1000 * (id + 1); i++)
		counter++;
	for (int i = 0; i < 512; i++)
		big[i] = (uint64_t)i * (uint64_t)(id + 1);
	errno = 1000 + id;
	uint64_t s = 0;
	for (int i = 0; i < 512; i++)
		s += big[i];
	char line[160];
	snprintf(line, sizeof line, "%s: start %d end %d zeroed %ld errno %d sum %llu", name, start, counter, z, errno,
		 (unsigned long long)s);
	return strdup(line);
}

/* pthread_create, but a failure ends the test with its reason */
static void spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	int e = pthread_create(t, NULL, fn, arg);
	if (e) {
		printf("pthread_create failed: %s\n", strerrorname_np(e));
		exit(1);
	}
}

int main(void)
{
	pthread_t t[4];
	counter = 5;
	zeroed = 77;
	errno = 0;
	for (int i = 0; i < 4; i++)
		spawn(&t[i], body, (void *)(intptr_t)i);
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf("%s\n", (char *)r);
	}
	printf("main after: name %s counter %d zeroed %ld errno %d big[511] %llu\n", name, counter, zeroed, errno,
	       (unsigned long long)big[511]);
	addr[4] = &counter;
	int distinct = 1;
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < i; j++)
			distinct &= addr[i] != addr[j];
	printf("&counter differs in every thread: %d\n", distinct);
	return 0;
}
