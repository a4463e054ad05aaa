/* The RISC-V64 CPU as gdb sees it: the org.gnu.gdb.riscv.cpu and .fpu
 * features (gdb manual, "RISC-V Features").  Remote numbers follow gdb's
 * riscv numbering: x0..x31 = 0..31, pc = 32, f0..f31 = 33..64, and CSRs
 * from 65 on by CSR number, so fflags (0x001) = 66, frm = 67, fcsr = 68. */
#include <string.h>

#include "core/gdbstub.h"
#include "core/vcpu.h"
#include "frontends/riscv64/rv.h"

enum { R_PC = 32, R_F0 = 33, R_FFLAGS = 66, R_FRM = 67, R_FCSR = 68, R_N = 69 };

static const char xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target version=\"1.0\">\n"
	"<architecture>riscv:rv64</architecture>\n"
	"<osabi>GNU/Linux</osabi>\n"
	"<feature name=\"org.gnu.gdb.riscv.cpu\">\n"
	"<reg name=\"zero\" bitsize=\"64\" type=\"int\" regnum=\"0\"/>\n"
	"<reg name=\"ra\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"gp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"tp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"t0\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t1\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t2\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"fp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"s1\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a0\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a1\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a2\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a3\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a4\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a5\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a6\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"a7\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s2\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s3\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s4\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s5\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s6\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s7\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s8\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s9\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s10\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"s11\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t3\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t4\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t5\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"t6\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.riscv.fpu\">\n"
	/* A D register holds a double, or a NaN-boxed single. */
	"<union id=\"riscv_double\">\n"
	"<field name=\"float\" type=\"ieee_single\"/>\n"
	"<field name=\"double\" type=\"ieee_double\"/>\n"
	"</union>\n"
	"<reg name=\"ft0\" bitsize=\"64\" type=\"riscv_double\" regnum=\"33\"/>\n"
	"<reg name=\"ft1\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft2\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft3\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft4\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft5\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft6\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft7\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs0\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs1\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa0\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa1\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa2\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa3\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa4\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa5\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa6\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fa7\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs2\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs3\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs4\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs5\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs6\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs7\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs8\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs9\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs10\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fs11\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft8\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft9\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft10\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"ft11\" bitsize=\"64\" type=\"riscv_double\"/>\n"
	"<reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>\n"
	"<reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>\n"
	"<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\"/>\n"
	"</feature>\n"
	"</target>\n";

/* fcsr = frm << 5 | fflags (ISA manual vol. I, "Floating-Point Control and
 * Status Register").  fflags are cpu->fp_flags in the same bit order; the
 * stub folds the host's accrued flags in before it reads them. */
static uint32_t fflags(const struct vcpu *cpu) { return cpu->fp_flags & 0x1f; }
static uint32_t frm(const struct vcpu *cpu) { return (uint32_t)cpu->slot[RV_FRM] & 7; }

static size_t read_reg(const struct vcpu *cpu, unsigned n, uint8_t *buf)
{
	uint64_t v;
	uint32_t w;
	if (n < 32)
		v = n ? cpu->slot[RV_X(n)] : 0;
	else if (n == R_PC)
		v = cpu->pc;
	else if (n >= R_F0 && n < R_F0 + 32)
		v = cpu->slot[RV_F(n - R_F0)];
	else if (n >= R_FFLAGS && n <= R_FCSR) {
		w = n == R_FFLAGS ? fflags(cpu) : n == R_FRM ? frm(cpu) : frm(cpu) << 5 | fflags(cpu);
		memcpy(buf, &w, 4); /* the host is little-endian, as the guest */
		return 4;
	} else
		return 0;
	memcpy(buf, &v, 8);
	return 8;
}

static int write_reg(struct vcpu *cpu, unsigned n, const uint8_t *buf)
{
	uint64_t v;
	uint32_t w;
	memcpy(&v, buf, 8);
	memcpy(&w, buf, 4);
	if (n < 32) {
		if (n) /* x0 stays zero */
			cpu->slot[RV_X(n)] = v;
	} else if (n == R_PC) {
		cpu->pc = v;
	} else if (n >= R_F0 && n < R_F0 + 32) {
		cpu->slot[RV_F(n - R_F0)] = v;
	} else if (n == R_FFLAGS || n == R_FCSR) {
		cpu->fp_flags = w & 0x1f;
		if (n == R_FCSR)
			cpu->slot[RV_FRM] = cpu->fp_rm = (w >> 5) & 7;
	} else if (n == R_FRM) {
		cpu->slot[RV_FRM] = cpu->fp_rm = w & 7;
	} else {
		return -1;
	}
	return 0;
}

const struct gdb_target riscv64_gdb_target = {
	.xml = xml,
	.nregs = R_N,
	.read_reg = read_reg,
	.write_reg = write_reg,
};
