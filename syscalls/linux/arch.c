/* What differs between the arches that share the generic syscall ABI and
 * struct linux_abi does not say (yet): the thread pointer register, the
 * sa_restorer field, and arm64's own O_* bits.  Keyed by uname machine. */
#include <fcntl.h>
#include <string.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/vcpu.h"
#include "frontends/aarch64/a64.h"
#include "frontends/riscv64/rv.h"

static const struct linux_arch arches[] = {
	/* riscv64: tp is x4 (psABI); no SA_RESTORER; asm-generic/fcntl.h */
	{ "riscv64", RV_X(4), false, false, &linux_sigframe_riscv64 },
	/* aarch64: TPIDR_EL0; arch/arm64/include/uapi/asm/signal.h defines
	 * SA_RESTORER; arch/arm64/include/uapi/asm/fcntl.h moves four O_ bits */
	{ "aarch64", A64_TPIDR, true, true, &linux_sigframe_aarch64 },
};

static const struct linux_arch unknown = { "", -1, false, false, NULL };

const struct linux_arch *linux_arch(const struct vcpu *cpu)
{
	const char *m = cpu->fe->linux->uname_machine;

	for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++)
		if (strcmp(arches[i].machine, m) == 0)
			return &arches[i];
	return &unknown;
}

/* arm64 (guest) and asm-generic (x86-64 host) places of the four bits. */
static const struct {
	int arm, host;
} arm_bits[] = {
	{ 040000, O_DIRECTORY }, /* 0200000 generic */
	{ 0100000, O_NOFOLLOW }, /* 0400000 */
	{ 0200000, O_DIRECT },   /* 040000 */
	{ 0400000, 0100000 },    /* O_LARGEFILE; glibc's x86-64 O_LARGEFILE is 0 */
};

int linux_open_flags_in(const struct vcpu *cpu, int flags)
{
	int out;

	if (!linux_arch(cpu)->arm_open_flags)
		return flags;
	out = flags;
	for (size_t i = 0; i < sizeof arm_bits / sizeof arm_bits[0]; i++)
		out &= ~arm_bits[i].arm;
	for (size_t i = 0; i < sizeof arm_bits / sizeof arm_bits[0]; i++)
		if (flags & arm_bits[i].arm)
			out |= arm_bits[i].host;
	return out;
}

int linux_open_flags_out(const struct vcpu *cpu, int flags)
{
	int out;

	if (!linux_arch(cpu)->arm_open_flags)
		return flags;
	out = flags;
	for (size_t i = 0; i < sizeof arm_bits / sizeof arm_bits[0]; i++)
		out &= ~arm_bits[i].host;
	for (size_t i = 0; i < sizeof arm_bits / sizeof arm_bits[0]; i++)
		if (flags & arm_bits[i].host)
			out |= arm_bits[i].arm;
	return out;
}
