/* Prints $GREETING: the test's environment reaches the guest.  With an
 * argument, fails unless $GREETING is that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *g = getenv("GREETING");
	printf("greeting: %s\n", g ? g : "(unset)");
	return !g || (argc > 1 && strcmp(g, argv[1]) != 0);
}
