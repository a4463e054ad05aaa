/* RISC-V disassembler for traces and crash reports: RV64GC, Zba, Zbb, Zbs,
 * Zicsr, Zifencei, printed like `objdump -d -M no-aliases` ("addi
 * a0,a0,16", "c.li a0,1") except that branch targets are "0x..." addresses.
 * An encoding the ISA reserves, or that ferry's decoder would refuse, gives
 * 0.  Compressed forms are decoded here from the quadrant tables (vol. I,
 * ch. "C" Standard Extension), independently of rvc.c. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/rv.h"

const char *const rv_reg_names[64] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
	"fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static const char *xr(unsigned r) { return rv_reg_names[r & 31]; }
static const char *fr(unsigned r) { return rv_reg_names[32 + (r & 31)]; }

/* ---- 32-bit instructions ----
 * Operand letters:  d s t  rd rs1 rs2 (x)     D S T R  rd rs1 rs2 rs3 (f)
 *   i  I-immediate        o  I-immediate(rs1)    q  S-immediate(rs1)
 *   u  U-immediate, hex   b  branch target       j  jal target
 *   >  6-bit shamt, hex   <  5-bit shamt, hex    E  CSR    Z  CSR uimm
 *   P Q  fence predecessor / successor sets
 *   m  ",rm" unless dynamic        M  ",rm" unless dynamic or RNE (exact
 *      conversions, which assemblers encode with rm = 0)
 * Other characters are copied. */
struct rv_op {
	uint32_t mask, match;
	const char *name, *args;
};

#define R_MASK 0xfe00707fu   /* funct7, funct3, opcode */
#define I_MASK 0x0000707fu   /* funct3, opcode */
#define SH6_MASK 0xfc00707fu /* funct6, funct3, opcode */
#define UN_MASK 0xfff0707fu  /* funct7, rs2, funct3, opcode */
#define FR_MASK 0xfe00007fu  /* funct7, opcode: rm in funct3 */
#define FU_MASK 0xfff0007fu  /* funct7, rs2, opcode: rm in funct3 */

