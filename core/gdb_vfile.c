/* vFile: gdb's host I/O packets (gdb manual, "Host I/O Packets"), from the
 * guest's point of view: paths go through the sysroot as the guest's own
 * opens do, and /proc/<pid>/maps (info proc mappings), auxv, cmdline,
 * environ and exe describe the guest, not ferry.  Read-only: gdb only
 * reads files of a remote target it debugs. */
#include "gdb_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/loader.h"
#include "process.h"
#include "vcpu.h"
/* linux_proc_open, until struct guest_os offers opening a path as the
 * guest sees it (reported as a contract change). */
#include "syscalls/linux/sys.h"

/* gdb's File-I/O errno values ("Errno Values"): Linux's below 31. */
static int fio_errno(int e)
{
	switch (e) {
	case EPERM: case ENOENT: case EINTR: case EBADF: case EACCES: case EFAULT:
	case EBUSY: case EEXIST: case ENODEV: case ENOTDIR: case EISDIR: case EINVAL:
	case ENFILE: case EMFILE: case EFBIG: case ENOSPC: case ESPIPE: case EROFS:
		return e;
	case ENAMETOOLONG:
		return 91;
	default:
		return 9999; /* EUNKNOWN */
	}
}

static void reply_err(struct rsp *r, int e)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "F-1,%x", fio_errno(e));
	rsp_send_str(r, buf);
}

static void reply_num(struct rsp *r, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "F%llx", (unsigned long long)v);
	rsp_send_str(r, buf);
}

/* Only descriptors opened for gdb may be read or closed through vFile. */
#define MAX_FDS 16
static int fds[MAX_FDS] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

static bool ours(uint64_t fd)
{
	for (int i = 0; i < MAX_FDS; i++)
		if (fds[i] >= 0 && (uint64_t)fds[i] == fd)
			return true;
	return false;
}

struct open_ctx {
	const char *path;
	int fd;
};

static int proc_open(struct vcpu *cpu, void *ctx)
{
	struct open_ctx *c = ctx;
	c->fd = linux_proc_open(cpu, c->path, O_RDONLY | O_CLOEXEC);
	return 0;
}

/* A guest path opened as the guest would: generated /proc files, the
 * guest executable for /proc/<pid>/exe, else the sysroot first. */
