/* Uses the generated table: the generator ran at build time. */
#include <stdio.h>

#include "squares.h"

int main(void)
{
	int sum = 0;
	for (unsigned i = 0; i < sizeof(squares) / sizeof(squares[0]); i++)
		sum += squares[i];
	printf("sum of squares 0..9: %d\n", sum);
	return sum == 285 ? 0 : 1;
}
