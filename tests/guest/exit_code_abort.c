/* abort(): the process dies of SIGABRT, which the shell reports as 134.
 * TEST-EXIT: 134 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("about to abort\n");
	fflush(stdout); /* abort does not flush stdio */
	abort();
}
