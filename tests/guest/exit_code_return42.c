/* Returning 42 from main: the status the shell sees is 42.
 * TEST-EXIT: 42 */
#include <stdio.h>

int main(void)
{
	printf("returning 42\n");
	return 42;
}
