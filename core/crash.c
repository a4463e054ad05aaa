/* The crash report (see crash.h).  The backtrace is best effort: the pc, the
 * link register, then words on the stack that point just after a call into
 * executable guest code (a stack scan, since -O2 code keeps no frame chain). */
#include "crash.h"

#include <elf.h>
#include <stdio.h>
#include <sys/mman.h>

#include "frontend.h"
#include "mem.h"
#include "options.h"
#include "symbols.h"
#include "vcpu.h"

static int is_code(uint64_t g)
{
	int prot = mem_prot_at(g);
	return prot >= 0 && (prot & PROT_EXEC);
}

static void frame(int n, uint64_t pc, const char *note)
{
	char where[256];
	sym_describe(pc, where, sizeof(where));
	fprintf(stderr, "ferry:     #%-2d 0x%llx %s%s\n", n, (unsigned long long)pc, where, note);
}

void crash_report(struct vcpu *cpu, const char *signame, const char *codename, uint64_t addr)
{
	if (opt.quiet)
		return;
	const struct frontend *fe = cpu->fe;
	char where[256], text[128];
	sym_describe(cpu->pc, where, sizeof(where));
	fprintf(stderr, "ferry: guest killed by %s (%s) at pc 0x%llx, address 0x%llx\n", signame, codename,
		(unsigned long long)cpu->pc, (unsigned long long)addr);
	fprintf(stderr, "ferry:   in %s\n", where);

	uint8_t code[16];
	unsigned want = fe->max_insn_bytes;
	if (mem_fetch(cpu->pc, code, want) == 0 || mem_fetch(cpu->pc, code, want = fe->min_insn_bytes) == 0) {
		if (fe->disasm(cpu->pc, code, want, text, sizeof(text)))
			fprintf(stderr, "ferry:   instruction: %s\n", text);
		else
			fprintf(stderr, "ferry:   instruction: (not decodable)\n");
	} else {
		fprintf(stderr, "ferry:   instruction: (pc not in executable memory)\n");
	}

	fprintf(stderr, "ferry:   registers:\n");
	for (unsigned i = 0; i < fe->nregs; i += 4) {
		char line[256];
		int len = 0;
		for (unsigned k = i; k < i + 4 && k < fe->nregs; k++)
			len += snprintf(line + len, sizeof(line) - (size_t)len, " %5s=%016llx", fe->reg_names[k],
					(unsigned long long)fe->get_reg(cpu, k));
		fprintf(stderr, "ferry:   %s\n", line);
	}

	fprintf(stderr, "ferry:   backtrace (best effort):\n");
	int n = 0;
	frame(n++, cpu->pc, "");
	uint64_t link = fe->get_reg(cpu, fe->reg_link);
	if (link != cpu->pc && is_code(link))
		frame(n++, link, " (link register)");
	uint64_t sp = fe->get_reg(cpu, fe->reg_sp);
	unsigned word = fe->elf_class == ELFCLASS32 ? 4 : 8;
	uint64_t last = link;
	for (int w = 0; w < 512 && n < 16; w++) {
		uint64_t v = 0;
		if (mem_read(&v, sp + word * (uint64_t)w, word) < 0)
			break;
		/* A return address follows a call: never a function's first byte. */
		uint64_t fn = is_code(v) ? sym_func_start(v) : 0;
		if (v != last && fn && fn != v) {
			frame(n++, v, " (from the stack)");
			last = v;
		}
	}
}
