/* Signals within one thread: SA_SIGINFO fields for kill, raise, sigqueue
 * and tgkill; masks and the pending set; a blocked signal delivered on
 * unblock; real-time signals queued several times and delivered in order
 * (lowest number first, each one's queue in sending order) while standard
 * ones coalesce; SA_RESETHAND and SA_NODEFER; sigaltstack; sigtimedwait
 * and signalfd. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Everything a handler writes is volatile: glibc declares raise, kill
 * and the like leaf functions, so the compiler may assume they leave this
 * file's variables alone. */
static char log_buf[4096];
static volatile size_t log_len;

/* handlers append here; main prints it (printf is not async-signal-safe) */
static void note(const char *s)
{
	size_t n = strlen(s);

	if (log_len + n < sizeof log_buf) {
		memcpy(log_buf + log_len, s, n);
		log_len += n;
	}
}

static void flush_log(const char *what)
{
	printf("%s:%.*s\n", what, (int)log_len, log_buf);
	log_len = 0;
}

static struct {
	volatile int signo, code, value, ours;
} last;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	char buf[64];

	(void)uc;
	last.signo = si->si_signo;
	last.code = si->si_code;
	last.value = si->si_value.sival_int;
	last.ours = si->si_pid == getpid() && si->si_uid == getuid();
	snprintf(buf, sizeof buf, " %d", sig);
	note(buf);
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	char buf[64];

	(void)uc;
	snprintf(buf, sizeof buf, " %d/%d", sig - SIGRTMIN, si->si_value.sival_int);
	note(buf);
}

static volatile int nodefer_depth, nodefer_max, nodefer_runs;

/* raises itself twice more: nested with SA_NODEFER, one after the other
 * without */
static void on_nested(int sig)
{
	nodefer_runs++;
	nodefer_depth++;
	if (nodefer_depth > nodefer_max)
		nodefer_max = nodefer_depth;
	if (nodefer_runs < 3)
		raise(sig);
	nodefer_depth--;
}

static char altstack[1 << 16];
static volatile int on_alt, alt_flags;

