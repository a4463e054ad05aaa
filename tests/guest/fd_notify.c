/* File descriptors that deliver events: eventfd (counter and semaphore
 * modes), timerfd (relative, absolute, gettime, disarm), signalfd (a
 * blocked signal read as a record: from raise, sigqueue with a value, a
 * child process, a real-time signal), and epoll_pwait2 with a timespec
 * timeout, waiting on all of them. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err_name(int e)
{
	return e == EAGAIN ? "EAGAIN" : e == EINVAL ? "EINVAL" : e == EBADF ? "EBADF" : strerror(e);
}

static void eventfd_counter(void)
{
	int fd = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
	uint64_t v = 4;
	printf("eventfd: write %zd\n", write(fd, &v, sizeof v));
	v = 0;
	ssize_t r = read(fd, &v, sizeof v);
	printf("eventfd: read %zd value %llu\n", r, (unsigned long long)v);
	errno = 0;
	r = read(fd, &v, sizeof v);
	printf("eventfd: empty read %zd %s\n", r, err_name(errno));
	/* The counter saturates at 2^64-2: one more write would block. */
	v = UINT64_MAX - 1;
	printf("eventfd: write max %zd\n", write(fd, &v, sizeof v));
	v = 1;
	errno = 0;
	r = write(fd, &v, sizeof v);
	printf("eventfd: write past max %zd %s\n", r, err_name(errno));
	/* 4-byte buffers are refused. */
	uint32_t small = 1;
	errno = 0;
	r = write(fd, &small, sizeof small);
	printf("eventfd: short write %zd %s\n", r, err_name(errno));
	close(fd);

	fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	for (int i = 0; i < 3; i++) {
		v = 0;
		errno = 0;
		ssize_t n = read(fd, &v, sizeof v);
		printf("eventfd semaphore read %d: %zd value %llu %s\n", i, n, (unsigned long long)v,
		       n < 0 ? err_name(errno) : "");
	}
	close(fd);
}

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

static void timerfd_relative_absolute(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	struct itimerspec its = { .it_value = { 0, 20 * 1000000 }, .it_interval = { 0, 30 * 1000000 } };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("timerfd: settime %d\n", timerfd_settime(fd, 0, &its, NULL));
	struct itimerspec cur;
	timerfd_gettime(fd, &cur);
	printf("timerfd: interval %ld ms, value armed %s\n", cur.it_interval.tv_nsec / 1000000,
	       (cur.it_value.tv_sec || cur.it_value.tv_nsec) && cur.it_value.tv_nsec <= 20 * 1000000 ? "yes" : "no");
	uint64_t exp = 0;
	ssize_t n = read(fd, &exp, sizeof exp); /* blocks until the first expiry */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("timerfd: read %zd, expirations >= 1: %s, waited >= 20 ms: %s\n", n, exp >= 1 ? "yes" : "no",
	       ms_between(&t0, &t1) >= 19 ? "yes" : "no");

	/* Disarm: a non-blocking read then finds nothing. */
	struct itimerspec off = { 0 };
	struct itimerspec old;
	timerfd_settime(fd, 0, &off, &old);
	printf("timerfd: old interval %ld ms\n", old.it_interval.tv_nsec / 1000000);
	close(fd);

	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	errno = 0;
	n = read(fd, &exp, sizeof exp);
	printf("timerfd: unarmed read %zd %s\n", n, err_name(errno));
	/* An absolute time in the past fires at once. */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct itimerspec abs = { .it_value = { now.tv_sec > 1 ? now.tv_sec - 1 : 0, 1 } };
	printf("timerfd: abstime settime %d\n", timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL));
	exp = 0;
	n = read(fd, &exp, sizeof exp);
	printf("timerfd: abstime read %zd expirations %llu\n", n, (unsigned long long)exp);
	errno = 0;
	int bad = timerfd_create(12345, 0);
	printf("timerfd: bad clock %d %s\n", bad, err_name(errno));
	close(fd);
}

