/* Guest symbol lookup (see symbols.h).  Files are opened once and their
 * function symbols kept sorted; a mapping's file offset maps a guest pc to
 * the file's virtual address through its PT_LOAD headers. */
#include "symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"

struct sym {
	uint64_t start, size;
	const char *name;
};

struct symfile {
	char *path;
	struct sym *syms;
	size_t nsyms;
	GElf_Phdr *phdr;
	size_t phnum;
	Elf *elf;
	int fd;
};

#define MAX_FILES 32
static struct symfile files[MAX_FILES];
static int nfiles;

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void load_table(struct symfile *f, Elf_Scn *scn, GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	if (!d || !sh->sh_entsize)
		return;
	size_t n = sh->sh_size / sh->sh_entsize;
	struct sym *s = reallocarray(f->syms, f->nsyms + n, sizeof(*s));
	if (!s)
		return;
	f->syms = s;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym es;
		if (!gelf_getsym(d, (int)i, &es) || GELF_ST_TYPE(es.st_info) != STT_FUNC || !es.st_value)
			continue;
		const char *name = elf_strptr(f->elf, sh->sh_link, es.st_name);
		if (name && *name)
			f->syms[f->nsyms++] = (struct sym){es.st_value, es.st_size, name};
	}
}

static struct symfile *open_file(const char *path)
{
	for (int i = 0; i < nfiles; i++)
		if (!strcmp(files[i].path, path))
			return files[i].elf ? &files[i] : NULL;
	if (nfiles == MAX_FILES)
		return NULL;
	struct symfile *f = &files[nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	elf_version(EV_CURRENT);
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return NULL;
	/* Read, not mapped: a library rewritten under us must not SIGBUS ferry. */
	f->elf = elf_begin(f->fd, ELF_C_READ, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || elf_getphdrnum(f->elf, &f->phnum)) {
		f->elf = NULL;
		return NULL;
	}
	f->phdr = calloc(f->phnum ? f->phnum : 1, sizeof(*f->phdr));
	for (size_t i = 0; i < f->phnum; i++)
		gelf_getphdr(f->elf, (int)i, &f->phdr[i]);
	/* .symtab when the file has one (not stripped), else .dynsym. */
	int have_symtab = 0;
	for (int pass = 0; pass < 2 && !have_symtab; pass++) {
		Elf_Scn *scn = NULL;
		while ((scn = elf_nextscn(f->elf, scn))) {
			GElf_Shdr sh;
			if (!gelf_getshdr(scn, &sh))
				continue;
			if (sh.sh_type == (pass ? SHT_DYNSYM : SHT_SYMTAB)) {
				load_table(f, scn, &sh);
				have_symtab = 1;
			}
		}
	}
	qsort(f->syms, f->nsyms, sizeof(*f->syms), sym_cmp);
	return f;
}

struct find_ctx {
	uint64_t pc;
	const char *name;
	uint64_t file_off;
};

static void find_region(const struct mem_region *r, void *ctx)
{
	struct find_ctx *c = ctx;
	if (c->pc >= r->start && c->pc < r->end && r->name && r->name[0] == '/') {
		c->name = r->name;
		c->file_off = r->offset + (c->pc - r->start);
	}
}

/* File and virtual address (in the file's own terms) of a guest pc. */
static struct symfile *locate(uint64_t pc, uint64_t *vaddr, const char **path)
{
	struct find_ctx c = {.pc = pc};
	mem_foreach(find_region, &c);
	*path = c.name;
	if (!c.name)
		return NULL;
	struct symfile *f = open_file(c.name);
	if (!f)
		return NULL;
	for (size_t i = 0; i < f->phnum; i++) {
		const GElf_Phdr *p = &f->phdr[i];
		if (p->p_type == PT_LOAD && c.file_off >= p->p_offset && c.file_off < p->p_offset + p->p_filesz) {
			*vaddr = p->p_vaddr + (c.file_off - p->p_offset);
			return f;
		}
	}
	return NULL;
}

static const struct sym *find_sym(const struct symfile *f, uint64_t vaddr)
{
	size_t lo = 0, hi = f->nsyms;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->syms[mid].start <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const struct sym *s = &f->syms[lo - 1];
	/* A zero size (hand-written assembly) still counts as the nearest below. */
	return !s->size || vaddr < s->start + s->size ? s : NULL;
}

int sym_describe(uint64_t pc, char *buf, size_t n)
{
	uint64_t vaddr = 0;
	const char *path = NULL;
	struct symfile *f = locate(pc, &vaddr, &path);
	const char *base = path ? strrchr(path, '/') + 1 : NULL;
	const struct sym *s = f ? find_sym(f, vaddr) : NULL;
	if (s) {
		snprintf(buf, n, "%s+0x%llx (%s)", s->name, (unsigned long long)(vaddr - s->start), base);
		return 1;
	}
	if (base)
		snprintf(buf, n, "%s+0x%llx", base, (unsigned long long)vaddr);
	else
		snprintf(buf, n, "?");
	return 0;
}

uint64_t sym_func_start(uint64_t pc)
{
	uint64_t vaddr = 0;
	const char *path;
	struct symfile *f = locate(pc, &vaddr, &path);
	const struct sym *s = f ? find_sym(f, vaddr) : NULL;
	return s ? pc - (vaddr - s->start) : 0;
}
