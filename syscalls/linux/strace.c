/* --strace: one line per guest syscall, in the style of qemu -strace:
 *   <pid> openat(AT_FDCWD,"/etc/hosts",O_RDONLY|O_CLOEXEC) = 3
 * Argument letters are explained in syscalls.def.  The generic ABI's flag
 * values equal x86-64's (both use the asm-generic uapi headers), so the
 * host's constants name them. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/vcpu.h"

struct flag_name {
	uint64_t v;
	const char *name;
};
#define FN(x) { x, #x }

static const struct flag_name open_flags[] = {
	/* composites first: O_SYNC includes O_DSYNC, O_TMPFILE O_DIRECTORY */
	FN(O_SYNC),	FN(O_TMPFILE),	 FN(O_CREAT),	  FN(O_EXCL),	  FN(O_NOCTTY),	 FN(O_TRUNC),
	FN(O_APPEND),	FN(O_NONBLOCK),	 FN(O_DSYNC),	  FN(O_ASYNC),	  FN(O_DIRECT),	 FN(O_LARGEFILE),
	FN(O_DIRECTORY), FN(O_NOFOLLOW), FN(O_NOATIME),	  FN(O_CLOEXEC),  FN(O_PATH),	 { 0, NULL },
};
static const struct flag_name at_flags[] = {
	FN(AT_SYMLINK_NOFOLLOW), FN(AT_REMOVEDIR),	  FN(AT_SYMLINK_FOLLOW),   FN(AT_NO_AUTOMOUNT),
	FN(AT_EMPTY_PATH),	 FN(AT_STATX_FORCE_SYNC), FN(AT_STATX_DONT_SYNC), { 0, NULL },
};
static const struct flag_name prot_flags[] = {
	FN(PROT_READ), FN(PROT_WRITE), FN(PROT_EXEC), FN(PROT_GROWSDOWN), FN(PROT_GROWSUP), { 0, NULL },
};
static const struct flag_name map_flags[] = {
	FN(MAP_FIXED),	   FN(MAP_ANONYMOUS), FN(MAP_GROWSDOWN), FN(MAP_DENYWRITE),	  FN(MAP_EXECUTABLE),
	FN(MAP_LOCKED),	   FN(MAP_NORESERVE), FN(MAP_POPULATE),	 FN(MAP_NONBLOCK),	  FN(MAP_STACK),
	FN(MAP_HUGETLB),   FN(MAP_SYNC),      FN(MAP_FIXED_NOREPLACE), { 0, NULL },
};
static const struct flag_name access_flags[] = {
	FN(R_OK), FN(W_OK), FN(X_OK), { 0, NULL },
};
static const struct flag_name clock_names[] = {
	FN(CLOCK_REALTIME),	  FN(CLOCK_MONOTONIC),	     FN(CLOCK_PROCESS_CPUTIME_ID), FN(CLOCK_THREAD_CPUTIME_ID),
	FN(CLOCK_MONOTONIC_RAW), FN(CLOCK_REALTIME_COARSE), FN(CLOCK_MONOTONIC_COARSE),   FN(CLOCK_BOOTTIME),
	FN(CLOCK_REALTIME_ALARM), FN(CLOCK_BOOTTIME_ALARM), FN(CLOCK_TAI),		     { 0, NULL },
};
static const struct flag_name whence_names[] = {
	FN(SEEK_SET), FN(SEEK_CUR), FN(SEEK_END), FN(SEEK_DATA), FN(SEEK_HOLE), { 0, NULL },
};
static const struct flag_name fcntl_names[] = {
	FN(F_DUPFD),	  FN(F_GETFD),	     FN(F_SETFD),	 FN(F_GETFL),	    FN(F_SETFL),     FN(F_GETLK),
	FN(F_SETLK),	  FN(F_SETLKW),	     FN(F_SETOWN),	 FN(F_GETOWN),	    FN(F_SETSIG),    FN(F_GETSIG),
	FN(F_SETOWN_EX),  FN(F_GETOWN_EX),   FN(F_OFD_GETLK),	 FN(F_OFD_SETLK),   FN(F_OFD_SETLKW), FN(F_SETLEASE),
	FN(F_GETLEASE),	  FN(F_NOTIFY),	     FN(F_DUPFD_CLOEXEC), FN(F_SETPIPE_SZ), FN(F_GETPIPE_SZ), FN(F_ADD_SEALS),
	FN(F_GET_SEALS),  { 0, NULL },
};
static const struct flag_name how_names[] = {
	FN(SIG_BLOCK), FN(SIG_UNBLOCK), FN(SIG_SETMASK), { 0, NULL },
};
static const struct flag_name rlimit_names[] = {
	FN(RLIMIT_CPU),	   FN(RLIMIT_FSIZE),   FN(RLIMIT_DATA),	  FN(RLIMIT_STACK), FN(RLIMIT_CORE),
	FN(RLIMIT_RSS),	   FN(RLIMIT_NPROC),   FN(RLIMIT_NOFILE), FN(RLIMIT_MEMLOCK), FN(RLIMIT_AS),
	FN(RLIMIT_LOCKS),  FN(RLIMIT_SIGPENDING), FN(RLIMIT_MSGQUEUE), FN(RLIMIT_NICE), FN(RLIMIT_RTPRIO),
	FN(RLIMIT_RTTIME), { 0, NULL },
};

