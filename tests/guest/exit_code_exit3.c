/* exit(3): the status reaches the parent, atexit handlers run in reverse
 * order of registration, and stdio buffers are flushed.
 * TEST-EXIT: 3 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

int main(void)
{
	atexit(first);
	atexit(second);
	printf("buffered output, not yet flushed");
	exit(3);
}
