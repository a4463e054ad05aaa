/* The RISC-V64 frontend as the rest of ferry sees it. */
#include <elf.h>
#include <string.h>

#include "core/frontend.h"
#include "core/options.h"
#include "core/vcpu.h"
#include "frontends/riscv64/rv.h"

/* linux_abi.c */
extern const struct linux_abi riscv64_linux_abi;
/* gdb_target.c */
extern const struct gdb_target riscv64_gdb_target;

/* --cpu decides once which optional extensions exist (docs/usage.md). */
bool rv_ext_enabled(const char *ext)
{
	static int zba = -1, zbb = -1, zbs = -1;
	int *v = !strcmp(ext, "zba") ? &zba : !strcmp(ext, "zbb") ? &zbb : &zbs;
	if (*v < 0)
		*v = cpu_ext_enabled(ext);
	return *v;
}

/* Register numbering of gdb's riscv target: x0..x31, pc, f0..f31. */
enum { RV_REG_PC = 32, RV_REG_F0 = 33, RV_NREGS = 65 };

static const char *const reg_names[RV_NREGS] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
	"a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
	"s10", "s11", "t3", "t4", "t5", "t6", "pc",
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
	"fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5",
	"fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static uint64_t get_reg(const struct vcpu *cpu, unsigned i)
{
	if (i < RV_REG_PC)
		return cpu->slot[RV_X(i)];
	if (i == RV_REG_PC)
		return cpu->pc;
	return i < RV_NREGS ? cpu->slot[RV_F(i - RV_REG_F0)] : 0;
}

static void set_reg(struct vcpu *cpu, unsigned i, uint64_t v)
{
	if (i == 0 || i >= RV_NREGS) /* x0 stays zero */
		return;
	if (i < RV_REG_PC)
		cpu->slot[RV_X(i)] = v;
	else if (i == RV_REG_PC)
		cpu->pc = v;
	else
		cpu->slot[RV_F(i - RV_REG_F0)] = v;
}

static void cpu_init(struct vcpu *cpu)
{
	cpu->slot[RV_X(0)] = 0;
	cpu->slot[RV_FRM] = IRM_RNE;
	cpu->fp_rm = IRM_RNE;
}

const struct frontend frontend_riscv64 = {
	.name = "riscv64",
	.elf_machine = EM_RISCV,
	.elf_class = ELFCLASS64,
	.elf_data = ELFDATA2LSB,
	.triple = "riscv64-linux-gnu",
	.qemu_name = "riscv64",
	.va_bits = 38, /* Sv39: user space is the lower half of 2^39 */
	.max_insn_bytes = 4,
	.min_insn_bytes = 2,
	.cpu_init = cpu_init,
	.translate = rv_translate,
	.disasm = rv_disasm,
	.nregs = RV_NREGS,
	.reg_names = reg_names,
	.get_reg = get_reg,
	.set_reg = set_reg,
	.reg_sp = 2,
	.reg_ret = 10,
	.reg_link = 1,
	.linux = &riscv64_linux_abi,
	.gdb = &riscv64_gdb_target,
};
