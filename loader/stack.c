/* The Linux initial process stack, laid out as fs/binfmt_elf.c
 * create_elf_tables() does (see also the System V ABI, "Process
 * Initialization"):
 *
 *   top:  a zero word, then the strings: argv, envp, execfn
 *         the platform string, the 16 AT_RANDOM bytes
 *         padding so that sp is 16-byte aligned
 *   sp:   argc, argv[0..argc-1], NULL, envp[..], NULL, auxv pairs, AT_NULL
 *
 * Words are pointer-sized for the guest: 8 bytes for ELFCLASS64, 4 for
 * ELFCLASS32; little-endian, as every guest ferry runs. */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "core/vcpu.h"
#include "loader/internal.h"
#include "loader/loader.h"
#include "syscalls/linux/linux_abi.h"

#define DEFAULT_STACK_SIZE (8ULL << 20)
/* Unmapped gap between the stack and the top of the guest window. */
#define STACK_TOP_GAP (64ULL << 10)
/* At most this many auxv pairs, AT_NULL included. */
#define MAX_AUXV 32

void linux_stack_range(uint64_t *lo, uint64_t *hi)
{
	uint64_t size = PAGE_UP(opt.stack_size ? opt.stack_size : DEFAULT_STACK_SIZE);
	uint64_t top = PAGE_DOWN(mem.size - STACK_TOP_GAP);
	if (size < GUEST_PAGE_SIZE || size > top / 4)
		ferry_fatal("the stack (%llu KiB) does not fit in the guest address space (%llu KiB); see -s and -R",
			    (unsigned long long)(size >> 10), (unsigned long long)(mem.size >> 10));
	*lo = top - size;
	*hi = top;
}

/* The stack grows down from cur; guest addresses, written through the host view. */
struct stack_writer {
	uint64_t cur, lo;
};

/* Callers check the total size first (strings_fit). */
static uint64_t push_bytes(struct stack_writer *w, const void *p, size_t n)
{
	if (w->cur - w->lo < n)
		FERRY_BUG("stack overflow while laying out the initial stack");
	w->cur -= n;
	memcpy(g2h(w->cur), p, n);
	return w->cur;
}

static uint64_t push_string(struct stack_writer *w, const char *s)
{
	return push_bytes(w, s, strlen(s) + 1);
}

static void put_word(uint64_t g, uint64_t v, unsigned wsize)
{
	if (wsize == 8) {
		memcpy(g2h(g), &v, 8);
	} else {
		uint32_t v32 = (uint32_t)v;
		memcpy(g2h(g), &v32, 4);
	}
}

/* splitmix64: reproducible AT_RANDOM bytes under --seed. */
static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void random_bytes(uint8_t out[16])
{
	if (opt.have_seed) {
		uint64_t s = opt.seed;
		for (int i = 0; i < 2; i++) {
			uint64_t v = splitmix64(&s);
			memcpy(out + 8 * i, &v, 8);
		}
		return;
	}
	size_t got = 0;
	while (got < 16) {
		ssize_t n = getrandom(out + got, 16 - got, 0);
		if (n < 0 && errno != EINTR)
			ferry_fatal("getrandom: %s", strerror(errno));
		if (n > 0)
			got += (size_t)n;
	}
}

struct auxv {
	uint64_t v[MAX_AUXV][2];
	unsigned n;
};

static void aux(struct auxv *a, uint64_t type, uint64_t val)
{
	if (a->n >= MAX_AUXV - 1)
		FERRY_BUG("auxv overflow");
	a->v[a->n][0] = type;
	a->v[a->n][1] = val;
	a->n++;
}

/* In create_elf_tables() order: arch entries (ARCH_DLINFO) first. */
static void fill_auxv(struct auxv *a, const struct linux_abi *abi, const struct load_info *li, uint64_t u_random,
		      uint64_t u_execfn, uint64_t u_platform)
{
	if (abi->minsigstksz)
		aux(a, AT_MINSIGSTKSZ, abi->minsigstksz);
	aux(a, AT_HWCAP, abi->hwcap ? abi->hwcap() : 0);
	aux(a, AT_PAGESZ, GUEST_PAGE_SIZE);
	aux(a, AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK));
	aux(a, AT_PHDR, li->phdr);
	aux(a, AT_PHENT, li->phent);
	aux(a, AT_PHNUM, li->phnum);
	aux(a, AT_BASE, li->interp_base);
	aux(a, AT_FLAGS, 0);
	aux(a, AT_ENTRY, li->exe_entry);
	aux(a, AT_UID, getuid());
	aux(a, AT_EUID, geteuid());
	aux(a, AT_GID, getgid());
	aux(a, AT_EGID, getegid());
	aux(a, AT_SECURE, getauxval(AT_SECURE)); /* set when ferry itself was started setuid (binfmt C flag) */
	aux(a, AT_RANDOM, u_random);
	if (abi->hwcap2)
		aux(a, AT_HWCAP2, abi->hwcap2());
	aux(a, AT_EXECFN, u_execfn);
	if (u_platform)
		aux(a, AT_PLATFORM, u_platform);
	a->v[a->n][0] = AT_NULL;
	a->v[a->n][1] = 0;
	a->n++;
}

