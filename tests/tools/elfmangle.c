/* Makes broken ELF files for the bad-input tests (host tool, 64-bit LE input).
 *
 *   elfmangle cuts FILE [all]     print lengths to truncate FILE at: every
 *                                 header and segment boundary (+-1) below the
 *                                 end of the last PT_LOAD's file bytes; with
 *                                 "all", also every 97th byte
 *   elfmangle patch IN OUT WHAT   write IN to OUT with one header corruption
 *   elfmangle list                print the names WHAT can take
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned char *buf;
static size_t len;

static void die(const char *msg)
{
	fprintf(stderr, "elfmangle: %s\n", msg);
	exit(2);
}

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open input");
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(len ? len : 1);
	if (!buf || fread(buf, 1, len, f) != len)
		die("cannot read input");
	fclose(f);
	if (len < sizeof(Elf64_Ehdr) || memcmp(buf, ELFMAG, SELFMAG) || buf[EI_CLASS] != ELFCLASS64)
		die("input is not a 64-bit ELF file");
}

static Elf64_Ehdr *ehdr(void) { return (Elf64_Ehdr *)buf; }

static Elf64_Phdr *phdr(unsigned i)
{
	Elf64_Ehdr *e = ehdr();
	if (e->e_phoff + (uint64_t)(i + 1) * sizeof(Elf64_Phdr) > len)
		die("program header outside the file");
	return (Elf64_Phdr *)(buf + e->e_phoff + i * sizeof(Elf64_Phdr));
}

static Elf64_Phdr *find_phdr(uint32_t type)
{
	for (unsigned i = 0; i < ehdr()->e_phnum; i++)
		if (phdr(i)->p_type == type)
			return phdr(i);
	die("no program header of the wanted type");
	return NULL;
}

/* Lengths are collected in a small set and printed in order. */
static uint64_t cuts[4096];
static unsigned ncuts;
static uint64_t cut_limit;