static const struct rv_op ops32[] = {
	/* RV64I (vol. I, ch. "RV32I", "RV64I") */
	{0x0000007f, 0x00000037, "lui", "d,u"},
	{0x0000007f, 0x00000017, "auipc", "d,u"},
	{0x0000007f, 0x0000006f, "jal", "d,j"},
	{I_MASK, 0x00000067, "jalr", "d,o"},
	{I_MASK, 0x00000063, "beq", "s,t,b"},
	{I_MASK, 0x00001063, "bne", "s,t,b"},
	{I_MASK, 0x00004063, "blt", "s,t,b"},
	{I_MASK, 0x00005063, "bge", "s,t,b"},
	{I_MASK, 0x00006063, "bltu", "s,t,b"},
	{I_MASK, 0x00007063, "bgeu", "s,t,b"},
	{I_MASK, 0x00000003, "lb", "d,o"},
	{I_MASK, 0x00001003, "lh", "d,o"},
	{I_MASK, 0x00002003, "lw", "d,o"},
	{I_MASK, 0x00003003, "ld", "d,o"},
	{I_MASK, 0x00004003, "lbu", "d,o"},
	{I_MASK, 0x00005003, "lhu", "d,o"},
	{I_MASK, 0x00006003, "lwu", "d,o"},
	{I_MASK, 0x00000023, "sb", "t,q"},
	{I_MASK, 0x00001023, "sh", "t,q"},
	{I_MASK, 0x00002023, "sw", "t,q"},
	{I_MASK, 0x00003023, "sd", "t,q"},
	{I_MASK, 0x00000013, "addi", "d,s,i"},
	{I_MASK, 0x00002013, "slti", "d,s,i"},
	{I_MASK, 0x00003013, "sltiu", "d,s,i"},
	{I_MASK, 0x00004013, "xori", "d,s,i"},
	{I_MASK, 0x00006013, "ori", "d,s,i"},
	{I_MASK, 0x00007013, "andi", "d,s,i"},
	{SH6_MASK, 0x00001013, "slli", "d,s,>"},
	{SH6_MASK, 0x00005013, "srli", "d,s,>"},
	{SH6_MASK, 0x40005013, "srai", "d,s,>"},
	{R_MASK, 0x00000033, "add", "d,s,t"},
	{R_MASK, 0x40000033, "sub", "d,s,t"},
	{R_MASK, 0x00001033, "sll", "d,s,t"},
	{R_MASK, 0x00002033, "slt", "d,s,t"},
	{R_MASK, 0x00003033, "sltu", "d,s,t"},
	{R_MASK, 0x00004033, "xor", "d,s,t"},
	{R_MASK, 0x00005033, "srl", "d,s,t"},
	{R_MASK, 0x40005033, "sra", "d,s,t"},
	{R_MASK, 0x00006033, "or", "d,s,t"},
	{R_MASK, 0x00007033, "and", "d,s,t"},
	{I_MASK, 0x0000001b, "addiw", "d,s,i"},
	{R_MASK, 0x0000101b, "slliw", "d,s,<"},
	{R_MASK, 0x0000501b, "srliw", "d,s,<"},
	{R_MASK, 0x4000501b, "sraiw", "d,s,<"},
	{R_MASK, 0x0000003b, "addw", "d,s,t"},
	{R_MASK, 0x4000003b, "subw", "d,s,t"},
	{R_MASK, 0x0000103b, "sllw", "d,s,t"},
	{R_MASK, 0x0000503b, "srlw", "d,s,t"},
	{R_MASK, 0x4000503b, "sraw", "d,s,t"},
	/* fence.tso is fm = 1000 with pred = succ = rw; other fm values are
	 * reserved and run as a plain fence, as do rs1/rd != 0 */
	{0xffffffff, 0x8330000f, "fence.tso", ""},
	{0xffffffff, 0x0100000f, "pause", ""}, /* Zihintpause: fence w,0 */
	{I_MASK, 0x0000000f, "fence", "P,Q"},
	{I_MASK, 0x0000100f, "fence.i", ""}, /* Zifencei: imm, rs1, rd ignored */
	{0xffffffff, 0x00000073, "ecall", ""},
	{0xffffffff, 0x00100073, "ebreak", ""},
	/* Zicsr */
	{I_MASK, 0x00001073, "csrrw", "d,E,s"},
	{I_MASK, 0x00002073, "csrrs", "d,E,s"},
	{I_MASK, 0x00003073, "csrrc", "d,E,s"},
	{I_MASK, 0x00005073, "csrrwi", "d,E,Z"},
	{I_MASK, 0x00006073, "csrrsi", "d,E,Z"},
	{I_MASK, 0x00007073, "csrrci", "d,E,Z"},
	/* M */
	{R_MASK, 0x02000033, "mul", "d,s,t"},
	{R_MASK, 0x02001033, "mulh", "d,s,t"},
	{R_MASK, 0x02002033, "mulhsu", "d,s,t"},
	{R_MASK, 0x02003033, "mulhu", "d,s,t"},
	{R_MASK, 0x02004033, "div", "d,s,t"},
	{R_MASK, 0x02005033, "divu", "d,s,t"},
	{R_MASK, 0x02006033, "rem", "d,s,t"},
	{R_MASK, 0x02007033, "remu", "d,s,t"},
	{R_MASK, 0x0200003b, "mulw", "d,s,t"},
	{R_MASK, 0x0200403b, "divw", "d,s,t"},
	{R_MASK, 0x0200503b, "divuw", "d,s,t"},
	{R_MASK, 0x0200603b, "remw", "d,s,t"},
	{R_MASK, 0x0200703b, "remuw", "d,s,t"},
	/* F and D */
	{I_MASK, 0x00002007, "flw", "D,o"},
	{I_MASK, 0x00003007, "fld", "D,o"},
	{I_MASK, 0x00002027, "fsw", "T,q"},
	{I_MASK, 0x00003027, "fsd", "T,q"},
	{0x0600007f, 0x00000043, "fmadd.s", "D,S,T,R,m"},
	{0x0600007f, 0x02000043, "fmadd.d", "D,S,T,R,m"},
	{0x0600007f, 0x00000047, "fmsub.s", "D,S,T,R,m"},
	{0x0600007f, 0x02000047, "fmsub.d", "D,S,T,R,m"},
	{0x0600007f, 0x0000004b, "fnmsub.s", "D,S,T,R,m"},
	{0x0600007f, 0x0200004b, "fnmsub.d", "D,S,T,R,m"},
	{0x0600007f, 0x0000004f, "fnmadd.s", "D,S,T,R,m"},
	{0x0600007f, 0x0200004f, "fnmadd.d", "D,S,T,R,m"},
	{FR_MASK, 0x00000053, "fadd.s", "D,S,T,m"},
	{FR_MASK, 0x02000053, "fadd.d", "D,S,T,m"},
	{FR_MASK, 0x08000053, "fsub.s", "D,S,T,m"},
	{FR_MASK, 0x0a000053, "fsub.d", "D,S,T,m"},
	{FR_MASK, 0x10000053, "fmul.s", "D,S,T,m"},
	{FR_MASK, 0x12000053, "fmul.d", "D,S,T,m"},
	{FR_MASK, 0x18000053, "fdiv.s", "D,S,T,m"},
	{FR_MASK, 0x1a000053, "fdiv.d", "D,S,T,m"},
	{FU_MASK, 0x58000053, "fsqrt.s", "D,S,m"},
	{FU_MASK, 0x5a000053, "fsqrt.d", "D,S,m"},
	{R_MASK, 0x20000053, "fsgnj.s", "D,S,T"},
	{R_MASK, 0x20001053, "fsgnjn.s", "D,S,T"},
	{R_MASK, 0x20002053, "fsgnjx.s", "D,S,T"},
	{R_MASK, 0x22000053, "fsgnj.d", "D,S,T"},
	{R_MASK, 0x22001053, "fsgnjn.d", "D,S,T"},
	{R_MASK, 0x22002053, "fsgnjx.d", "D,S,T"},
	{R_MASK, 0x28000053, "fmin.s", "D,S,T"},
	{R_MASK, 0x28001053, "fmax.s", "D,S,T"},
	{R_MASK, 0x2a000053, "fmin.d", "D,S,T"},
	{R_MASK, 0x2a001053, "fmax.d", "D,S,T"},
	{FU_MASK, 0x40100053, "fcvt.s.d", "D,S,m"},
	{FU_MASK, 0x42000053, "fcvt.d.s", "D,S,M"},
	{R_MASK, 0xa0002053, "feq.s", "d,S,T"},
	{R_MASK, 0xa0001053, "flt.s", "d,S,T"},
	{R_MASK, 0xa0000053, "fle.s", "d,S,T"},
	{R_MASK, 0xa2002053, "feq.d", "d,S,T"},
	{R_MASK, 0xa2001053, "flt.d", "d,S,T"},
	{R_MASK, 0xa2000053, "fle.d", "d,S,T"},
	{UN_MASK, 0xe0001053, "fclass.s", "d,S"},
	{UN_MASK, 0xe2001053, "fclass.d", "d,S"},
	{FU_MASK, 0xc0000053, "fcvt.w.s", "d,S,m"},
	{FU_MASK, 0xc0100053, "fcvt.wu.s", "d,S,m"},
	{FU_MASK, 0xc0200053, "fcvt.l.s", "d,S,m"},
	{FU_MASK, 0xc0300053, "fcvt.lu.s", "d,S,m"},
	{FU_MASK, 0xc2000053, "fcvt.w.d", "d,S,m"},
	{FU_MASK, 0xc2100053, "fcvt.wu.d", "d,S,m"},
	{FU_MASK, 0xc2200053, "fcvt.l.d", "d,S,m"},
	{FU_MASK, 0xc2300053, "fcvt.lu.d", "d,S,m"},
	{FU_MASK, 0xd0000053, "fcvt.s.w", "D,s,m"},
	{FU_MASK, 0xd0100053, "fcvt.s.wu", "D,s,m"},
	{FU_MASK, 0xd0200053, "fcvt.s.l", "D,s,m"},
	{FU_MASK, 0xd0300053, "fcvt.s.lu", "D,s,m"},
	{FU_MASK, 0xd2000053, "fcvt.d.w", "D,s,M"},
	{FU_MASK, 0xd2100053, "fcvt.d.wu", "D,s,M"},
	{FU_MASK, 0xd2200053, "fcvt.d.l", "D,s,m"},
	{FU_MASK, 0xd2300053, "fcvt.d.lu", "D,s,m"},
	{UN_MASK, 0xe0000053, "fmv.x.w", "d,S"},
	{UN_MASK, 0xe2000053, "fmv.x.d", "d,S"},
	{UN_MASK, 0xf0000053, "fmv.w.x", "D,s"},
	{UN_MASK, 0xf2000053, "fmv.d.x", "D,s"},
	/* Zba */
	{R_MASK, 0x20002033, "sh1add", "d,s,t"},
	{R_MASK, 0x20004033, "sh2add", "d,s,t"},
	{R_MASK, 0x20006033, "sh3add", "d,s,t"},
	{R_MASK, 0x0800003b, "add.uw", "d,s,t"},
	{R_MASK, 0x2000203b, "sh1add.uw", "d,s,t"},
	{R_MASK, 0x2000403b, "sh2add.uw", "d,s,t"},
	{R_MASK, 0x2000603b, "sh3add.uw", "d,s,t"},
	{SH6_MASK, 0x0800101b, "slli.uw", "d,s,>"},
	/* Zbb */
	{R_MASK, 0x40007033, "andn", "d,s,t"},
	{R_MASK, 0x40006033, "orn", "d,s,t"},
	{R_MASK, 0x40004033, "xnor", "d,s,t"},
	{UN_MASK, 0x60001013, "clz", "d,s"},
	{UN_MASK, 0x60101013, "ctz", "d,s"},
	{UN_MASK, 0x60201013, "cpop", "d,s"},
	{UN_MASK, 0x6000101b, "clzw", "d,s"},
	{UN_MASK, 0x6010101b, "ctzw", "d,s"},
	{UN_MASK, 0x6020101b, "cpopw", "d,s"},
	{R_MASK, 0x0a006033, "max", "d,s,t"},
	{R_MASK, 0x0a007033, "maxu", "d,s,t"},
	{R_MASK, 0x0a004033, "min", "d,s,t"},
	{R_MASK, 0x0a005033, "minu", "d,s,t"},
	{UN_MASK, 0x60401013, "sext.b", "d,s"},
	{UN_MASK, 0x60501013, "sext.h", "d,s"},
	{UN_MASK, 0x0800403b, "zext.h", "d,s"},
	{R_MASK, 0x60001033, "rol", "d,s,t"},
	{R_MASK, 0x60005033, "ror", "d,s,t"},
	{R_MASK, 0x6000103b, "rolw", "d,s,t"},
	{R_MASK, 0x6000503b, "rorw", "d,s,t"},
	{SH6_MASK, 0x60005013, "rori", "d,s,>"},
	{R_MASK, 0x6000501b, "roriw", "d,s,<"},
	{UN_MASK, 0x28705013, "orc.b", "d,s"},
	{UN_MASK, 0x6b805013, "rev8", "d,s"},
	/* Zbs */
	{R_MASK, 0x48001033, "bclr", "d,s,t"},
	{SH6_MASK, 0x48001013, "bclri", "d,s,>"},
	{R_MASK, 0x48005033, "bext", "d,s,t"},
	{SH6_MASK, 0x48005013, "bexti", "d,s,>"},
	{R_MASK, 0x68001033, "binv", "d,s,t"},
	{SH6_MASK, 0x68001013, "binvi", "d,s,>"},
	{R_MASK, 0x28001033, "bset", "d,s,t"},
	{SH6_MASK, 0x28001013, "bseti", "d,s,>"},
};

