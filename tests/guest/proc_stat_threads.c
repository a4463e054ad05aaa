/* /proc/self/stat's num_threads (field 20, proc(5)) counts the threads
 * alive: 1, then 4 while three threads wait.  (Not checked after the
 * joins: the kernel wakes pthread_join (mm_release) before it unhashes the
 * thread (exit_notify), so natively the count may lag.) */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t start, stop;

static int num_threads(void)
{
	char buf[1024];
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n;
	int field = 3, v = -1;
	char *p;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	/* fields after the command name, which may hold spaces: from the last ')' */
	if (!(p = strrchr(buf, ')')))
		return -1;
	for (p = strtok(p + 2, " "); p; p = strtok(NULL, " "), field++)
		if (field == 20) {
			sscanf(p, "%d", &v);
			break;
		}
	return v;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&start);
	pthread_barrier_wait(&stop);
	return NULL;
}

int main(void)
{
	pthread_t t[3];

	printf("alone: %d\n", num_threads());
	pthread_barrier_init(&start, NULL, 4);
	pthread_barrier_init(&stop, NULL, 4);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	pthread_barrier_wait(&start);
	printf("with three threads: %d\n", num_threads());
	pthread_barrier_wait(&stop);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return 0;
}
