/* Command-line options and their FERRY_* environment variables.  Options
 * come before the guest program, as with qemu-user; the environment gives
 * the defaults, so settings survive exec and binfmt_misc. */
#include "options.h"

#include <bsd/stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "frontend.h"
#include "log.h"

struct options opt;

#define FERRY_VERSION "0.1.0"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ferry [options] program [arguments...]\n"
		"Runs a Linux program built for another CPU (riscv64) on this host.\n"
		"\n"
		"  -L DIR             guest sysroot (FERRY_SYSROOT); default: /usr/<triple>,\n"
		"                     /usr/gnemul/qemu-<arch>, /etc/qemu-binfmt/<arch>\n"
		"  -E VAR=VALUE       set a variable in the guest environment (FERRY_SET_ENV, comma separated)\n"
		"  -U VAR             remove a variable from the guest environment (FERRY_UNSET_ENV)\n"
		"  -0 ARGV0           argv[0] for the guest (FERRY_ARGV0)\n"
		"  -s SIZE            guest stack size, e.g. 8M (FERRY_STACK_SIZE)\n"
		"  -B ADDRESS         host address of guest address 0 (FERRY_GUEST_BASE)\n"
		"  -R SIZE            size of the reserved guest address space (FERRY_RESERVE)\n"
		"  -r RELEASE         kernel release reported by uname (FERRY_UNAME_RELEASE)\n"
		"  --strace, -strace  log system calls (FERRY_STRACE=1)\n"
		"  --trace=LIST       log events: syscall,signal,exec,block,insn,ir,unimp (FERRY_TRACE);\n"
		"  -d LIST            qemu names: strace,in_asm,exec,op,unimp\n"
		"  --log FILE, -D FILE  write logs to FILE; %%p becomes the pid (FERRY_LOG)\n"
		"  --backend NAME     executor: interp (default) or interp-switch (FERRY_BACKEND)\n"
		"  --list-backends    print the available executors\n"
		"  --stats            print execution statistics at exit (FERRY_STATS=1)\n"
		"  --seed N           deterministic AT_RANDOM and getrandom (FERRY_SEED)\n"
		"  --tcache-size SIZE translation cache size (FERRY_TCACHE_SIZE, default 64M)\n"
		"  --help, --version\n");
}

static uint64_t parse_size(const char *what, const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		ferry_fatal("bad %s '%s': expected a number such as 8M", what, s);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	case 't': case 'T': v <<= 40; end++; break;
	default: break;
	}
	if (*end)
		ferry_fatal("bad %s '%s': expected a number such as 8M", what, s);
	return v;
}

static void add_list(const char ***list, int *n, const char *item)
{
	*list = reallocarray(*list, (size_t)*n + 1, sizeof(**list));
	if (!*list)
		ferry_fatal("out of memory");
	(*list)[(*n)++] = item;
}

/* Comma-separated list into an array (environment forms). */
static void add_csv(const char ***list, int *n, const char *csv)
{
	char *copy = strdup(csv);
	for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		add_list(list, n, tok);
}

static const struct {
	const char *name;
	unsigned flag;
} trace_names[] = {
	{"syscall", TRACE_SYSCALL}, {"strace", TRACE_SYSCALL}, {"signal", TRACE_SIGNAL},
	{"exec", TRACE_EXEC},       {"block", TRACE_BLOCK},    {"in_asm", TRACE_BLOCK},
	{"insn", TRACE_INSN},       {"cpu", TRACE_INSN},       {"ir", TRACE_IR},
	{"op", TRACE_IR},           {"unimp", TRACE_UNIMP},    {"all", ~0u},
};

static unsigned parse_trace(const char *list)
{
	unsigned flags = 0;
	char *copy = strdup(list);
	for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t k;
		for (k = 0; k < sizeof(trace_names) / sizeof(trace_names[0]); k++)
			if (!strcmp(tok, trace_names[k].name))
				break;
		if (k == sizeof(trace_names) / sizeof(trace_names[0]))
			ferry_fatal("unknown trace event '%s' (try syscall,signal,exec,block,insn,ir,unimp)", tok);
		flags |= trace_names[k].flag;
	}
	free(copy);
	return flags;
}

