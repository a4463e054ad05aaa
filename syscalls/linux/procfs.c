/* /proc files that must describe the guest rather than ferry: they are
 * generated and handed over as a memfd (qemu-user does the same). */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* /proc/self/stat (fs/proc/array.c do_task_stat): the host's line for the
 * same task, whose pid, comm (the name ferry keeps as the guest set it),
 * state, times, faults, start time and scheduling are the process's own,
 * with what concerns the guest's memory replaced: vsize and rss as status
 * has them, the executable's code and data bounds, the stack, brk and
 * argument addresses, and num_threads counting guest threads only.
 * kstkesp and kstkeip stay the host's (0 but in a core dump).  Fields are
 * numbered as in proc(5). */
static int stat_text(struct text *t, int tid)
{
	char path[64], *host, *rest, *f, *save;
	struct proc_mem_totals m;

	if (tid)
		snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	else
		snprintf(path, sizeof path, "/proc/self/stat");
	errno = 0;
	if (!(host = proc_host_file(path)))
		return errno ? -errno : -ENOMEM;
	/* pid and comm as they are; the command name may hold spaces and ')' */
	if (!(rest = strrchr(host, ')'))) {
		free(host);
		return -EIO;
	}
	text_add(t, host, (size_t)(rest - host) + 1);
	if (proc_mem_totals(&m) < 0)
		memset(&m, 0, sizeof m);
	f = strtok_r(rest + 1, " \n", &save); /* other guest threads may read theirs now */
	for (int k = 3; k <= 52; k++, f = f ? strtok_r(NULL, " \n", &save) : NULL) {
		unsigned long long v;

		switch (k) {
		case 20: v = (unsigned long long)linux_thread_count(); break;
		case 23: v = m.size * 1024; break;                 /* vsize, bytes */
		case 24: v = m.rss * 1024 / GUEST_PAGE_SIZE; break; /* rss, pages */
		case 26: v = proc.start_code; break;
		case 27: v = proc.end_code; break;
		case 28: v = proc.start_stack; break;
		case 45: v = proc.start_data; break;
		case 46: v = proc.end_data; break;
		case 47: v = mem.brk_start; break;
		case 48: v = proc.arg_start; break;
		case 49: v = proc.arg_end; break;
		case 50: v = proc.env_start; break;
		case 51: v = proc.env_end; break;
		default:
			text_printf(t, " %s", f ? f : "0");
			continue;
		}
		text_printf(t, " %llu", v);
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