static void add_cut(uint64_t n)
{
	if (n == 0 || n >= cut_limit || ncuts == sizeof(cuts) / sizeof(cuts[0]))
		return;
	for (unsigned i = 0; i < ncuts; i++)
		if (cuts[i] == n)
			return;
	cuts[ncuts++] = n;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void around(uint64_t n)
{
	add_cut(n - 1);
	add_cut(n);
	add_cut(n + 1);
}

static int cmd_cuts(int all)
{
	Elf64_Ehdr *e = ehdr();
	/* Past the last loaded byte a cut only loses section headers, which a
	 * loader need not read: such a file may legitimately run. */
	cut_limit = 0;
	for (unsigned i = 0; i < e->e_phnum; i++) {
		Elf64_Phdr *p = phdr(i);
		if (p->p_type == PT_LOAD && p->p_offset + p->p_filesz > cut_limit)
			cut_limit = p->p_offset + p->p_filesz;
	}
	if (cut_limit > len)
		cut_limit = len;
	add_cut(1);
	add_cut(4);
	add_cut(EI_NIDENT);
	add_cut(offsetof(Elf64_Ehdr, e_entry));
	add_cut(offsetof(Elf64_Ehdr, e_phnum));
	around(sizeof(Elf64_Ehdr));
	for (unsigned i = 0; i <= e->e_phnum; i++)
		around(e->e_phoff + (uint64_t)i * e->e_phentsize);
	for (unsigned i = 0; i < e->e_phnum; i++) {
		Elf64_Phdr *p = phdr(i);
		if (p->p_type != PT_LOAD && p->p_type != PT_INTERP && p->p_type != PT_DYNAMIC)
			continue;
		around(p->p_offset);
		add_cut(p->p_offset + p->p_filesz / 2);
		around(p->p_offset + p->p_filesz);
	}
	if (all)
		for (uint64_t n = 97; n < cut_limit; n += 97)
			add_cut(n);
	qsort(cuts, ncuts, sizeof(cuts[0]), cmp_u64);
	for (unsigned i = 0; i < ncuts; i++)
		printf("%llu\n", (unsigned long long)cuts[i]);
	return 0;
}

/* Each corruption is one the Linux kernel's load_elf_binary() also refuses
 * (fs/binfmt_elf.c), or one that leaves no sane way to load the file. */
static const char *const patches[] = {
	"magic0",            /* e_ident[0] 0x7f -> 0x7e */
	"magic1",            /* 'E' -> 'e' */
	"class32",           /* ELFCLASS32: a 32-bit RISC-V file, which is not supported */
	"class_none",        /* ELFCLASSNONE */
	"class_bad",         /* 7 */
	"data_msb",          /* big-endian: every field reads differently */
	"data_none",         /* ELFDATANONE */
	"type_rel",          /* ET_REL: not executable */
	"type_core",         /* ET_CORE */
	"type_none",         /* ET_NONE */
	"machine_x86_64",    /* EM_X86_64 */
	"machine_s390",      /* EM_S390 (s390x) */
	"machine_none",      /* EM_NONE */
	"phentsize_zero",    /* e_phentsize 0 */
	"phentsize_odd",     /* e_phentsize 55 */
	"phnum_zero",        /* no program headers */
	"phnum_huge",        /* 65535 program headers: table beyond the end of file */
	"phoff_eof",         /* table starts at the end of the file */
	"phoff_huge",        /* table at 2^62 */
	"load_offset_eof",   /* first PT_LOAD's file bytes beyond the end of file */
	"load_vaddr_huge",   /* first PT_LOAD above any user address space */
	"load_filesz_huge",  /* first PT_LOAD with 2^60 file bytes */
	"interp_short",      /* PT_INTERP of 1 byte (kernel: < 2 is -ENOEXEC) */
	"interp_unterminated", /* PT_INTERP string without its NUL */
	NULL,
};

static int cmd_patch(const char *out, const char *what)
{
	Elf64_Ehdr *e = ehdr();
	if (!strcmp(what, "magic0"))
		buf[0] = 0x7e;
	else if (!strcmp(what, "magic1"))
		buf[1] = 'e';
	else if (!strcmp(what, "class32"))
		buf[EI_CLASS] = ELFCLASS32;
	else if (!strcmp(what, "class_none"))
		buf[EI_CLASS] = ELFCLASSNONE;
	else if (!strcmp(what, "class_bad"))
		buf[EI_CLASS] = 7;
	else if (!strcmp(what, "data_msb"))
		buf[EI_DATA] = ELFDATA2MSB;
	else if (!strcmp(what, "data_none"))
		buf[EI_DATA] = ELFDATANONE;
	else if (!strcmp(what, "type_rel"))
		e->e_type = ET_REL;
	else if (!strcmp(what, "type_core"))
		e->e_type = ET_CORE;
	else if (!strcmp(what, "type_none"))
		e->e_type = ET_NONE;
	else if (!strcmp(what, "machine_x86_64"))
		e->e_machine = EM_X86_64;
	else if (!strcmp(what, "machine_s390"))
		e->e_machine = EM_S390;
	else if (!strcmp(what, "machine_none"))
		e->e_machine = EM_NONE;
	else if (!strcmp(what, "phentsize_zero"))
		e->e_phentsize = 0;
	else if (!strcmp(what, "phentsize_odd"))
		e->e_phentsize = 55;
	else if (!strcmp(what, "phnum_zero"))
		e->e_phnum = 0;
	else if (!strcmp(what, "phnum_huge"))
		e->e_phnum = 0xffff;
	else if (!strcmp(what, "phoff_eof"))
		e->e_phoff = len;
	else if (!strcmp(what, "phoff_huge"))
		e->e_phoff = 1ULL << 62;
	else if (!strcmp(what, "load_offset_eof")) {
		Elf64_Phdr *p = find_phdr(PT_LOAD);
		p->p_offset = (len + 0x100000) & ~(p->p_align - 1);
		p->p_vaddr = p->p_offset; /* keep offset == vaddr mod align */
	} else if (!strcmp(what, "load_vaddr_huge")) {
		Elf64_Phdr *p = find_phdr(PT_LOAD);
		p->p_vaddr = p->p_paddr = 0xfffffffffff00000ULL + (p->p_offset & 0xfff);
	} else if (!strcmp(what, "load_filesz_huge")) {
		Elf64_Phdr *p = find_phdr(PT_LOAD);
		p->p_filesz = 1ULL << 60;
		p->p_memsz = 1ULL << 60;
	} else if (!strcmp(what, "interp_short")) {
		find_phdr(PT_INTERP)->p_filesz = 1;
	} else if (!strcmp(what, "interp_unterminated")) {
		Elf64_Phdr *p = find_phdr(PT_INTERP);
		if (p->p_offset + p->p_filesz > len || p->p_filesz < 2)
			die("bad PT_INTERP in input");
		buf[p->p_offset + p->p_filesz - 1] = 'X';
	} else {
		die("unknown corruption");
	}
	FILE *f = fopen(out, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		die("cannot write output");
	chmod(out, 0755);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (unsigned i = 0; patches[i]; i++)
			puts(patches[i]);
		return 0;
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "cuts")) {
		load(argv[2]);
		return cmd_cuts(argc == 4 && !strcmp(argv[3], "all"));
	}
	if (argc == 5 && !strcmp(argv[1], "patch")) {
		load(argv[2]);
		return cmd_patch(argv[3], argv[4]);
	}
	fprintf(stderr, "usage: elfmangle cuts FILE [all] | patch IN OUT WHAT | list\n");
	return 2;
}
