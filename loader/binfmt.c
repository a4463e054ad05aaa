/* ferry --binfmt install|uninstall|status|print: one binfmt_misc entry per
 * guest CPU in frontends[], named ferry-<arch>, matching that CPU's ELF
 * executables (ET_EXEC and ET_DYN) by their first 20 bytes.
 * The kernel's side: Documentation/admin-guide/binfmt-misc.rst and
 * fs/binfmt_misc.c (register syntax ":name:type:offset:magic:mask:
 * interpreter:flags", the entry files, "-1" to remove). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bsd/string.h>
#include <gelf.h>

#include "core/frontend.h"
#include "core/log.h"
#include "core/options.h"
#include "loader/binfmt.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define ENTRY_PREFIX "ferry-"
/* e_ident (16 bytes), e_type, e_machine: the same in both ELF classes. */
#define MAGIC_LEN 20
/* fs/binfmt_misc.c: the interpreter string may not exceed 127 characters. */
#define MAX_INTERP 127

struct entry {
	const struct frontend *fe;
	char name[64];
	unsigned char magic[MAGIC_LEN], mask[MAGIC_LEN];
};

/* What a frontend's executables start with: ELF magic, its class and byte
 * order, EV_CURRENT, any OS ABI and ABI version (Linux programs say SYSV
 * or GNU), zero padding, e_type ET_EXEC or ET_DYN (2 and 3: the mask drops
 * the lowest bit) and its e_machine, both in the file's byte order. */
static void entry_for(const struct frontend *fe, struct entry *e)
{
	unsigned t = fe->elf_data == ELFDATA2MSB ? 1 : 0; /* index of the low byte within a half-word */

	e->fe = fe;
	snprintf(e->name, sizeof(e->name), ENTRY_PREFIX "%s", fe->name);
	memset(e->magic, 0, sizeof(e->magic));
	memset(e->mask, 0xff, sizeof(e->mask));
	memcpy(e->magic, ELFMAG, SELFMAG);
	e->magic[EI_CLASS] = fe->elf_class;
	e->magic[EI_DATA] = fe->elf_data;
	e->magic[EI_VERSION] = EV_CURRENT;
	e->mask[EI_OSABI] = 0;
	e->mask[EI_ABIVERSION] = 0;
	e->magic[16 + t] = ET_EXEC;
	e->mask[16 + t] = 0xfe;
	e->magic[18 + t] = fe->elf_machine & 0xff;
	e->magic[19 - t] = fe->elf_machine >> 8;
}

/* The host's own ELF machine, and the ones its kernel runs natively (a
 * 64-bit kernel's compat mode): an entry for those would take over the
 * host's programs, as qemu-binfmt-conf.sh's "family" rule avoids. */
static bool host_machine(const struct frontend *fe)
{
#if defined(__x86_64__)
	return fe->elf_machine == EM_X86_64 && fe->elf_class == ELFCLASS64;
#elif defined(__aarch64__)
	return fe->elf_machine == EM_AARCH64 && fe->elf_class == ELFCLASS64;
#elif defined(__riscv) && __riscv_xlen == 64
	return fe->elf_machine == EM_RISCV && fe->elf_class == ELFCLASS64;
#else
	return false;
#endif
}

static bool host_compat_machine(const struct frontend *fe)
{
#if defined(__x86_64__)
	return fe->elf_machine == EM_386;
#elif defined(__aarch64__)
	return fe->elf_machine == EM_ARM;
#else
	return false;
#endif
}

static void hex_escaped(const unsigned char *b, size_t n, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 <= outsz; i++)
		o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", b[i]);
}

/* ---- the interpreter and its flags ---- */

/* Whether the ELF file at path has no PT_INTERP (static or static-pie):
 * only such a ferry works under F inside a chroot or container, where the
 * host's shared libraries are not. -1 if it cannot be read. */
static int is_static(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = -1;
	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	size_t n;
	if (elf && elf_kind(elf) == ELF_K_ELF && elf_getphdrnum(elf, &n) == 0) {
		r = 1;
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr ph;
			if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_INTERP)
				r = 0;
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return r;
}

