/* The bundled example: make demo cross-compiles it for riscv64 and runs it. */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	uname(&u);
	printf("Hello, %s!  This program was built for %s.\n", argc > 1 ? argv[argc - 1] : "world", u.machine);
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] = %s\n", i, argv[i]);
	return 0;
}
