/* A blocking read interrupted by a signal: with SA_RESTART the read goes
 * on and returns the data the handler itself writes into the pipe; without
 * it the read fails with EINTR and the data is there for the next one.
 * The same for a blocking wait (waitpid), for nanosleep (never restarted
 * after a handler) and for sigsuspend. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int pipefd[2];
static volatile sig_atomic_t handled;

static void on_alarm(int sig)
{
	(void)sig;
	handled++;
	if (write(pipefd[1], "late", 4) != 4)
		_exit(9);
}

static void arm(int ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void set_handler(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
}

static void blocking_read(const char *what)
{
	char buf[16];
	ssize_t n;

	arm(20);
	n = read(pipefd[0], buf, sizeof buf);
	if (n < 0) {
		printf("%s: read failed: %s, handler ran %d\n", what, errno == EINTR ? "EINTR" : "other", (int)handled);
		n = read(pipefd[0], buf, sizeof buf);
	}
	printf("%s: read %d bytes \"%.*s\", handler ran %d\n", what, (int)n, n > 0 ? (int)n : 0, buf, (int)handled);
	handled = 0;
}

static void blocking_wait(const char *what)
{
	int status = 0;
	pid_t child, r;
	char buf[16];

	child = fork();
	if (child == 0) {
		/* waits for the parent's go, written after its handler ran */
		while (read(pipefd[0], buf, 4) != 4)
			;
		_exit(7);
	}
	arm(20);
	r = waitpid(child, &status, 0);
	if (r < 0) {
		printf("%s: waitpid failed: %s, handler ran %d\n", what, errno == EINTR ? "EINTR" : "other",
		       (int)handled);
		r = waitpid(child, &status, 0);
	}
	printf("%s: waitpid got the child: %d, exit %d, handler ran %d\n", what, r == child, WEXITSTATUS(status),
	       (int)handled);
	handled = 0;
}

int main(void)
{
	struct timespec ts = { 5, 0 }, rem;
	sigset_t none, alrm;
	int r;

	if (pipe(pipefd) < 0)
		return 1;
	setvbuf(stdout, NULL, _IONBF, 0);

	set_handler(SA_RESTART);
	blocking_read("SA_RESTART");
	blocking_wait("SA_RESTART");
	set_handler(0);
	blocking_read("no SA_RESTART");
	blocking_wait("no SA_RESTART");

	/* nanosleep is not restarted even with SA_RESTART (signal(7)) */
	set_handler(SA_RESTART);
	arm(20);
	r = nanosleep(&ts, &rem);
	printf("nanosleep: %d %s, time left > 1 s: %d, handler ran %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "-",
	       rem.tv_sec >= 1, (int)handled);
	handled = 0;
	if (read(pipefd[0], (char[8]){ 0 }, 8) != 4)
		return 2;

	/* sigsuspend: SIGALRM blocked, then waited for with it unblocked */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	arm(20);
	sigemptyset(&none);
	r = sigsuspend(&none);
	printf("sigsuspend: %d %s, handler ran %d\n", r, errno == EINTR ? "EINTR" : "-", (int)handled);
	sigprocmask(SIG_SETMASK, NULL, &alrm);
	printf("SIGALRM blocked again after sigsuspend: %d\n", sigismember(&alrm, SIGALRM));
	return 0;
}