/* PT_GNU_STACK with PF_X asks for an executable stack (GCC's trampolines for
 * nested functions); binfmt_elf.c honours it with VM_EXEC. */
static int stack_prot(const struct elf_image *exe)
{
	for (size_t i = 0; i < exe->phnum; i++)
		if (exe->phdr[i].p_type == PT_GNU_STACK && (exe->phdr[i].p_flags & PF_X))
			return PROT_READ | PROT_WRITE | PROT_EXEC;
	return PROT_READ | PROT_WRITE;
}

static uint64_t map_stack(int prot)
{
	uint64_t lo, hi;
	linux_stack_range(&lo, &hi);
	int64_t r = mem_mmap(lo, hi - lo, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (r < 0)
		ferry_fatal("cannot map the stack at 0x%llx-0x%llx: %s", (unsigned long long)lo, (unsigned long long)hi,
			    strerror((int)-r));
	mem_set_name(lo, "[stack]");
	return hi;
}

/* Like execve's E2BIG: the strings and vectors may use at most a quarter of
 * the stack (fs/exec.c), so that the program keeps room to run. */
static void check_size(int argc, char **argv, int envc, char **envp, const struct load_info *li,
		       const struct linux_abi *abi, unsigned ws, uint64_t stack_size)
{
	/* zero word, execfn, AT_RANDOM bytes, alignment, platform */
	uint64_t need = ws + strlen(li->execfn ? li->execfn : "") + 1 + 16 + 16;
	if (abi->platform)
		need += strlen(abi->platform) + 1;
	for (int i = 0; i < argc; i++)
		need += strlen(argv[i]) + 1 + ws;
	for (int i = 0; i < envc; i++)
		need += strlen(envp[i]) + 1 + ws;
	need += (3 + 2ULL * MAX_AUXV) * ws;
	if (need > stack_size / 4)
		ferry_fatal("arguments and environment need %llu bytes but a %llu KiB stack allows %llu; raise it with -s",
			    (unsigned long long)need, (unsigned long long)(stack_size >> 10),
			    (unsigned long long)(stack_size / 4));
}

uint64_t linux_stack_build(struct vcpu *cpu, const struct load_info *li, int argc, char **argv, char **envp)
{
	const struct linux_abi *abi = cpu->fe->linux;
	unsigned ws = cpu->fe->elf_class == ELFCLASS32 ? 4 : 8;
	uint64_t hi = map_stack(stack_prot(&li->exe)), lo, tmp;
	linux_stack_range(&lo, &tmp);
	int envc = 0;
	while (envp && envp[envc])
		envc++;
	check_size(argc, argv, envc, envp, li, abi, ws, hi - lo);
	struct stack_writer w = { .cur = hi, .lo = lo };

	uint64_t zero = 0;
	push_bytes(&w, &zero, ws);
	uint64_t u_execfn = push_string(&w, li->execfn ? li->execfn : "");

	/* Each block is pushed last string first, so the strings end up in order. */
	proc.env_end = w.cur;
	for (int i = envc - 1; i >= 0; i--)
		push_string(&w, envp[i]);
	proc.env_start = w.cur;
	proc.arg_end = w.cur;
	for (int i = argc - 1; i >= 0; i--)
		push_string(&w, argv[i]);
	proc.arg_start = w.cur;

	uint64_t u_platform = abi->platform ? push_string(&w, abi->platform) : 0;
	uint8_t rnd[16];
	random_bytes(rnd);
	w.cur &= ~(uint64_t)(ws - 1);
	uint64_t u_random = push_bytes(&w, rnd, sizeof(rnd));

	struct auxv a = { .n = 0 };
	fill_auxv(&a, abi, li, u_random, u_execfn, u_platform);

	uint64_t items = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2ULL * a.n;
	uint64_t sp = (w.cur - items * ws) & ~15ULL;

	/* Pointers to the strings, in the order they were laid out. */
	uint64_t p = sp, s = proc.arg_start;
	put_word(p, (uint64_t)argc, ws);
	p += ws;
	for (int i = 0; i < argc; i++, p += ws) {
		put_word(p, s, ws);
		s += strlen(g2h(s)) + 1;
	}
	put_word(p, 0, ws);
	p += ws;
	for (int i = 0; i < envc; i++, p += ws) {
		put_word(p, s, ws);
		s += strlen(g2h(s)) + 1;
	}
	put_word(p, 0, ws);
	p += ws;
	proc.auxv = p;
	for (unsigned i = 0; i < a.n; i++, p += 2 * ws) {
		put_word(p, a.v[i][0], ws);
		put_word(p + ws, a.v[i][1], ws);
	}
	proc.auxv_len = p - proc.auxv;
	proc.start_stack = sp;
	return sp;
}
