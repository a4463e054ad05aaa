/* What the kernel (here: ferry) puts on the initial stack: argv as the runner
 * passed it, the environment (only TEST_* variables are printed: the rest
 * depends on who runs us), and the auxiliary vector: AT_PAGESZ, AT_HWCAP,
 * AT_RANDOM, AT_PHDR/AT_PHNUM, AT_ENTRY, AT_EXECFN, AT_UID.
 * TEST-ARGS: first "second arg with spaces" '' "quote\"d" -x --long=value ünïcödé
 * TEST-ENV: TEST_ALPHA=1 TEST_EMPTY= "TEST_SPACES=a b  c" TEST_EQ=x=y=z */
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv, char **envp)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = '%s' (%zu bytes)\n", i, argv[i], strlen(argv[i]));
	printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
	printf("envp follows argv: %d, environ is envp: %d\n", envp == argv + argc + 1, environ == envp);

	char *mine[64];
	int n = 0;
	for (char **e = envp; *e; e++)
		if (!strncmp(*e, "TEST_", 5) && n < 64)
			mine[n++] = *e;
	qsort(mine, n, sizeof mine[0], cmp);
	for (int i = 0; i < n; i++)
		printf("env %s\n", mine[i]);
	printf("getenv TEST_EQ = %s, TEST_EMPTY = '%s', TEST_NONE = %s\n", getenv("TEST_EQ"), getenv("TEST_EMPTY"),
	       getenv("TEST_NONE") ? "set" : "(null)");

	printf("AT_PAGESZ %lu (sysconf %ld)\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
	printf("AT_HWCAP present and non-zero: %d\n", getauxval(AT_HWCAP) != 0);
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int nz = 0;
	if (rnd)
		for (int i = 0; i < 16; i++)
			nz += rnd[i] != 0;
	printf("AT_RANDOM non-null: %d, has non-zero bytes: %d\n", rnd != NULL, nz > 0);
	printf("AT_ENTRY is _start: %d\n", getauxval(AT_ENTRY) == (unsigned long)_start);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	printf("AT_EXECFN is argv[0]: %d\n", execfn && !strcmp(execfn, argv[0]));
	printf("AT_UID/EUID/GID/EGID match: %d %d %d %d, AT_SECURE %lu\n", getauxval(AT_UID) == getuid(),
	       getauxval(AT_EUID) == geteuid(), getauxval(AT_GID) == getgid(), getauxval(AT_EGID) == getegid(),
	       getauxval(AT_SECURE));
	/* The program headers AT_PHDR points at: PT_PHDR agrees, and AT_BASE is
	 * set exactly when there is an interpreter. */
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM), loads = 0;
	int has_interp = 0;
	for (unsigned long i = 0; ph && i < phnum; i++) {
		loads += ph[i].p_type == PT_LOAD;
		has_interp |= ph[i].p_type == PT_INTERP;
	}
	printf("AT_PHENT %lu, PT_LOAD segments > 0: %d\n", getauxval(AT_PHENT), loads > 0);
	printf("AT_BASE set iff PT_INTERP: %d\n", (getauxval(AT_BASE) != 0) == has_interp);
	return 0;
}
