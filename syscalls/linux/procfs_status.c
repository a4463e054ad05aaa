/* /proc/<pid>/status as the guest sees it: the host's file for the same
 * thread (fs/proc/array.c proc_pid_status), with the memory lines, the
 * thread count and the signal sets replaced by the guest's, and the
 * host CPU's own lines (x86_Thread_features, untag_mask) left out.  Name is
 * the host's: ferry names its threads as the guest does (linux_boot, the
 * PR_SET_NAME of prctl). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "syscalls/linux/procfs.h"

static void status_of(struct linux_thread *t, void *ctx)
{
	struct linux_sig_status *st = ctx;

	linux_signal_status(t, st->pending, st->shared, st);
}

static uint64_t host_hex(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

static bool key_is(const char *line, size_t len, const char *key)
{
	return strlen(key) == len && memcmp(line, key, len) == 0;
}

int proc_status_text(struct vcpu *cpu, struct text *t, int tid)
{
	char path[64];
	struct proc_mem_totals m;
	struct linux_sig_status sig;
	char *host;
	int r;

	if (tid)
		snprintf(path, sizeof path, "/proc/self/task/%d/status", tid);
	else
		snprintf(path, sizeof path, "/proc/self/status");
	if (!(host = proc_host_file(path)))
		return -ENOMEM;
	if ((r = proc_mem_totals(&m)) < 0) {
		free(host);
		return r;
	}
	/* the process's file is its main thread's (the kernel's task of that pid) */
	sig.pending = host_hex(host, "\nSigPnd:");
	sig.shared = host_hex(host, "\nShdPnd:");
	if (linux_thread_with_tid(tid ? tid : (int)getpid(), status_of, &sig) < 0)
		linux_signal_status(linux_thread(cpu), sig.pending, sig.shared, &sig);

	const struct {
		const char *key;
		uint64_t kb;
	} vm[] = {
		/* VmPin 0: the guest cannot pin pages (no RDMA, no io_uring buffers) */
		{ "VmPeak", m.peak }, { "VmSize", m.size },	{ "VmLck", m.lck },	  { "VmPin", 0 },
		{ "VmHWM", m.hwm },   { "VmRSS", m.rss },	{ "RssAnon", m.anon },	  { "RssFile", m.file },
		{ "RssShmem", m.shmem }, { "VmData", m.data }, { "VmStk", m.stk },	  { "VmExe", m.exe },
		{ "VmLib", m.lib },   { "VmPTE", m.pte },	{ "VmSwap", m.swap },	  { "HugetlbPages", m.hugetlb },
	};
	const struct {
		const char *key;
		uint64_t set;
	} sigs[] = {
		{ "SigPnd", sig.pending }, { "ShdPnd", sig.shared }, { "SigBlk", sig.blocked },
		{ "SigIgn", sig.ignored }, { "SigCgt", sig.caught },
	};

	for (char *line = host, *nl; *line; line = nl) {
		char *colon;
		size_t len;
		bool done = false;

		nl = strchr(line, '\n');
		nl = nl ? nl + 1 : line + strlen(line);
		colon = memchr(line, ':', (size_t)(nl - line));
		len = colon ? (size_t)(colon - line) : 0;
		if (strncmp(line, "x86_", 4) == 0 || key_is(line, len, "untag_mask"))
			continue;
		for (size_t i = 0; i < sizeof vm / sizeof vm[0] && !done; i++)
			if (key_is(line, len, vm[i].key)) {
				text_printf(t, "%s:\t%8llu kB\n", vm[i].key, (unsigned long long)vm[i].kb);
				done = true;
			}
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0] && !done; i++)
			if (key_is(line, len, sigs[i].key)) {
				text_printf(t, "%s:\t%016llx\n", sigs[i].key, (unsigned long long)sigs[i].set);
				done = true;
			}
		if (!done && key_is(line, len, "Threads")) {
			text_printf(t, "Threads:\t%d\n", linux_thread_count());
			done = true;
		}
		if (!done)
			text_add(t, line, (size_t)(nl - line));
	}
	free(host);
	return 0;
}
