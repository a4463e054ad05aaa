/* Signal numbers in the remote protocol are gdb's own (include/gdb/
 * signals.def in gdb's sources), not the host's: they agree with Linux
 * only for 1-6, 8, 9, 11 and 13-15. */
#include "gdb_internal.h"

#include <signal.h>

/* Linux signal number -> gdb's; 0 where gdb has no name for it. */
static const unsigned char linux_to_gdb[65] = {
	[SIGHUP] = 1,     [SIGINT] = 2,     [SIGQUIT] = 3,  [SIGILL] = 4,    [SIGTRAP] = 5,
	[SIGABRT] = 6,    [SIGBUS] = 10,    [SIGFPE] = 8,   [SIGKILL] = 9,   [SIGUSR1] = 30,
	[SIGSEGV] = 11,   [SIGUSR2] = 31,   [SIGPIPE] = 13, [SIGALRM] = 14,  [SIGTERM] = 15,
	[SIGCHLD] = 20,   [SIGCONT] = 19,   [SIGSTOP] = 17, [SIGTSTP] = 18,  [SIGTTIN] = 21,
	[SIGTTOU] = 22,   [SIGURG] = 16,    [SIGXCPU] = 24, [SIGXFSZ] = 25,  [SIGVTALRM] = 26,
	[SIGPROF] = 27,   [SIGWINCH] = 28,  [SIGIO] = 23,   [SIGPWR] = 32,   [SIGSYS] = 12,
};

/* gdb numbers real-time signals 33..63 as 45..75, 32 as 77, 64 as 78. */
int gdb_signal_from_host(int signo)
{
	if (signo <= 0 || signo > 64)
		return 0;
	if (signo == 32)
		return 77;
	if (signo >= 33 && signo <= 63)
		return 45 + (signo - 33);
	if (signo == 64)
		return 78;
	return linux_to_gdb[signo] ? linux_to_gdb[signo] : 143; /* GDB_SIGNAL_UNKNOWN */
}

int gdb_signal_to_host(int gdbsig)
{
	if (gdbsig == 77)
		return 32;
	if (gdbsig >= 45 && gdbsig <= 75)
		return 33 + (gdbsig - 45);
	if (gdbsig == 78)
		return 64;
	for (int s = 1; s < 32; s++)
		if (linux_to_gdb[s] == gdbsig)
			return s;
	return 0;
}
