/* Start-up cost: the smallest useful program.  run.sh times it static and
 * dynamically linked, over many runs, and records peak RSS. */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