/* Signal numbers of the generic ABI, which x86-64 shares (asm-generic/signal.h). */
static const char *const signames[] = {
	NULL,	   "SIGHUP",  "SIGINT",	   "SIGQUIT", "SIGILL",	   "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE",  "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",   "SIGPIPE", "SIGALRM", "SIGTERM",
	"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU", "SIGURG",
	"SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",  "SIGIO",   "SIGPWR",	 "SIGSYS",
};

const char *strace_signame(int sig)
{
	static __thread char buf[16];

	if (sig > 0 && sig < (int)(sizeof signames / sizeof *signames))
		return signames[sig];
	snprintf(buf, sizeof buf, sig >= SIGRTMIN && sig <= 64 ? "SIGRT_%d" : "%d", sig >= SIGRTMIN ? sig - 32 : sig);
	return buf;
}

struct out {
	char *p, *end;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->p >= o->end)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p, (size_t)(o->end - o->p), fmt, ap);
	va_end(ap);
	if (n > 0)
		o->p += (size_t)n < (size_t)(o->end - o->p) ? (size_t)n : (size_t)(o->end - o->p) - 1;
}

static void put_value(struct out *o, uint64_t v, const struct flag_name *t)
{
	for (; t->name; t++)
		if (t->v == v) {
			put(o, "%s", t->name);
			return;
		}
	put(o, "%lld", (long long)v);
}

static void put_flags(struct out *o, uint64_t v, const struct flag_name *t, const char *zero)
{
	int first = 1;

	if (zero) {
		put(o, "%s", zero);
		first = 0;
	}
	for (; t->name; t++)
		if (t->v && (v & t->v) == t->v) {
			put(o, "%s%s", first ? "" : "|", t->name);
			v &= ~t->v;
			first = 0;
		}
	if (v)
		put(o, first ? "0x%llx" : "|0x%llx", (unsigned long long)v);
	else if (first)
		put(o, "0");
}

static void put_escaped(struct out *o, const unsigned char *s, size_t n, int more)
{
	put(o, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '\n': put(o, "\\n"); break;
		case '\t': put(o, "\\t"); break;
		case '\r': put(o, "\\r"); break;
		case '"': put(o, "\\\""); break;
		case '\\': put(o, "\\\\"); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				put(o, "\\%o", c);
			else
				put(o, "%c", c);
		}
	}
	put(o, more ? "\"..." : "\"");
}

/* A guest buffer of len bytes, at most max shown. */
static void put_buffer(struct out *o, uint64_t g, uint64_t len, size_t max)
{
	unsigned char buf[64];
	size_t n = len < max ? (size_t)len : max;

	if (n > sizeof buf)
		n = sizeof buf;
	if (mem_read(buf, g, n) < 0) {
		put(o, "0x%llx", (unsigned long long)g);
		return;
	}
	put_escaped(o, buf, n, len > n);
}

void strace_quote(char *out, size_t outsz, uint64_t g, size_t maxlen)
{
	struct out o = { out, out + outsz };
	const char *s;

	out[0] = 0;
	if (g == 0) {
		put(&o, "NULL");
		return;
	}
	s = mem_string(g, 4096);
	if (!s) {
		put(&o, "0x%llx", (unsigned long long)g);
		return;
	}
	size_t n = strlen(s);
	put_escaped(&o, (const unsigned char *)s, n < maxlen ? n : maxlen, n > maxlen);
}

