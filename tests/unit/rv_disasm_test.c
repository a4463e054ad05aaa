/* rv_disasm against GNU objdump: tests/unit/rv_disasm_expected.txt holds
 * objdump's text for every RV64GC/Zba/Zbb/Zbs/Zicsr/Zifencei instruction,
 * hints, reserved encodings and a random sample (rv_disasm_gen.py made it
 * from rv_disasm_insns.S).  Then the cases where objdump and the ISA manual
 * disagree, and the buffer and length edges, checked by hand.
 * Run from the repository root, or pass the expected file's path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/riscv64/rv.h"

static int passed, failed;

/* Disassembles the little-endian encoding `enc` of `len` bytes at pc. */
static void check(uint64_t pc, uint32_t enc, size_t len, const char *want, const char *where)
{
	uint8_t code[4] = {(uint8_t)enc, (uint8_t)(enc >> 8), (uint8_t)(enc >> 16), (uint8_t)(enc >> 24)};
	char buf[128];
	size_t got = rv_disasm(pc, code, len, buf, sizeof(buf));
	bool ok = want ? got == len && strcmp(buf, want) == 0 : got == 0;
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: %0*x at %#llx: got \"%s\" (length %zu), want \"%s\"\n", where, (int)len * 2, enc,
	       (unsigned long long)pc, got ? buf : "(invalid)", got, want ? want : "(invalid)");
}

static void from_objdump(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int n = 0;
	if (!f) {
		printf("FAIL cannot open %s\n", path);
		failed++;
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *addr = strtok(line, "\t"), *enc = strtok(NULL, "\t"), *text = strtok(NULL, "\n");
		if (line[0] == '#' || !addr || !enc || !text)
			continue;
		char where[64];
		snprintf(where, sizeof(where), "%s:%d", path, ++n);
		check(strtoull(addr, NULL, 16), (uint32_t)strtoul(enc, NULL, 16), strlen(enc) / 2,
		      strcmp(text, "(invalid)") ? text : NULL, where);
	}
	fclose(f);
	if (n < 1000) {
		printf("FAIL %s: only %d cases\n", path, n);
		failed++;
	}
}

static void by_hand(void)
{
	/* The ISA allows any valid rm on exact conversions; binutils 2.40
	 * knows only rm = 0.  Dynamic and RNE are not printed. */
	check(0x1000, 0xd2051553, 4, "fcvt.d.w fa0,a0,rtz", "fcvt.d.w rm=1");
	check(0x1000, 0xd2057553, 4, "fcvt.d.w fa0,a0", "fcvt.d.w rm=dyn");
	check(0x1000, 0xd2050553, 4, "fcvt.d.w fa0,a0", "fcvt.d.w rm=0");
	check(0x1000, 0x42059553, 4, "fcvt.d.s fa0,fa1,rtz", "fcvt.d.s rm=1");
	check(0x1000, 0x40107553, 4, "fcvt.s.d fa0,ft0", "fcvt.s.d rm=dyn");
	check(0x1000, 0x40100553, 4, "fcvt.s.d fa0,ft0,rne", "fcvt.s.d rm=0");
	/* rm 5 and 6 are reserved: illegal (objdump prints "unknown") */
	check(0x1000, 0x0200d053, 4, NULL, "fadd.d rm=5");
	check(0x1000, 0x0200e053, 4, NULL, "fadd.d rm=6");
	check(0x1000, 0xc0255553, 4, NULL, "fcvt.l.s rm=5");
	check(0x1000, 0x6a0053c3, 4, NULL, "fmadd.d rm=5");
	/* fence fields the ISA says to ignore (objdump refuses them) */
	check(0x1000, 0x0ff5850f, 4, "fence iorw,iorw", "fence rd/rs1 != 0");
	check(0x1000, 0x0000000f, 4, "fence 0,0", "fence 0,0");
	check(0x1000, 0x8ff0000f, 4, "fence iorw,iorw", "fence fm=8 (reserved: a plain fence)");
	check(0x1000, 0x0010100f, 4, "fence.i", "fence.i imm=1");
	/* c.addi16sp with a zero immediate is reserved (objdump accepts it) */
	check(0x1000, 0x6101, 2, NULL, "c.addi16sp sp,0");
	/* privileged instructions: refused in user mode, like ferry's decoder */
	check(0x1000, 0x30200073, 4, NULL, "mret");
	check(0x1000, 0x10500073, 4, NULL, "wfi");
	check(0x1000, 0x12000073, 4, NULL, "sfence.vma");
	/* CSRs without a name here print as numbers */
	check(0x1000, 0x600f94f3, 4, "csrrw s1,0x600,t6", "hstatus by number");
	check(0x1000, 0xc0302573, 4, "csrrs a0,hpmcounter3,zero", "hpmcounter3");
	/* branch targets wrap around the address space like the pc does */
	check(0x0, 0xfe000ee3, 4, "beq zero,zero,0xfffffffffffffffc", "beq backwards from 0");
	check(0x7ffffffe, 0x3f9c, 2, "c.fld fa5,56(a5)", "compressed at an odd halfword");
	/* encodings longer than 32 bits, and short buffers */
	check(0x1000, 0x0000001f, 4, NULL, "48-bit encoding");
	check(0x1000, 0x0000003f, 4, NULL, "64-bit encoding");
	check(0x1000, 0x00a50513, 2, NULL, "32-bit encoding, 2 bytes available");

	uint8_t addi[4] = {0x13, 0x05, 0x05, 0x01}; /* addi a0,a0,16 */
	char small[5] = "xxxx";
	size_t n = rv_disasm(0, addi, 4, small, sizeof(small));
	size_t z = rv_disasm(0, addi, 4, NULL, 0);
	size_t e = rv_disasm(0, addi, 0, small, sizeof(small));
	if (n == 4 && strcmp(small, "") == 0 && z == 4 && e == 0) {
		/* e == 0 cleared the buffer; n truncated "addi a0,a0,16" */
		passed++;
	} else {
		printf("FAIL short buffers: lengths %zu %zu %zu, text \"%s\"\n", n, z, e, small);
		failed++;
	}
	n = rv_disasm(0, addi, 4, small, sizeof(small));
	if (n == 4 && strcmp(small, "addi") == 0) {
		passed++;
	} else {
		printf("FAIL truncation: got \"%s\" (%zu), want \"addi\"\n", small, n);
		failed++;
	}

	static const struct {
		unsigned i;
		const char *name;
	} regs[] = {{0, "zero"}, {2, "sp"}, {8, "s0"}, {31, "t6"}, {32, "ft0"}, {40, "fs0"}, {42, "fa0"}, {63, "ft11"}};
	for (size_t k = 0; k < sizeof(regs) / sizeof(regs[0]); k++) {
		if (strcmp(rv_reg_names[regs[k].i], regs[k].name) == 0) {
			passed++;
		} else {
			printf("FAIL rv_reg_names[%u] = \"%s\", want \"%s\"\n", regs[k].i, rv_reg_names[regs[k].i],
			       regs[k].name);
			failed++;
		}
	}
}

int main(int argc, char **argv)
{
	from_objdump(argc > 1 ? argv[1] : "tests/unit/rv_disasm_expected.txt");
	by_hand();
	printf("rv_disasm_test: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
