/* Opening, validating and mapping ELF images.
 *
 * The file is hostile until proven otherwise: every size and offset read from
 * it is checked against the file size and for overflow before use, and each
 * rejection gives a one-line reason.  The rules follow what Linux
 * fs/binfmt_elf.c accepts (load_elf_phdrs, load_elf_binary). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bsd/string.h>
#include <gelf.h>

#include "core/mem.h"
#include "loader/loader.h"

/* fs/binfmt_elf.c load_elf_phdrs(): the program header table is at most 64 KiB. */
#define MAX_PHDR_BYTES 65536
/* Largest alignment honoured when placing an ET_DYN image (the kernel caps
 * nothing, but an absurd p_align must not waste the address space). */
#define MAX_DYN_ALIGN (1ULL << 30)
/* Linux's default vm.mmap_min_addr: nothing is mapped below it. */
#define MIN_MAP_ADDR 0x10000ULL

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

static bool add_overflows(uint64_t a, uint64_t b, uint64_t *sum)
{
	return __builtin_add_overflow(a, b, sum);
}

static const char *type_problem(unsigned type)
{
	switch (type) {
	case ET_EXEC:
	case ET_DYN:
		return NULL;
	case ET_REL:
		return "a relocatable object file (ET_REL), not an executable";
	case ET_CORE:
		return "a core dump (ET_CORE), not an executable";
	case ET_NONE:
		return "ELF file of type ET_NONE, not an executable";
	default:
		return "ELF file of unknown type (e_type not ET_EXEC or ET_DYN), not an executable";
	}
}