static void put_arg(struct out *o, char kind, uint64_t v, uint64_t next)
{
	char q[300];

	switch (kind) {
	case 'd': put(o, "%d", (int)v); break;
	case 'l': put(o, "%lld", (long long)v); break;
	case 'u': put(o, "%llu", (unsigned long long)v); break;
	case 'm': put(o, v ? "0%o" : "0", (unsigned)v); break;
	case 'p': put(o, v ? "0x%llx" : "NULL", (unsigned long long)v); break;
	case 's':
		strace_quote(q, sizeof q, v, 256);
		put(o, "%s", q);
		break;
	case 'b': put_buffer(o, v, next, 32); break;
	case 'F':
		if ((int)v == AT_FDCWD)
			put(o, "AT_FDCWD");
		else
			put(o, "%d", (int)v);
		break;
	case 'o': {
		static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
		uint64_t rest = v & ~(uint64_t)O_ACCMODE;
		put(o, "%s", acc[v & O_ACCMODE]);
		if (rest) {
			put(o, "|");
			put_flags(o, rest, open_flags, NULL);
		}
		break;
	}
	case 'A': put_flags(o, v, at_flags, NULL); break;
	case 'P': put_flags(o, v, prot_flags, v ? NULL : "PROT_NONE"); break;
	case 'M': {
		static const char *const type[] = { "0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE" };
		uint64_t rest = v & ~(uint64_t)MAP_TYPE;
		put(o, "%s", (v & MAP_TYPE) < 4 ? type[v & MAP_TYPE] : "MAP_TYPE?");
		if (rest) {
			put(o, "|");
			put_flags(o, rest, map_flags, NULL);
		}
		break;
	}
	case 'S': put(o, "%s", strace_signame((int)v)); break;
	case 'a': put_flags(o, v, access_flags, v ? NULL : "F_OK"); break;
	case 'c': put_value(o, (uint64_t)(int64_t)(int)v, clock_names); break;
	case 'W': put_value(o, v, whence_names); break;
	case 'f': put_value(o, v, fcntl_names); break;
	case 'h': put_value(o, v, how_names); break;
	case 'R': put_value(o, v, rlimit_names); break;
	case 'i':
	case 'x':
	default: put(o, "0x%llx", (unsigned long long)v); break;
	}
}

/* The call being made, without the pid: a fork's child prints its own. */
static __thread struct {
	char line[1024];
	char ret;
	int pending;
	int shown; /* printed with "= ?" before an exec */
} cur;

/* The thread's id: the pid in a single-threaded process, as qemu shows it. */
static int strace_tid(void)
{
	return (int)gettid();
}

void strace_enter(struct vcpu *cpu, enum linux_sys sys, uint64_t nr, const uint64_t *a)
{
	const struct linux_sysinfo *si = &linux_sysinfo[sys];
	struct out o = { cur.line, cur.line + sizeof cur.line };
	const char *args = si->args;

	if (sys == LSYS_none)
		put(&o, "syscall_%llu(", (unsigned long long)nr);
	else
		put(&o, "%s(", si->name);
	for (int i = 0; args[i] && i < 6; i++) {
		/* open's mode means something only when a file is created */
		if (args[i] == 'm' && i > 0 && args[i - 1] == 'o' &&
		    !(linux_open_flags_in(cpu, (int)a[i - 1]) & (O_CREAT | __O_TMPFILE)))
			break;
		if (i)
			put(&o, ",");
		/* open flags are shown as the host's names for the same meaning */
		put_arg(&o, args[i], args[i] == 'o' ? (uint64_t)(unsigned)linux_open_flags_in(cpu, (int)a[i]) : a[i],
			i < 5 ? a[i + 1] : 0);
	}
	put(&o, ")");
	cur.ret = si->ret;
	cur.pending = 1;
	cur.shown = 0;
	if (si->ret == 'n')
		strace_noreturn();
}

void strace_leave(struct vcpu *cpu, int64_t ret)
{
	if (!cur.pending)
		return;
	cur.pending = 0;
	if (ret <= -LINUX_ERESTARTSYS && ret >= -LINUX_ERESTARTNOHAND) {
		static const char *const why[] = { "ERESTARTSYS (restarted if SA_RESTART)", "ERESTARTNOINTR (restarted)",
						   "ERESTARTNOHAND (restarted if no handler)" };
		trace_printf("%d %s = ? %s\n", strace_tid(), cur.line, why[-ret - LINUX_ERESTARTSYS]);
	} else if (ret < 0 && ret >= -4095)
		trace_printf("%d %s = -1 errno=%d (%s)\n", strace_tid(), cur.line, (int)-ret, strerror((int)-ret));
	else if (cur.ret == 'x')
		trace_printf("%d %s = 0x%llx\n", strace_tid(), cur.line, (unsigned long long)ret);
	else
		trace_printf("%d %s = %lld\n", strace_tid(), cur.line, (long long)ret);
}

void strace_noreturn(void)
{
	if (!cur.pending)
		return;
	cur.pending = 0;
	trace_printf("%d %s = ?\n", strace_tid(), cur.line);
}

void strace_exec(void)
{
	if (!cur.pending || cur.shown)
		return;
	cur.shown = 1;
	trace_printf("%d %s = ?\n", strace_tid(), cur.line);
}