static const char *interpreter(void)
{
	static char self[PATH_MAX];
	const char *p = opt.binfmt_interpreter;

	if (!p) {
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if (n < 0)
			ferry_fatal("cannot find ferry's own path (/proc/self/exe: %s); pass --binfmt-interpreter PATH",
				    strerror(errno));
		self[n] = '\0';
		p = self;
	}
	if (p[0] != '/')
		ferry_fatal("binfmt interpreter '%s' is not an absolute path (the kernel resolves it from each "
			    "caller's directory)", p);
	if (strlen(p) > MAX_INTERP)
		ferry_fatal("binfmt interpreter path %s is longer than the kernel's %d characters; install ferry "
			    "under a shorter path", p, MAX_INTERP);
	if (strpbrk(p, ":\n"))
		ferry_fatal("binfmt interpreter path %s contains ':' or a newline, which the register syntax "
			    "cannot carry", p);
	return p;
}

/* P preserve argv[0], O open the binary, C credentials from the binary
 * (implies O), F open the interpreter now (works in chroots/containers).
 * Default P, plus F when the interpreter is a static ferry. */
static const char *flags_for(const char *interp)
{
	const char *f = opt.binfmt_flags;

	if (!f)
		return is_static(interp) == 1 ? "PF" : "P";
	for (const char *c = f; *c; c++)
		if (!strchr("POCF", *c) || strchr(c + 1, *c))
			ferry_fatal("bad binfmt flags '%s': letters from P, O, C, F, each at most once "
				    "(see docs/runners.md)", f);
	return f;
}

/* ---- entries in /proc/sys/fs/binfmt_misc ---- */

static bool mounted(void)
{
	return access(BINFMT_DIR "/register", F_OK) == 0;
}

/* Mounts binfmt_misc where the kernel documents it; 0 or -errno. */
static int ensure_mounted(void)
{
	if (mounted())
		return 0;
	if (access(BINFMT_DIR, F_OK) != 0)
		return -ENODEV;
	if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return mounted() ? 0 : -ENODEV;
}

static void need_mounted(void)
{
	int r = ensure_mounted();
	if (r == -ENODEV)
		ferry_fatal("binfmt_misc is not available (%s missing): load it with modprobe binfmt_misc", BINFMT_DIR);
	if (r < 0)
		ferry_fatal("cannot mount binfmt_misc on %s: %s (run as root; in a container the host registers "
			    "the entries)", BINFMT_DIR, strerror(-r));
}

/* Writes s to a binfmt_misc file in one write(), as the kernel parses it. */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, s, strlen(s));
	int r = n < 0 ? -errno : 0;
	close(fd);
	return r;
}

/* An entry as the kernel shows it in its file. */
struct shown {
	bool present, enabled;
	char interp[PATH_MAX];
	char flags[16];
	unsigned offset;
	unsigned char magic[128], mask[128];
	size_t magic_len, mask_len;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The kernel shows magic and mask as plain hex digits (bin2hex). */
static size_t unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;
	for (; n < max && hexval(s[0]) >= 0 && hexval(s[1]) >= 0; s += 2)
		out[n++] = (unsigned char)(hexval(s[0]) << 4 | hexval(s[1]));
	return n;
}

static bool read_shown(const char *name, struct shown *s)
{
	char path[PATH_MAX], line[PATH_MAX + 32];
	memset(s, 0, sizeof(*s));
	snprintf(path, sizeof(path), BINFMT_DIR "/%s", name);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	s->present = true;
	bool have_mask = false;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, "enabled"))
			s->enabled = true;
		else if (!strncmp(line, "interpreter ", 12))
			strlcpy(s->interp, line + 12, sizeof(s->interp));
		else if (!strncmp(line, "flags: ", 7))
			strlcpy(s->flags, line + 7, sizeof(s->flags));
		else if (!strncmp(line, "offset ", 7))
			s->offset = (unsigned)strtoul(line + 7, NULL, 10);
		else if (!strncmp(line, "magic ", 6))
			s->magic_len = unhex(line + 6, s->magic, sizeof(s->magic));
		else if (!strncmp(line, "mask ", 5))
			s->mask_len = unhex(line + 5, s->mask, sizeof(s->mask)), have_mask = true;
	}
	fclose(f);
	if (!have_mask) { /* no mask line: every bit counts */
		memset(s->mask, 0xff, sizeof(s->mask));
		s->mask_len = s->magic_len;
	}
	return true;
}

