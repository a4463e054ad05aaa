/* Shared by the /proc generators (procfs*.c). */
#ifndef FERRY_LINUX_PROCFS_H
#define FERRY_LINUX_PROCFS_H

#include <stddef.h>
#include <stdint.h>

struct vcpu;

/* A growing text buffer; oom is set once an allocation failed. */
struct text {
	char *p;
	size_t len, cap;
	int oom;
};
void text_add(struct text *t, const void *s, size_t n);
__attribute__((format(printf, 2, 3))) void text_printf(struct text *t, const char *fmt, ...);
/* The whole of a host file (a /proc one: its size is not known ahead), or NULL. */
char *proc_host_file(const char *path);

/* procfs.c: one line of /proc/<pid>/maps (also smaps' headers). */
struct mem_region;
void proc_map_line(struct text *t, const struct mem_region *r);

/* procfs_mem.c: the guest's memory as smaps, smaps_rollup and statm show
 * it, from the guest's mappings and the host's pages behind them. */
int proc_smaps_text(struct text *t, int rollup);
int proc_statm_text(struct text *t);
/* The memory lines of /proc/<pid>/status, in kB. */
struct proc_mem_totals {
	uint64_t peak, size, lck, hwm, rss, anon, file, shmem, data, stk, exe, lib, pte, swap, hugetlb;
};
int proc_mem_totals(struct proc_mem_totals *m);

/* procfs_status.c: /proc/<pid>/status, of thread tid (0: the process's). */
int proc_status_text(struct vcpu *cpu, struct text *t, int tid);

#endif
