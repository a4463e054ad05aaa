/* Recognising that binfmt_misc started ferry for a foreign program.
 *
 * fs/binfmt_misc.c load_misc_binary() replaces argv[0] by the program's
 * path (or keeps it and inserts the path before it under P), prepends the
 * interpreter and execs that; fs/binfmt_elf.c create_elf_tables() then
 * gives ferry an auxv whose AT_EXECFN still points at the path the caller
 * executed, with AT_FLAGS_PRESERVE_ARGV0 under P (Linux 5.12+) and
 * AT_EXECFD under O (and C, which implies O). */
#include <errno.h>
#include <linux/binfmts.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/binfmt.h"

/* Whether path names the running ferry itself ("ferry ./ferry" is not a
 * binfmt start).  Without /proc (a chroot) this cannot be known: no. */
static bool is_self(const char *path)
{
	struct stat a, b;
	return stat(path, &a) == 0 && stat("/proc/self/exe", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

bool binfmt_started(int argc, char **argv, struct binfmt_start *bs)
{
	unsigned long flags = getauxval(AT_FLAGS);
	errno = 0;
	unsigned long fd = getauxval(AT_EXECFD);
	bool have_fd = errno == 0;
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (argc < 2)
		return false;
	bool preserve = flags & AT_FLAGS_PRESERVE_ARGV0;
	/* Without P or O the kernel's only mark is AT_EXECFN: the path the
	 * caller executed, which is argv[1] here, and not ferry. */
	bool by_name = execfn && !strcmp(execfn, argv[1]) && !is_self(execfn);
	if (!preserve && !have_fd && !by_name)
		return false;
	if (preserve && argc < 3)
		return false; /* the kernel always passes argv[0] under P */

	static char fdpath[32];
	bs->execfn = argv[1];
	bs->program = argv[1];
	bs->execfd = have_fd ? (int)fd : -1;
	bs->preserve_argv0 = preserve;
	bs->first = preserve ? 2 : 1;
	/* Under O the program may be unreadable to the caller (execute-only):
	 * the kernel's descriptor is the way in.  Reopening it through /proc
	 * needs /proc and read permission; the path is the fallback. */
	if (have_fd) {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", (int)fd);
		if (access(fdpath, R_OK) == 0)
			bs->program = fdpath;
	}
	return true;
}
