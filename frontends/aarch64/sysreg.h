/* The identification ferry's AArch64 CPU gives: MIDR, CTR, DCZID and the
 * ID registers the kernel exposes to EL0, consistent with the HWCAPs in
 * linux_abi.c.  One place, so MRS, /proc/cpuinfo and AT_HWCAP agree. */
#ifndef FERRY_A64_SYSREG_H
#define FERRY_A64_SYSREG_H

#include <stdint.h>

/* MIDR_EL1: implementer 0 ("reserved for software use", as qemu's "max"
 * CPU), architecture 0xf (ID registers), part 0x051, revision 0. */
#define A64_MIDR_EL1 0x000f0510ull

/* CTR_EL0: bit 31 RES1, CWG = ERG = DminLine = IminLine = 4 (64 bytes),
 * L1Ip = PIPT; IDC = DIC = 0, so code changes need DC CVAU + IC IVAU,
 * which is what tells ferry to drop its translations. */
#define A64_CTR_EL0 0x8444c004ull

/* DCZID_EL0: DC ZVA allowed (DZP = 0), block 2^BS words = 64 bytes. */
#define A64_DCZID_EL0 4ull
#define A64_DCZ_BYTES 64

/* ID_AA64*_EL1 and the rest of op0 = 3, op1 = 0, CRn = 0, CRm = 2..7, as
 * the kernel sanitises them for EL0 (hidden fields at their safe value). */
uint64_t a64_id_reg(unsigned crm, unsigned op2);

#endif
