/* Guest path arguments: sysroot lookup and the /proc/self/exe link. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/process.h"
#include "loader/loader.h"
#include "syscalls/linux/sys.h"

const char *linux_exe_path(void)
{
	static char *abs;

	if (!abs && proc.exe_path)
		abs = realpath(proc.exe_path, NULL);
	return abs ? abs : proc.exe_path;
}

int linux_proc_self_tid(const char *path, const char **what, int *tid)
{
	char self[32]; /* not cached: a forked child has another pid */
	const char *rest;
	size_t n;

	if (strncmp(path, "/proc/", 6) != 0)
		return 0;
	rest = path + 6;
	n = (size_t)snprintf(self, sizeof self, "%d", (int)getpid());
	*tid = 0;
	if (strncmp(rest, "self/", 5) == 0) {
		rest += 5;
	} else if (strncmp(rest, "thread-self/", 12) == 0) {
		rest += 12;
		*tid = (int)syscall(SYS_gettid);
	} else if (strncmp(rest, self, n) == 0 && rest[n] == '/') {
		rest += n + 1;
	} else {
		return 0;
	}
	/* task/<tid>/: a thread of this process sees the process's files */
	if (*tid == 0 && strncmp(rest, "task/", 5) == 0) {
		char *end;
		long t = strtol(rest + 5, &end, 10);

		if (end == rest + 5 || *end != '/' || t <= 0 || syscall(SYS_tgkill, getpid(), (int)t, 0) != 0)
			return 0;
		rest = end + 1;
		*tid = (int)t;
	}
	*what = rest;
	return 1;
}

int linux_proc_self(const char *path, const char **what)
{
	int tid;

	return linux_proc_self_tid(path, what, &tid);
}

int linux_path(uint64_t g, struct linux_path *p)
{
	const char *s = mem_string(g, PATH_MAX);
	const char *what;

	if (!s)
		return -EFAULT;
	p->guest = s;
	p->host = s;
	if (s[0] != '/')
		return 0; /* relative to a dirfd or the cwd: both are host's */
	if (linux_proc_self(s, &what) && strcmp(what, "exe") == 0 && linux_exe_path()) {
		p->host = linux_exe_path();
		return 0;
	}
	/* "/" itself is the host's root, as in qemu's path(): the sysroot only
	 * overlays what it contains */
	if (s[strspn(s, "/")] == 0)
		return 0;
	p->host = sysroot_resolve(s, p->buf, sizeof p->buf);
	return 0;
}
