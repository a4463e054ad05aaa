/* setjmp/longjmp: return values (0 becomes 1), jumps out of nested frames,
 * locals kept in volatile variables, re-entry of the same jmp_buf, and
 * sigsetjmp/siglongjmp restoring the signal mask. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static void dive(int depth, int target, int val)
{
	char pad[64];
	pad[depth % 64] = (char)depth;
	depth_reached = depth + pad[depth % 64] - depth;
	if (depth == target)
		longjmp(env, val);
	dive(depth + 1, target, val);
}

static double fp_work(double x)
{
	/* FP registers live across setjmp: callee-saved fs0.. must be restored. */
	double a = x * 2, b = x + 1, c = x / 4;
	if (setjmp(env) == 0)
		dive(0, 5, 1);
	return a + b + c;
}

int main(void)
{
	static const int vals[] = { 1, 0, 42, -7, 1000 };
	for (int i = 0; i < 5; i++) {
		volatile int counter = 100 + i;
		int r = setjmp(env);
		if (r == 0) {
			counter++;
			dive(0, 10 * i + 3, vals[i]);
			printf("not reached\n");
		} else {
			printf("longjmp(%d) -> setjmp returned %d, depth %d, counter %d\n", vals[i], r, depth_reached,
			       counter);
		}
	}
	/* the same buffer re-entered several times */
	volatile int rounds = 0;
	if (setjmp(env) < 5) {
		rounds++;
		if (rounds < 5)
			longjmp(env, rounds);
	}
	printf("rounds %d\n", rounds);
	printf("fp_work %g\n", fp_work(3.0));

	/* sigsetjmp(, 1) saves the mask; siglongjmp restores it. */
	sigjmp_buf senv;
	sigset_t set, cur;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigsetjmp(senv, 1) == 0) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		sigprocmask(SIG_SETMASK, NULL, &cur);
		printf("blocked before siglongjmp: %d\n", sigismember(&cur, SIGUSR1));
		siglongjmp(senv, 1);
	}
	sigprocmask(SIG_SETMASK, NULL, &cur);
	printf("blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR1));
	return 0;
}
