/* /proc/<pid>/smaps, smaps_rollup and statm, and status's memory lines, as
 * the guest sees them: its own mappings only, none of ferry's.
 *
 * Guest memory is host memory at mem.base + g (core/mem.h), so the numbers
 * come from the host's /proc/self/smaps entries (host VMAs) over each guest
 * mapping's host range:
 *  - a host VMA inside the guest mapping adds its own numbers: exact (a
 *    guest mapping is often several host VMAs: pages of translated code are
 *    write-protected one by one, which splits the host's);
 *  - a host VMA that reaches past the guest mapping (the host merged it
 *    with a neighbour) is counted over the common pages from
 *    /proc/self/pagemap (Documentation/admin-guide/mm/pagemap.rst; these
 *    bits need no privilege): present -> Rss, swapped -> Swap, exclusively
 *    mapped -> Private_* else Shared_*, not file/shmem -> Anonymous.
 *    pagemap has no dirty bit: anonymous pages count as dirty (written, or
 *    they would not be there but for the zero page) and file pages as
 *    clean.  Pss gives the exclusive pages in full and the shared ones the
 *    host VMA's Pss per shared page; the fields pagemap says nothing of
 *    (Referenced, Locked, KSM, LazyFree, the huge-page ones, SwapPss) are
 *    the host VMA's share for the pages counted.  A page that maps only
 *    the shared zero page (read, never written) is counted in Rss there,
 *    where the kernel leaves it out.
 * KernelPageSize, MMUPageSize, THPeligible and ProtectionKey are those of
 * the host VMA at the mapping's start.  VmFlags: rd wr ex sh from the
 * guest's protection and sharing, gd for its main stack (the kernel's
 * stack has VM_GROWSDOWN), the others (mr mw me ms ac lo nh hg dd...) from
 * that host VMA, which the guest's mmap/madvise/mlock made. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "syscalls/linux/procfs.h"
#include "core/mem.h"

/* fs/proc/task_mmu.c show_smap(), in its order. */
#define SMAPS_FIELDS(X)                                                                                      \
	X(SIZE, "Size") X(KPS, "KernelPageSize") X(MMUPS, "MMUPageSize") X(RSS, "Rss") X(PSS, "Pss")            \
	X(PSS_DIRTY, "Pss_Dirty") X(SHARED_CLEAN, "Shared_Clean") X(SHARED_DIRTY, "Shared_Dirty")            \
	X(PRIVATE_CLEAN, "Private_Clean") X(PRIVATE_DIRTY, "Private_Dirty") X(REFERENCED, "Referenced")      \
	X(ANONYMOUS, "Anonymous") X(KSM, "KSM") X(LAZYFREE, "LazyFree") X(ANONHUGE, "AnonHugePages")          \
	X(SHMEMPMD, "ShmemPmdMapped") X(FILEPMD, "FilePmdMapped") X(SHARED_HUGETLB, "Shared_Hugetlb")         \
	X(PRIVATE_HUGETLB, "Private_Hugetlb") X(SWAP, "Swap") X(SWAPPSS, "SwapPss") X(LOCKED, "Locked")      \
	X(THP, "THPeligible") X(PKEY, "ProtectionKey")
#define FIELD_ENUM(id, name) F_##id,
#define FIELD_NAME(id, name) name,
enum { SMAPS_FIELDS(FIELD_ENUM) NFIELDS };
static const char *const field_name[NFIELDS] = { SMAPS_FIELDS(FIELD_NAME) };

/* Not sums of pages: taken from one host VMA. */
static bool field_single(int f)
{
	return f == F_SIZE || f == F_KPS || f == F_MMUPS || f == F_THP || f == F_PKEY;
}

static bool field_kb(int f)
{
	return f != F_THP && f != F_PKEY;
}

/* pagemap entry bits */
#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_FILE (1ULL << 61)
#define PM_EXCLUSIVE (1ULL << 56)

#define FLAGS_MAX 160

struct host_vma {
	uint64_t start, end; /* guest addresses */
	uint64_t v[NFIELDS];
	char flags[FLAGS_MAX];
};

struct host_smaps {
	struct host_vma *v;
	size_t n, cap;
	bool seen[NFIELDS]; /* the fields this kernel prints */
	int pagemap;        /* fd, opened when first needed */
};