static void on_alt_handler(int sig)
{
	stack_t ss;
	char local;

	(void)sig;
	on_alt = &local >= altstack && &local < altstack + sizeof altstack;
	sigaltstack(NULL, &ss);
	alt_flags = ss.ss_flags;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void install_plain(int sig, void (*h)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void block(int how, int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

int main(void)
{
	struct sigaction old;
	sigset_t pend, set;
	union sigval v;

	/* siginfo of kill, raise (tgkill), sigqueue */
	install(SIGUSR1, on_info, 0);
	kill(getpid(), SIGUSR1);
	printf("kill: signo %d code SI_USER %d pid/uid ours %d\n", last.signo, last.code == SI_USER,
	       last.ours);
	raise(SIGUSR1);
	printf("raise: signo %d code SI_TKILL %d pid/uid ours %d\n", last.signo, last.code == SI_TKILL,
	       last.ours);
	v.sival_int = 4242;
	sigqueue(getpid(), SIGUSR1, v);
	printf("sigqueue: signo %d code SI_QUEUE %d value %d pid/uid ours %d\n", last.signo,
	       last.code == SI_QUEUE, last.value, last.ours);
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	printf("tgkill: signo %d code SI_TKILL %d\n", last.signo, last.code == SI_TKILL);
	flush_log("handler ran for");

	/* blocked, pending, delivered on unblock; standard ones coalesce */
	install(SIGUSR2, on_info, 0);
	block(SIG_BLOCK, SIGUSR1);
	block(SIG_BLOCK, SIGUSR2);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	printf("pending: USR1 %d USR2 %d TERM %d, nothing ran yet: %d\n", sigismember(&pend, SIGUSR1),
	       sigismember(&pend, SIGUSR2), sigismember(&pend, SIGTERM), log_len == 0);
	sigprocmask(SIG_SETMASK, NULL, &set);
	printf("mask: USR1 %d USR2 %d\n", sigismember(&set, SIGUSR1), sigismember(&set, SIGUSR2));
	block(SIG_UNBLOCK, SIGUSR2);
	flush_log("after unblocking USR2");
	block(SIG_UNBLOCK, SIGUSR1);
	flush_log("after unblocking USR1 (sent 3 times)");
	sigpending(&pend);
	printf("pending now: USR1 %d\n", sigismember(&pend, SIGUSR1));

	/* real-time signals: queued, lowest first, in order */
	install(SIGRTMIN, on_rt, 0);
	install(SIGRTMIN + 1, on_rt, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 1; i <= 3; i++) {
		v.sival_int = 10 + i;
		sigqueue(getpid(), SIGRTMIN + 1, v);
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN, v);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	flush_log("RT (sig-SIGRTMIN/value)");

	/* SA_RESETHAND: the second one gets the default (ignored here for
	 * SIGURG, whose default is to ignore) */
	install(SIGURG, on_info, SA_RESETHAND);
	raise(SIGURG);
	sigaction(SIGURG, NULL, &old);
	printf("SA_RESETHAND: handler reset to SIG_DFL %d, SA_SIGINFO cleared %d\n", old.sa_handler == SIG_DFL,
	       !(old.sa_flags & SA_SIGINFO));
	raise(SIGURG);
	flush_log("URG handled");

	/* SA_NODEFER: the handler nests; without it the signal waits */
	install_plain(SIGUSR1, on_nested, SA_NODEFER);
	nodefer_max = nodefer_runs = 0;
	raise(SIGUSR1);
	printf("SA_NODEFER: ran %d times, nesting depth %d\n", nodefer_runs, nodefer_max);
	install_plain(SIGUSR1, on_nested, 0);
	nodefer_max = nodefer_runs = 0;
	raise(SIGUSR1);
	printf("without SA_NODEFER: ran %d times, nesting depth %d\n", nodefer_runs, nodefer_max);

	/* sigaltstack */
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 }, os;
	sigaltstack(&ss, NULL);
	install_plain(SIGUSR2, on_alt_handler, SA_ONSTACK);
	raise(SIGUSR2);
	printf("SA_ONSTACK: on the alternate stack %d, SS_ONSTACK reported %d\n", on_alt, alt_flags == SS_ONSTACK);
	install_plain(SIGUSR2, on_alt_handler, 0);
	raise(SIGUSR2);
	printf("without SA_ONSTACK: on the alternate stack %d, flags %d\n", on_alt, alt_flags);
	sigaltstack(NULL, &os);
	printf("sigaltstack: size kept %d, flags %d\n", os.ss_size == sizeof altstack, os.ss_flags);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	sigaltstack(NULL, &os);
	printf("disabled: flags SS_DISABLE %d\n", os.ss_flags == SS_DISABLE);

	/* sigtimedwait: a blocked one taken without its handler */
	block(SIG_BLOCK, SIGUSR1);
	v.sival_int = 77;
	sigqueue(getpid(), SIGUSR1, v);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	struct timespec tmo = { 1, 0 };
	siginfo_t si;
	int r = sigtimedwait(&set, &si, &tmo);
	printf("sigtimedwait: %s value %d\n", r == SIGUSR1 ? "SIGUSR1" : "other", si.si_value.sival_int);
	tmo.tv_sec = 0;
	tmo.tv_nsec = 1000000;
	r = sigtimedwait(&set, &si, &tmo);
	printf("sigtimedwait with nothing pending: %d %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "-");

	/* signalfd */
	int fd = signalfd(-1, &set, 0);
	kill(getpid(), SIGUSR1);
	struct signalfd_siginfo fi;
	ssize_t n = read(fd, &fi, sizeof fi);
	printf("signalfd: read %d signo %u code SI_USER %d pid ours %d\n", (int)n, fi.ssi_signo,
	       fi.ssi_code == SI_USER, fi.ssi_pid == (uint32_t)getpid());
	close(fd);
	flush_log("handlers at the end");
	return 0;
}
