/* The program the bad-input tests truncate and corrupt.  Intact, it prints a
 * line and exits 0, so a damaged copy that still "runs" is easy to spot. */
#include <stdio.h>

int main(void)
{
	puts("victim ran");
	return 0;
}
