/* errno from failing system calls and the texts glibc gives them:
 * strerror, strerror_r, perror (to stderr, not compared), %m, and errno
 * left alone by successful calls. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int ret)
{
	int e = errno;
	printf("%-28s ret %d errno %-12s %s\n", what, ret, e ? strerrorname_np(e) : "0", e ? strerror(e) : "");
	errno = 0;
}

int main(void)
{
	char buf[8];
	errno = 0;
	show("open missing", open("/nonexistent/file", O_RDONLY));
	show("read bad fd", (int)read(-1, buf, 1));
	show("write to read end", (int)write(0 + 1000, buf, 1));
	show("mkdir existing /", mkdir("/", 0755));
	close(open("errno-file", O_CREAT | O_WRONLY, 0644));
	show("rmdir not a dir", rmdir("errno-file"));
	show("chdir to a file", chdir("errno-file"));
	show("open file/child", open("errno-file/x", O_RDONLY));
	show("lseek on pipe", ({
		     int p[2];
		     pipe(p);
		     int r = (int)lseek(p[0], 0, SEEK_SET);
		     int e = errno;
		     close(p[0]);
		     close(p[1]);
		     errno = e;
		     r;
	     }));
	show("dup2 bad", dup2(-5, 3));
	show("getcwd tiny buffer", getcwd(buf, 2) ? 0 : -1);
	show("access missing", access("/nonexistent", F_OK));
	show("readlink not link", (int)readlink("/", buf, sizeof buf));
	show("success leaves errno", getpid() > 0 ? 0 : -1);
	unlink("errno-file");
	for (int e = 1; e < 40; e++)
		printf("%d %s: %s\n", e, strerrorname_np(e), strerror(e));
	printf("unknown: %s\n", strerror(4321));
	char rb[64];
	char *r = strerror_r(ENOENT, rb, sizeof rb);
	printf("strerror_r: %s\n", r);
	errno = EACCES;
	printf("%%m: %m\n");
	perror("perror goes to stderr");
	return 0;
}
