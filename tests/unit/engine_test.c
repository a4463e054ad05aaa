/* The engine as a library: map memory, load RISC-V machine code, run it until
 * a system call or a trap, and read the registers and the trap. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/backend.h"

#include "core/engine.h"
#include "core/vcpu.h"

static int passed, failed;

static void check(const char *what, unsigned long long got, unsigned long long want)
{
	if (got == want) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s: got %#llx, want %#llx\n", what, got, want);
	}
}

static int run_on(const char *backend)
{
	if (engine_init("riscv64", backend, 0) < 0) {
		printf("engine_init failed\n");
		return 1;
	}
	struct vcpu *cpu = engine_cpu_new();
	const uint64_t code = 0x10000, data = 0x20000;
	check("map code", (unsigned long long)engine_map(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC), code);
	check("map data", (unsigned long long)engine_map(data, 4096, PROT_READ | PROT_WRITE), data);
	static const uint32_t prog[] = {
		0x00500513, /* 0x00 li   a0, 5 */
		0x00700593, /* 0x04 li   a1, 7 */
		0x00b50633, /* 0x08 add  a2, a0, a1 */
		0x00000073, /* 0x0c ecall */
		0x000206b7, /* 0x10 lui  a3, 0x20 */
		0x00c6b023, /* 0x14 sd   a2, 0(a3) */
		0x0006b703, /* 0x18 ld   a4, 0(a3) */
		0x00003783, /* 0x1c ld   a5, 0(zero): SIGSEGV */
		0x00100073, /* 0x20 ebreak: SIGTRAP */
		0x00000000, /* 0x24 illegal: SIGILL */
	};
	check("load", (unsigned long long)engine_load(code, prog, sizeof(prog)), 0);

	check("exit at ecall", (unsigned long long)engine_run(cpu, code), VEXIT_SYSCALL);
	check("pc after ecall", cpu->pc, code + 0x10);
	check("a2 = 5 + 7", engine_get_reg(cpu, 12), 12);

	check("exit at fault", (unsigned long long)engine_run(cpu, cpu->pc), VEXIT_TRAP);
	check("fault pc", cpu->pc, code + 0x1c);
	check("fault signal", (unsigned long long)cpu->trap.signo, SIGSEGV);
	check("fault code", (unsigned long long)cpu->trap.code, SEGV_MAPERR);
	check("fault address", cpu->trap.addr, 0);
	check("stored and loaded", engine_get_reg(cpu, 14), 12);
	check("a5 untouched by the faulting load", engine_get_reg(cpu, 15), 0);

	check("exit at ebreak", (unsigned long long)engine_run(cpu, code + 0x20), VEXIT_TRAP);
	check("ebreak signal", (unsigned long long)cpu->trap.signo, SIGTRAP);
	check("ebreak pc", cpu->pc, code + 0x20);

	check("exit at illegal", (unsigned long long)engine_run(cpu, code + 0x24), VEXIT_TRAP);
	check("illegal signal", (unsigned long long)cpu->trap.signo, SIGILL);
	check("illegal pc", cpu->pc, code + 0x24);

	printf("engine_test [%s]: %d passed, %d failed\n", backend, passed, failed);
	return failed != 0;
}

/* Every backend, each in its own process (the engine is one per process). */
int main(void)
{
	int bad = 0;
	for (int i = 0; backends[i]; i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			int r = run_on(backends[i]->name);
			fflush(stdout);
			_exit(r);
		}
		int st;
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("FAIL backend %s\n", backends[i]->name);
			bad = 1;
		}
	}
	return bad;
}