struct guest_vma {
	struct mem_region r;
	char *name;
	uint64_t v[NFIELDS];
	char flags[FLAGS_MAX];
	bool stack, shmem, locked;
};

struct guest_vmas {
	struct guest_vma *v;
	size_t n, cap;
	int oom;
};

static void collect_one(const struct mem_region *r, void *ctx)
{
	struct guest_vmas *g = ctx;
	struct guest_vma *x;

	if (g->oom)
		return;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 64;
		struct guest_vma *p = realloc(g->v, cap * sizeof *p);

		if (!p) {
			g->oom = 1;
			return;
		}
		g->v = p;
		g->cap = cap;
	}
	x = &g->v[g->n];
	memset(x, 0, sizeof *x);
	x->r = *r;
	if (r->name && !(x->name = strdup(r->name))) {
		g->oom = 1;
		return;
	}
	x->r.name = x->name;
	x->stack = x->name && strcmp(x->name, "[stack]") == 0;
	/* shmem: shared anonymous memory, memfds, SysV segments, /dev/shm */
	x->shmem = ((r->flags & MAP_SHARED) && (r->flags & MAP_ANONYMOUS)) ||
		   (x->name && (strncmp(x->name, "/memfd:", 7) == 0 || strncmp(x->name, "/SYSV", 5) == 0 ||
				strncmp(x->name, "/dev/shm/", 9) == 0));
	g->n++;
}

static void guest_vmas_free(struct guest_vmas *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].name);
	free(g->v);
}

static int field_index(const char *name, size_t len)
{
	for (int f = 0; f < NFIELDS; f++)
		if (strlen(field_name[f]) == len && memcmp(field_name[f], name, len) == 0)
			return f;
	return -1;
}

/* The host's VMAs inside the guest window, in guest addresses. */
static int host_smaps_read(struct host_smaps *h)
{
	char *text = proc_host_file("/proc/self/smaps");
	struct host_vma *cur = NULL;
	uint64_t lo = (uint64_t)mem.base, hi = lo + mem.size;

	if (!text)
		return -ENOMEM;
	for (char *line = text, *nl; *line; line = nl) {
		unsigned long long a, b;

		nl = strchr(line, '\n');
		nl = nl ? nl + 1 : line + strlen(line);
		if ((line[0] >= '0' && line[0] <= '9') || (line[0] >= 'a' && line[0] <= 'f')) {
			cur = NULL;
			if (sscanf(line, "%llx-%llx", &a, &b) != 2 || b <= lo || a >= hi)
				continue;
			if (h->n == h->cap) {
				size_t cap = h->cap ? 2 * h->cap : 64;
				struct host_vma *p = realloc(h->v, cap * sizeof *p);

				if (!p) {
					free(text);
					return -ENOMEM;
				}
				h->v = p;
				h->cap = cap;
			}
			cur = &h->v[h->n++];
			memset(cur, 0, sizeof *cur);
			cur->start = (a < lo ? lo : a) - lo;
			cur->end = (b > hi ? hi : b) - lo;
			continue;
		}
		char *colon = memchr(line, ':', (size_t)(nl - line));
		int f;

		if (!colon)
			continue;
		if (colon - line == 7 && memcmp(line, "VmFlags", 7) == 0) {
			if (cur) {
				size_t n = (size_t)(nl - colon - 1);

				if (n && colon[n] == '\n')
					n--;
				n = n < FLAGS_MAX ? n : FLAGS_MAX - 1;
				memcpy(cur->flags, colon + 1, n);
				cur->flags[n] = 0;
			}
			continue;
		}
		if ((f = field_index(line, (size_t)(colon - line))) < 0)
			continue;
		h->seen[f] = true;
		if (cur)
			cur->v[f] = strtoull(colon + 1, NULL, 10);
	}
	free(text);
	return 0;
}

