/* Directories: readdir over many entries (printed sorted, since readdir's
 * order is the file system's), d_type, scandir/alphasort, nested mkdir,
 * getcwd/chdir/fchdir, the *at() calls relative to a directory fd, and
 * rmdir of a non-empty directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		printf("opendir %s: %s\n", path, strerrorname_np(errno));
		return;
	}
	char *names[300];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 300) {
		char type = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l'
			  : e->d_type == DT_UNKNOWN ? '?' : 'o';
		/* d_type may be DT_UNKNOWN on some file systems: ask lstat then */
		if (type == '?') {
			struct stat st;
			char p[512];
			snprintf(p, sizeof p, "%s/%s", path, e->d_name);
			lstat(p, &st);
			type = S_ISDIR(st.st_mode) ? 'd' : S_ISREG(st.st_mode) ? 'f' : S_ISLNK(st.st_mode) ? 'l' : 'o';
		}
		if (asprintf(&names[n], "%s(%c)", e->d_name, type) < 0)
			return;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmp);
	printf("%s: %d entries:", path, n);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

int main(void)
{
	char top[] = "ferry-dirs-XXXXXX";
	if (!mkdtemp(top))
		return 1;
	char cwd0[4096], cwd1[4096];
	if (!getcwd(cwd0, sizeof cwd0) || chdir(top) < 0 || !getcwd(cwd1, sizeof cwd1))
		return 1;
	printf("getcwd after chdir ends with the new dir: %d\n",
	       strlen(cwd1) > strlen(top) && !strcmp(cwd1 + strlen(cwd1) - strlen(top), top));
	list(".");
	/* many entries: forces several getdents64 calls */
	for (int i = 0; i < 150; i++) {
		char name[64];
		snprintf(name, sizeof name, "file-%03d-%s", i, i % 3 ? "with-a-longer-name-to-fill-buffers" : "s");
		int fd = open(name, O_CREAT | O_WRONLY, 0644);
		close(fd);
	}
	mkdir("a", 0755);
	mkdir("a/b", 0755);
	mkdir("a/b/c", 0755);
	symlink("a/b", "link-to-b");
	list(".");
	list("a");
	list("a/b");
	list("nonexistent");

	struct dirent **nl;
	int n = scandir("a/b", &nl, NULL, alphasort);
	printf("scandir a/b: %d:", n);
	for (int i = 0; i < n; i++) {
		printf(" %s", nl[i]->d_name);
		free(nl[i]);
	}
	free(nl);
	printf("\n");

	/* *at() calls relative to a directory descriptor */
	int dfd = open("a/b", O_RDONLY | O_DIRECTORY);
	int fd = openat(dfd, "c/inner.txt", O_CREAT | O_WRONLY, 0640);
	printf("openat ok %d, write %zd\n", fd >= 0, write(fd, "12345", 5));
	close(fd);
	/* (each call in its own statement: argument evaluation order is unspecified) */
	struct stat st;
	int r = fstatat(dfd, "c/inner.txt", &st, 0);
	printf("fstatat %d size %lld\n", r, (long long)st.st_size);
	r = mkdirat(dfd, "d", 0700);
	int r2 = renameat(dfd, "c/inner.txt", dfd, "d/x.txt");
	printf("mkdirat %d, renameat %d\n", r, r2);
	r = faccessat(dfd, "d/x.txt", R_OK, 0);
	r2 = faccessat(dfd, "c/inner.txt", F_OK, 0);
	printf("faccessat %d %d\n", r, r2);
	r = unlinkat(dfd, "d/x.txt", 0);
	r2 = unlinkat(dfd, "d", AT_REMOVEDIR);
	int r3 = unlinkat(AT_FDCWD, "a", AT_REMOVEDIR);
	printf("unlinkat file %d, dir %d, nonempty dir %d (%s)\n", r, r2, r3, strerrorname_np(errno));
	/* fchdir into it and back */
	if (fchdir(dfd) == 0) {
		list(".");
		r = rmdir("..");
		printf("rmdir non-empty parent: %d (%s)\n", r, strerrorname_np(errno));
		chdir("../..");
	}
	close(dfd);
	printf("opendir on a file: %s\n", opendir("file-000-s") ? "ok" : strerrorname_np(errno));

	/* remove everything, then the top directory */
	DIR *d = opendir(".");
	struct dirent *e;
	char *del[300];
	int nd = 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			del[nd++] = strdup(e->d_name);
	closedir(d);
	int removed = 0;
	for (int i = 0; i < nd; i++) {
		removed += unlink(del[i]) == 0;
		free(del[i]);
	}
	printf("removed %d of %d (a is a directory)\n", removed, nd);
	r = rmdir("a/b/c");
	r2 = rmdir("a/b");
	r3 = rmdir("a");
	printf("rmdir chain: %d %d %d\n", r, r2, r3);
	list(".");
	chdir(cwd0);
	printf("rmdir top %d\n", rmdir(top));
	return 0;
}
