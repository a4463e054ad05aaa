/* Disassembly for traces, from capstone (4.x names the arch CS_ARCH_ARM64). */
#include <capstone/capstone.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "frontends/aarch64/a64.h"

static csh handle;
static bool opened;
static pthread_once_t open_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void open_capstone(void) { opened = cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) == CS_ERR_OK; }

size_t a64_disasm(uint64_t pc, const uint8_t *code, size_t avail, char *buf, size_t bufsz)
{
	cs_insn *insn;
	size_t n, len = 0;
	if (avail < 4 || bufsz == 0)
		return 0;
	pthread_once(&open_once, open_capstone);
	if (!opened)
		return 0;
	/* capstone handles are not thread-safe */
	pthread_mutex_lock(&lock);
	n = cs_disasm(handle, code, 4, pc, 1, &insn);
	if (n == 1) {
		snprintf(buf, bufsz, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
		len = 4;
		cs_free(insn, n);
	}
	pthread_mutex_unlock(&lock);
	if (!len) {
		/* Capstone 4 predates the ARMv8.1 atomics: show what ferry runs
		 * as its encoding rather than as invalid. */
		uint32_t w = (uint32_t)code[0] | (uint32_t)code[1] << 8 | (uint32_t)code[2] << 16 | (uint32_t)code[3] << 24;
		if (a64_decodes(w)) {
			snprintf(buf, bufsz, ".inst 0x%08x", w);
			len = 4;
		}
	}
	return len;
}
