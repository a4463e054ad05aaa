/* The guest sysroot: where the guest's /lib, /usr/lib and dynamic linker live
 * on the host.  Path lookups follow qemu-user's -L: an absolute guest path is
 * tried under the sysroot first, then as a host path. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bsd/string.h>

#include "core/frontend.h"
#include "core/options.h"
#include "core/process.h"
#include "loader/internal.h"
#include "loader/loader.h"

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *sysroot_find(const struct frontend *fe)
{
	static bool searched;
	static char found[PATH_MAX];
	static const char *answer;

	if (searched)
		return answer;
	searched = true;
	if (opt.sysroot && opt.sysroot[0]) {
		/* Absolute, so that lookups survive the guest's chdir(). */
		answer = realpath(opt.sysroot, found) ? found : opt.sysroot;
		return answer;
	}
	if (!fe)
		return NULL;
	const char *fmts[] = { "/usr/%s", "/usr/gnemul/qemu-%s", "/etc/qemu-binfmt/%s" };
	const char *args[] = { fe->triple, fe->qemu_name, fe->qemu_name };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (!args[i] || !args[i][0])
			continue;
		int n = snprintf(found, sizeof(found), fmts[i], args[i]);
		if (n > 0 && (size_t)n < sizeof(found) && is_dir(found)) {
			answer = found;
			return answer;
		}
	}
	return NULL;
}

bool sysroot_join(char *out, size_t outsz, const char *root, const char *path)
{
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	int n = snprintf(out, outsz, "%.*s%s", (int)rl, root, path);
	return n > 0 && (size_t)n < outsz;
}

const char *sysroot_resolve(const char *guest_path, char *out, size_t outsz)
{
	const char *root = sysroot_find(proc.fe);
	struct stat st;

	if (guest_path[0] == '/' && root && strcmp(root, "/") != 0 && sysroot_join(out, outsz, root, guest_path) &&
	    lstat(out, &st) == 0)
		return out;
	/* A path too long for out is returned as it is: callers use the result. */
	if (strlcpy(out, guest_path, outsz) >= outsz)
		return guest_path;
	return out;
}
