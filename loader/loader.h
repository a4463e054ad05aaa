/* Loading guest executables: ELF images (libelf), the dynamic linker from the
 * sysroot, and the Linux initial stack. */
#ifndef FERRY_LOADER_H
#define FERRY_LOADER_H

#include <gelf.h>
#include <stddef.h>
#include <stdint.h>

struct vcpu;
struct frontend;

struct elf_image {
	char *path;          /* host path opened */
	int fd;
	Elf *elf;
	GElf_Ehdr ehdr;
	size_t phnum;
	GElf_Phdr *phdr;
	char *interp;        /* PT_INTERP, or NULL */
	uint64_t bias;       /* load bias once mapped */
	uint64_t lo, hi;     /* mapped guest range once mapped */
};

struct load_info {
	uint64_t entry;       /* first guest pc: the interpreter's entry, else the exe's */
	uint64_t exe_entry;   /* AT_ENTRY */
	uint64_t phdr;        /* AT_PHDR: guest address of the exe's program headers */
	uint64_t phent, phnum;
	uint64_t interp_base; /* AT_BASE, 0 without an interpreter */
	uint64_t brk;         /* initial program break */
	const char *execfn;   /* AT_EXECFN: the path as the user gave it */
	struct elf_image exe, interp;
};

/* Opens and validates an ELF file.  On error returns -1 with a one-line
 * reason in err ("not an ELF file", "truncated program headers", ...). */
int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errsz);
void elf_image_close(struct elf_image *img);
/* Maps every PT_LOAD of img into guest memory; ET_DYN images are placed at
 * bias_hint if non-zero or wherever mmap finds room. */
int elf_image_map(struct elf_image *img, uint64_t bias_hint, char *err, size_t errsz);

/* The sysroot: -L / FERRY_SYSROOT, else the first existing of /usr/<triple>,
 * /usr/gnemul/qemu-<arch>, /etc/qemu-binfmt/<arch>.  NULL if none. */
const char *sysroot_find(const struct frontend *fe);
/* qemu -L semantics: an absolute guest path is looked up under the sysroot
 * first.  Writes the host path to use into out and returns it. */
const char *sysroot_resolve(const char *guest_path, char *out, size_t outsz);

/* Maps the executable and its interpreter.  Exits with a one-line ferry:
 * error (naming the paths tried and -L) when the interpreter is missing. */
void loader_load(const char *path, struct load_info *li);

/* Builds the Linux initial stack (argc, argv, envp, auxv, strings, AT_RANDOM
 * bytes) at the top of a new stack mapping; returns the guest sp. */
uint64_t linux_stack_build(struct vcpu *cpu, const struct load_info *li, int argc, char **argv, char **envp);

#endif
