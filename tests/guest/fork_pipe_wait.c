/* Processes: fork, pipes between parent and child, waitpid with exit
 * statuses and with a child killed by a signal, dup2 redirection,
 * getpid/getppid relations, and execve failing cleanly (ENOENT). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		return 1;
	pid_t me = getpid();
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		close(fds[0]);
		char msg[64];
		int n = snprintf(msg, sizeof msg, "child: parent matches %d", getppid() == me);
		if (write(fds[1], msg, (size_t)n) != n)
			_exit(99);
		_exit(7);
	}
	close(fds[1]);
	char buf[128] = { 0 };
	ssize_t got = 0, r;
	while ((r = read(fds[0], buf + got, sizeof buf - 1 - (size_t)got)) > 0)
		got += r;
	close(fds[0]);
	int st;
	pid_t w = waitpid(child, &st, 0);
	printf("read '%s'\n", buf);
	printf("waitpid same pid %d, exited %d status %d\n", w == child, WIFEXITED(st), WEXITSTATUS(st));

	/* a child killed by a signal */
	fflush(stdout);
	child = fork();
	if (child == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	waitpid(child, &st, 0);
	printf("signaled %d signal %d\n", WIFSIGNALED(st), WTERMSIG(st));

	/* stdout of the child redirected into a pipe */
	if (pipe(fds) < 0)
		return 1;
	fflush(stdout);
	child = fork();
	if (child == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		printf("through the pipe %d\n", 42);
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	memset(buf, 0, sizeof buf);
	got = 0;
	while ((r = read(fds[0], buf + got, sizeof buf - 1 - (size_t)got)) > 0)
		got += r;
	close(fds[0]);
	waitpid(child, &st, 0);
	printf("child wrote: %s", buf);

	/* several children, reaped in any order, statuses summed */
	int sum = 0;
	for (int i = 1; i <= 5; i++) {
		fflush(stdout);
		if (fork() == 0)
			_exit(i * 3);
	}
	for (int i = 0; i < 5; i++) {
		if (wait(&st) > 0 && WIFEXITED(st))
			sum += WEXITSTATUS(st);
	}
	int none = (int)wait(&st);
	printf("sum of child statuses %d, wait with no children: %d %s\n", sum, none, strerrorname_np(errno));

	/* exec of a missing program fails and returns */
	char *argv[] = { "nope", NULL };
	int er = execve("/nonexistent/program", argv, NULL);
	printf("execve missing: %d %s\n", er, strerrorname_np(errno));
	return 0;
}
