/* The engine as a library (see engine.h). */
#include "engine.h"

#include <errno.h>
#include <sys/mman.h>

#include "backend.h"
#include "fpu.h"
#include "frontend.h"
#include "mem.h"
#include "process.h"
#include "run.h"
#include "tcache.h"

int engine_init(const char *arch, const char *backend, uint64_t window)
{
	proc.fe = frontend_by_name(arch);
	proc.be = backend_by_name(backend ? backend : default_backend_name);
	if (!proc.fe || !proc.be)
		return -EINVAL;
	int r = mem_init(window ? window : 1ULL << proc.fe->va_bits, 0);
	if (r < 0)
		return r;
	tcache_init(16 << 20);
	fault_init();
	return 0;
}

/* The calling thread runs the vcpu: its FP environment is the guest's. */
struct vcpu *engine_cpu_new(void)
{
	struct vcpu *cpu = vcpu_new(proc.fe);

	fpu_thread_init(cpu);
	return cpu;
}

int64_t engine_map(uint64_t addr, uint64_t len, int prot)
{
	return mem_mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | (addr ? MAP_FIXED : 0), -1, 0);
}

int engine_load(uint64_t addr, const void *bytes, size_t n) { return mem_write(addr, bytes, n); }

int engine_run(struct vcpu *cpu, uint64_t pc)
{
	cpu->pc = pc;
	for (;;) {
		int r = run_until_exit(cpu);
		if (r != VEXIT_INTERRUPT)
			return r;
	}
}

uint64_t engine_get_reg(const struct vcpu *cpu, unsigned i) { return cpu->fe->get_reg(cpu, i); }
void engine_set_reg(struct vcpu *cpu, unsigned i, uint64_t v) { cpu->fe->set_reg(cpu, i, v); }
