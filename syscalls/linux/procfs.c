/* /proc files that must describe the guest rather than ferry: they are
 * generated and handed over as a memfd (qemu-user does the same). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "syscalls/linux/procfs.h"
#include "core/frontend.h"
#include "core/mem.h"
#include "core/process.h"
#include "core/vcpu.h"

void text_add(struct text *t, const void *s, size_t n)
{
	if (t->oom)
		return;
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		char *p;

		while (cap < t->len + n)
			cap *= 2;
		if (!(p = realloc(t->p, cap))) {
			t->oom = 1;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
}

void text_printf(struct text *t, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		text_add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

char *proc_host_file(const char *path)
{
	struct text t = { 0 };
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		text_add(&t, buf, (size_t)n);
	close(fd);
	text_add(&t, "", 1);
	if (n < 0 || t.oom) {
		free(t.p);
		return NULL;
	}
	return t.p;
}

/* Guest memory [start, end) as file content. */
static int text_guest(struct text *t, uint64_t start, uint64_t end)
{
	char buf[4096];

	while (start < end) {
		size_t n = end - start < sizeof buf ? (size_t)(end - start) : sizeof buf;

		if (mem_read(buf, start, n) < 0)
			return -EFAULT;
		text_add(t, buf, n);
		start += n;
	}
	return 0;
}

/* One line per mapping, as fs/proc/task_mmu.c show_map_vma() prints it:
 * the name starts at column 73 on a 64-bit kernel. */
void proc_map_line(struct text *t, const struct mem_region *r)
{
	char line[512];
	int n;

	n = snprintf(line, sizeof line, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ", (unsigned long long)r->start,
		     (unsigned long long)r->end, r->prot & PROT_READ ? 'r' : '-', r->prot & PROT_WRITE ? 'w' : '-',
		     r->prot & PROT_EXEC ? 'x' : '-', r->flags & MAP_SHARED ? 's' : 'p',
		     (unsigned long long)r->offset, major(r->dev), minor(r->dev), (unsigned long long)r->inode);
	if (r->name && r->name[0]) {
		while (n < 73 && n < (int)sizeof line - 1)
			line[n++] = ' ';
		line[n] = 0;
		text_printf(t, "%s%s\n", line, r->name);
	} else {
		line[n - 1] = 0; /* the kernel drops the padding after the inode */
		text_printf(t, "%s\n", line);
	}
}

static void map_line(const struct mem_region *r, void *ctx)
{
	proc_map_line(ctx, r);
}

/* The thread's name (its comm), which ferry keeps as the guest set it. */
static void comm_of(int tid, char *comm, size_t size)
{
	char path[64], *s;

	if (tid)
		snprintf(path, sizeof path, "/proc/self/task/%d/comm", tid);
	else
		snprintf(path, sizeof path, "/proc/self/comm");
	s = proc_host_file(path);
	snprintf(comm, size, "%s", s ? s : "?");
	free(s);
	comm[strcspn(comm, "\n")] = 0;
}

/* /proc/self/stat (fs/proc/array.c do_task_stat): the host's line for the
 * same task (state, times, faults, start time, scheduling are the
 * process's own), with what concerns the guest's memory replaced: vsize
 * and rss as status has them, the executable's code and data bounds, the
 * stack, brk and argument addresses, and num_threads counting guest
 * threads only.  kstkesp and kstkeip stay the host's (0 but in a core
 * dump).  Fields are numbered as in proc(5). */
