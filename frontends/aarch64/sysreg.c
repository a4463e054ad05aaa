/* Values of the ID registers an EL0 MRS sees (see sysreg.h). */
#include "frontends/aarch64/sysreg.h"

uint64_t a64_id_reg(unsigned crm, unsigned op2)
{
	switch (crm << 3 | op2) {
	case 4 << 3 | 0: /* ID_AA64PFR0_EL1: EL0, EL1 AArch64 only; FP and AdvSIMD (0 = implemented, no FP16) */
		return 0x11;
	case 6 << 3 | 0: /* ID_AA64ISAR0_EL1: Atomic = 2 (LSE), CRC32 = 1 */
		return 2ull << 20 | 1ull << 16;
	default: /* nothing else visible is implemented */
		return 0;
	}
}
