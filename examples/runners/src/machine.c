/* Prints the machine uname reports: the guest's, so a test can tell it ran
 * under ferry and not on the host.  With an argument, fails unless the
 * machine is that one (for runners that only look at the exit status). */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	if (uname(&u) != 0)
		return 1;
	printf("machine: %s\n", u.machine);
	return argc > 1 && strcmp(u.machine, argv[1]) != 0;
}
