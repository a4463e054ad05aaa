/* Command-line options and their FERRY_* environment variables.  Options
 * come before the guest program, as with qemu-user; the environment gives
 * the defaults, so settings survive exec and binfmt_misc.  Every option is
 * declared once, in the table below, which --help is printed from. */
#include "options.h"

#include <bsd/stdlib.h>
#include <bsd/string.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/auxv.h>

#include "backend.h"
#include "frontend.h"
#include "log.h"

struct options opt;

#define FERRY_VERSION "0.1.0"

/* what: the spelling the user wrote ("-s", "--seed") or the variable, for
 * messages; from_env: the value came from the environment. */
typedef void set_fn(const char *val, const char *what, bool from_env);

struct optdef {
	const char *names;   /* spellings, space separated; the first is the main one */
	const char *arg;     /* the value's name in --help; NULL for a flag */
	const char *env;     /* its variable; NULL for commands */
	set_fn *set;
	const char *help;
};

static void usage(FILE *f);

/* ---- values ---- */

/* A number with an optional K, M, G or T suffix (powers of 1024). */
static uint64_t parse_size(const char *s, const char *what)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		ferry_fatal("bad value '%s' for %s: expected a number such as 8M", s, what);
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	default: break;
	}
	if (errno || *end)
		ferry_fatal("bad value '%s' for %s: expected a number such as 8M", s, what);
	if (shift && v > (~0ULL >> shift))
		ferry_fatal("value '%s' for %s is too large", s, what);
	return (uint64_t)v << shift;
}

static uint64_t parse_number(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = isdigit((unsigned char)*s) ? strtoull(s, &end, 0) : 0;
	if (!isdigit((unsigned char)*s) || errno || *end)
		ferry_fatal("bad value '%s' for %s: expected a number", s, what);
	return v;
}

/* A flag's variable is on unless empty or "0". */
static bool flag_on(const char *val)
{
	return !val || strcmp(val, "0") != 0;
}

static void add_list(const char ***list, int *n, const char *item)
{
	*list = reallocarray(*list, (size_t)*n + 1, sizeof(**list));
	if (!*list)
		ferry_fatal("out of memory");
	(*list)[(*n)++] = item;
}

/* One item, or from the environment a comma-separated list of them. */
static void add_items(const char ***list, int *n, const char *val, bool from_env, bool need_eq, const char *what)
{
	char *copy = strdup(val);
	if (!copy)
		ferry_fatal("out of memory");
	char *save, *tok = from_env ? strtok_r(copy, ",", &save) : copy;
	for (; tok; tok = from_env ? strtok_r(NULL, ",", &save) : NULL) {
		if (need_eq && (!strchr(tok, '=') || tok[0] == '='))
			ferry_fatal("bad value '%s' for %s: expected VAR=VALUE", tok, what);
		add_list(list, n, tok);
	}
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

static unsigned parse_trace(const char *list, const char *what)
{
	unsigned flags = 0;
	char *copy = strdup(list);
	if (!copy)
		ferry_fatal("out of memory");
	for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t k;
		for (k = 0; k < sizeof(trace_names) / sizeof(trace_names[0]); k++)
			if (!strcmp(tok, trace_names[k].name))
				break;
		if (k == sizeof(trace_names) / sizeof(trace_names[0]))
			ferry_fatal("unknown trace event '%s' in %s (try syscall,signal,exec,block,insn,ir,unimp,all)", tok,
				    what);
		flags |= trace_names[k].flag;
	}
	free(copy);
	return flags;
}

/* --cpu items: NAME or +NAME turns an extension on, -NAME off, "none"
 * turns every optional one off and "max" (or "all") every one on; later
 * items win.  Names are checked for shape only here: which ones exist is
 * the frontend's business. */
static bool cpu_item_ok(const char *it)
{
	if (*it == '-' || *it == '+')
		it++;
	if (!*it)
		return false;
	for (; *it; it++)
		if (!isalnum((unsigned char)*it) && *it != '_')
			return false;
	return true;
}

static void check_cpu(const char *list, const char *what)
{
	char *copy = strdup(list);
	if (!copy)
		ferry_fatal("out of memory");
	if (!*list)
		ferry_fatal("empty %s: expected extensions such as none,zba or -zbb", what);
	for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (!cpu_item_ok(tok))
			ferry_fatal("bad item '%s' in %s: expected NAME, -NAME, none or max (e.g. --cpu none,zba)", tok,
				    what);
	free(copy);
}

