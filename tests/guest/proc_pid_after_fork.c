/* /proc/<own pid>/ names the same process as /proc/self/, in the parent
 * and in a forked child (whose pid differs from the parent's). */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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

static int same_cmdline(void)
{
	char a[4096], b[4096], path[64];
	size_t na, nb;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)getpid());
	na = slurp("/proc/self/cmdline", a, sizeof a);
	nb = slurp(path, b, sizeof b);
	return na > 0 && na == nb && memcmp(a, b, na) == 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("parent: /proc/<pid>/cmdline is /proc/self/cmdline: %d\n", same_cmdline());
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		printf("child: /proc/<pid>/cmdline is /proc/self/cmdline: %d\n", same_cmdline());
		return 0;
	}
	int st;
	waitpid(p, &st, 0);
	printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
