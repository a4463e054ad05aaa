/* Runs a command and reports its wall time and peak RSS, for run.sh.
 *
 *   timeit [-n runs] [-t timeout_s] [-q] [-r result_file] cmd [args...]
 *
 * Runs the command `runs` times in a row (stopping at the first failure) and
 * writes one line: "<status> <mean_ns> <min_ns> <max_rss_kib>", where status
 * is "ok", "exit<N>", "sig<N>", "timeout" or "spawn".  -q sends the command's
 * stdout to /dev/null.  Wall time is CLOCK_MONOTONIC from just before the
 * spawn to wait4's return; RSS is wait4's ru_maxrss.  The kernel keeps the
 * larger of the pre-exec and post-exec high-water marks, and posix_spawn's
 * child runs on this program's memory until exec, so our own RSS is a floor
 * under the figure: run.sh links this program statically to keep it low. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t timed_out;
static volatile pid_t child;

static void on_alarm(int sig)
{
	timed_out = 1;
	if (child > 0)
		kill(child, SIGKILL);
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void usage(void)
{
	fprintf(stderr, "usage: timeit [-n runs] [-t timeout_s] [-q] [-r result_file] cmd [args...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long runs = 1, timeout = 0;
	int quiet = 0, c;
	const char *result = NULL;
	while ((c = getopt(argc, argv, "+n:t:qr:")) != -1) {
		switch (c) {
		case 'n': runs = strtol(optarg, NULL, 10); break;
		case 't': timeout = strtol(optarg, NULL, 10); break;
		case 'q': quiet = 1; break;
		case 'r': result = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || runs < 1)
		usage();

	struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART: wait4 must see EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);

	char status[32] = "ok";
	uint64_t total = 0, min = UINT64_MAX;
	long max_rss = 0, done = 0;
	for (; done < runs; done++) {
		pid_t pid;
		uint64_t t0 = now_ns();
		int err = posix_spawnp(&pid, argv[optind], &fa, NULL, argv + optind, environ);
		if (err) {
			fprintf(stderr, "timeit: %s: %s\n", argv[optind], strerror(err));
			snprintf(status, sizeof(status), "spawn");
			break;
		}
		child = pid;
		if (timeout > 0)
			alarm((unsigned)timeout);
		int ws;
		struct rusage ru;
		while (wait4(pid, &ws, 0, &ru) < 0) {
			if (errno != EINTR) {
				perror("timeit: wait4");
				return 2;
			}
		}
		uint64_t dt = now_ns() - t0;
		alarm(0);
		child = 0;
		total += dt;
		if (dt < min)
			min = dt;
		if (ru.ru_maxrss > max_rss)
			max_rss = ru.ru_maxrss;
		if (timed_out)
			snprintf(status, sizeof(status), "timeout");
		else if (WIFSIGNALED(ws))
			snprintf(status, sizeof(status), "sig%d", WTERMSIG(ws));
		else if (WEXITSTATUS(ws) != 0)
			snprintf(status, sizeof(status), "exit%d", WEXITSTATUS(ws));
		if (strcmp(status, "ok") != 0) {
			done++;
			break;
		}
	}
	posix_spawn_file_actions_destroy(&fa);

	FILE *out = result ? fopen(result, "w") : stderr;
	if (!out) {
		perror(result);
		return 2;
	}
	fprintf(out, "%s %llu %llu %ld\n", status, (unsigned long long)(done ? total / (uint64_t)done : 0),
		(unsigned long long)(done ? min : 0), max_rss);
	if (out != stderr)
		fclose(out);
	return 0;
}
