/* Processes in chains: a three-stage pipeline of forked children joined
 * by pipes, a shell pipeline run through /bin/sh (popen and system), and
 * the program re-executing itself through /proc/self/exe with an argument
 * that marks the next generation, three generations deep, each passing
 * its exit status back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void stage(int in, int out, int mul)
{
	FILE *fi = fdopen(in, "r"), *fo = fdopen(out, "w");
	long v;

	while (fscanf(fi, "%ld", &v) == 1)
		fprintf(fo, "%ld\n", v * mul);
	fclose(fo);
	fclose(fi);
	_exit(0);
}

static void pipeline(void)
{
	int a[2], b[2], c[2];
	pid_t p1, p2;
	long v, sum = 0;

	if (pipe(a) < 0 || pipe(b) < 0 || pipe(c) < 0)
		exit(1);
	fflush(stdout);
	if ((p1 = fork()) == 0) {
		close(a[1]);
		close(b[0]);
		close(c[0]);
		close(c[1]);
		stage(a[0], b[1], 2);
	}
	if ((p2 = fork()) == 0) {
		close(a[0]);
		close(a[1]);
		close(b[1]);
		close(c[0]);
		stage(b[0], c[1], 3);
	}
	close(a[0]);
	close(b[0]);
	close(b[1]);
	close(c[1]);
	FILE *fo = fdopen(a[1], "w"), *fi = fdopen(c[0], "r");
	for (int i = 1; i <= 1000; i++)
		fprintf(fo, "%d\n", i);
	fclose(fo);
	while (fscanf(fi, "%ld", &v) == 1)
		sum += v;
	fclose(fi);
	int s1, s2;
	waitpid(p1, &s1, 0);
	waitpid(p2, &s2, 0);
	printf("pipeline: sum of 6*i for i=1..1000 = %ld, stages exited %d %d\n", sum, WEXITSTATUS(s1),
	       WEXITSTATUS(s2));
}

static void shell(void)
{
	char line[64];
	FILE *p = popen("printf 'pear\\napple\\nfig\\n' | sort | tr a-z A-Z", "r");

	printf("popen:");
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = 0;
		printf(" %s", line);
	}
	printf(", status %d\n", WEXITSTATUS(pclose(p)));
	fflush(stdout);
	int st = system("echo from-sh | tr a-z A-Z; exit 4");
	printf("system: status %d\n", WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "--generation") == 0) {
		int gen = atoi(argv[2]);
		printf("generation %d: argv[0] kept %d\n", gen, strcmp(argv[0], "fork_exec_chain-self") == 0);
		fflush(stdout);
		if (gen < 3) {
			char next[8];
			snprintf(next, sizeof next, "%d", gen + 1);
			pid_t pid = fork();
			if (pid == 0) {
				execl("/proc/self/exe", "fork_exec_chain-self", "--generation", next, (char *)NULL);
				_exit(127);
			}
			int st;
			waitpid(pid, &st, 0);
			printf("generation %d: child exited %d\n", gen, WEXITSTATUS(st));
			return WEXITSTATUS(st) + 1;
		}
		return 10;
	}
	pipeline();
	shell();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "fork_exec_chain-self", "--generation", "1", (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("re-exec chain: first generation exited %d\n", WEXITSTATUS(st));
	return 0;
}