/* CSRs by number (vol. II, "CSR Listing"): the unprivileged ones a process
 * uses, and the common supervisor and machine ones for completeness. */
static const struct {
	uint16_t num;
	const char *name;
} csrs[] = {
	{0x001, "fflags"}, {0x002, "frm"}, {0x003, "fcsr"}, {0x008, "vstart"}, {0x009, "vxsat"}, {0x00a, "vxrm"},
	{0x00f, "vcsr"}, {0x015, "seed"}, {0xc00, "cycle"}, {0xc01, "time"}, {0xc02, "instret"},
	{0xc20, "vl"}, {0xc21, "vtype"}, {0xc22, "vlenb"},
	{0x100, "sstatus"}, {0x104, "sie"}, {0x105, "stvec"}, {0x106, "scounteren"},
	{0x140, "sscratch"}, {0x141, "sepc"}, {0x142, "scause"}, {0x143, "stval"}, {0x144, "sip"}, {0x180, "satp"},
	{0x300, "mstatus"}, {0x301, "misa"}, {0x302, "medeleg"}, {0x303, "mideleg"}, {0x304, "mie"}, {0x305, "mtvec"},
	{0x306, "mcounteren"}, {0x340, "mscratch"}, {0x341, "mepc"}, {0x342, "mcause"}, {0x343, "mtval"},
	{0x344, "mip"}, {0xf11, "mvendorid"}, {0xf12, "marchid"}, {0xf13, "mimpid"}, {0xf14, "mhartid"},
};

