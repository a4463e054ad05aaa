/* A signal whose handler runs just before execve does not leave the new
 * program with that signal blocked: the mask after execve is the one the
 * caller had (kernel: execve keeps the mask; a handler's mask is restored
 * by sigreturn before the call goes on).  A child sends SIGWINCH without
 * pause while the program executes itself again and again; each stage
 * checks its mask.  (ferry once took such a signal on the host between
 * the guest's execve and the host's and kept it blocked, undelivered.) */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STAGES 10

static volatile sig_atomic_t got;

static void on_winch(int sig)
{
	(void)sig;
	got++;
}

int main(int argc, char **argv)
{
	int stage = argc > 1 ? atoi(argv[1]) : 0, blocked = argc > 2 ? atoi(argv[2]) : 0;
	pid_t child = argc > 3 ? atoi(argv[3]) : 0;
	struct sigaction sa;
	sigset_t now;
	char s1[16], s2[16], s3[16];

	sigprocmask(SIG_BLOCK, NULL, &now);
	if (stage > 0)
		blocked += sigismember(&now, SIGWINCH);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	if (stage == 0) {
		pid_t parent = getpid();

		child = fork();
		if (child == 0) {
			while (kill(parent, SIGWINCH) == 0)
				nanosleep(&(struct timespec){ 0, 20000 }, NULL);
			_exit(0);
		}
	}
	if (stage == STAGES) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		printf("stages %d, SIGWINCH blocked after execve in %d\n", stage, blocked);
		return 0;
	}
	/* let a few arrive first */
	for (int i = 0; i < 100 && got < 3; i++)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	snprintf(s1, sizeof s1, "%d", stage + 1);
	snprintf(s2, sizeof s2, "%d", blocked);
	snprintf(s3, sizeof s3, "%d", (int)child);
	execl("/proc/self/exe", argv[0], s1, s2, s3, (char *)NULL);
	perror("execl");
	return 1;
}
