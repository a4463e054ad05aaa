/* Shared anonymous memory in /proc/self/maps: the kernel backs each such
 * mapping with its own shmem file and shows it as "/dev/zero (deleted)"
 * with that file's device and inode (mm/shmem.c shmem_zero_setup); two
 * mappings have two inodes.  And it is shared with a forked child. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct entry {
	char perms[8], dev[16], name[256];
	unsigned long inode;
	int found;
};

static struct entry lookup(void *addr)
{
	struct entry e = { .found = 0 };
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof line, f)) {
		unsigned long start, end, off;
		int n = 0;

		if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %n", &start, &end, e.perms, &off, e.dev, &e.inode, &n) < 6)
			continue;
		if (start != (unsigned long)addr)
			continue;
		snprintf(e.name, sizeof e.name, "%s", line + n);
		e.name[strcspn(e.name, "\n")] = 0;
		e.found = 1;
		break;
	}
	if (f)
		fclose(f);
	return e;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile int *a = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile int *b = mmap(NULL, page, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct entry ea, eb;
	int status;

	if (a == MAP_FAILED || b == MAP_FAILED)
		return 1;
	ea = lookup((void *)a);
	eb = lookup((void *)b);
	printf("found %d %d\n", ea.found, eb.found);
	printf("a: %s %s inode>0 %d [%s]\n", ea.perms, ea.dev, ea.inode > 0, ea.name);
	printf("b: %s %s inode>0 %d [%s]\n", eb.perms, eb.dev, eb.inode > 0, eb.name);
	printf("two mappings, two inodes: %d\n", ea.inode != eb.inode);
	a[page / sizeof(int)] = 7;
	if (fork() == 0) {
		a[0] = 42;
		_exit(0);
	}
	wait(&status);
	printf("the child's write seen: %d, ours still %d\n", a[0], a[page / sizeof(int)]);
	return 0;
}
