/* Loading a guest program: the executable where it asks to be (a PIE at a
 * base like the kernel's ELF_ET_DYN_BASE), then its dynamic linker from the
 * sysroot, mapped wherever there is room (fs/binfmt_elf.c load_elf_binary). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bsd/string.h>

#include "core/frontend.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/process.h"
#include "loader/internal.h"
#include "loader/loader.h"

/* Unmapped pages kept between the stack and the mmap area. */
#define STACK_GUARD_GAP (1ULL << 20)

/* A name for the common ELF machines, or NULL. */
static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_X86_64: return "x86-64";
	case EM_386: return "i386";
	case EM_AARCH64: return "aarch64";
	case EM_ARM: return "arm";
	case EM_RISCV: return "riscv";
	case EM_PPC64: return "ppc64";
	case EM_S390: return "s390";
	case EM_MIPS: return "mips";
	case EM_LOONGARCH: return "loongarch";
	default: return NULL;
	}
}

/* Why img cannot run on the chosen frontend, or NULL.  No commas: the
 * reason may sit in a comma-separated list of paths tried. */
static const char *machine_problem(const struct elf_image *img, const struct frontend *fe, char *buf, size_t bufsz)
{
	const unsigned char *id = img->ehdr.e_ident;
	const char *m = machine_name(img->ehdr.e_machine);
	if (img->ehdr.e_machine != fe->elf_machine && m)
		snprintf(buf, bufsz, "built for %s instead of %s", m, fe->name);
	else if (img->ehdr.e_machine != fe->elf_machine)
		snprintf(buf, bufsz, "built for ELF machine %u instead of %s", img->ehdr.e_machine, fe->name);
	else if (id[EI_CLASS] != fe->elf_class)
		snprintf(buf, bufsz, "a %s ELF instead of %s for %s", id[EI_CLASS] == ELFCLASS32 ? "32-bit" : "64-bit",
			 fe->elf_class == ELFCLASS32 ? "32-bit" : "64-bit", fe->name);
	else if (id[EI_DATA] != fe->elf_data)
		snprintf(buf, bufsz, "%s instead of %s", id[EI_DATA] == ELFDATA2MSB ? "big-endian" : "little-endian",
			 fe->elf_data == ELFDATA2MSB ? "big-endian" : "little-endian");
	else
		return NULL;
	return buf;
}

/* Opens path as the interpreter; on failure appends it to tried, with the
 * reason unless the file simply does not exist. */
static bool try_interp(const char *path, struct elf_image *img, char *tried, size_t triedsz)
{
	char err[256], why[256];
	const char *bad = NULL;

	if (access(path, F_OK) == 0) {
		if (elf_image_open(path, img, err, sizeof(err)) < 0)
			bad = err;
		else if ((bad = machine_problem(img, proc.fe, why, sizeof(why))) != NULL)
			elf_image_close(img);
	} else {
		bad = "";
	}
	if (!bad)
		return true;
	if (tried[0])
		strlcat(tried, ", ", triedsz);
	strlcat(tried, path, triedsz);
	if (bad[0]) {
		strlcat(tried, " (", triedsz);
		strlcat(tried, bad, triedsz);
		strlcat(tried, ")", triedsz);
	}
	return false;
}

/* The interpreter path comes from the file: control bytes are shown escaped
 * so that the message stays on one line. */
