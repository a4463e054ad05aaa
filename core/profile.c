/* --profile (see profile.h). */
#include "profile.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "mem.h"
#include "symbols.h"
#include "tcache.h"
#include "vcpu.h"

extern struct vcpu *all_cpus;
extern pthread_mutex_t all_cpus_lock;

#define PERIOD_NS 1000000L
#define TABLE_BITS 16
#define TOP 25

/* Samples by block pc: open addressing; a full table counts in `dropped`. */
static struct bucket {
	uint64_t pc, count;
} table[1u << TABLE_BITS];
static uint64_t total, dropped;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static bool started, reported;

static void record(uint64_t pc)
{
	unsigned mask = (1u << TABLE_BITS) - 1;
	unsigned h = (unsigned)((pc >> 1) * 0x9e3779b1u) & mask;
	total++;
	for (unsigned probe = 0; probe < 64; probe++, h = (h + 1) & mask) {
		if (table[h].pc == pc) {
			table[h].count++;
			return;
		}
		if (!table[h].count) {
			table[h].pc = pc;
			table[h].count = 1;
			return;
		}
	}
	dropped++;
}

static void *sampler(void *arg)
{
	(void)arg;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		next.tv_nsec += PERIOD_NS;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		pthread_mutex_lock(&table_lock);
		pthread_mutex_lock(&all_cpus_lock);
		for (struct vcpu *c = all_cpus; c; c = c->next_cpu) {
			if (!__atomic_load_n(&c->in_guest, __ATOMIC_RELAXED))
				continue; /* in a system call, translating, or parked */
			/* Blocks live in the cache's arena, which is never unmapped:
			 * a block dropped by a flush reads as another or as zeros. */
			const struct tblock *tb = __atomic_load_n(&c->cur_tb, __ATOMIC_RELAXED);
			if (tb)
				record(__atomic_load_n(&tb->pc, __ATOMIC_RELAXED));
		}
		pthread_mutex_unlock(&all_cpus_lock);
		pthread_mutex_unlock(&table_lock);
	}
	return NULL;
}

static void start_thread(void)
{
	/* Guest signals must never land on the sampler. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_t th;
	int r = pthread_create(&th, NULL, sampler, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r)
		ferry_warn("--profile: cannot start the sampling thread; no profile");
	else
		pthread_detach(th);
}

/* A forked child starts its own profile: it has no sampler and the
 * parent's samples are the parent's to report. */
static void after_fork_child(void)
{
	pthread_mutex_init(&table_lock, NULL);
	memset(table, 0, sizeof(table));
	total = dropped = 0;
	start_thread();
}

void profile_start(void)
{
	if (started)
		return;
	started = true;
	pthread_atfork(NULL, NULL, after_fork_child);
	start_thread();
}

struct func {
	uint64_t key;    /* function start; 0 for code outside any function */
	uint64_t count;
	char where[64];  /* key 0: the file ("libfoo.so (no symbol)") */
};

static int by_count(const void *a, const void *b)
{
	const struct func *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int by_key(const void *a, const void *b)
{
	const struct func *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->where, y->where);
}

/* Code no function symbol covers counts per file: "file+0x1234" names
 * the file, "?" no file at all (anonymous memory, [vdso]). */
static void file_of(uint64_t pc, char *out, size_t n)
{
	char buf[256];
	sym_describe(pc, buf, sizeof(buf));
	char *plus = strstr(buf, "+0x");
	if (plus)
		*plus = 0;
	snprintf(out, n, "%.40s (no symbol)", buf);
}

void profile_report(void)
{
	if (!started || reported)
		return;
	reported = true;
	pthread_mutex_lock(&table_lock);
	FILE *f = trace_file();
	size_t n = 0, nf = 0;
	for (size_t i = 0; i < (1u << TABLE_BITS); i++)
		n += table[i].count != 0;
	struct func *fn = calloc(n ? n : 1, sizeof(*fn));
	uint64_t unknown = dropped;
	for (size_t i = 0; fn && i < (1u << TABLE_BITS); i++) {
		if (!table[i].count)
			continue;
		uint64_t pc = table[i].pc;
		int prot = mem_prot_at(pc);
		if (!pc || prot < 0 || !(prot & PROT_EXEC)) {
			unknown += table[i].count; /* a stale block (flushed, unmapped) */
			continue;
		}
		struct func *e = &fn[nf++];
		e->key = sym_func_start(pc);
		e->count = table[i].count;
		if (!e->key)
			file_of(pc, e->where, sizeof(e->where));
	}
	/* Blocks of one function become one line. */
	qsort(fn, nf, sizeof(*fn), by_key);
	size_t m = 0;
	for (size_t i = 0; i < nf; i++) {
		if (m && by_key(&fn[m - 1], &fn[i]) == 0)
			fn[m - 1].count += fn[i].count;
		else
			fn[m++] = fn[i];
	}
	qsort(fn, m, sizeof(*fn), by_count);
	double all = total ? (double)total : 1.0;
	fprintf(f, "ferry: profile: %llu samples of guest code (every %ld ms per running thread), by function:\n",
		(unsigned long long)total, PERIOD_NS / 1000000L);
	uint64_t shown = 0;
	for (size_t i = 0; i < m && i < TOP; i++) {
		char name[256];
		if (fn[i].key)
			sym_describe(fn[i].key, name, sizeof(name));
		else
			snprintf(name, sizeof(name), "%s", fn[i].where);
		char *plus = strstr(name, "+0x0 ");
		if (plus) /* the function's own start: "memcpy (libc.so.6)" */
			memmove(plus, plus + 4, strlen(plus + 4) + 1);
		fprintf(f, "ferry:   %5.1f%% %8llu  %s\n", 100.0 * (double)fn[i].count / all,
			(unsigned long long)fn[i].count, name);
		shown += fn[i].count;
	}
	if (m > TOP)
		fprintf(f, "ferry:   %5.1f%% %8llu  (%zu other functions)\n",
			100.0 * (double)(total - shown - unknown) / all, (unsigned long long)(total - shown - unknown),
			m - TOP);
	if (unknown)
		fprintf(f, "ferry:   %5.1f%% %8llu  (code no longer mapped or translated)\n",
			100.0 * (double)unknown / all, (unsigned long long)unknown);
	fflush(f);
	free(fn);
	pthread_mutex_unlock(&table_lock);
}