static const char *const rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn"};

/* A bounded string builder: output is cut at bufsz, never overrun. */
struct out {
	char *buf;
	size_t size, len;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->size ? o->len + (size_t)n : o->size - (o->size > 0);
}

static void fence_set(struct out *o, unsigned set)
{
	if (!set)
		put(o, "0");
	for (unsigned k = 0; k < 4; k++)
		if (set & (8 >> k))
			put(o, "%c", "iorw"[k]);
}

/* Prints op's operands; false if a field holds a reserved value. */
static bool operands32(struct out *o, const struct rv_op *op, uint32_t i, uint64_t pc)
{
	unsigned rm = rv_funct3(i);
	for (const char *a = op->args; *a; a++) {
		switch (*a) {
		case 'd': put(o, "%s", xr(rv_rd(i))); break;
		case 's': put(o, "%s", xr(rv_rs1(i))); break;
		case 't': put(o, "%s", xr(rv_rs2(i))); break;
		case 'D': put(o, "%s", fr(rv_rd(i))); break;
		case 'S': put(o, "%s", fr(rv_rs1(i))); break;
		case 'T': put(o, "%s", fr(rv_rs2(i))); break;
		case 'R': put(o, "%s", fr(rv_rs3(i))); break;
		case 'i': put(o, "%" PRId64, rv_imm_i(i)); break;
		case 'o': put(o, "%" PRId64 "(%s)", rv_imm_i(i), xr(rv_rs1(i))); break;
		case 'q': put(o, "%" PRId64 "(%s)", rv_imm_s(i), xr(rv_rs1(i))); break;
		case 'u': put(o, "0x%x", i >> 12); break;
		case 'b': put(o, "0x%" PRIx64, pc + (uint64_t)rv_imm_b(i)); break;
		case 'j': put(o, "0x%" PRIx64, pc + (uint64_t)rv_imm_j(i)); break;
		case '>': put(o, "0x%x", (i >> 20) & 63); break;
		case '<': put(o, "0x%x", (i >> 20) & 31); break;
		case 'Z': put(o, "%u", rv_rs1(i)); break;
		case 'P': fence_set(o, (i >> 24) & 15); break;
		case 'Q': fence_set(o, (i >> 20) & 15); break;
		case 'E': {
			unsigned n = i >> 20;
			const char *name = NULL;
			for (size_t k = 0; k < sizeof(csrs) / sizeof(csrs[0]); k++)
				if (csrs[k].num == n)
					name = csrs[k].name;
			if (name)
				put(o, "%s", name);
			else if (n >= 0xc03 && n <= 0xc1f)
				put(o, "hpmcounter%u", n - 0xc00);
			else
				put(o, "0x%x", n);
			break;
		}
		case 'm':
		case 'M':
			if (!rm_names[rm])
				return false;
			if (rm != 7 && !(*a == 'M' && rm == 0))
				put(o, "%s", rm_names[rm]);
			else if (o->len && o->buf[o->len - 1] == ',')
				o->buf[--o->len] = 0; /* drop the separator */
			break;
		default: put(o, "%c", *a); break;
		}
	}
	return true;
}

