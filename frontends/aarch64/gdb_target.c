/* The AArch64 CPU as gdb sees it: the org.gnu.gdb.aarch64.core and .fpu
 * features (gdb manual, "AArch64 Features").  Remote numbers: x0..x30 =
 * 0..30, sp = 31, pc = 32, cpsr = 33 (32 bits), v0..v31 = 34..65 (128
 * bits), fpsr = 66, fpcr = 67 (32 bits).
 *
 * The frontend's cpu.c points its .gdb at aarch64_gdb_target. */
#include <string.h>

#include "core/fpu.h"
#include "core/gdbstub.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"

enum { R_SP = 31, R_PC = 32, R_CPSR = 33, R_V0 = 34, R_FPSR = 66, R_FPCR = 67, R_N = 68 };

static const char xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target version=\"1.0\">\n"
	"<architecture>aarch64</architecture>\n"
	"<osabi>GNU/Linux</osabi>\n"
	"<feature name=\"org.gnu.gdb.aarch64.core\">\n"
	"<flags id=\"cpsr_flags\" size=\"4\">\n"
	"<field name=\"V\" start=\"28\" end=\"28\"/>\n"
	"<field name=\"C\" start=\"29\" end=\"29\"/>\n"
	"<field name=\"Z\" start=\"30\" end=\"30\"/>\n"
	"<field name=\"N\" start=\"31\" end=\"31\"/>\n"
	"</flags>\n"
	"<reg name=\"x0\" bitsize=\"64\" type=\"int\" regnum=\"0\"/>\n"
	"<reg name=\"x1\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x2\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x3\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x4\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x5\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x6\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x7\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x8\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x9\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x10\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x11\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x12\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x13\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x14\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x15\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x16\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x17\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x18\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x19\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x20\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x21\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x22\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x23\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x24\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x25\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x26\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x27\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x28\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x29\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"x30\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"<reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
	/* A V register viewed as each lane shape (as gdb's own description). */
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
	"<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
	"<vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
	"<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
	"<vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n"
	"<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
	"<vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n"
	"<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
	"<vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n"
	"<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n"
	"<vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n"
	"<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/>"
	"<field name=\"s\" type=\"v2i\"/></union>\n"
	"<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/>"
	"<field name=\"s\" type=\"v4i\"/></union>\n"
	"<union id=\"vnh\"><field name=\"u\" type=\"v8u\"/><field name=\"s\" type=\"v8i\"/></union>\n"
	"<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/></union>\n"
	"<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/></union>\n"
	"<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/>"
	"<field name=\"h\" type=\"vnh\"/><field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>\n"
	"<reg name=\"v0\" bitsize=\"128\" type=\"aarch64v\" regnum=\"34\"/>\n"
	"<reg name=\"v1\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v2\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v3\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v4\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v5\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v6\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v7\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v8\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v9\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v10\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v11\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v12\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v13\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v14\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v15\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v16\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v17\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v18\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v19\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v20\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v21\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v22\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v23\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v24\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v25\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v26\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v27\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v28\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v29\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v30\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"fpsr\" bitsize=\"32\" type=\"int\"/>\n"
	"<reg name=\"fpcr\" bitsize=\"32\" type=\"int\"/>\n"
	"</feature>\n"
	"</target>\n";

/* FPSR's cumulative flags IOC, DZC, OFC, UFC, IXC (bits 0..4) are the IR's
 * NV, DZ, OF, UF, NX (bits 4..0) in cpu->fp_flags (fp_env.c); QC and IDC
 * live in A64_FPSRX in place.  The stub folds the host's accrued flags
 * into fp_flags before it reads them. */
#define FPSR_KEPT (1u << 27 | 1u << 7)

static uint32_t reverse5(uint32_t v)
{
	uint32_t r = 0;
	for (int k = 0; k < 5; k++)
		r |= ((v >> k) & 1) << (4 - k);
	return r;
}

/* FPCR.RMode (bits 23:22): RN, RP, RM, RZ as the IR's rounding modes. */
static const uint32_t rmode_to_irm[4] = {IRM_RNE, IRM_RUP, IRM_RDN, IRM_RTZ};

static size_t read_reg(const struct vcpu *cpu, unsigned n, uint8_t *buf)
{
	uint64_t v[2];
	uint32_t w;
	if (n < 31) {
		v[0] = cpu->slot[A64_X(n)];
	} else if (n == R_SP) {
		v[0] = cpu->slot[A64_SP];
	} else if (n == R_PC) {
		v[0] = cpu->pc;
	} else if (n >= R_V0 && n < R_V0 + 32) {
		v[0] = cpu->slot[A64_V(n - R_V0)];
		v[1] = cpu->slot[A64_V(n - R_V0) + 1];
		memcpy(buf, v, 16);
		return 16;
	} else if (n == R_CPSR || n == R_FPSR || n == R_FPCR) {
		if (n == R_CPSR)
			w = (uint32_t)a64_nzcv(cpu);
		else if (n == R_FPSR)
			w = reverse5(cpu->fp_flags & 0x1f) | ((uint32_t)cpu->slot[A64_FPSRX] & FPSR_KEPT) |
			    (cpu->fp_arm_mode & FPU_ARM_IDC ? 1u << 7 : 0);
		else
			w = (uint32_t)cpu->slot[A64_FPCR];
		memcpy(buf, &w, 4); /* the host is little-endian, as the guest */
		return 4;
	} else {
		return 0;
	}
	memcpy(buf, v, 8);
	return 8;
}

static int write_reg(struct vcpu *cpu, unsigned n, const uint8_t *buf)
{
	uint64_t v[2];
	uint32_t w;
	memcpy(v, buf, 16);
	memcpy(&w, buf, 4);
	if (n < 31) {
		cpu->slot[A64_X(n)] = v[0];
	} else if (n == R_SP) {
		cpu->slot[A64_SP] = v[0];
	} else if (n == R_PC) {
		cpu->pc = v[0];
	} else if (n >= R_V0 && n < R_V0 + 32) {
		cpu->slot[A64_V(n - R_V0)] = v[0];
		cpu->slot[A64_V(n - R_V0) + 1] = v[1];
	} else if (n == R_CPSR) {
		a64_set_nzcv(cpu, w);
	} else if (n == R_FPSR) {
		cpu->fp_flags = reverse5(w & 0x1f);
		cpu->slot[A64_FPSRX] = w & FPSR_KEPT;
		cpu->fp_arm_mode &= ~FPU_ARM_IDC;
	} else if (n == R_FPCR) {
		cpu->slot[A64_FPCR] = w & A64_FPCR_MASK;
		cpu->fp_rm = rmode_to_irm[(w >> A64_FPCR_RMODE_SHIFT) & 3];
		a64_fpcr_mode(cpu, w);
	} else {
		return -1;
	}
	return 0;
}

const struct gdb_target aarch64_gdb_target = {
	.xml = xml,
	.nregs = R_N,
	.read_reg = read_reg,
	.write_reg = write_reg,
};
