/* /proc/<pid>/status shows the program's own state, through /proc/self/,
 * /proc/<pid>/ and /proc/thread-self/: its name (as PR_SET_NAME set it),
 * pids, thread count (1, 4 with three threads, 1 after they are joined),
 * blocked, pending, ignored and caught signals; /proc/self/task/<tid>/
 * shows that thread's name, pid and mask. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 16];

static const char *status(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	buf[0] = 0;
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return buf;
}

/* The text after "key:\t" up to the end of its line. */
static const char *value(const char *text, const char *key, char *out, size_t n)
{
	char k[64];
	const char *p;

	snprintf(k, sizeof k, "\n%s:\t", key);
	out[0] = 0;
	if (!(p = strstr(text, k)) && !(strncmp(text, k + 1, strlen(k + 1)) == 0 && (p = text - 1)))
		return out;
	p += strlen(k);
	snprintf(out, n, "%.*s", (int)strcspn(p, "\n"), p);
	return out;
}

static long num(const char *text, const char *key)
{
	char v[128];

	return strtol(value(text, key, v, sizeof v), NULL, 10);
}

static int sig_has(const char *text, const char *key, int sig)
{
	char v[128];

	return (strtoull(value(text, key, v, sizeof v), NULL, 16) >> (sig - 1)) & 1;
}

static void handler(int sig)
{
	(void)sig;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int started, release;
static int worker_tid;

static void *worker(void *arg)
{
	sigset_t s;

	if (arg) { /* the one whose task/<tid>/ is read */
		prctl(PR_SET_NAME, "proc-worker");
		sigemptyset(&s);
		sigaddset(&s, SIGUSR2);
		pthread_sigmask(SIG_BLOCK, &s, NULL);
		worker_tid = (int)syscall(SYS_gettid);
	}
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_broadcast(&cond);
	while (!release)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void check(const char *label, const char *path)
{
	const char *s = status(path);
	char v[128];

	path = label;
	printf("%s: Name %s\n", path, value(s, "Name", v, sizeof v));
	printf("%s: Tgid == getpid() %d, Pid == getpid() %d, PPid == getppid() %d\n", path, num(s, "Tgid") == getpid(), num(s, "Pid") == getpid(),
	       num(s, "PPid") == getppid());
	printf("%s: Threads %ld\n", path, num(s, "Threads"));
	printf("%s: SigBlk USR1 %d USR2 %d, SigPnd USR1 %d, ShdPnd USR2 %d, SigIgn PIPE %d USR2 %d, SigCgt USR2 %d PIPE %d\n",
	       path, sig_has(s, "SigBlk", SIGUSR1), sig_has(s, "SigBlk", SIGUSR2), sig_has(s, "SigPnd", SIGUSR1),
	       sig_has(s, "ShdPnd", SIGUSR2), sig_has(s, "SigIgn", SIGPIPE), sig_has(s, "SigIgn", SIGUSR2),
	       sig_has(s, "SigCgt", SIGUSR2), sig_has(s, "SigCgt", SIGPIPE));
	/* ferry's own handlers are not the program's */
	printf("%s: SigCgt SEGV %d BUS %d ILL %d FPE %d\n", path, sig_has(s, "SigCgt", SIGSEGV),
	       sig_has(s, "SigCgt", SIGBUS), sig_has(s, "SigCgt", SIGILL), sig_has(s, "SigCgt", SIGFPE));
	printf("%s: VmSize > 0 %d, VmRSS > 0 %d, Cpus_allowed_list %d\n", path, num(s, "VmSize") > 0,
	       num(s, "VmRSS") > 0, value(s, "Cpus_allowed_list", v, sizeof v)[0] != 0);
}

int main(void)
{
	char pid_path[64], task_path[64], v[128];
	pthread_t t[3];
	struct sigaction sa;
	sigset_t s;

	snprintf(pid_path, sizeof pid_path, "/proc/%d/status", (int)getpid());
	prctl(PR_SET_NAME, "proc-status-t");
	printf("before: Threads %ld\n", num(status("/proc/self/status"), "Threads"));

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	syscall(SYS_tgkill, getpid(), (int)syscall(SYS_gettid), SIGUSR1); /* pending on this thread */
	kill(getpid(), SIGUSR2);                                           /* pending on the process */
	check("/proc/self/status", "/proc/self/status");
	check("/proc/<pid>/status", pid_path);
	check("/proc/thread-self/status", "/proc/thread-self/status");

	/* the threads start with the main thread's mask; unblock USR2 here to
	 * tell the worker's mask from the main thread's */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_SETMASK, &s, NULL);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, i == 0 ? "named" : NULL);
	pthread_mutex_lock(&lock);
	while (started < 3)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	printf("with 3 threads: Threads %ld\n", num(status("/proc/self/status"), "Threads"));
	snprintf(task_path, sizeof task_path, "/proc/self/task/%d/status", worker_tid);
	status(task_path);
	printf("task/<tid>: Name %s, Pid == tid %d, Tgid == getpid() %d, SigBlk USR2 %d\n", value(buf, "Name", v, sizeof v),
	       num(buf, "Pid") == worker_tid, num(buf, "Tgid") == getpid(), sig_has(buf, "SigBlk", SIGUSR2));
	status("/proc/self/status");
	printf("main: Name %s, SigBlk USR2 %d\n", value(buf, "Name", v, sizeof v), sig_has(buf, "SigBlk", SIGUSR2));

	pthread_mutex_lock(&lock);
	release = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	/* a joined thread may still be in its last steps in the kernel: its
	 * count goes down a moment after pthread_join returns */
	long n = 0;
	for (int tries = 0; tries < 2000 && (n = num(status("/proc/self/status"), "Threads")) != 1; tries++)
		nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
	printf("after join: Threads %ld\n", n);
	return 0;
}
