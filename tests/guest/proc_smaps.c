/* /proc/self/smaps, smaps_rollup and statm describe the program's own
 * mappings: smaps has a header for each line of maps, in the same order,
 * and nothing else; each entry's Size is its span and its Rss no more than
 * that; a fresh anonymous region with 10 of its 64 pages written is 40 kB
 * resident, private, dirty and anonymous; two adjacent mappings (which the
 * kernel merges, and ferry's host may merge with each other but not with
 * the guest's view of them) with 3 and 5 pages written and one only read
 * are 32 kB resident between them; smaps_rollup sums smaps; statm
 * agrees with status.  The files are read with read(2) into buffers
 * touched beforehand, so nothing is mapped or faulted in between reads. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char maps[1 << 20], smaps[8 << 20], rollup[1 << 16], statm[256], status[1 << 16], stat[1024];

static size_t slurp(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t r;

	if (fd < 0)
		return 0;
	while (len < n - 1 && (r = read(fd, buf + len, n - 1 - len)) > 0)
		len += (size_t)r;
	close(fd);
	buf[len] = 0;
	return len;
}

/* "Name:" at the start of a line */
static int is_field(const char *line)
{
	const char *p = line;

	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	return p > line && *p == ':';
}

static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : p + strlen(p);
}

/* The value of field name in the entry starting at header h (or -1). */
static long field(const char *h, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = next_line(h); *p && is_field(p); p = next_line(p))
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			return strtol(p + n + 1, NULL, 10);
	return -1;
}

static int has_flag(const char *h, const char *flag)
{
	for (const char *p = next_line(h); *p && is_field(p); p = next_line(p))
		if (strncmp(p, "VmFlags:", 8) == 0) {
			const char *e = next_line(p);
			size_t n = strlen(flag);

			for (const char *q = p + 8; q + n <= e; q++)
				if (q[-1] == ' ' && strncmp(q, flag, n) == 0 && q[n] == ' ')
					return 1;
		}
	return 0;
}