/* The pagemap-derived share of host VMA hv over guest pages [s, e). */
static int derive(struct host_smaps *h, const struct host_vma *hv, uint64_t s, uint64_t e, uint64_t *v)
{
	uint64_t present = 0, excl = 0, excl_file = 0, shared_file = 0, swapped = 0, buf[512];
	const uint64_t *x = hv->v;

	if (x[F_RSS] == 0 && x[F_SWAP] == 0)
		return 0; /* nothing resident or swapped in the whole host VMA */
	if (h->pagemap < 0 && (h->pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	for (uint64_t p = s; p < e;) {
		size_t n = (size_t)((e - p) / GUEST_PAGE_SIZE);
		ssize_t got;

		n = n < 512 ? n : 512;
		got = pread(h->pagemap, buf, n * 8, (off_t)((uint64_t)g2h(p) / GUEST_PAGE_SIZE * 8));
		if (got <= 0)
			return got < 0 ? -errno : -EIO;
		n = (size_t)got / 8;
		for (size_t i = 0; i < n; i++) {
			uint64_t pm = buf[i];

			if (pm & PM_SWAP)
				swapped++;
			if (!(pm & PM_PRESENT))
				continue;
			present++;
			if (pm & PM_EXCLUSIVE) {
				excl++;
				excl_file += !!(pm & PM_FILE);
			} else {
				shared_file += !!(pm & PM_FILE);
			}
		}
		p += n * GUEST_PAGE_SIZE;
	}
	uint64_t host_shared = x[F_SHARED_CLEAN] + x[F_SHARED_DIRTY];

	/* No page of the host VMA is shared: a present one that is not
	 * exclusive maps the zero page, which the kernel does not count. */
	if (!host_shared) {
		present = excl;
		shared_file = 0;
	}
	uint64_t kb = GUEST_PAGE_SIZE / 1024, shared = present - excl;
	uint64_t shared_dirty = shared - shared_file;
	uint64_t host_shared_pss = x[F_PSS] - (x[F_PSS] < x[F_PRIVATE_CLEAN] + x[F_PRIVATE_DIRTY]
						      ? x[F_PSS]
						      : x[F_PRIVATE_CLEAN] + x[F_PRIVATE_DIRTY]);

	v[F_RSS] += present * kb;
	v[F_PRIVATE_CLEAN] += excl_file * kb;
	v[F_PRIVATE_DIRTY] += (excl - excl_file) * kb;
	v[F_SHARED_CLEAN] += shared_file * kb;
	v[F_SHARED_DIRTY] += shared_dirty * kb;
	v[F_ANONYMOUS] += (present - excl_file - shared_file) * kb;
	v[F_SWAP] += swapped * kb;
	v[F_PSS] += excl * kb + (host_shared ? shared * kb * host_shared_pss / host_shared : 0);
	v[F_PSS_DIRTY] += (excl - excl_file) * kb + (host_shared ? shared_dirty * kb * host_shared_pss / host_shared : 0);
	if (x[F_SWAP])
		v[F_SWAPPSS] += x[F_SWAPPSS] * swapped * kb / x[F_SWAP];
	if (x[F_RSS]) {
		static const int share[] = { F_REFERENCED, F_KSM, F_LAZYFREE, F_ANONHUGE, F_SHMEMPMD,
					     F_FILEPMD, F_SHARED_HUGETLB, F_PRIVATE_HUGETLB, F_LOCKED };

		for (size_t i = 0; i < sizeof share / sizeof share[0]; i++)
			v[share[i]] += x[share[i]] * present * kb / x[F_RSS];
	}
	return 0;
}

static bool has_flag(const char *flags, const char *f)
{
	for (const char *p = flags; (p = strstr(p, f)); p += 2)
		if ((p == flags || p[-1] == ' ') && (p[2] == ' ' || p[2] == 0))
			return true;
	return false;
}

/* VmFlags in the kernel's order (the mnemonics follow the VM_* bits):
 * rd wr ex sh mr mw me ms gd, then the rest. */
static void guest_flags(struct guest_vma *g, const char *host)
{
	static const char *const prot_bits[] = { "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd" };
	const bool guest[] = { g->r.prot & PROT_READ, g->r.prot & PROT_WRITE, g->r.prot & PROT_EXEC,
			       g->r.flags & MAP_SHARED };
	size_t n = 0;

	for (int i = 0; i < 9; i++) {
		bool on = i < 4 ? guest[i] : i == 8 ? g->stack : has_flag(host, prot_bits[i]);

		if (on && n + 4 < FLAGS_MAX)
			n += (size_t)snprintf(g->flags + n, FLAGS_MAX - n, "%s ", prot_bits[i]);
	}
	for (const char *p = host; *p;) {
		bool known = false;

		while (*p == ' ')
			p++;
		if (!p[0] || !p[1])
			break;
		for (int i = 0; i < 9; i++)
			known |= memcmp(p, prot_bits[i], 2) == 0;
		if (!known && n + 4 < FLAGS_MAX)
			n += (size_t)snprintf(g->flags + n, FLAGS_MAX - n, "%.2s ", p);
		p += 2;
	}
	g->locked = has_flag(host, "lo");
}

/* Each guest mapping's numbers from the host VMAs over it (both lists are
 * in address order). */
static int account(struct guest_vmas *g, struct host_smaps *h)
{
	size_t first = 0;

	for (size_t i = 0; i < g->n; i++) {
		struct guest_vma *x = &g->v[i];
		bool head = true;

		x->v[F_SIZE] = (x->r.end - x->r.start) / 1024;
		x->v[F_KPS] = x->v[F_MMUPS] = GUEST_PAGE_SIZE / 1024;
		while (first < h->n && h->v[first].end <= x->r.start)
			first++;
		for (size_t j = first; j < h->n && h->v[j].start < x->r.end; j++) {
			const struct host_vma *hv = &h->v[j];
			uint64_t s = hv->start > x->r.start ? hv->start : x->r.start;
			uint64_t e = hv->end < x->r.end ? hv->end : x->r.end;

			if (head) {
				x->v[F_KPS] = hv->v[F_KPS];
				x->v[F_MMUPS] = hv->v[F_MMUPS];
				x->v[F_THP] = hv->v[F_THP];
				x->v[F_PKEY] = hv->v[F_PKEY];
				guest_flags(x, hv->flags);
				head = false;
			}
			if (hv->start >= x->r.start && hv->end <= x->r.end) {
				for (int f = 0; f < NFIELDS; f++)
					if (!field_single(f))
						x->v[f] += hv->v[f];
			} else {
				int r = derive(h, hv, s, e, x->v);

				if (r < 0)
					return r;
			}
		}
		if (head)
			guest_flags(x, "");
	}
	return 0;
}

struct guest_mem {
	struct guest_vmas g;
	struct host_smaps h;
};

static int guest_mem_read(struct guest_mem *m)
{
	int r;

	memset(m, 0, sizeof *m);
	m->h.pagemap = -1;
	mem_foreach(collect_one, &m->g);
	if (m->g.oom)
		return -ENOMEM;
	if ((r = host_smaps_read(&m->h)) < 0)
		return r;
	r = account(&m->g, &m->h);
	if (m->h.pagemap >= 0)
		close(m->h.pagemap);
	return r;
}

static void guest_mem_free(struct guest_mem *m)
{
	guest_vmas_free(&m->g);
	free(m->h.v);
}

/* "Rss:" padded to 16 columns, the value to 8 (task_mmu.c SEQ_PUT_DEC). */
static void field_line(struct text *t, const char *name, uint64_t v, bool kb)
{
	char label[32];

	snprintf(label, sizeof label, "%s:", name);
	text_printf(t, "%-16s%8llu%s\n", label, (unsigned long long)v, kb ? " kB" : "");
}

int proc_smaps_text(struct text *t, int rollup)
{
	struct guest_mem m;
	int r = guest_mem_read(&m);

	if (r < 0) {
		guest_mem_free(&m);
		return r;
	}
	if (!rollup) {
		for (size_t i = 0; i < m.g.n; i++) {
			const struct guest_vma *x = &m.g.v[i];

			proc_map_line(t, &x->r);
			for (int f = 0; f < NFIELDS; f++)
				if (m.h.seen[f] || f == F_SIZE)
					field_line(t, field_name[f], x->v[f], field_kb(f));
			text_printf(t, "VmFlags: %s\n", x->flags);
		}
		guest_mem_free(&m);
		return 0;
	}
	/* show_smaps_rollup(): the span of the mappings, then the sums, with
	 * Pss split by kind; a mapping's anonymous pages are its own (a
	 * private copy), so they take min(Anonymous, Pss) of its Pss. */
	uint64_t sum[NFIELDS] = { 0 }, pss_anon = 0, pss_file = 0, pss_shmem = 0;
	struct mem_region span = { 0 };

	for (size_t i = 0; i < m.g.n; i++) {
		const struct guest_vma *x = &m.g.v[i];
		uint64_t anon = x->v[F_ANONYMOUS] < x->v[F_PSS] ? x->v[F_ANONYMOUS] : x->v[F_PSS];

		for (int f = 0; f < NFIELDS; f++)
			sum[f] += x->v[f];
		pss_anon += anon;
		if (x->shmem)
			pss_shmem += x->v[F_PSS] - anon;
		else
			pss_file += x->v[F_PSS] - anon;
	}
	if (m.g.n) {
		span.start = m.g.v[0].r.start;
		span.end = m.g.v[m.g.n - 1].r.end;
	}
	span.prot = 0;
	span.flags = MAP_PRIVATE;
	span.name = "[rollup]";
	proc_map_line(t, &span);
	for (int f = F_RSS; f < NFIELDS; f++) {
		if (field_single(f) || !m.h.seen[f])
			continue;
		field_line(t, field_name[f], sum[f], true);
		if (f == (m.h.seen[F_PSS_DIRTY] ? F_PSS_DIRTY : F_PSS)) {
			field_line(t, "Pss_Anon", pss_anon, true);
			field_line(t, "Pss_File", pss_file, true);
			field_line(t, "Pss_Shmem", pss_shmem, true);
		}
	}
	guest_mem_free(&m);
	return 0;
}

int proc_mem_totals(struct proc_mem_totals *o)
{
	static uint64_t hwm; /* see below */
	const char *exe = linux_exe_path();
	uint64_t exec_vm = 0, text = 0, last_pt = ~0ULL, last_pmd = ~0ULL;
	struct guest_mem m;
	int r = guest_mem_read(&m);

	memset(o, 0, sizeof *o);
	if (r < 0) {
		guest_mem_free(&m);
		return r;
	}
	for (size_t i = 0; i < m.g.n; i++) {
		const struct guest_vma *x = &m.g.v[i];
		uint64_t size = x->v[F_SIZE], rss = x->v[F_RSS], anon = x->v[F_ANONYMOUS];
		bool w = x->r.prot & PROT_WRITE, shared = x->r.flags & MAP_SHARED;

		o->size += size;
		o->lck += x->locked ? size : 0;
		o->rss += rss;
		o->anon += anon;
		if (x->shmem)
			o->shmem += rss - anon;
		else
			o->file += rss - anon;
		o->swap += x->v[F_SWAP];
		o->hugetlb += x->v[F_SHARED_HUGETLB] + x->v[F_PRIVATE_HUGETLB];
		/* mm.h is_data_mapping, is_stack_mapping, is_exec_mapping */
		if (x->stack)
			o->stk += size;
		else if (w && !shared)
			o->data += size;
		else if (!w && (x->r.prot & PROT_EXEC)) {
			exec_vm += size;
			if (x->name && exe && strcmp(x->name, exe) == 0)
				text += size; /* the program's own code: start_code..end_code */
		}
		/* VmPTE, estimated: a page-table page for each 2 MiB and a
		 * middle-directory page for each 1 GiB with resident pages */
		if (rss) {
			for (uint64_t b = x->r.start >> 21; b <= (x->r.end - 1) >> 21; b++)
				if (b != last_pt) {
					o->pte += GUEST_PAGE_SIZE / 1024;
					last_pt = b;
				}
			for (uint64_t b = x->r.start >> 30; b <= (x->r.end - 1) >> 30; b++)
				if (b != last_pmd) {
					o->pte += GUEST_PAGE_SIZE / 1024;
					last_pmd = b;
				}
		}
	}
	o->exe = text < exec_vm ? text : exec_vm;
	o->lib = exec_vm - o->exe;
	o->peak = mem.mapped_peak / 1024 > o->size ? mem.mapped_peak / 1024 : o->size;
	/* VmHWM: nothing samples the guest's resident size between reads, so
	 * this is the highest seen by a read, a lower bound of the truth. */
	if (o->rss > hwm)
		hwm = o->rss;
	o->hwm = hwm;
	guest_mem_free(&m);
	return 0;
}

/* task_statm(): size resident shared text lib data dt, in pages; lib and
 * dt have been 0 since Linux 2.6. */
int proc_statm_text(struct text *t)
{
	struct proc_mem_totals m;
	int r = proc_mem_totals(&m);
	uint64_t kb = GUEST_PAGE_SIZE / 1024;

	if (r < 0)
		return r;
	text_printf(t, "%llu %llu %llu %llu 0 %llu 0\n", (unsigned long long)(m.size / kb),
		    (unsigned long long)(m.rss / kb), (unsigned long long)((m.file + m.shmem) / kb),
		    (unsigned long long)(m.exe / kb), (unsigned long long)((m.data + m.stk) / kb));
	return 0;
}