bool cpu_ext_enabled(const char *ext)
{
	bool on = true;
	size_t n = strlen(ext);
	for (const char *p = opt.cpu; p && *p;) {
		size_t len = strcspn(p, ",");
		bool turn_on = *p != '-';
		const char *name = p + (*p == '-' || *p == '+');
		size_t nlen = len - (size_t)(name - p);
		if ((nlen == 4 && !strncasecmp(name, "none", 4)) && turn_on)
			on = false;
		else if (((nlen == 3 && !strncasecmp(name, "max", 3)) || (nlen == 3 && !strncasecmp(name, "all", 3))) &&
			 turn_on)
			on = true;
		else if (nlen == n && !strncasecmp(name, ext, n))
			on = turn_on;
		p += len + (p[len] == ',');
	}
	return on;
}

/* ---- setters ---- */

static void set_sysroot(const char *v, const char *w, bool e) { opt.sysroot = v; }
static void set_env(const char *v, const char *w, bool e) { add_items(&opt.env_set, &opt.n_env_set, v, e, true, w); }
static void set_unset(const char *v, const char *w, bool e) { add_items(&opt.env_unset, &opt.n_env_unset, v, e, false, w); }
static void set_argv0(const char *v, const char *w, bool e) { opt.argv0 = v; }
static void set_stack(const char *v, const char *w, bool e) { opt.stack_size = parse_size(v, w); }
static void set_base(const char *v, const char *w, bool e) { opt.guest_base = parse_size(v, w); }
static void set_reserve(const char *v, const char *w, bool e) { opt.reserve = parse_size(v, w); }
static void set_release(const char *v, const char *w, bool e) { opt.uname_release = v; }
static void set_log(const char *v, const char *w, bool e) { opt.log_file = v; }
static void set_backend(const char *v, const char *w, bool e) { opt.backend = v; }
static void set_tcache(const char *v, const char *w, bool e) { opt.tcache_size = parse_size(v, w); }
static void set_stats(const char *v, const char *w, bool e) { opt.stats = flag_on(v); }
static void set_quiet(const char *v, const char *w, bool e) { opt.quiet = flag_on(v); }
static void set_profile(const char *v, const char *w, bool e) { opt.profile = flag_on(v); }

static void set_jit_threshold(const char *v, const char *w, bool e)
{
	uint64_t n = parse_number(v, w);
	if (n > 1000000000)
		ferry_fatal("bad value '%s' for %s: expected a count of runs up to 1000000000", v, w);
	opt.jit_threshold = (uint32_t)n;
	opt.have_jit_threshold = true;
}

static void set_exec_fd(const char *v, const char *w, bool e)
{
	uint64_t fd = parse_number(v, w);
	if (fd > INT32_MAX)
		ferry_fatal("bad value '%s' for %s: expected a file descriptor", v, w);
	opt.exec_fd = (int)fd;
	opt.have_exec_fd = true;
}

static void set_exec_signals(const char *v, const char *w, bool e) { opt.exec_signals = v; }

static void set_gdb(const char *v, const char *w, bool e)
{
	uint64_t port = parse_number(v, w);
	if (port > 65535)
		ferry_fatal("bad value '%s' for %s: expected a TCP port (0 picks a free one)", v, w);
	opt.gdb = true;
	opt.gdb_port = (unsigned)port;
}

static void set_strace(const char *v, const char *w, bool e)
{
	if (flag_on(v))
		opt.trace |= TRACE_SYSCALL;
}

static void set_trace(const char *v, const char *w, bool e) { opt.trace |= parse_trace(v, w); }

static void set_seed(const char *v, const char *w, bool e)
{
	opt.seed = parse_number(v, w);
	opt.have_seed = true;
}

static void set_cpu(const char *v, const char *w, bool e)
{
	check_cpu(v, w);
	opt.cpu = v;
}

static void set_binfmt_interp(const char *v, const char *w, bool e) { opt.binfmt_interpreter = v; }
static void set_binfmt_flags(const char *v, const char *w, bool e) { opt.binfmt_flags = v; }

static void set_binfmt_format(const char *v, const char *w, bool e)
{
	if (strcmp(v, "proc") && strcmp(v, "systemd") && strcmp(v, "debian"))
		ferry_fatal("unknown format '%s' for %s (use proc, systemd or debian)", v, w);
	opt.binfmt_format = v;
}

/* ---- commands ---- */

static void cmd_help(const char *v, const char *w, bool e)
{
	usage(stdout);
	exit(0);
}

static void cmd_version(const char *v, const char *w, bool e)
{
	printf("ferry " FERRY_VERSION "\nguest CPUs:");
	for (int k = 0; frontends[k]; k++)
		printf(" %s", frontends[k]->name);
	printf("\nbackends:");
	for (int k = 0; backends[k]; k++)
		printf(" %s", backends[k]->name);
	printf("\n");
	exit(0);
}

