/* Code written at run time: a function is generated into an RWX mapping,
 * made visible with __builtin___clear_cache (DC CVAU, IC IVAU, DSB, ISB:
 * CTR_EL0 says IDC = DIC = 0), called, rewritten in place and called again;
 * then the same through two mappings of one memfd (write one, run the
 * other), where only the IC IVAU tells ferry the code changed (qemu-user
 * misses this one: the expected output is ferry's, checked by hand). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "isa.h"

/* mov w0, #imm16; ret */
static void gen(uint32_t *p, unsigned imm)
{
	p[0] = 0x52800000u | (imm & 0xffff) << 5;
	p[1] = 0xd65f03c0u;
	__builtin___clear_cache((char *)p, (char *)(p + 2));
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 1;
	for (unsigned k = 1; k <= 3; k++) {
		gen(code, 100 * k);
		show("rwx page: generated function returns", ((unsigned (*)(void))code)());
	}
	int fd = memfd_create("jit", 0);
	if (fd < 0 || ftruncate(fd, 4096) != 0)
		return 1;
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	uint32_t *x = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
	if (w == MAP_FAILED || x == MAP_FAILED)
		return 1;
	for (unsigned k = 1; k <= 3; k++) {
		w[0] = 0x52800000u | (7 * k) << 5;
		w[1] = 0xd65f03c0u;
		__builtin___clear_cache((char *)x, (char *)(x + 2));
		show("dual mapping: generated function returns", ((unsigned (*)(void))x)());
	}
	return 0;
}
