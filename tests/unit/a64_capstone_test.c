/* ferry's AArch64 decoder against capstone, encoding by encoding.
 *
 * 1. Every instruction of the aarch64 instruction tests (listed in
 *    a64_capstone_insns.txt by a64_capstone_gen.py from GNU objdump): both
 *    ferry and capstone must accept it, except the faulting instruction of
 *    each *_sigill test, which ferry must refuse (SIGILL) whatever capstone
 *    says.
 *    Capstone 4 predates the ARMv8.1 atomics (CAS*, SWP*, LD<op>*, ST<op>*):
 *    for those ferry must accept and capstone's answer is not held against
 *    it.
 * 2. Reserved and unallocated encodings chosen by hand from the Arm ARM
 *    (DDI 0487, C4.1 encoding index): both must refuse them.
 * Run from the repository root, or pass the list's path. */
#include <capstone/capstone.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/aarch64/a64.h"

static csh cs;
static int passed, failed;

static bool cs_decodes(uint32_t w, char *text, size_t n)
{
	uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
	cs_insn *insn;
	size_t k = cs_disasm(cs, b, 4, 0x1000, 1, &insn);
	if (k != 1) {
		snprintf(text, n, "(invalid)");
		return false;
	}
	snprintf(text, n, "%s %s", insn->mnemonic, insn->op_str);
	cs_free(insn, k);
	return true;
}

static void check(uint32_t w, bool want_ferry, int want_cs, const char *what, const char *where)
{
	char text[256];
	bool f = a64_decodes(w), c = cs_decodes(w, text, sizeof text);
	if (f == want_ferry && (want_cs < 0 || c == (bool)want_cs)) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: %08x (%s): ferry %s, capstone %s (\"%s\"); want ferry %s", where, w, what,
	       f ? "accepts" : "refuses", c ? "decodes" : "refuses", text, want_ferry ? "accepts" : "refuses");
	if (want_cs >= 0)
		printf(", capstone %s", want_cs ? "decodes" : "refuses");
	printf("\n");
}

/* The LSE atomics, by objdump's mnemonic: unknown to capstone 4. */
static bool capstone4_gap(const char *text)
{
	static const char *const ops[] = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};
	if (!strncmp(text, "cas", 3) || !strncmp(text, "swp", 3))
		return true;
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		size_t n = strlen(ops[k]);
		if ((text[0] == 'l' && text[1] == 'd' && !strncmp(text + 2, ops[k], n)) ||
		    (text[0] == 's' && text[1] == 't' && !strncmp(text + 2, ops[k], n)))
			return true;
	}
	return false;
}

static void from_list(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int n = 0;
	if (!f) {
		printf("FAIL cannot open %s\n", path);
		failed++;
		return;
	}
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		char *enc = strtok(line, "\t"), *verdict = strtok(NULL, "\t"), *text = strtok(NULL, "\t"),
		     *test = strtok(NULL, "\n");
		if (!enc || !verdict || !text || !test)
			continue;
		char where[96];
		snprintf(where, sizeof where, "%s:%d (%s)", path, ++n, test);
		bool accept = strcmp(verdict, "accept") == 0;
		check((uint32_t)strtoul(enc, NULL, 16), accept, accept && !capstone4_gap(text) ? 1 : -1, text, where);
	}
	fclose(f);
	printf("%d encodings from %s\n", n, path);
}

/* Reserved or unallocated: both decoders refuse. */
static const struct {
	uint32_t enc;
	const char *why;
} reserved[] = {
	{0x00000000, "op0 0000: reserved (UDF #0 has no other meaning)"},
	{0x12400000, "AND (immediate) W with N = 1"},
	{0x927ffc00, "AND (immediate) X with an all-ones element"},
	{0x8bc00000, "ADD (shifted register) with shift type ROR"},
	{0x0b008000, "ADD W (shifted register) with shift amount 32"},
	{0x8b20f400, "ADD (extended register) with shift 5"},
	{0x1a800c00, "CSEL with op2 = 11"},
	{0x93000000, "SBFM X with N = 0"},
	{0x13c00000, "EXTR W with N = 1"},
	{0x72c00000, "MOVK W with hw = 2"},
	{0x5ac00c00, "REV (64-bit opcode) with sf = 0"},
	{0x9ac01000, "data-processing 2 source opcode 000100 (IRG, MTE)"},
	{0xf9c00000, "LDR (unsigned offset) size 11, opc 11"},
	{0x7c800000, "STR (SIMD&FP) with size 01 and opc 10"},
	{0x0c400c00, "LD4 (multiple structures) of 1D lanes"},
	{0x0ee00400, "SHADD with size 11"},
	{0x1ea04000, "FMOV (register) with ftype 10"},
	{0x1e234000, "FP data-processing 1 source, opcode 000110"},
	{0x5e200c00, "control: SQADD (scalar) of bytes is allocated"},
};

int main(int argc, char **argv)
{
	if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &cs) != CS_ERR_OK) {
		printf("FAIL cs_open\n");
		return 1;
	}
	from_list(argc > 1 ? argv[1] : "tests/unit/a64_capstone_insns.txt");
	for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
		bool control = strstr(reserved[k].why, "control") != NULL;
		check(reserved[k].enc, control, control, reserved[k].why, "reserved list");
	}
	cs_close(&cs);
	printf("a64_capstone_test: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
