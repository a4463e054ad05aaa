/* Executing a program by descriptor: fexecve of a close-on-exec descriptor
 * (glibc goes through execveat(fd, "", AT_EMPTY_PATH), or /proc/self/fd/N:
 * the kernel opens the file before it closes the descriptor), execveat
 * relative to a directory descriptor, a descriptor without close-on-exec
 * that stays open in the new program, and execveat's errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void run(const char *what, int (*start)(void *), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int e = start(arg);
		printf("%s: failed: %s\n", what, strerror(e));
		fflush(stdout);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	printf("%s: exit %d\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static int fd_cloexec, fd_open, fd_dir;
static char base[PATH_MAX];

static int by_fexecve(void *arg)
{
	char *argv[] = { "prog", "child", "fexecve", NULL };
	(void)arg;
	fexecve(fd_cloexec, argv, environ);
	return errno;
}

static int by_proc_fd(void *arg)
{
	char path[64], *argv[] = { "prog", "child", "/proc/self/fd", NULL };
	(void)arg;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd_cloexec);
	execve(path, argv, environ);
	return errno;
}

static int by_dirfd(void *arg)
{
	char *argv[] = { "prog", "child", "execveat dirfd", NULL };
	(void)arg;
	syscall(SYS_execveat, fd_dir, base, argv, environ, 0);
	return errno;
}

static int keeping_fd(void *arg)
{
	char num[16], *argv[] = { "prog", "child-keeps", num, NULL };
	(void)arg;
	snprintf(num, sizeof num, "%d", fd_open);
	syscall(SYS_execveat, fd_open, "", argv, environ, AT_EMPTY_PATH);
	return errno;
}

static long try_execveat(int dirfd, const char *path, int flags)
{
	char *argv[] = { "prog", "child", "should not run", NULL };
	return syscall(SYS_execveat, dirfd, path, argv, environ, flags) < 0 ? errno : 0;
}

int main(int argc, char **argv)
{
	char exe[PATH_MAX], dir[PATH_MAX], link[PATH_MAX + 16];
	ssize_t n;

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		printf("  child started by %s\n", argv[2]);
		return 7;
	}
	if (argc == 3 && strcmp(argv[1], "child-keeps") == 0) {
		int fd = atoi(argv[2]);
		printf("  child: the descriptor without close-on-exec is open: %s\n",
		       fcntl(fd, F_GETFD) >= 0 ? "yes" : "no");
		return 8;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		return 1;
	exe[n] = 0;
	strcpy(dir, exe);
	strcpy(base, basename(exe));
	fd_cloexec = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	fd_open = open("/proc/self/exe", O_RDONLY);
	fd_dir = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd_cloexec < 0 || fd_open < 0 || fd_dir < 0)
		return 2;

	run("fexecve (close-on-exec)", by_fexecve, NULL);
	run("execve /proc/self/fd/N (close-on-exec)", by_proc_fd, NULL);
	run("execveat(dirfd, name)", by_dirfd, NULL);
	run("execveat(fd, \"\", AT_EMPTY_PATH) without close-on-exec", keeping_fd, NULL);

	printf("execveat bad flags: %s\n", strerror((int)try_execveat(fd_dir, base, 0x4000000)));
	printf("execveat \"\" without AT_EMPTY_PATH: %s\n", strerror((int)try_execveat(fd_cloexec, "", 0)));
	printf("execveat bad dirfd: %s\n", strerror((int)try_execveat(987, base, 0)));
	snprintf(link, sizeof link, "/tmp/fexecve_fd.%d", (int)getpid());
	if (symlink(exe, link) == 0) {
		printf("execveat AT_SYMLINK_NOFOLLOW on a link: %s\n",
		       strerror((int)try_execveat(AT_FDCWD, link, AT_SYMLINK_NOFOLLOW)));
		unlink(link);
	}
	return 0;
}