static void cmd_list_backends(const char *v, const char *w, bool e)
{
	for (int k = 0; backends[k]; k++)
		printf("%s\n", backends[k]->name);
	exit(0);
}

static void cmd_binfmt(const char *v, const char *w, bool e)
{
	if (strcmp(v, "install") && strcmp(v, "uninstall") && strcmp(v, "status") && strcmp(v, "print"))
		ferry_fatal("unknown %s action '%s' (use install, uninstall, status or print)", w, v);
	opt.binfmt_action = v;
}

static const struct optdef options[] = {
	{"-L", "DIR", "FERRY_SYSROOT", set_sysroot,
	 "guest sysroot (also QEMU_LD_PREFIX); default: /usr/<triple>, /usr/gnemul/qemu-<arch>, /etc/qemu-binfmt/<arch>"},
	{"-E", "VAR=VALUE", "FERRY_SET_ENV", set_env, "set a variable in the guest environment (variable: comma separated)"},
	{"-U", "VAR", "FERRY_UNSET_ENV", set_unset, "remove a variable from the guest environment (variable: comma separated)"},
	{"-0", "ARGV0", "FERRY_ARGV0", set_argv0, "argv[0] for the guest"},
	{"-s", "SIZE", "FERRY_STACK_SIZE", set_stack, "guest stack size, e.g. 8M"},
	{"-B", "ADDRESS", "FERRY_GUEST_BASE", set_base, "host address of guest address 0"},
	{"-R", "SIZE", "FERRY_RESERVE", set_reserve, "size of the reserved guest address space"},
	{"-r", "RELEASE", "FERRY_UNAME_RELEASE", set_release, "kernel release reported by uname"},
	{"--cpu", "LIST", "FERRY_CPU", set_cpu,
	 "optional ISA extensions exposed, e.g. none,zba or -zbb; default max (all)"},
	{"--strace -strace", NULL, "FERRY_STRACE", set_strace, "log system calls (variable: 1)"},
	{"--trace -d", "LIST", "FERRY_TRACE", set_trace,
	 "log events: syscall,signal,exec,block,insn,ir,unimp,all (qemu: strace,in_asm,op); insn: every instruction executed"},
	{"--log -D", "FILE", "FERRY_LOG", set_log, "write logs to FILE; %p becomes the pid"},
	{"--backend", "NAME", "FERRY_BACKEND", set_backend, "executor (see --list-backends); default tiered on x86-64, else interp"},
	{"--jit-threshold", "N", "FERRY_JIT_THRESHOLD", set_jit_threshold,
	 "tiered: a block is compiled to native code once it has run N times in the interpreter; 0: at once; default 20"},
	{"--stats", NULL, "FERRY_STATS", set_stats, "print execution statistics at exit (variable: 1)"},
	{"--profile", NULL, "FERRY_PROFILE", set_profile,
	 "at exit, print the guest functions where time went, by samples (variable: 1)"},
	{"-g", "PORT", "FERRY_GDB", set_gdb,
	 "wait for gdb on 127.0.0.1:PORT before the first instruction (0: a free port, printed)"},
	{"--seed", "N", "FERRY_SEED", set_seed, "deterministic AT_RANDOM and getrandom"},
	{"--tcache-size", "SIZE", "FERRY_TCACHE_SIZE", set_tcache, "translation cache size; default 64M"},
	{"--exec-fd", "FD", NULL, set_exec_fd,
	 "the program is open as descriptor FD, which is closed once the program is loaded (ferry passes it to itself for a guest's fexecve)"},
	{"--exec-signals", "STATE", NULL, set_exec_signals,
	 "the guest's blocked and pending signals ferry itself held before execve (ferry passes it to itself)"},
	{"--quiet", NULL, "FERRY_QUIET", set_quiet, "no report when the guest dies by a signal (variable: 1)"},
	{"--binfmt", "ACTION", NULL, cmd_binfmt,
	 "install, uninstall, status or print the binfmt_misc entries (of the ARCHs named after the options; default all)"},
	{"--binfmt-interpreter", "PATH", "FERRY_BINFMT_INTERPRETER", set_binfmt_interp,
	 "interpreter of the entries; default: this ferry's absolute path"},
	{"--binfmt-flags", "FLAGS", "FERRY_BINFMT_FLAGS", set_binfmt_flags,
	 "entry flags from POCF; default PF for a static ferry, else P"},
	{"--format", "FORMAT", "FERRY_BINFMT_FORMAT", set_binfmt_format,
	 "--binfmt print format: proc (default), systemd or debian"},
	{"--list-backends", NULL, NULL, cmd_list_backends, "print the available executors"},
	{"--version", NULL, NULL, cmd_version, "print the version, guest CPUs and executors"},
	{"--help -h", NULL, NULL, cmd_help, "this text"},
};
#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