static long status_kb(const char *name)
{
	const char *p = strstr(status, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	int headers_match = 1, sizes = 1, rss_le = 1, entries = 0;
	long sum_rss = 0, sum_anon = 0, sum_swap = 0, pair_rss = 0, pair_anon = 0, pair_pd = 0, pair_size = 0;

	memset(maps, 1, sizeof maps);
	memset(smaps, 1, sizeof smaps);
	memset(rollup, 1, sizeof rollup);
	memset(status, 1, sizeof status);
	memset(stat, 1, sizeof stat);

	unsigned char *region = mmap(NULL, 64 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED || madvise(region, 64 * page, MADV_NOHUGEPAGE) != 0) {
		perror("mmap");
		return 1;
	}
	for (int i = 0; i < 10; i++)
		region[(i * 6 + 1) * page + 7] = 1;

	/* guard pages around two adjacent mappings: the kernel keeps them apart
	 * from their neighbours, so the entries inside add up to just them */
	unsigned char *pair = mmap(NULL, 18 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pair == MAP_FAILED ||
	    mmap(pair + page, 8 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
	    mmap(pair + 9 * page, 8 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
	    madvise(pair + page, 16 * page, MADV_NOHUGEPAGE) != 0) {
		perror("mmap");
		return 1;
	}
	for (int i = 0; i < 3; i++)
		pair[(1 + i) * page] = 1;
	for (int i = 0; i < 5; i++)
		pair[(9 + i) * page + 100] = 1;
	volatile unsigned char only_read = pair[16 * page]; /* maps the zero page: not resident */
	(void)only_read;

	slurp("/proc/self/maps", maps, sizeof maps);
	slurp("/proc/self/smaps", smaps, sizeof smaps);
	slurp("/proc/self/smaps_rollup", rollup, sizeof rollup);
	slurp("/proc/self/statm", statm, sizeof statm);
	slurp("/proc/self/status", status, sizeof status);
	slurp("/proc/self/stat", stat, sizeof stat);

	const char *m = maps, *region_entry = NULL, *stack_entry = NULL;
	char want[32];

	snprintf(want, sizeof want, "%08lx-", (unsigned long)region);
	for (const char *p = smaps; *p; p = next_line(p)) {
		unsigned long start = 0, end = 0;
		const char *me = next_line(m);

		if (is_field(p))
			continue;
		entries++;
		if (!*m || (size_t)(me - m) != (size_t)(next_line(p) - p) || memcmp(m, p, (size_t)(me - m)) != 0)
			headers_match = 0;
		m = me;
		if (sscanf(p, "%lx-%lx", &start, &end) != 2 || field(p, "Size") != (long)((end - start) / 1024))
			sizes = 0;
		if (field(p, "Rss") < 0 || field(p, "Rss") > field(p, "Size"))
			rss_le = 0;
		if (strncmp(p, want, strlen(want)) == 0)
			region_entry = p;
		if (strstr(p, "[stack]") && strstr(p, "[stack]") < next_line(p))
			stack_entry = p;
		sum_rss += field(p, "Rss");
		sum_anon += field(p, "Anonymous");
		sum_swap += field(p, "Swap");
		if (start >= (unsigned long)(pair + page) && end <= (unsigned long)(pair + 17 * page)) {
			pair_rss += field(p, "Rss");
			pair_anon += field(p, "Anonymous");
			pair_pd += field(p, "Private_Dirty");
			pair_size += field(p, "Size");
		}
	}
	if (*m)
		headers_match = 0;
	printf("smaps: entries > 0 %d, a header per maps line in order %d\n", entries > 0, headers_match);
	printf("smaps: Size == end - start %d, Rss <= Size %d\n", sizes, rss_le);
	if (!region_entry) {
		printf("smaps: no entry for the region\n");
		return 1;
	}
	printf("region: Size %ld Rss %ld Private_Dirty %ld Anonymous %ld Swap %ld\n", field(region_entry, "Size"),
	       field(region_entry, "Rss"), field(region_entry, "Private_Dirty"), field(region_entry, "Anonymous"),
	       field(region_entry, "Swap"));
	printf("region: VmFlags rd %d wr %d ex %d sh %d nh %d\n", has_flag(region_entry, "rd"),
	       has_flag(region_entry, "wr"), has_flag(region_entry, "ex"), has_flag(region_entry, "sh"),
	       has_flag(region_entry, "nh"));
	printf("adjacent pair: Size %ld Rss %ld Anonymous %ld Private_Dirty %ld\n", pair_size, pair_rss, pair_anon,
	       pair_pd);
	printf("stack: found %d, VmFlags rd %d wr %d gd %d\n", stack_entry != NULL,
	       stack_entry && has_flag(stack_entry, "rd"), stack_entry && has_flag(stack_entry, "wr"),
	       stack_entry && has_flag(stack_entry, "gd"));

	printf("rollup: header [rollup] %d\n", strstr(rollup, "[rollup]") && strstr(rollup, "[rollup]") < next_line(rollup));
	/* only these: a page of a file other processes map (libc, this
	 * program) moves between Private_* and Shared_* as they come and go */
	printf("rollup: Rss %d Anonymous %d Swap %d equal the sums\n", field(rollup, "Rss") == sum_rss,
	       field(rollup, "Anonymous") == sum_anon, field(rollup, "Swap") == sum_swap);

	unsigned long size, resident, shared, text, lib, data, dt;
	if (sscanf(statm, "%lu %lu %lu %lu %lu %lu %lu", &size, &resident, &shared, &text, &lib, &data, &dt) != 7) {
		printf("statm: 7 numbers expected: %s", statm);
		return 1;
	}
	long kb = page / 1024;
	printf("statm: size == VmSize %d, resident == VmRSS %d, shared == RssFile+RssShmem %d, lib %lu dt %lu\n",
	       (long)size * kb == status_kb("VmSize:"), (long)resident * kb == status_kb("VmRSS:"),
	       (long)shared * kb == status_kb("RssFile:") + status_kb("RssShmem:"), lib, dt);
	/* stat's fields after the comm: field n is token n - 3 (proc(5)) */
	unsigned long long vsize = 0, rss = 0;
	const char *f = strrchr(stat, ')');
	for (int n = 3; f && n <= 24; n++) {
		f = strchr(f + 1, ' ');
		if (f && n == 23)
			vsize = strtoull(f + 1, NULL, 10);
		if (f && n == 24)
			rss = strtoull(f + 1, NULL, 10);
	}
	/* (not rss: the kernel's stat reads the approximate counters, status
	 * the exact sums) */
	printf("stat: vsize == VmSize %d, rss > 0 %d\n", (long)(vsize / 1024) == status_kb("VmSize:"), rss > 0);
	printf("status: VmRSS == RssAnon+RssFile+RssShmem %d, VmPeak >= VmSize %d, VmHWM >= VmRSS %d, VmStk > 0 %d, VmExe > 0 %d\n",
	       status_kb("VmRSS:") == status_kb("RssAnon:") + status_kb("RssFile:") + status_kb("RssShmem:"),
	       status_kb("VmPeak:") >= status_kb("VmSize:"), status_kb("VmHWM:") >= status_kb("VmRSS:"),
	       status_kb("VmStk:") > 0, status_kb("VmExe:") > 0);
	return 0;
}
