/* _exit skips atexit handlers and stdio flushing; a status above 255 is
 * truncated to its low 8 bits (exit_group takes an int).
 * TEST-EXIT: 44 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void handler(void) { printf("must not run\n"); }

int main(void)
{
	atexit(handler);
	printf("flushed by hand\n");
	fflush(stdout);
	printf("lost: never flushed");
	_exit(300);
}