static const char *printable(const char *s, char *buf, size_t bufsz)
{
	size_t o = 0;
	for (; *s && o + 5 < bufsz; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(buf + o, bufsz - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return buf;
}

/* PT_INTERP: under the sysroot first, then on the host (qemu's -L). */
static void open_interp(const char *name, struct elf_image *img)
{
	char tried[2048] = "", path[PATH_MAX];
	const char *root = sysroot_find(proc.fe);

	if (name[0] == '/' && root && strcmp(root, "/") != 0 && sysroot_join(path, sizeof(path), root, name) &&
	    try_interp(path, img, tried, sizeof(tried)))
		return;
	if (try_interp(name, img, tried, sizeof(tried)))
		return;
	char shown[256], shown_tried[1024];
	ferry_fatal("cannot find the guest's dynamic linker %s (tried %s); pass its sysroot with -L DIR or FERRY_SYSROOT",
		    printable(name, shown, sizeof(shown)), printable(tried, shown_tried, sizeof(shown_tried)));
}

/* A file is no longer needed once mapped; closing it keeps the guest's
 * first open() at fd 3, as under the kernel.  Headers stay in the image. */
static void release_file(struct elf_image *img)
{
	if (img->elf)
		elf_end(img->elf);
	img->elf = NULL;
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}

/* AT_PHDR: PT_PHDR if present, else the PT_LOAD whose file data holds the table. */
static uint64_t phdr_address(const struct elf_image *img)
{
	uint64_t size = img->phnum * img->ehdr.e_phentsize;
	for (size_t i = 0; i < img->phnum; i++)
		if (img->phdr[i].p_type == PT_PHDR)
			return img->phdr[i].p_vaddr + img->bias;
	for (size_t i = 0; i < img->phnum; i++) {
		const GElf_Phdr *ph = &img->phdr[i];
		if (ph->p_type == PT_LOAD && ph->p_offset <= img->ehdr.e_phoff &&
		    img->ehdr.e_phoff - ph->p_offset <= ph->p_filesz && size <= ph->p_filesz - (img->ehdr.e_phoff - ph->p_offset))
			return img->ehdr.e_phoff - ph->p_offset + ph->p_vaddr + img->bias;
	}
	return 0;
}

/* Where a PIE goes: like ELF_ET_DYN_BASE (2/3 of the address space), minus
 * its first segment's address so that segment lands on the base. */
static uint64_t pie_bias(const struct elf_image *img)
{
	uint64_t first = 0;
	for (size_t i = 0; i < img->phnum; i++)
		if (img->phdr[i].p_type == PT_LOAD && img->phdr[i].p_memsz) {
			first = PAGE_DOWN(img->phdr[i].p_vaddr);
			break;
		}
	return PAGE_DOWN(mem.size / 3 * 2) - first;
}

/* Keeps mmap(NULL) placements, the interpreter first, below the stack. */
static void keep_mmap_below_stack(void)
{
	uint64_t lo, hi;
	linux_stack_range(&lo, &hi);
	if (lo > STACK_GUARD_GAP && mem.mmap_top > lo - STACK_GUARD_GAP)
		mem.mmap_top = lo - STACK_GUARD_GAP;
}

/* start_code..end_code and start_data..end_data as fs/binfmt_elf.c
 * load_elf_binary computes them: the lowest executable segment's start and
 * the highest end of its file bytes; the highest segment's start and the
 * highest end of any segment's file bytes. */
static void code_data_bounds(const struct elf_image *img)
{
	uint64_t sc = UINT64_MAX, ec = 0, sd = 0, ed = 0;

	for (size_t i = 0; i < img->phnum; i++) {
		const GElf_Phdr *ph = &img->phdr[i];
		uint64_t k = ph->p_vaddr, end = ph->p_vaddr + ph->p_filesz;

		if (ph->p_type != PT_LOAD)
			continue;
		if ((ph->p_flags & PF_X) && k < sc)
			sc = k;
		if (k > sd)
			sd = k;
		if ((ph->p_flags & PF_X) && end > ec)
			ec = end;
		if (end > ed)
			ed = end;
	}
	proc.start_code = sc + img->bias;
	proc.end_code = ec + img->bias;
	proc.start_data = sd + img->bias;
	proc.end_data = ed + img->bias;
}

static void trace_image(const char *what, const struct elf_image *img)
{
	if (trace_on(TRACE_EXEC))
		trace_printf("loader: %s %s at 0x%llx-0x%llx (bias 0x%llx)\n", what, img->path,
			     (unsigned long long)img->lo, (unsigned long long)img->hi, (unsigned long long)img->bias);
}

void loader_load(const char *path, struct load_info *li)
{
	char err[256], why[256];
	const char *bad;

	memset(li, 0, sizeof(*li));
	li->exe.fd = li->interp.fd = -1;
	if (elf_image_open(path, &li->exe, err, sizeof(err)) < 0)
		ferry_fatal("%s: %s", path, err);
	if ((bad = machine_problem(&li->exe, proc.fe, why, sizeof(why))) != NULL)
		ferry_fatal("%s: %s", path, bad);
	if (!proc.sysroot && sysroot_find(proc.fe))
		proc.sysroot = strdup(sysroot_find(proc.fe));

	keep_mmap_below_stack();
	uint64_t hint = li->exe.ehdr.e_type == ET_DYN ? pie_bias(&li->exe) : 0;
	if (elf_image_map(&li->exe, hint, err, sizeof(err)) < 0)
		ferry_fatal("%s: %s", path, err);
	release_file(&li->exe);
	trace_image("executable", &li->exe);

	li->exe_entry = li->exe.ehdr.e_entry + li->exe.bias;
	li->entry = li->exe_entry;
	li->phdr = phdr_address(&li->exe);
	li->phent = li->exe.ehdr.e_phentsize;
	li->phnum = li->exe.phnum;
	li->brk = li->exe.hi;
	code_data_bounds(&li->exe);
	li->execfn = path;
	mem_set_brk(li->brk);

	if (li->exe.interp) {
		open_interp(li->exe.interp, &li->interp);
		if (elf_image_map(&li->interp, 0, err, sizeof(err)) < 0)
			ferry_fatal("%s: %s", li->interp.path, err);
		release_file(&li->interp);
		trace_image("interpreter", &li->interp);
		li->interp_base = li->interp.bias;
		li->entry = li->interp.ehdr.e_entry + li->interp.bias;
	}

	char *abs = realpath(path, NULL);
	proc.exe_path = abs ? abs : strdup(path);
	proc.entry = li->exe_entry;
	if (trace_on(TRACE_EXEC))
		trace_printf("loader: entry 0x%llx, AT_ENTRY 0x%llx, AT_PHDR 0x%llx, brk 0x%llx\n",
			     (unsigned long long)li->entry, (unsigned long long)li->exe_entry,
			     (unsigned long long)li->phdr, (unsigned long long)li->brk);
}