#define STAT_FIELDS 52
static int stat_text(struct text *t, int tid)
{
	char path[64], comm[64], *host, *p, *field[STAT_FIELDS + 1] = { 0 };
	unsigned long long v[STAT_FIELDS + 1];
	bool set[STAT_FIELDS + 1] = { 0 };
	struct proc_mem_totals m;
	int n = 3;

	if (tid)
		snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	else
		snprintf(path, sizeof path, "/proc/self/stat");
	errno = 0;
	if (!(host = proc_host_file(path)))
		return errno ? -errno : -ENOMEM;
	/* the fields after the command name, which may hold spaces and ')' */
	if (!(p = strrchr(host, ')'))) {
		free(host);
		return -EIO;
	}
	for (p = strtok(p + 1, " \n"); p && n <= STAT_FIELDS; p = strtok(NULL, " \n"))
		field[n++] = p;
	comm_of(tid, comm, sizeof comm);
	if (proc_mem_totals(&m) < 0)
		memset(&m, 0, sizeof m);
#define SET(k, val) (v[k] = (val), set[k] = true)
	SET(20, (unsigned long long)linux_thread_count());
	SET(23, m.size * 1024);                 /* vsize, bytes */
	SET(24, m.rss * 1024 / GUEST_PAGE_SIZE); /* rss, pages */
	SET(26, proc.start_code);
	SET(27, proc.end_code);
	SET(28, proc.start_stack);
	SET(45, proc.start_data);
	SET(46, proc.end_data);
	SET(47, mem.brk_start);
	SET(48, proc.arg_start);
	SET(49, proc.arg_end);
	SET(50, proc.env_start);
	SET(51, proc.env_end);
#undef SET
	text_printf(t, "%d (%.15s)", tid ? tid : (int)getpid(), comm);
	for (int k = 3; k <= STAT_FIELDS; k++) {
		if (set[k])
			text_printf(t, " %llu", v[k]);
		else
			text_printf(t, " %s", field[k] ? field[k] : "0");
	}
	text_printf(t, "\n");
	free(host);
	return 0;
}

/* Which file, or -1 if the host's own is right. */
static int generate(struct vcpu *cpu, const char *path, struct text *t)
{
	const char *what;
	int tid;

	if (strcmp(path, "/proc/cpuinfo") == 0) {
		const char *(*cpuinfo)(void) = cpu->fe->linux->cpuinfo;

		if (!cpuinfo)
			return -1;
		const char *s = cpuinfo();

		text_add(t, s, strlen(s));
		return 0;
	}
	if (!linux_proc_self_tid(path, &what, &tid))
		return -1;
	if (strcmp(what, "maps") == 0) {
		mem_foreach(map_line, t);
		return 0;
	}
	if (strcmp(what, "auxv") == 0)
		return text_guest(t, proc.auxv, proc.auxv + proc.auxv_len);
	if (strcmp(what, "cmdline") == 0)
		return text_guest(t, proc.arg_start, proc.arg_end);
	if (strcmp(what, "environ") == 0)
		return text_guest(t, proc.env_start, proc.env_end);
	if (strcmp(what, "stat") == 0)
		return stat_text(t, tid);
	if (strcmp(what, "status") == 0)
		return proc_status_text(cpu, t, tid);
	if (strcmp(what, "smaps") == 0)
		return proc_smaps_text(t, 0);
	if (strcmp(what, "smaps_rollup") == 0)
		return proc_smaps_text(t, 1);
	if (strcmp(what, "statm") == 0)
		return proc_statm_text(t);
	return -1;
}

int linux_proc_open(struct vcpu *cpu, const char *guest_path, int flags)
{
	struct text t = { 0 };
	int fd, r;

	if (strncmp(guest_path, "/proc/", 6) != 0)
		return LINUX_PROC_HOST;
	r = generate(cpu, guest_path, &t);
	if (r == -1) {
		free(t.p);
		return LINUX_PROC_HOST;
	}
	if (r < 0 || t.oom) {
		free(t.p);
		return t.oom ? -ENOMEM : r;
	}
	if ((flags & O_ACCMODE) != O_RDONLY) {
		free(t.p);
		return -EACCES;
	}
	fd = memfd_create("ferry-proc", flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
	if (fd < 0) {
		r = -errno;
		free(t.p);
		return r;
	}
	for (size_t off = 0; off < t.len;) {
		ssize_t n = write(fd, t.p + off, t.len - off);

		if (n <= 0) {
			r = n < 0 ? -errno : -EIO;
			close(fd);
			free(t.p);
			return r;
		}
		off += (size_t)n;
	}
	free(t.p);
	lseek(fd, 0, SEEK_SET);
	if (flags & O_NONBLOCK)
		fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}