/* Whether entry s would claim a file starting with e's magic. */
static bool claims(const struct shown *s, const struct entry *e)
{
	if (!s->magic_len || s->offset + s->magic_len > MAGIC_LEN)
		return false;
	for (size_t i = 0; i < s->magic_len; i++)
		if ((e->magic[s->offset + i] & s->mask[i]) != (s->magic[i] & s->mask[i]))
			return false;
	return true;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ---- the actions ---- */

static int install(struct entry *es, int n)
{
	const char *interp = interpreter();
	const char *flags = flags_for(interp);
	int st = is_static(interp);

	if (st < 0)
		ferry_fatal("binfmt interpreter %s is not a readable ELF file", interp);
	if (strchr(flags, 'F') && st == 0)
		ferry_warn("note: %s is dynamically linked: with F it runs where the host's libraries are, not in "
			   "chroots or containers (make static builds a static ferry)", interp);
	need_mounted();
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX], magic[MAGIC_LEN * 4 + 1], mask[MAGIC_LEN * 4 + 1], line[1024];
		snprintf(path, sizeof(path), BINFMT_DIR "/%s", es[i].name);
		if (access(path, F_OK) == 0) {
			int r = write_file(path, "-1");
			if (r < 0)
				ferry_fatal("cannot replace %s: %s", path, strerror(-r));
		}
		hex_escaped(es[i].magic, MAGIC_LEN, magic, sizeof(magic));
		hex_escaped(es[i].mask, MAGIC_LEN, mask, sizeof(mask));
		snprintf(line, sizeof(line), ":%s:M::%s:%s:%s:%s", es[i].name, magic, mask, interp, flags);
		int r = write_file(BINFMT_DIR "/register", line);
		if (r == -EACCES || r == -EPERM)
			ferry_fatal("cannot register %s: %s (run as root)", es[i].name, strerror(-r));
		if (r < 0)
			ferry_fatal("cannot register %s: %s (the kernel rejected %s)", es[i].name, strerror(-r), line);
		printf("%s: registered: %s programs run with %s, flags %s\n", es[i].name, es[i].fe->name, interp,
		       flags[0] ? flags : "none");
	}
	return 0;
}

static int uninstall(struct entry *es, int n, bool all)
{
	int removed = 0;
	if (ensure_mounted() < 0) {
		printf("binfmt_misc is not mounted: nothing registered\n");
		return 0;
	}
	DIR *d = opendir(BINFMT_DIR);
	if (!d)
		ferry_fatal("cannot list %s: %s", BINFMT_DIR, strerror(errno));
	for (struct dirent *de; (de = readdir(d));) {
		bool ours = false;
		if (all)
			ours = !strncmp(de->d_name, ENTRY_PREFIX, strlen(ENTRY_PREFIX));
		for (int i = 0; i < n && !ours; i++)
			ours = !strcmp(de->d_name, es[i].name);
		if (!ours)
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof(path), BINFMT_DIR "/%s", de->d_name);
		int r = write_file(path, "-1");
		if (r < 0)
			ferry_fatal("cannot remove %s: %s%s", de->d_name, strerror(-r),
				    r == -EACCES || r == -EPERM ? " (run as root)" : "");
		printf("%s: removed\n", de->d_name);
		removed++;
	}
	closedir(d);
	if (!removed)
		printf("no ferry entries were registered\n");
	return 0;
}

/* Other entries that claim e's programs (qemu-user's, an older ferry's):
 * the kernel tries the newest registration first. */
static void show_rivals(const struct entry *e)
{
	DIR *d = opendir(BINFMT_DIR);
	if (!d)
		return;
	for (struct dirent *de; (de = readdir(d));) {
		struct shown s;
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "register") || !strcmp(de->d_name, "status") ||
		    !strcmp(de->d_name, e->name))
			continue;
		if (read_shown(de->d_name, &s) && claims(&s, e))
			printf("  also claimed by %s (%s, interpreter %s)\n", de->d_name,
			       s.enabled ? "enabled" : "disabled", s.interp);
	}
	closedir(d);
}

