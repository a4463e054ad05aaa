/* The AArch64 frontend as the rest of ferry sees it. */
#include <elf.h>

#include "core/frontend.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

/* linux_abi.c */
extern const struct linux_abi aarch64_linux_abi;
/* gdb_target.c */
extern const struct gdb_target aarch64_gdb_target;

/* Register numbering of gdb's aarch64 target: x0..x30, sp, pc, cpsr. */
enum { A64_REG_SP = 31, A64_REG_PC = 32, A64_REG_CPSR = 33, A64_NREGS = 34 };

static const char *const reg_names[A64_NREGS] = {
	"x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10", "x11",
	"x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
	"x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  "pc",  "cpsr",
};

static uint64_t get_reg(const struct vcpu *cpu, unsigned i)
{
	if (i <= A64_REG_SP)
		return cpu->slot[i == A64_REG_SP ? A64_SP : A64_X(i)];
	if (i == A64_REG_PC)
		return cpu->pc;
	if (i == A64_REG_CPSR)
		return a64_nzcv(cpu);
	return 0;
}

static void set_reg(struct vcpu *cpu, unsigned i, uint64_t v)
{
	if (i <= A64_REG_SP) {
		cpu->slot[i == A64_REG_SP ? A64_SP : A64_X(i)] = v;
	} else if (i == A64_REG_PC) {
		cpu->pc = v;
	} else if (i == A64_REG_CPSR) {
		a64_set_nzcv(cpu, v);
	}
}

/* FPCR = 0: round to nearest, no flush-to-zero, NaNs propagate.  The zero
 * slots start (and stay) zero. */
static void cpu_init(struct vcpu *cpu)
{
	cpu->slot[A64_ZERO] = cpu->slot[A64_ZERO + 1] = 0;
	cpu->slot[A64_FPCR] = 0;
	cpu->fp_arm_mode = 0;
	cpu->slot[A64_FPSRX] = 0;
	a64_set_nzcv(cpu, 0);
	cpu->fp_rm = IRM_RNE;
}

const struct frontend frontend_aarch64 = {
	.name = "aarch64",
	.elf_machine = EM_AARCH64,
	.elf_class = ELFCLASS64,
	.elf_data = ELFDATA2LSB,
	.triple = "aarch64-linux-gnu",
	.qemu_name = "aarch64",
	/* Go's arm64 runtime puts its heap at 0xc000000000 (2^39 * 1.5). */
	.va_bits = 40,
	.max_insn_bytes = 4,
	.min_insn_bytes = 4,
	.cpu_init = cpu_init,
	.translate = a64_translate,
	.disasm = a64_disasm,
	.nregs = A64_NREGS,
	.reg_names = reg_names,
	.get_reg = get_reg,
	.set_reg = set_reg,
	.reg_sp = A64_REG_SP,
	.reg_ret = 0,
	.reg_link = 30,
	.linux = &aarch64_linux_abi,
	.gdb = &aarch64_gdb_target,
};