static void show_record(const char *what, int fd)
{
	struct signalfd_siginfo si;
	memset(&si, 0, sizeof si);
	errno = 0;
	ssize_t n = read(fd, &si, sizeof si);
	if (n != (ssize_t)sizeof si) {
		printf("signalfd %s: read %zd %s\n", what, n, err_name(errno));
		return;
	}
	const char *code = si.ssi_code == SI_USER ? "SI_USER" : si.ssi_code == SI_QUEUE ? "SI_QUEUE" :
			   si.ssi_code == SI_TKILL ? "SI_TKILL" : "other";
	printf("signalfd %s: signo %u code %s pid-is-me %d uid-ok %d int %d\n", what, si.ssi_signo, code,
	       si.ssi_pid == (uint32_t)getpid(), si.ssi_uid == (uint32_t)getuid(), si.ssi_int);
}

static void signalfd_records(int epfd)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	printf("signalfd: created %s\n", fd >= 0 ? "yes" : "no");

	show_record("empty", fd);
	raise(SIGUSR1);
	show_record("raise", fd);
	union sigval val = { .sival_int = 4242 };
	sigqueue(getpid(), SIGRTMIN + 2, val);
	val.sival_int = 4343;
	sigqueue(getpid(), SIGRTMIN + 2, val); /* real-time signals queue: two records */
	show_record("sigqueue 1", fd);
	show_record("sigqueue 2", fd);
	show_record("drained", fd);

	/* From another process, waited for through epoll. */
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x5167 };
	epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
	pid_t child = fork();
	if (child == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	struct epoll_event got;
	struct timespec tmo = { 5, 0 };
	int n = epoll_pwait2(epfd, &got, 1, &tmo, NULL);
	printf("signalfd: epoll_pwait2 %d data %#llx\n", n, n == 1 ? (unsigned long long)got.data.u64 : 0ull);
	struct signalfd_siginfo si;
	read(fd, &si, sizeof si);
	printf("signalfd child: signo %u pid-is-child %d\n", si.ssi_signo, si.ssi_pid == (uint32_t)child);
	waitpid(child, NULL, 0);
	epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);

	/* The mask can be changed on the same descriptor. */
	sigset_t only_rt;
	sigemptyset(&only_rt);
	sigaddset(&only_rt, SIGRTMIN + 2);
	printf("signalfd: new mask same fd %d\n", signalfd(fd, &only_rt, 0) == fd);
	raise(SIGUSR1);
	show_record("SIGUSR1 outside the mask", fd);
	sigset_t pending;
	sigpending(&pending);
	printf("signalfd: SIGUSR1 still pending %d\n", sigismember(&pending, SIGUSR1));
	int sig = 0;
	sigwait(&set, &sig);
	printf("sigwait took %s\n", sig == SIGUSR1 ? "SIGUSR1" : "another");
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void epoll_pwait2_all(int epfd)
{
	struct epoll_event got[4];
	struct timespec t0, t1, tmo = { 0, 30 * 1000000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int n = epoll_pwait2(epfd, got, 4, &tmo, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("epoll_pwait2 empty: %d, waited >= 30 ms: %s\n", n, ms_between(&t0, &t1) >= 29 ? "yes" : "no");

	int efd = eventfd(0, EFD_NONBLOCK);
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0xefdull << 32 };
	epoll_ctl(epfd, EPOLL_CTL_ADD, efd, &ev);
	ev.data.u64 = 0x7fdull << 32;
	epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &ev);
	uint64_t one = 1;
	write(efd, &one, sizeof one);
	n = epoll_pwait2(epfd, got, 4, NULL, NULL); /* NULL: wait forever; the eventfd is ready */
	printf("epoll_pwait2 eventfd: %d data %#llx\n", n, (unsigned long long)got[0].data.u64);
	read(efd, &one, sizeof one);
	struct itimerspec its = { .it_value = { 0, 10 * 1000000 } };
	timerfd_settime(tfd, 0, &its, NULL);
	tmo.tv_sec = 5;
	n = epoll_pwait2(epfd, got, 4, &tmo, NULL);
	printf("epoll_pwait2 timerfd: %d data %#llx\n", n, (unsigned long long)got[0].data.u64);
	struct timespec bad = { 0, 1000000000 };
	errno = 0;
	n = epoll_pwait2(epfd, got, 4, &bad, NULL);
	printf("epoll_pwait2 bad timeout: %d %s\n", n, err_name(errno));
	close(efd);
	close(tfd);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	eventfd_counter();
	timerfd_relative_absolute();
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	signalfd_records(epfd);
	epoll_pwait2_all(epfd);
	close(epfd);
	return 0;
}
