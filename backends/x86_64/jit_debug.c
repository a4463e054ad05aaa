/* Debugging aids, off unless asked for in the environment:
 *   FERRY_JIT_PERFMAP=1   writes /tmp/perf-<pid>.map, so `perf report`
 *                         names generated code by guest block pc;
 *   FERRY_JIT_DUMP=<dir>  writes each block's code to <dir>/<pc>.bin
 *                         (objdump -D -b binary -mi386:x86-64 <file>). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "backends/x86_64/jit.h"
#include "core/tcache.h"

void jit_debug_block(const struct tblock *tb, const uint8_t *code, size_t len)
{
	static int init;
	static FILE *map;
	static const char *dump;
	if (!init) {
		init = 1;
		const char *p = getenv("FERRY_JIT_PERFMAP");
		if (p && *p && *p != '0') {
			char name[64];
			snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
			map = fopen(name, "w");
		}
		dump = getenv("FERRY_JIT_DUMP");
	}
	if (map) {
		fprintf(map, "%" PRIxPTR " %zx guest_%" PRIx64 "\n", (uintptr_t)code, len, tb->pc);
		fflush(map);
	}
	if (dump && *dump) {
		char name[4096];
		snprintf(name, sizeof(name), "%s/%" PRIx64 ".bin", dump, tb->pc);
		FILE *f = fopen(name, "wb");
		if (f) {
			fwrite(code, 1, len, f);
			fclose(f);
		}
	}
}
