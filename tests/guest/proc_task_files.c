/* /proc/self/task/<tid>/ and /proc/thread-self/ show the process's files,
 * from the main thread and from another thread. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static size_t slurp(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t r;

	if (!f)
		return 0;
	r = fread(buf, 1, n, f);
	fclose(f);
	return r;
}

static int same(const char *a_path, const char *b_path)
{
	char a[8192], b[8192];
	size_t na = slurp(a_path, a, sizeof a), nb = slurp(b_path, b, sizeof b);

	return na > 0 && na == nb && memcmp(a, b, na) == 0;
}

static void check(const char *who)
{
	char path[96];
	int tid = (int)syscall(SYS_gettid);
	static const char *const files[] = { "cmdline", "environ" };

	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		char self[64], thread_self[64];

		snprintf(self, sizeof self, "/proc/self/%s", files[i]);
		snprintf(path, sizeof path, "/proc/self/task/%d/%s", tid, files[i]);
		snprintf(thread_self, sizeof thread_self, "/proc/thread-self/%s", files[i]);
		printf("%s: task/<tid>/%s %d, thread-self/%s %d\n", who, files[i], same(self, path), files[i],
		       same(self, thread_self));
	}
}

static void *worker(void *arg)
{
	check(arg);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	(void)argc;
	(void)argv;
	check("main");
	pthread_create(&t, NULL, worker, "thread");
	pthread_join(t, NULL);
	return 0;
}
