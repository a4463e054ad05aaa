/* File operations in a fresh temporary directory: open/creat flags,
 * write/read/lseek/pread/pwrite, O_APPEND, stat/fstat/lstat fields, rename,
 * link, unlink, symlink/readlink, truncate/ftruncate, chmod/fchmod, access,
 * dup/dup2/fcntl, writev/readv, and the errno of the usual failures. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r)
{
	if (r < 0)
		printf("%-45s -> -1 (%s)\n", what, strerrorname_np(errno));
	else
		printf("%-45s -> %ld\n", what, r);
	errno = 0;
	return r;
}

static void show_stat(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		printf("lstat %s: %s\n", path, strerrorname_np(errno));
		return;
	}
	/* (no st_blocks: with delayed allocation it depends on timing) */
	printf("lstat %-8s type=%s mode=%04o size=%lld nlink=%lu\n", path,
	       S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "other",
	       (unsigned)(st.st_mode & 07777), S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size,
	       (unsigned long)st.st_nlink);
}

int main(void)
{
	char dir[] = "ferry-fileops-XXXXXX";
	umask(022);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	if (chdir(dir) < 0)
		return 1;
	char buf[256];
	int fd = CHECK(open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644));
	CHECK(write(fd, "hello, world\n", 13));
	CHECK(write(fd, "second line\n", 12));
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(lseek(fd, 7, SEEK_SET));
	CHECK(write(fd, "WORLD", 5));
	CHECK(lseek(fd, 100, SEEK_SET));   /* a hole */
	CHECK(write(fd, "end", 3));
	CHECK(close(fd));
	show_stat("a.txt");
	fd = CHECK(open("a.txt", O_RDONLY));
	memset(buf, 0, sizeof buf);
	CHECK(read(fd, buf, 25));
	printf("read: %.25s", buf);
	CHECK(lseek(fd, -3, SEEK_END));
	CHECK(read(fd, buf, sizeof buf));
	printf("tail: %.3s\n", buf);
	CHECK(read(fd, buf, sizeof buf));    /* EOF */
	CHECK(pread(fd, buf, 4, 50));
	printf("hole bytes: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
	CHECK(pread(fd, buf, 5, 7));
	printf("pread: %.5s\n", buf);
	CHECK(lseek(fd, 0, SEEK_CUR));        /* pread leaves the offset */
	CHECK(write(fd, "x", 1));             /* EBADF: read-only */
	CHECK(close(fd));
	CHECK(close(fd));                     /* EBADF */

	fd = CHECK(open("a.txt", O_RDWR | O_APPEND));
	CHECK(lseek(fd, 0, SEEK_SET));
	CHECK(write(fd, "+app", 4));          /* goes to the end anyway */
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(pwrite(fd, "P", 1, 0));
	struct stat st;
	CHECK(fstat(fd, &st));
	printf("fstat size %lld\n", (long long)st.st_size);
	CHECK(ftruncate(fd, 10));
	CHECK(fstat(fd, &st));
	printf("after ftruncate size %lld\n", (long long)st.st_size);
	CHECK(close(fd));
	CHECK(truncate("a.txt", 5000));
	show_stat("a.txt");
	CHECK(truncate("a.txt", 0));
	show_stat("a.txt");

	/* creation flags and errors */
	CHECK(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0600));
	CHECK(open("missing.txt", O_RDONLY));
	CHECK(open("no/such/dir.txt", O_CREAT | O_WRONLY, 0600));
	CHECK(open(".", O_WRONLY));
	fd = CHECK(creat("b.txt", 0751));
	show_stat("b.txt");
	CHECK(fchmod(fd, 0600));
	show_stat("b.txt");
	CHECK(chmod("b.txt", 0444));
	show_stat("b.txt");
	CHECK(access("b.txt", F_OK));
	CHECK(access("nothere", F_OK));
	CHECK(close(fd));

	/* writev/readv */
	fd = CHECK(open("v.txt", O_CREAT | O_RDWR, 0644));
	struct iovec iov[3] = { { "one ", 4 }, { "two ", 4 }, { "three\n", 6 } };
	CHECK(writev(fd, iov, 3));
	CHECK(lseek(fd, 0, SEEK_SET));
	char p1[5] = { 0 }, p2[20] = { 0 };
	struct iovec riov[2] = { { p1, 4 }, { p2, 19 } };
	CHECK(readv(fd, riov, 2));
	printf("readv: '%s' '%s'", p1, p2);

	/* descriptors */
	int d = CHECK(dup(fd));
	CHECK(lseek(d, 0, SEEK_CUR));         /* shares the offset */
	CHECK(dup2(fd, 50));
	CHECK(fcntl(50, F_GETFD));
	CHECK(fcntl(50, F_SETFD, FD_CLOEXEC));
	CHECK(fcntl(50, F_GETFD));
	CHECK(fcntl(fd, F_GETFL) & O_ACCMODE);
	CHECK(fcntl(fd, F_DUPFD, 60));
	CHECK(close(50));
	CHECK(close(60));
	CHECK(close(d));
	CHECK(close(fd));

	/* names: rename, link, symlink */
	CHECK(rename("v.txt", "w.txt"));
	CHECK(rename("v.txt", "x.txt"));      /* ENOENT */
	CHECK(link("w.txt", "hard.txt"));
	show_stat("w.txt");
	CHECK(symlink("w.txt", "sym"));
	CHECK(symlink("dangling-target", "dangling"));
	show_stat("sym");
	ssize_t n = CHECK(readlink("sym", buf, sizeof buf));
	printf("readlink: %.*s\n", (int)n, buf);
	CHECK(readlink("w.txt", buf, sizeof buf)); /* EINVAL: not a link */
	CHECK(stat("sym", &st));
	printf("stat through link: size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
	CHECK(stat("dangling", &st));         /* ENOENT */
	CHECK(unlink("w.txt"));
	show_stat("hard.txt");
	CHECK(unlink("w.txt"));
	CHECK(mkdir("sub", 0755));
	CHECK(mkdir("sub", 0755));            /* EEXIST */
	show_stat("sub");
	CHECK(rename("hard.txt", "sub/moved.txt"));
	CHECK(rmdir("sub"));                  /* ENOTEMPTY */
	CHECK(unlink("sub"));                 /* EISDIR */
	CHECK(unlink("sub/moved.txt"));
	CHECK(rmdir("sub"));

	/* stdio on top */
	FILE *f = fopen("stdio.txt", "w+");
	fprintf(f, "%d %s %.2f\n", 42, "str", 2.5);
	rewind(f);
	int i;
	char w[8];
	double x;
	printf("fscanf %d:", fscanf(f, "%d %7s %lf", &i, w, &x));
	printf(" %d %s %g, ftell %ld\n", i, w, x, ftell(f));
	fclose(f);

	/* clean up everything */
	const char *names[] = { "a.txt", "b.txt", "sym", "dangling", "stdio.txt" };
	for (unsigned k = 0; k < sizeof names / sizeof names[0]; k++)
		CHECK(unlink(names[k]));
	CHECK(chdir(".."));
	CHECK(rmdir(dir));
	return 0;
}
