/* Exits with the status given as its argument: the runner must pass the
 * guest's status on (a failing test must fail). */
#include <stdlib.h>

int main(int argc, char **argv)
{
	return argc > 1 ? atoi(argv[1]) : 0;
}
