/* Memory mappings: anonymous mmap (zero-filled), munmap of part of a
 * mapping, mprotect, mremap grow/move, MAP_FIXED over an existing
 * mapping, file-backed MAP_SHARED writes seen by read(), MAP_PRIVATE
 * copy-on-write not seen, madvise(DONTNEED) zeroing, brk/sbrk, and the
 * errors of bad arguments. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	printf("page size %ld\n", pg);
	unsigned char *p = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap ok %d aligned %d\n", p != MAP_FAILED, ((uintptr_t)p % (uintptr_t)pg) == 0);
	int zero = 1;
	for (long i = 0; i < 16 * pg; i++)
		zero &= p[i] == 0;
	printf("zero filled %d\n", zero);
	memset(p, 0x5a, 16 * pg);
	/* unmap a hole in the middle; the rest stays */
	printf("munmap middle %d\n", munmap(p + 4 * pg, 2 * pg));
	printf("neighbours intact %d %d\n", p[4 * pg - 1] == 0x5a, p[6 * pg] == 0x5a);
	/* mprotect read-only and back */
	printf("mprotect ro %d\n", mprotect(p, pg, PROT_READ));
	printf("still readable %d\n", p[10] == 0x5a);
	printf("mprotect rw %d\n", mprotect(p, pg, PROT_READ | PROT_WRITE));
	p[10] = 1;
	printf("writable again %d\n", p[10] == 1);
	/* mremap: grow (may move), contents kept */
	unsigned char *q = mremap(p + 6 * pg, 10 * pg, 40 * pg, MREMAP_MAYMOVE);
	printf("mremap ok %d kept %d new zero %d\n", q != MAP_FAILED, q[0] == 0x5a && q[10 * pg - 1] == 0x5a,
	       q[39 * pg] == 0);
	/* MAP_FIXED replaces what was there */
	unsigned char *f = mmap(q, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED at the address %d, fresh zero %d\n", f == q, f[0] == 0 && f[pg - 1] == 0);
	munmap(q, 40 * pg);
	munmap(p, 4 * pg);
	/* file mappings */
	char path[] = "ferry-mmap-XXXXXX";
	int fd = mkstemp(path);
	unlink(path);
	char content[3 * 4096];
	for (unsigned i = 0; i < sizeof content; i++)
		content[i] = (char)('a' + i % 26);
	if (write(fd, content, sizeof content) != (ssize_t)sizeof content)
		return 1;
	char *shared = mmap(NULL, sizeof content, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *priv = mmap(NULL, sizeof content, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *off = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 8192);
	printf("file maps ok %d %d %d, offset view starts with '%c'\n", shared != MAP_FAILED, priv != MAP_FAILED,
	       off != MAP_FAILED, off[0]);
	shared[0] = 'X';
	priv[1] = 'Y';
	char back[4] = { 0 };
	pread(fd, back, 3, 0);
	/* (whether a private mapping sees later writes to the file is unspecified) */
	printf("file after writes: %.3s (shared seen, private not)\n", back);
	printf("msync %d\n", msync(shared, 4096, MS_SYNC));
	/* beyond end of file inside the last page reads as zero */
	ftruncate(fd, 4096 + 100);
	printf("tail of last page zero %d\n", shared[4096 + 100] == 0 && shared[4096 + 4095] == 0);
	munmap(shared, sizeof content);
	munmap(priv, sizeof content);
	munmap(off, 4096);
	close(fd);
	/* madvise DONTNEED on private anonymous memory gives zeroes back */
	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 7, 4 * pg);
	int r = madvise(p + pg, pg, MADV_DONTNEED);
	printf("madvise %d zeroed %d\n", r, p[pg] == 0 && p[0] == 7);
	munmap(p, 4 * pg);
	/* brk through sbrk */
	void *b0 = sbrk(0);
	void *b1 = sbrk(100000);
	void *b2 = sbrk(0);
	memset(b1, 1, 100000);
	int shrunk = sbrk(-100000) != (void *)-1;
	printf("sbrk grows %d by %ld, shrink %d back to start %d\n", b1 == b0, (long)((char *)b2 - (char *)b0), shrunk,
	       sbrk(0) == b0);
	/* errors */
	errno = 0;
	void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap len 0: %s %s\n", bad == MAP_FAILED ? "failed" : "ok", strerrorname_np(errno));
	bad = mmap((void *)1, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED unaligned: %s %s\n", bad == MAP_FAILED ? "failed" : "ok", strerrorname_np(errno));
	bad = mmap(NULL, pg, PROT_READ, MAP_SHARED, 12345, 0);
	printf("bad fd: %s %s\n", bad == MAP_FAILED ? "failed" : "ok", strerrorname_np(errno));
	r = munmap((void *)3, pg);
	printf("munmap unaligned: %d %s\n", r, strerrorname_np(errno));
	r = mprotect((void *)3, pg, PROT_READ);
	printf("mprotect unaligned: %d %s\n", r, strerrorname_np(errno));
	return 0;
}