/* Whether spelling is one of the space-separated names. */
static bool has_name(const char *names, const char *spelling, size_t len)
{
	for (const char *p = names; *p;) {
		size_t n = strcspn(p, " ");
		if (n == len && !strncmp(p, spelling, len))
			return true;
		p += n + (p[n] == ' ');
	}
	return false;
}

static const struct optdef *find_option(const char *spelling, size_t len)
{
	for (size_t k = 0; k < N_OPTIONS; k++)
		if (has_name(options[k].names, spelling, len))
			return &options[k];
	return NULL;
}

/* left in a 30-column gutter, text wrapped at word boundaries to 79. */
static void print_wrapped(FILE *f, const char *left, const char *text)
{
	enum { GUTTER = 30, WIDTH = 79 };
	int col = fprintf(f, "%s", left);
	if (col >= GUTTER)
		col = fprintf(f, "\n%*s", GUTTER, "") - 1;
	else
		col += fprintf(f, "%*s", GUTTER - col, "");
	for (const char *p = text; *p;) {
		int n = (int)strcspn(p, " ");
		if (col > GUTTER && col + 1 + n > WIDTH)
			col = fprintf(f, "\n%*s", GUTTER, "") - 1;
		else if (col > GUTTER)
			col += fprintf(f, " ");
		col += fprintf(f, "%.*s", n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	fprintf(f, "\n");
}

static void usage(FILE *f)
{
	fprintf(f, "usage: ferry [options] program [arguments...]\n"
		   "       ferry --binfmt install|uninstall|status|print [options] [ARCH...]\n"
		   "Runs a Linux program built for another CPU (");
	for (int k = 0; frontends[k]; k++)
		fprintf(f, "%s%s", k ? ", " : "", frontends[k]->name);
	fprintf(f, ") on this host.\nEach option's variable (in brackets) is read first; the command line wins.\n\n");
	for (size_t k = 0; k < N_OPTIONS; k++) {
		const struct optdef *d = &options[k];
		char left[96] = "  ";
		for (const char *p = d->names; *p;) {
			size_t n = strcspn(p, " ");
			if (p != d->names)
				strlcat(left, ", ", sizeof(left));
			char one[40];
			snprintf(one, sizeof(one), "%.*s%s%s", (int)n, p, d->arg ? " " : "", d->arg ? d->arg : "");
			strlcat(left, one, sizeof(left));
			p += n + (p[n] == ' ');
		}
		char text[256];
		snprintf(text, sizeof(text), "%s%s%s%s", d->help, d->env ? " [" : "", d->env ? d->env : "",
			 d->env ? "]" : "");
		print_wrapped(f, left, text);
	}
}

/* AT_SECURE: ferry runs with credentials the caller does not have (a setuid
 * guest under binfmt_misc's C flag).  Like the dynamic linker ignoring
 * LD_PRELOAD then, ferry ignores its variables: FERRY_SYSROOT or FERRY_LOG
 * would otherwise let the caller load code or write files as the owner. */
static bool secure_mode(void)
{
	return getauxval(AT_SECURE) != 0;
}

void options_parse_env(void)
{
	opt.secure = secure_mode();
	if (opt.secure)
		return;
	const char *v = getenv("QEMU_LD_PREFIX");
	if (v && *v)
		set_sysroot(v, "QEMU_LD_PREFIX", true);
	for (size_t k = 0; k < N_OPTIONS; k++)
		if (options[k].env && (v = getenv(options[k].env)) && *v)
			options[k].set(v, options[k].env, true);
}

int options_parse(int argc, char **argv)
{
	options_parse_env();
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		/* --name=value for the long options */
		const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		const struct optdef *d = find_option(a, len);
		if (!d)
			ferry_fatal("unknown option %.*s (see ferry --help)", (int)len, a);
		char what[64];
		snprintf(what, sizeof(what), "%.*s", (int)len, a);
		const char *val = NULL;
		if (d->arg && eq)
			val = eq + 1;
		else if (d->arg && i + 1 < argc)
			val = argv[++i];
		else if (d->arg)
			ferry_fatal("option %s needs a value %s (see ferry --help)", what, d->arg);
		else if (eq)
			ferry_fatal("option %s takes no value (see ferry --help)", what);
		d->set(val, what, false);
	}
	if (i >= argc && !opt.binfmt_action)
		ferry_fatal("no program to run (usage: ferry [options] program [arguments...]; see ferry --help)");
	return i;
}
