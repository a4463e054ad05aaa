/* The one place that lists frontends, backends and guest OSes.  Adding a guest
 * CPU, an executor or an OS is one line here plus its folder. */
#include <string.h>

#include "backend.h"
#include "frontend.h"
#include "os.h"

extern const struct frontend frontend_riscv64;
extern const struct frontend frontend_aarch64;
extern const struct backend backend_interp;
extern const struct backend backend_interp_switch;
#if FERRY_HAVE_JIT
extern const struct backend backend_jit;
extern const struct backend backend_tiered;
#endif
extern const struct guest_os linux_os;

const struct frontend *const frontends[] = {
	&frontend_riscv64,
	&frontend_aarch64,
	NULL,
};

const struct backend *const backends[] = {
	&backend_interp,
	&backend_interp_switch,
#if FERRY_HAVE_JIT
	&backend_jit,
	&backend_tiered,
#endif
	NULL,
};

/* Probed in order; Linux claims everything, so it stays last. */
const struct guest_os *const guest_oses[] = {
	&linux_os,
	NULL,
};

const struct frontend *frontend_by_machine(unsigned machine, unsigned elf_class)
{
	for (int i = 0; frontends[i]; i++)
		if (frontends[i]->elf_machine == machine && frontends[i]->elf_class == elf_class)
			return frontends[i];
	return NULL;
}

const struct frontend *frontend_by_name(const char *name)
{
	for (int i = 0; frontends[i]; i++)
		if (!strcmp(frontends[i]->name, name))
			return frontends[i];
	return NULL;
}

/* The executor used without --backend: where the JIT is built (an x86-64
 * host, see the Makefile's HOST_ARCH), the interpreter tiered with it, else
 * the portable interpreter. */
const char *const default_backend_name =
#if FERRY_HAVE_JIT
	"tiered";
#else
	"interp";
#endif

const struct backend *backend_by_name(const char *name)
{
	for (int i = 0; backends[i]; i++)
		if (!strcmp(backends[i]->name, name))
			return backends[i];
	return NULL;
}

const struct guest_os *os_for_image(const struct elf_image *exe)
{
	for (int i = 0; guest_oses[i]; i++)
		if (guest_oses[i]->probe(exe))
			return guest_oses[i];
	return NULL;
}