/* A: lr/sc/amo<op>.<w|d>[.aq|.rl|.aqrl] (vol. I, ch. "A" Standard Extension). */
static bool amo(struct out *o, uint32_t i)
{
	static const char *const names[32] = {
		[0x00] = "amoadd", [0x01] = "amoswap", [0x02] = "lr", [0x03] = "sc", [0x04] = "amoxor",
		[0x08] = "amoor", [0x0c] = "amoand", [0x10] = "amomin", [0x14] = "amomax", [0x18] = "amominu",
		[0x1c] = "amomaxu",
	};
	static const char *const order[4] = {"", ".rl", ".aq", ".aqrl"};
	unsigned f5 = i >> 27, w = rv_funct3(i);
	if (!names[f5] || (w != 2 && w != 3) || (f5 == 0x02 && rv_rs2(i) != 0))
		return false;
	put(o, "%s.%c%s ", names[f5], w == 2 ? 'w' : 'd', order[(i >> 25) & 3]);
	if (f5 == 0x02)
		put(o, "%s,(%s)", xr(rv_rd(i)), xr(rv_rs1(i)));
	else
		put(o, "%s,%s,(%s)", xr(rv_rd(i)), xr(rv_rs2(i)), xr(rv_rs1(i)));
	return true;
}

static bool disasm32(struct out *o, uint32_t i, uint64_t pc)
{
	if ((i & 0x7f) == 0x2f)
		return amo(o, i);
	for (size_t k = 0; k < sizeof(ops32) / sizeof(ops32[0]); k++) {
		const struct rv_op *op = &ops32[k];
		if ((i & op->mask) != op->match)
			continue;
		put(o, "%s%s", op->name, op->args[0] ? " " : "");
		return operands32(o, op, i, pc);
	}
	return false;
}