static void from_env(void)
{
	const char *v;
	if ((v = getenv("FERRY_SYSROOT")) && *v)
		opt.sysroot = v;
	else if ((v = getenv("QEMU_LD_PREFIX")) && *v)
		opt.sysroot = v;
	if ((v = getenv("FERRY_ARGV0")) && *v)
		opt.argv0 = v;
	if ((v = getenv("FERRY_STACK_SIZE")) && *v)
		opt.stack_size = parse_size("FERRY_STACK_SIZE", v);
	if ((v = getenv("FERRY_SET_ENV")) && *v)
		add_csv(&opt.env_set, &opt.n_env_set, v);
	if ((v = getenv("FERRY_UNSET_ENV")) && *v)
		add_csv(&opt.env_unset, &opt.n_env_unset, v);
	if ((v = getenv("FERRY_TRACE")) && *v)
		opt.trace |= parse_trace(v);
	if ((v = getenv("FERRY_STRACE")) && *v && strcmp(v, "0"))
		opt.trace |= TRACE_SYSCALL;
	if ((v = getenv("FERRY_LOG")) && *v)
		opt.log_file = v;
	if ((v = getenv("FERRY_BACKEND")) && *v)
		opt.backend = v;
	if ((v = getenv("FERRY_GUEST_BASE")) && *v)
		opt.guest_base = parse_size("FERRY_GUEST_BASE", v);
	if ((v = getenv("FERRY_RESERVE")) && *v)
		opt.reserve = parse_size("FERRY_RESERVE", v);
	if ((v = getenv("FERRY_STATS")) && *v && strcmp(v, "0"))
		opt.stats = true;
	if ((v = getenv("FERRY_SEED")) && *v) {
		opt.seed = parse_size("FERRY_SEED", v);
		opt.have_seed = true;
	}
	if ((v = getenv("FERRY_UNAME_RELEASE")) && *v)
		opt.uname_release = v;
	if ((v = getenv("FERRY_TCACHE_SIZE")) && *v)
		opt.tcache_size = parse_size("FERRY_TCACHE_SIZE", v);
}

int options_parse(int argc, char **argv)
{
	from_env();
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_VALUE()                                                                                        \
	do {                                                                                                 \
		if (!val)                                                                                    \
			ferry_fatal("option %s needs a value (see ferry --help)", a);                        \
		i++;                                                                                         \
	} while (0)
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--version") || !strcmp(a, "-version")) {
			printf("ferry " FERRY_VERSION "\nguest CPUs:");
			for (int k = 0; frontends[k]; k++)
				printf(" %s", frontends[k]->name);
			printf("\n");
			exit(0);
		} else if (!strcmp(a, "--list-backends")) {
			for (int k = 0; backends[k]; k++)
				printf("%s\n", backends[k]->name);
			exit(0);
		} else if (!strcmp(a, "-L")) {
			NEEDS_VALUE();
			opt.sysroot = val;
		} else if (!strcmp(a, "-E")) {
			NEEDS_VALUE();
			if (!strchr(val, '='))
				ferry_fatal("-E needs VAR=VALUE, got '%s'", val);
			add_list(&opt.env_set, &opt.n_env_set, val);
		} else if (!strcmp(a, "-U")) {
			NEEDS_VALUE();
			add_list(&opt.env_unset, &opt.n_env_unset, val);
		} else if (!strcmp(a, "-0")) {
			NEEDS_VALUE();
			opt.argv0 = val;
		} else if (!strcmp(a, "-s")) {
			NEEDS_VALUE();
			opt.stack_size = parse_size("stack size", val);
		} else if (!strcmp(a, "-B")) {
			NEEDS_VALUE();
			opt.guest_base = parse_size("guest base", val);
		} else if (!strcmp(a, "-R")) {
			NEEDS_VALUE();
			opt.reserve = parse_size("reserved size", val);
		} else if (!strcmp(a, "-r")) {
			NEEDS_VALUE();
			opt.uname_release = val;
		} else if (!strcmp(a, "--strace") || !strcmp(a, "-strace")) {
			opt.trace |= TRACE_SYSCALL;
		} else if (!strncmp(a, "--trace=", 8)) {
			opt.trace |= parse_trace(a + 8);
		} else if (!strcmp(a, "--trace") || !strcmp(a, "-d")) {
			NEEDS_VALUE();
			opt.trace |= parse_trace(val);
		} else if (!strcmp(a, "--log") || !strcmp(a, "-D")) {
			NEEDS_VALUE();
			opt.log_file = val;
		} else if (!strncmp(a, "--log=", 6)) {
			opt.log_file = a + 6;
		} else if (!strcmp(a, "--backend")) {
			NEEDS_VALUE();
			opt.backend = val;
		} else if (!strncmp(a, "--backend=", 10)) {
			opt.backend = a + 10;
		} else if (!strcmp(a, "--stats")) {
			opt.stats = true;
		} else if (!strcmp(a, "--seed")) {
			NEEDS_VALUE();
			opt.seed = parse_size("seed", val);
			opt.have_seed = true;
		} else if (!strcmp(a, "--tcache-size")) {
			NEEDS_VALUE();
			opt.tcache_size = parse_size("translation cache size", val);
		} else {
			ferry_fatal("unknown option %s (see ferry --help)", a);
		}
#undef NEEDS_VALUE
	}
	if (i >= argc) {
		usage(stderr);
		exit(1);
	}
	return i;
}
