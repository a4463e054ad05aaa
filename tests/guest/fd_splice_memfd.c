/* Moving data between descriptors without a user buffer, and memfd:
 * splice (file to pipe with and without an offset, pipe to file), tee,
 * vmsplice, sendfile (offset pointer updated, file offset untouched; to a
 * socket), copy_file_range (both offsets, the file offset when NULL), and
 * memfd_create with a shared mapping, ftruncate and seals. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *err_name(int e)
{
	return e == EPERM ? "EPERM" : e == EINVAL ? "EINVAL" : e == ESPIPE ? "ESPIPE" : e == EBADF ? "EBADF" :
	       strerror(e);
}

/* Reads the n bytes a call above reported (none when it failed: a read
 * of an empty pipe would block). */
static void drain(const char *what, int fd, ssize_t n)
{
	char buf[256] = "";
	if (n <= 0) {
		printf("%s: nothing\n", what);
		return;
	}
	ssize_t got = read(fd, buf, (size_t)n < sizeof buf - 1 ? (size_t)n : sizeof buf - 1);
	if (got < 0)
		got = 0;
	buf[got] = 0;
	printf("%s: \"%s\"\n", what, buf);
}

static int temp_file(const char *content)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/splice_XXXXXX", dir ? dir : "/tmp");
	int fd = mkstemp(path);
	unlink(path);
	if (content)
		write(fd, content, strlen(content));
	return fd;
}

static void splice_tee_vmsplice(void)
{
	int file = temp_file("0123456789abcdefghij");
	int p[2], q[2];
	pipe(p);
	pipe(q);

	loff_t off = 5;
	ssize_t n = splice(file, &off, p[1], NULL, 6, 0);
	printf("splice file@5 -> pipe: %zd, offset now %lld, file offset %lld\n", n, (long long)off,
	       (long long)lseek(file, 0, SEEK_CUR));
	lseek(file, 2, SEEK_SET);
	n = splice(file, NULL, p[1], NULL, 3, 0);
	printf("splice file (own offset) -> pipe: %zd, file offset %lld\n", n, (long long)lseek(file, 0, SEEK_CUR));

	n = tee(p[0], q[1], 100, 0);
	printf("tee: %zd\n", n);
	drain("tee copy", q[0], n);

	int out = temp_file(NULL);
	loff_t woff = 4;
	n = splice(p[0], NULL, out, &woff, 100, 0);
	printf("splice pipe -> file@4: %zd, offset now %lld\n", n, (long long)woff);
	char buf[32] = "";
	ssize_t got = pread(out, buf, sizeof buf - 1, 0);
	printf("file: %zd bytes, tail \"%s\"\n", got, got > 4 ? buf + 4 : "");

	errno = 0;
	n = splice(p[0], &off, out, NULL, 1, 0);
	printf("splice with an offset on a pipe: %zd %s\n", n, err_name(errno));

	struct iovec iov[2] = { { "vm", 2 }, { "splice", 6 } };
	n = vmsplice(q[1], iov, 2, 0);
	printf("vmsplice: %zd\n", n);
	drain("vmsplice data", q[0], n);
	close(file);
	close(out);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static void sendfile_copy_range(void)
{
	int src = temp_file("The quick brown fox jumps over the lazy dog");
	int p[2];
	pipe(p);
	off_t off = 4;
	lseek(src, 10, SEEK_SET);
	ssize_t n = sendfile(p[1], src, &off, 5);
	printf("sendfile @4 -> pipe: %zd, offset now %lld, file offset still %lld\n", n, (long long)off,
	       (long long)lseek(src, 0, SEEK_CUR));
	drain("sendfile data", p[0], n);
	n = sendfile(p[1], src, NULL, 5);
	printf("sendfile (own offset): %zd, file offset %lld\n", n, (long long)lseek(src, 0, SEEK_CUR));
	drain("sendfile data", p[0], n);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	off = 40;
	n = sendfile(sv[0], src, &off, 100);
	printf("sendfile -> socket: %zd (to the end of the file)\n", n);
	drain("socket data", sv[1], n);

	int dst = temp_file("________________________________");
	loff_t in = 16, out = 2;
	n = copy_file_range(src, &in, dst, &out, 9, 0);
	printf("copy_file_range: %zd, offsets %lld %lld\n", n, (long long)in, (long long)out);
	lseek(src, 35, SEEK_SET);
	lseek(dst, 20, SEEK_SET);
	n = copy_file_range(src, NULL, dst, NULL, 4, 0);
	printf("copy_file_range (own offsets): %zd, file offsets %lld %lld\n", n, (long long)lseek(src, 0, SEEK_CUR),
	       (long long)lseek(dst, 0, SEEK_CUR));
	char buf[64] = "";
	pread(dst, buf, 32, 0);
	printf("destination: \"%s\"\n", buf);
	errno = 0;
	n = copy_file_range(src, NULL, dst, NULL, 4, 1);
	printf("copy_file_range flags=1: %zd %s\n", n, err_name(errno));
	errno = 0;
	n = copy_file_range(p[0], NULL, dst, NULL, 4, 0);
	printf("copy_file_range from a pipe: %zd %s\n", n, n < 0 ? "error" : "ok");
	close(src);
	close(dst);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

static void memfd_seals(void)
{
	int fd = memfd_create("ferry-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	printf("memfd: created %s, cloexec %d\n", fd >= 0 ? "yes" : "no", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	char link[64], target[128] = "";
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t tl = readlink(link, target, sizeof target - 1);
	if (tl > 0)
		target[tl] = 0;
	printf("memfd: link \"%s\"\n", target);
	ftruncate(fd, 8192);
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(m + 4096, "written through the mapping");
	char buf[64] = "";
	pread(fd, buf, 27, 4096);
	printf("memfd: read back \"%s\"\n", buf);
	pwrite(fd, "and by pwrite", 13, 100);
	printf("memfd: mapping sees \"%.13s\"\n", m + 100);
	munmap(m, 8192);

	printf("memfd: seals %#x\n", fcntl(fd, F_GET_SEALS));
	printf("memfd: add seals %d\n", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE));
	printf("memfd: seals %#x\n", fcntl(fd, F_GET_SEALS));
	errno = 0;
	int r = ftruncate(fd, 100);
	printf("memfd: shrink %d %s\n", r, err_name(errno));
	errno = 0;
	ssize_t w = pwrite(fd, "x", 1, 0);
	printf("memfd: write %zd %s\n", w, err_name(errno));
	errno = 0;
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("memfd: writable shared map %s %s\n", m == MAP_FAILED ? "refused" : "allowed", err_name(errno));
	close(fd);

	fd = memfd_create("no-seals", 0);
	errno = 0;
	r = fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE);
	printf("memfd without MFD_ALLOW_SEALING: add seals %d %s\n", r, err_name(errno));
	close(fd);
	errno = 0;
	r = memfd_create("bad", 0x1000);
	printf("memfd_create bad flags: %d %s\n", r, err_name(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	splice_tee_vmsplice();
	sendfile_copy_range();
	memfd_seals();
	return 0;
}