/* ---- compressed instructions (vol. I, "RVC Instruction Set Listings") ---- */

static unsigned bits(uint32_t v, unsigned hi, unsigned lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
static int64_t sext(uint64_t v, unsigned width) { return (int64_t)(v << (64 - width)) >> (64 - width); }

/* Registers x8..x15 in the 3-bit fields. */
static const char *xc(unsigned r) { return xr(8 + (r & 7)); }
static const char *fc(unsigned r) { return fr(8 + (r & 7)); }

/* Scaled unsigned offsets. */
static unsigned off_w(uint16_t h) { return bits(h, 12, 10) << 3 | bits(h, 6, 6) << 2 | bits(h, 5, 5) << 6; }
static unsigned off_d(uint16_t h) { return bits(h, 12, 10) << 3 | bits(h, 6, 5) << 6; }
static unsigned off_lwsp(uint16_t h) { return bits(h, 12, 12) << 5 | bits(h, 6, 4) << 2 | bits(h, 3, 2) << 6; }
static unsigned off_ldsp(uint16_t h) { return bits(h, 12, 12) << 5 | bits(h, 6, 5) << 3 | bits(h, 4, 2) << 6; }
static unsigned off_swsp(uint16_t h) { return bits(h, 12, 9) << 2 | bits(h, 8, 7) << 6; }
static unsigned off_sdsp(uint16_t h) { return bits(h, 12, 10) << 3 | bits(h, 9, 7) << 6; }
static int64_t imm6(uint16_t h) { return sext(bits(h, 12, 12) << 5 | bits(h, 6, 2), 6); }
static unsigned shamt6(uint16_t h) { return bits(h, 12, 12) << 5 | bits(h, 6, 2); }

static int64_t off_j(uint16_t h)
{
	return sext(bits(h, 12, 12) << 11 | bits(h, 11, 11) << 4 | bits(h, 10, 9) << 8 | bits(h, 8, 8) << 10 |
			    bits(h, 7, 7) << 6 | bits(h, 6, 6) << 7 | bits(h, 5, 3) << 1 | bits(h, 2, 2) << 5,
		    12);
}

static int64_t off_b(uint16_t h)
{
	return sext(bits(h, 12, 12) << 8 | bits(h, 11, 10) << 3 | bits(h, 6, 5) << 6 | bits(h, 4, 3) << 1 |
			    bits(h, 2, 2) << 5,
		    9);
}

static bool quadrant0(struct out *o, uint16_t h)
{
	unsigned rd = bits(h, 4, 2), rs1 = bits(h, 9, 7);
	switch (bits(h, 15, 13)) {
	case 0: {
		unsigned imm = bits(h, 12, 11) << 4 | bits(h, 10, 7) << 6 | bits(h, 6, 6) << 2 | bits(h, 5, 5) << 3;
		if (!imm) /* includes the all-zero illegal instruction */
			return false;
		put(o, "c.addi4spn %s,sp,%u", xc(rd), imm);
		return true;
	}
	case 1: put(o, "c.fld %s,%u(%s)", fc(rd), off_d(h), xc(rs1)); return true;
	case 2: put(o, "c.lw %s,%u(%s)", xc(rd), off_w(h), xc(rs1)); return true;
	case 3: put(o, "c.ld %s,%u(%s)", xc(rd), off_d(h), xc(rs1)); return true;
	case 5: put(o, "c.fsd %s,%u(%s)", fc(rd), off_d(h), xc(rs1)); return true;
	case 6: put(o, "c.sw %s,%u(%s)", xc(rd), off_w(h), xc(rs1)); return true;
	case 7: put(o, "c.sd %s,%u(%s)", xc(rd), off_d(h), xc(rs1)); return true;
	default: return false; /* 4: reserved (Zcb) */
	}
}

static bool quadrant1(struct out *o, uint16_t h, uint64_t pc)
{
	unsigned rd = bits(h, 11, 7), rdc = bits(h, 9, 7), rs2c = bits(h, 4, 2);
	switch (bits(h, 15, 13)) {
	case 0: put(o, "c.addi %s,%" PRId64, xr(rd), imm6(h)); return true; /* rd = 0: c.nop and hints */
	case 1:
		if (!rd)
			return false;
		put(o, "c.addiw %s,%" PRId64, xr(rd), imm6(h));
		return true;
	case 2: put(o, "c.li %s,%" PRId64, xr(rd), imm6(h)); return true;
	case 3:
		if (rd == 2) {
			int64_t imm = sext(bits(h, 12, 12) << 9 | bits(h, 6, 6) << 4 | bits(h, 5, 5) << 6 |
						   bits(h, 4, 3) << 7 | bits(h, 2, 2) << 5,
					   10);
			if (!imm)
				return false;
			put(o, "c.addi16sp sp,%" PRId64, imm);
			return true;
		}
		if (!imm6(h))
			return false;
		put(o, "c.lui %s,0x%x", xr(rd), (unsigned)imm6(h) & 0xfffff);
		return true;
	case 4:
		switch (bits(h, 11, 10)) {
		case 0:
		case 1: {
			const char *name = bits(h, 11, 10) ? "c.srai" : "c.srli";
			if (shamt6(h))
				put(o, "%s %s,0x%x", name, xc(rdc), shamt6(h));
			else /* a hint on RV64; objdump names it after RV128's form */
				put(o, "%s64 %s", name, xc(rdc));
			return true;
		}
		case 2: put(o, "c.andi %s,%" PRId64, xc(rdc), imm6(h)); return true;
		default: {
			static const char *const alu[8] = {"c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw", NULL, NULL};
			const char *name = alu[bits(h, 12, 12) << 2 | bits(h, 6, 5)];
			if (!name)
				return false;
			put(o, "%s %s,%s", name, xc(rdc), xc(rs2c));
			return true;
		}
		}
	case 5: put(o, "c.j 0x%" PRIx64, pc + (uint64_t)off_j(h)); return true;
	case 6: put(o, "c.beqz %s,0x%" PRIx64, xc(rdc), pc + (uint64_t)off_b(h)); return true;
	default: put(o, "c.bnez %s,0x%" PRIx64, xc(rdc), pc + (uint64_t)off_b(h)); return true;
	}
}

static bool quadrant2(struct out *o, uint16_t h)
{
	unsigned rd = bits(h, 11, 7), rs2 = bits(h, 6, 2);
	switch (bits(h, 15, 13)) {
	case 0:
		if (shamt6(h))
			put(o, "c.slli %s,0x%x", xr(rd), shamt6(h));
		else
			put(o, "c.slli64 %s", xr(rd));
		return true;
	case 1: put(o, "c.fldsp %s,%u(sp)", fr(rd), off_ldsp(h)); return true;
	case 2:
		if (!rd)
			return false;
		put(o, "c.lwsp %s,%u(sp)", xr(rd), off_lwsp(h));
		return true;
	case 3:
		if (!rd)
			return false;
		put(o, "c.ldsp %s,%u(sp)", xr(rd), off_ldsp(h));
		return true;
	case 4:
		if (!bits(h, 12, 12)) {
			if (rs2) {
				put(o, "c.mv %s,%s", xr(rd), xr(rs2));
				return true;
			}
			if (!rd)
				return false;
			put(o, "c.jr %s", xr(rd));
			return true;
		}
		if (rs2)
			put(o, "c.add %s,%s", xr(rd), xr(rs2));
		else if (rd)
			put(o, "c.jalr %s", xr(rd));
		else
			put(o, "c.ebreak");
		return true;
	case 5: put(o, "c.fsdsp %s,%u(sp)", fr(rs2), off_sdsp(h)); return true;
	case 6: put(o, "c.swsp %s,%u(sp)", xr(rs2), off_swsp(h)); return true;
	default: put(o, "c.sdsp %s,%u(sp)", xr(rs2), off_sdsp(h)); return true;
	}
}

size_t rv_disasm(uint64_t pc, const uint8_t *code, size_t avail, char *buf, size_t bufsz)
{
	struct out o = {buf, bufsz, 0};
	bool ok;
	size_t len;
	if (bufsz)
		buf[0] = 0;
	if (avail < 2)
		return 0;
	uint16_t h = (uint16_t)(code[0] | code[1] << 8);
	switch (h & 3) {
	case 0: ok = quadrant0(&o, h), len = 2; break;
	case 1: ok = quadrant1(&o, h, pc), len = 2; break;
	case 2: ok = quadrant2(&o, h), len = 2; break;
	default:
		/* low bits 11111: 48-bit and longer encodings, none defined */
		if (avail < 4 || (h & 0x1f) == 0x1f)
			return 0;
		ok = disasm32(&o, (uint32_t)h | (uint32_t)(code[2] | code[3] << 8) << 16, pc);
		len = 4;
		break;
	}
	if (!ok) {
		if (bufsz)
			buf[0] = 0;
		return 0;
	}
	return len;
}