/* e_ident, read before libelf so that a short or foreign file gets a precise reason. */
static int check_ident(int fd, uint64_t fsize, char *err, size_t errsz)
{
	unsigned char id[EI_NIDENT];
	if (fsize < SELFMAG)
		return fail(err, errsz, "not an ELF file (%s)", fsize ? "too short" : "empty");
	ssize_t n = pread(fd, id, sizeof(id), 0);
	if (n < 0)
		return fail(err, errsz, "cannot read: %s", strerror(errno));
	if ((size_t)n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
		return fail(err, errsz, "not an ELF file");
	if ((size_t)n < EI_NIDENT)
		return fail(err, errsz, "truncated ELF header");
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
		return fail(err, errsz, "unknown ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB)
		return fail(err, errsz, "unknown ELF data encoding %u", id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return fail(err, errsz, "unsupported ELF version %u", id[EI_VERSION]);
	size_t ehsize = id[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (fsize < ehsize)
		return fail(err, errsz, "truncated ELF header (%llu of %zu bytes)", (unsigned long long)fsize, ehsize);
	return 0;
}

static int read_interp(struct elf_image *img, const GElf_Phdr *ph, uint64_t fsize, char *err, size_t errsz)
{
	uint64_t end;
	/* binfmt_elf.c: p_filesz must be in [2, PATH_MAX] and the last byte NUL. */
	if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX)
		return fail(err, errsz, "bad interpreter path size %llu", (unsigned long long)ph->p_filesz);
	if (add_overflows(ph->p_offset, ph->p_filesz, &end) || end > fsize)
		return fail(err, errsz, "interpreter path outside the file");
	char *s = malloc(ph->p_filesz);
	if (!s)
		return fail(err, errsz, "out of memory");
	ssize_t n = pread(img->fd, s, ph->p_filesz, (off_t)ph->p_offset);
	if (n != (ssize_t)ph->p_filesz) {
		free(s);
		return fail(err, errsz, "cannot read the interpreter path");
	}
	if (s[ph->p_filesz - 1] != '\0') {
		free(s);
		return fail(err, errsz, "interpreter path not NUL-terminated");
	}
	if (s[0] == '\0') {
		free(s);
		return fail(err, errsz, "empty interpreter path");
	}
	img->interp = s;
	return 0;
}

/* One PT_LOAD: sizes consistent, data inside the file, addresses without
 * overflow and congruent with the file offset so that it can be mmapped. */
static int check_load(const GElf_Phdr *ph, size_t i, uint64_t fsize, uint64_t addr_limit, char *err, size_t errsz)
{
	uint64_t end;
	if (ph->p_filesz > ph->p_memsz)
		return fail(err, errsz, "segment %zu: file size 0x%llx larger than memory size 0x%llx", i,
			    (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (add_overflows(ph->p_offset, ph->p_filesz, &end) || end > fsize)
		return fail(err, errsz, "segment %zu: file data outside the file", i);
	if (add_overflows(ph->p_vaddr, ph->p_memsz, &end) || end > addr_limit ||
	    PAGE_UP(end) < end)
		return fail(err, errsz, "segment %zu: absurd address range 0x%llx+0x%llx", i,
			    (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz);
	if ((ph->p_vaddr & ~GUEST_PAGE_MASK) != (ph->p_offset & ~GUEST_PAGE_MASK))
		return fail(err, errsz, "segment %zu: address 0x%llx and file offset 0x%llx differ modulo the page size", i,
			    (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_offset);
	return 0;
}

static int check_phdrs(struct elf_image *img, uint64_t fsize, char *err, size_t errsz)
{
	/* A 32-bit image must fit in 4 GiB; a 64-bit one anywhere the arithmetic
	 * below cannot overflow (the guest window is checked when mapping). */
	uint64_t addr_limit = img->ehdr.e_ident[EI_CLASS] == ELFCLASS32 ? 1ULL << 32 : 1ULL << 62;
	uint64_t prev_end = 0;
	size_t nload = 0, prev = 0;

	for (size_t i = 0; i < img->phnum; i++) {
		GElf_Phdr *ph = &img->phdr[i];
		if (!gelf_getphdr(img->elf, (int)i, ph))
			return fail(err, errsz, "corrupt program header %zu (%s)", i, elf_errmsg(-1));
		if (ph->p_type == PT_INTERP && !img->interp) {
			if (read_interp(img, ph, fsize, err, errsz) < 0)
				return -1;
		}
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (check_load(ph, i, fsize, addr_limit, err, errsz) < 0)
			return -1;
		/* The gABI requires PT_LOADs sorted by p_vaddr; overlapping ones
		 * would silently replace each other's pages. */
		if (nload && ph->p_vaddr < prev_end)
			return fail(err, errsz, "segment %zu overlaps segment %zu or is out of address order", i, prev);
		prev_end = ph->p_vaddr + ph->p_memsz;
		prev = i;
		nload++;
	}
	if (!nload)
		return fail(err, errsz, "no loadable segments");
	return 0;
}

static int open_checked(const char *path, struct elf_image *img, char *err, size_t errsz)
{
	struct stat st;
	img->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (img->fd < 0)
		return fail(err, errsz, "%s", strerror(errno));
	if (fstat(img->fd, &st) < 0)
		return fail(err, errsz, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(err, errsz, "is a directory");
	if (!S_ISREG(st.st_mode))
		return fail(err, errsz, "not a regular file");
	uint64_t fsize = (uint64_t)st.st_size;
	if (check_ident(img->fd, fsize, err, errsz) < 0)
		return -1;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(err, errsz, "libelf: %s", elf_errmsg(-1));
	/* ELF_C_READ, not _MMAP: libelf then preads what it needs, so a file
	 * cut short while we read it is an error, not a SIGBUS in ferry. */
	img->elf = elf_begin(img->fd, ELF_C_READ, NULL);
	if (!img->elf)
		return fail(err, errsz, "cannot read ELF: %s", elf_errmsg(-1));
	if (elf_kind(img->elf) != ELF_K_ELF)
		return fail(err, errsz, "not an ELF file");
	if (!gelf_getehdr(img->elf, &img->ehdr))
		return fail(err, errsz, "corrupt ELF header (%s)", elf_errmsg(-1));

	const char *why = type_problem(img->ehdr.e_type);
	if (why)
		return fail(err, errsz, "%s", why);
	size_t phent = img->ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (img->ehdr.e_phentsize != phent)
		return fail(err, errsz, "bad program header entry size %u (expected %zu)", img->ehdr.e_phentsize, phent);
	/* e_phnum as the kernel reads it: no PN_XNUM extension for executables
	 * (libelf's count would also be clamped to what fits in the file). */
	img->phnum = img->ehdr.e_phnum;
	if (img->phnum == 0)
		return fail(err, errsz, "no program headers");
	if (img->phnum > MAX_PHDR_BYTES / phent)
		return fail(err, errsz, "too many program headers (%zu)", img->phnum);
	uint64_t phend;
	if (add_overflows(img->ehdr.e_phoff, (uint64_t)img->phnum * phent, &phend) || phend > fsize)
		return fail(err, errsz, "program headers outside the file");
	size_t libelf_phnum;
	if (elf_getphdrnum(img->elf, &libelf_phnum) != 0 || libelf_phnum != img->phnum)
		return fail(err, errsz, "corrupt program header table");

	img->phdr = calloc(img->phnum, sizeof(*img->phdr));
	if (!img->phdr)
		return fail(err, errsz, "out of memory");
	return check_phdrs(img, fsize, err, errsz);
}

int elf_image_open(const char *path, struct elf_image *img, char *err, size_t errsz)
{
	memset(img, 0, sizeof(*img));
	img->fd = -1;
	img->path = strdup(path);
	if (!img->path)
		return fail(err, errsz, "out of memory");
	if (open_checked(path, img, err, errsz) < 0) {
		elf_image_close(img);
		return -1;
	}
	return 0;
}

void elf_image_close(struct elf_image *img)
{
	if (img->elf)
		elf_end(img->elf);
	if (img->fd >= 0)
		close(img->fd);
	free(img->path);
	free(img->phdr);
	free(img->interp);
	memset(img, 0, sizeof(*img));
	img->fd = -1;
}

static int seg_prot(const GElf_Phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/* Page-aligned [lo, hi) of the PT_LOADs before relocation, and their largest
 * power-of-two alignment. */
static void load_span(const struct elf_image *img, uint64_t *lo, uint64_t *hi, uint64_t *align)
{
	*lo = UINT64_MAX;
	*hi = 0;
	*align = GUEST_PAGE_SIZE;
	for (size_t i = 0; i < img->phnum; i++) {
		const GElf_Phdr *ph = &img->phdr[i];
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (PAGE_DOWN(ph->p_vaddr) < *lo)
			*lo = PAGE_DOWN(ph->p_vaddr);
		if (PAGE_UP(ph->p_vaddr + ph->p_memsz) > *hi)
			*hi = PAGE_UP(ph->p_vaddr + ph->p_memsz);
		uint64_t a = ph->p_align;
		if (a > *align && !(a & (a - 1)) && a <= MAX_DYN_ALIGN)
			*align = a;
	}
}

/* Reserves [bias+lo, bias+hi) for an ET_DYN image, PROT_NONE, so that the gaps
 * between its segments stay unusable, as ld.so does.  Tries the hint first,
 * then lets mmap find room (over-allocating to honour the alignment). */
static int reserve_dyn(uint64_t lo, uint64_t hi, uint64_t align, uint64_t bias_hint, uint64_t *bias)
{
	const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	uint64_t len = hi - lo;
	int64_t r;

	bias_hint &= ~(align - 1);
	if (bias_hint && mem_in_window(bias_hint + lo, len)) {
		r = mem_mmap(bias_hint + lo, len, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
		if (r >= 0) {
			*bias = bias_hint;
			return 0;
		}
	}
	uint64_t extra = align - GUEST_PAGE_SIZE;
	if (len + extra < len)
		return -ENOMEM;
	r = mem_mmap(0, len + extra, PROT_NONE, flags, -1, 0);
	if (r < 0)
		return (int)r;
	uint64_t start = ((uint64_t)r + align - 1) & ~(align - 1);
	if (start > (uint64_t)r)
		mem_munmap((uint64_t)r, start - (uint64_t)r);
	if ((uint64_t)r + len + extra > start + len)
		mem_munmap(start + len, (uint64_t)r + len + extra - (start + len));
	*bias = start - lo;
	return 0;
}

/* Maps one PT_LOAD at bias: the file pages MAP_PRIVATE, the rest of the last
 * file page zeroed, the bss as anonymous pages (as ld.so's _dl_map_segments
 * and binfmt_elf.c do). */
static int map_segment(struct elf_image *img, const GElf_Phdr *ph, size_t i, uint64_t bias, const char *name,
		       char *err, size_t errsz)
{
	int prot = seg_prot(ph);
	uint64_t start = bias + ph->p_vaddr;
	uint64_t page = PAGE_DOWN(start);
	uint64_t file_end = start + ph->p_filesz;       /* end of the file data */
	uint64_t file_page_end = PAGE_UP(file_end);
	uint64_t mem_end = PAGE_UP(start + ph->p_memsz);
	bool zero_tail = ph->p_memsz > ph->p_filesz && file_end < file_page_end && ph->p_filesz > 0;
	int64_t r;

	if (ph->p_filesz > 0) {
		off_t off = (off_t)PAGE_DOWN(ph->p_offset);
		/* Writable for a moment if the tail of the last page must be zeroed. */
		int map_prot = zero_tail ? prot | PROT_READ | PROT_WRITE : prot;
		r = mem_mmap(page, file_page_end - page, map_prot, MAP_PRIVATE | MAP_FIXED, img->fd, off);
		if (r < 0)
			return fail(err, errsz, "cannot map segment %zu at 0x%llx: %s", i, (unsigned long long)page,
				    strerror((int)-r));
		mem_set_name(page, name);
		if (zero_tail) {
			memset(g2h(file_end), 0, file_page_end - file_end);
			if (map_prot != prot && (r = mem_mprotect(page, file_page_end - page, prot)) < 0)
				return fail(err, errsz, "cannot protect segment %zu: %s", i, strerror((int)-r));
		}
	} else {
		file_page_end = page;
	}
	if (mem_end > file_page_end) {
		r = mem_mmap(file_page_end, mem_end - file_page_end, prot, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
		if (r < 0)
			return fail(err, errsz, "cannot map the bss of segment %zu at 0x%llx: %s", i,
				    (unsigned long long)file_page_end, strerror((int)-r));
	}
	return 0;
}

int elf_image_map(struct elf_image *img, uint64_t bias_hint, char *err, size_t errsz)
{
	uint64_t lo, hi, align, bias = 0;
	load_span(img, &lo, &hi, &align);

	if (img->ehdr.e_type == ET_DYN) {
		int r = reserve_dyn(lo, hi, align, bias_hint, &bias);
		if (r < 0)
			return fail(err, errsz, "no room for 0x%llx bytes in the guest address space: %s",
				    (unsigned long long)(hi - lo), strerror(-r));
	} else if (lo < MIN_MAP_ADDR) {
		return fail(err, errsz, "segment at 0x%llx is below the lowest mappable address 0x%llx",
			    (unsigned long long)lo, MIN_MAP_ADDR);
	} else if (!mem_in_window(lo, hi - lo)) {
		return fail(err, errsz, "segments at 0x%llx-0x%llx do not fit in the guest address space (0x%llx bytes)",
			    (unsigned long long)lo, (unsigned long long)hi, (unsigned long long)mem.size);
	} else {
		/* Fixed addresses must not replace anything (binfmt_elf.c uses
		 * MAP_FIXED_NOREPLACE too); the reservation also keeps the gaps. */
		int64_t r = mem_mmap(lo, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
				     -1, 0);
		if (r < 0)
			return fail(err, errsz, "cannot map 0x%llx-0x%llx: %s", (unsigned long long)lo, (unsigned long long)hi,
				    r == -EEXIST ? "overlaps an existing mapping" : strerror((int)-r));
	}

	/* /proc/self/maps shows the absolute path of the file, as the kernel does. */
	char *abs = realpath(img->path, NULL);
	const char *name = abs ? abs : img->path;
	for (size_t i = 0; i < img->phnum; i++) {
		const GElf_Phdr *ph = &img->phdr[i];
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (map_segment(img, ph, i, bias, name, err, errsz) < 0) {
			free(abs);
			return -1;
		}
	}
	free(abs);
	img->bias = bias;
	img->lo = bias + lo;
	img->hi = bias + hi;
	return 0;
}