static int guest_open(const char *path)
{
	const char *what;
	if (linux_proc_self(path, &what) && !strcmp(what, "exe") && proc.exe_path)
		path = proc.exe_path;
	struct open_ctx c = {path, LINUX_PROC_HOST};
	gdb_with_cpu(0, proc_open, &c);
	if (c.fd != LINUX_PROC_HOST)
		return c.fd;
	char buf[4096 + 64];
	const char *host = path[0] == '/' ? sysroot_resolve(path, buf, sizeof(buf)) : path;
	int fd = open(host, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* "hexpath,..." -> path; returns false if malformed. */
static bool hex_path(const char **p, char *out, size_t cap)
{
	const char *s = *p;
	size_t n = strcspn(s, ",");
	if (n % 2 || n / 2 >= cap || hex_decode(out, s, n / 2) != n / 2)
		return false;
	out[n / 2] = 0;
	*p = s + n + (s[n] == ',');
	return true;
}

static void put32(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (24 - 8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* struct stat as File-I/O lays it out ("struct stat"): big-endian, 32-bit
 * fields but for size, blksize and blocks. */
static size_t fio_stat(uint8_t *out, const struct stat *st)
{
	put32(out + 0, st->st_dev);
	put32(out + 4, st->st_ino);
	put32(out + 8, st->st_mode);
	put32(out + 12, st->st_nlink);
	put32(out + 16, st->st_uid);
	put32(out + 20, st->st_gid);
	put32(out + 24, st->st_rdev);
	put64(out + 28, (uint64_t)st->st_size);
	put64(out + 36, (uint64_t)st->st_blksize);
	put64(out + 44, (uint64_t)st->st_blocks);
	put32(out + 52, (uint64_t)st->st_atime);
	put32(out + 56, (uint64_t)st->st_mtime);
	put32(out + 60, (uint64_t)st->st_ctime);
	return 64;
}

void gdb_vfile(struct rsp *r, const char *p, size_t len)
{
	(void)len;
	static char path[4096];
	static uint8_t data[RSP_MAX];
	static char out[RSP_MAX + 32];
	uint64_t fd, count, off;
	if (!strncmp(p, "setfs:", 6)) {
		rsp_send_str(r, "F0"); /* one file system: the guest's */
	} else if (!strncmp(p, "open:", 5)) {
		p += 5;
		uint64_t flags;
		if (!hex_path(&p, path, sizeof(path)) || !hex_number(&p, &flags)) {
			reply_err(r, EINVAL);
			return;
		}
		if ((flags & 3) != 0) { /* FILEIO_O_WRONLY / O_RDWR */
			reply_err(r, EROFS);
			return;
		}
		int slot = 0;
		while (slot < MAX_FDS && fds[slot] >= 0)
			slot++;
		if (slot == MAX_FDS) {
			reply_err(r, EMFILE);
			return;
		}
		int f = guest_open(path);
		if (f < 0) {
			reply_err(r, -f);
			return;
		}
		fds[slot] = f;
		reply_num(r, f);
	} else if (!strncmp(p, "close:", 6)) {
		p += 6;
		if (!hex_number(&p, &fd) || !ours(fd)) {
			reply_err(r, EBADF);
			return;
		}
		for (int i = 0; i < MAX_FDS; i++)
			if ((uint64_t)fds[i] == fd)
				fds[i] = -1;
		close((int)fd);
		rsp_send_str(r, "F0");
	} else if (!strncmp(p, "pread:", 6)) {
		p += 6;
		if (!hex_number(&p, &fd) || *p++ != ',' || !hex_number(&p, &count) || *p++ != ',' ||
		    !hex_number(&p, &off) || !ours(fd)) {
			reply_err(r, EBADF);
			return;
		}
		if (count > RSP_MAX - 32)
			count = RSP_MAX - 32;
		ssize_t n = pread((int)fd, data, count, (off_t)off);
		if (n < 0) {
			reply_err(r, errno);
			return;
		}
		int h = snprintf(out, sizeof(out), "F%zx;", (size_t)n);
		memcpy(out + h, data, (size_t)n);
		rsp_send(r, out, (size_t)h + (size_t)n);
	} else if (!strncmp(p, "fstat:", 6)) {
		p += 6;
		struct stat st;
		if (!hex_number(&p, &fd) || !ours(fd) || fstat((int)fd, &st) < 0) {
			reply_err(r, EBADF);
			return;
		}
		int h = snprintf(out, sizeof(out), "F%x;", 64);
		size_t n = fio_stat(data, &st);
		memcpy(out + h, data, n);
		rsp_send(r, out, (size_t)h + n);
	} else if (!strncmp(p, "readlink:", 9)) {
		p += 9;
		const char *what;
		if (!hex_path(&p, path, sizeof(path))) {
			reply_err(r, EINVAL);
			return;
		}
		if (linux_proc_self(path, &what) && !strcmp(what, "exe") && proc.exe_path) {
			snprintf(out, sizeof(out), "F%zx;%s", strlen(proc.exe_path), proc.exe_path);
			rsp_send_str(r, out);
			return;
		}
		char buf[4096 + 64], target[4096];
		const char *host = path[0] == '/' ? sysroot_resolve(path, buf, sizeof(buf)) : path;
		ssize_t n = readlink(host, target, sizeof(target) - 1);
		if (n < 0) {
			reply_err(r, errno);
			return;
		}
		target[n] = 0;
		snprintf(out, sizeof(out), "F%zx;%s", (size_t)n, target);
		rsp_send_str(r, out);
	} else {
		rsp_send_str(r, ""); /* pwrite, unlink: not for a debugger of this target */
	}
}
