/* O_* flags between the guest and the host.  Most arches use asm-generic's
 * values, which are x86-64's; an arch whose uapi asm/fcntl.h moves some bits
 * (arm64) lists them in its linux_abi.open_flags.  The listed bits are a
 * permutation of each other, so all are cleared before any is set. */
#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/vcpu.h"

int linux_open_flags_in(const struct vcpu *cpu, int flags)
{
	const struct linux_flag_map *map = cpu->fe->linux->open_flags;
	int out = flags;

	if (!map)
		return flags;
	for (const struct linux_flag_map *m = map; m->guest | m->host; m++)
		out &= ~m->guest;
	for (const struct linux_flag_map *m = map; m->guest | m->host; m++)
		if (flags & m->guest)
			out |= m->host;
	return out;
}

int linux_open_flags_out(const struct vcpu *cpu, int flags)
{
	const struct linux_flag_map *map = cpu->fe->linux->open_flags;
	int out = flags;

	if (!map)
		return flags;
	for (const struct linux_flag_map *m = map; m->guest | m->host; m++)
		out &= ~m->host;
	for (const struct linux_flag_map *m = map; m->guest | m->host; m++)
		if (flags & m->host)
			out |= m->guest;
	return out;
}
