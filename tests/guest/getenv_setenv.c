/* The environment as a program changes it: getenv, setenv with and without
 * overwrite, unsetenv, putenv (the string becomes part of the
 * environment), clearenv, and environ iteration (TEST_* only).
 * TEST-ENV: TEST_GIVEN=from-runner TEST_OTHER=2 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void dump(const char *when)
{
	printf("%s:", when);
	/* print in sorted order without allocating */
	const char *last = "";
	for (;;) {
		const char *best = NULL;
		for (char **e = environ; e && *e; e++)
			if (!strncmp(*e, "TEST_", 5) && strcmp(*e, last) > 0 && (!best || strcmp(*e, best) < 0))
				best = *e;
		if (!best)
			break;
		printf(" %s", best);
		last = best;
	}
	printf("\n");
}

int main(void)
{
	dump("start");
	printf("getenv TEST_GIVEN=%s TEST_MISSING=%s\n", getenv("TEST_GIVEN"), getenv("TEST_MISSING") ?: "(null)");
	setenv("TEST_NEW", "one", 0);
	setenv("TEST_GIVEN", "not replaced", 0);
	setenv("TEST_OTHER", "replaced", 1);
	dump("after setenv");
	static char put[] = "TEST_PUT=first";
	putenv(put);
	printf("putenv: %s\n", getenv("TEST_PUT"));
	strcpy(put + 9, "later"); /* putenv keeps the string itself */
	printf("putenv string changed: %s\n", getenv("TEST_PUT"));
	unsetenv("TEST_NEW");
	unsetenv("TEST_NEVER_SET");
	dump("after unsetenv");
	int r = setenv("BAD=NAME", "x", 1);
	printf("setenv with '=' in name: %d %s\n", r, strerrorname_np(errno));
	r = setenv("", "x", 1);
	printf("setenv with empty name: %d %s\n", r, strerrorname_np(errno));
	/* many variables: the environment array is reallocated */
	char name[32], val[32];
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "TEST_MANY_%03d", i);
		snprintf(val, sizeof val, "%d", i * i);
		setenv(name, val, 1);
	}
	long sum = 0;
	for (int i = 0; i < 200; i += 10) {
		snprintf(name, sizeof name, "TEST_MANY_%03d", i);
		sum += atol(getenv(name));
	}
	printf("many: sum %ld, TEST_MANY_199=%s\n", sum, getenv("TEST_MANY_199"));
	clearenv();
	printf("after clearenv: environ %s, getenv %s\n", environ == NULL || *environ == NULL ? "empty" : "not empty",
	       getenv("TEST_GIVEN") ?: "(null)");
	setenv("TEST_AFTER", "yes", 1);
	dump("after clearenv+setenv");
	return 0;
}
