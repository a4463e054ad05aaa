/* execve keeps the signal mask and the pending signals (signal(7)): a
 * blocked signal sent before execve is pending in the new program, and
 * delivered there once unblocked.  Here with SIGTRAP and SIGFPE, which
 * ferry's own fault handling owns on the host, sent with kill and with
 * sigqueue (its value arrives), and with SIGUSR1 and the real-time
 * SIGRTMIN+2, which travel as host signals. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got[65];
static volatile int value;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got[sig]++;
	if (si->si_code == SI_QUEUE)
		value = si->si_value.sival_int;
}

static void show(const char *when, const sigset_t *s)
{
	printf("%s: SIGTRAP %d SIGFPE %d SIGUSR1 %d SIGRTMIN+2 %d\n", when, sigismember(s, SIGTRAP),
	       sigismember(s, SIGFPE), sigismember(s, SIGUSR1), sigismember(s, SIGRTMIN + 2));
}

int main(int argc, char **argv)
{
	int sigs[] = { SIGTRAP, SIGFPE, SIGUSR1, SIGRTMIN + 2 };
	sigset_t set, pend;
	struct sigaction sa;

	if (argc > 1 && strcmp(argv[1], "after") == 0) {
		sigprocmask(SIG_BLOCK, NULL, &set);
		show("blocked after execve", &set);
		sigpending(&pend);
		show("pending after execve", &pend);
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_sig;
		sa.sa_flags = SA_SIGINFO;
		for (int i = 0; i < 4; i++)
			sigaction(sigs[i], &sa, NULL);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		printf("delivered once unblocked: SIGTRAP %d SIGFPE %d (value %d) SIGUSR1 %d SIGRTMIN+2 %d\n",
		       (int)got[SIGTRAP], (int)got[SIGFPE], value, (int)got[SIGUSR1], (int)got[SIGRTMIN + 2]);
		return 0;
	}
	sigemptyset(&set);
	for (int i = 0; i < 4; i++)
		sigaddset(&set, sigs[i]);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGTRAP);
	sigqueue(getpid(), SIGFPE, (union sigval){ .sival_int = 1234 });
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGRTMIN + 2);
	sigpending(&pend);
	show("pending before execve", &pend);
	fflush(stdout);
	execl("/proc/self/exe", argv[0], "after", (char *)NULL);
	perror("execl");
	return 1;
}