static int status(struct entry *es, int n)
{
	char state[32] = "";
	int bad = 0;

	if (ensure_mounted() < 0) {
		printf("binfmt_misc: not mounted on %s (ferry --binfmt install mounts it)\n", BINFMT_DIR);
		return 1;
	}
	FILE *f = fopen(BINFMT_DIR "/status", "re");
	if (f) {
		if (fgets(state, sizeof(state), f))
			state[strcspn(state, "\n")] = '\0';
		fclose(f);
	}
	printf("binfmt_misc: %s\n", state[0] ? state : "unknown state");
	if (strcmp(state, "enabled"))
		bad++;
	for (int i = 0; i < n; i++) {
		struct shown s;
		if (!read_shown(es[i].name, &s)) {
			printf("%s: not registered\n", es[i].name);
			bad++;
		} else {
			bool self = same_file(s.interp, "/proc/self/exe");
			bool match = s.offset == 0 && s.magic_len == MAGIC_LEN && s.mask_len == MAGIC_LEN &&
				     !memcmp(s.mask, es[i].mask, MAGIC_LEN) &&
				     !memcmp(s.magic, es[i].magic, MAGIC_LEN);
			printf("%s: %s, interpreter %s (%s), flags %s%s\n", es[i].name,
			       s.enabled ? "enabled" : "disabled", s.interp,
			       self ? "this ferry" : "not this ferry", s.flags[0] ? s.flags : "none",
			       match ? "" : ", magic differs from this ferry's (reinstall)");
			if (!s.enabled)
				bad++;
		}
		show_rivals(&es[i]);
	}
	return bad ? 1 : 0;
}

static int print(struct entry *es, int n)
{
	const char *format = opt.binfmt_format ? opt.binfmt_format : "proc";
	const char *interp = interpreter();
	const char *flags = flags_for(interp);

	if (!strcmp(format, "systemd"))
		printf("# ferry: binfmt_misc entries for systemd-binfmt.service (/etc/binfmt.d/ferry.conf)\n");
	if (!strcmp(format, "debian") && strchr(flags, 'O') && !strchr(flags, 'C'))
		ferry_warn("note: the Debian format has no open-binary setting: O is left out (C implies it)");
	for (int i = 0; i < n; i++) {
		char magic[MAGIC_LEN * 4 + 1], mask[MAGIC_LEN * 4 + 1];
		hex_escaped(es[i].magic, MAGIC_LEN, magic, sizeof(magic));
		hex_escaped(es[i].mask, MAGIC_LEN, mask, sizeof(mask));
		if (!strcmp(format, "debian")) {
			/* binfmt-support's format file, /usr/share/binfmts/<name>: one per entry */
			printf("%spackage ferry\ninterpreter %s\nmagic %s\nmask %s\noffset 0\n"
			       "credentials %s\npreserve %s\nfix_binary %s\n",
			       i ? "\n" : "", interp, magic, mask, strchr(flags, 'C') ? "yes" : "no",
			       strchr(flags, 'P') ? "yes" : "no", strchr(flags, 'F') ? "yes" : "no");
		} else {
			printf(":%s:M::%s:%s:%s:%s\n", es[i].name, magic, mask, interp, flags);
		}
	}
	return 0;
}

int binfmt_command(const char *action, int narch, char **arches)
{
	int nfe = 0;
	while (frontends[nfe])
		nfe++;
	struct entry *es = calloc((size_t)(narch ? narch : nfe), sizeof(*es));
	int n = 0;
	if (!es)
		ferry_fatal("out of memory");

	for (int i = 0; i < narch; i++) {
		const struct frontend *fe = frontend_by_name(arches[i]);
		if (!fe) {
			char names[256] = "";
			for (int k = 0; frontends[k]; k++)
				strlcat(names, k ? ", " : "", sizeof(names)), strlcat(names, frontends[k]->name, sizeof(names));
			ferry_fatal("unknown architecture '%s' (ferry runs: %s)", arches[i], names);
		}
		if (host_machine(fe))
			ferry_fatal("%s is this host's own architecture: an entry would take over every native program",
				    fe->name);
		if (host_compat_machine(fe))
			ferry_warn("note: this host's kernel may run %s programs itself; ferry-%s takes them over",
				   fe->name, fe->name);
		entry_for(fe, &es[n++]);
	}
	/* By default every guest CPU the host does not run itself. */
	for (int k = 0; !narch && k < nfe; k++)
		if (!host_machine(frontends[k]) && !host_compat_machine(frontends[k]))
			entry_for(frontends[k], &es[n++]);

	int r;
	if (!strcmp(action, "install"))
		r = install(es, n);
	else if (!strcmp(action, "uninstall"))
		r = uninstall(es, n, narch == 0);
	else if (!strcmp(action, "status"))
		r = status(es, n);
	else
		r = print(es, n);
	free(es);
	fflush(stdout);
	return r;
}
