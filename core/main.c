/* ferry: a thin command over the engine. */
#include <bsd/string.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/backend.h"
#include "core/fpu.h"
#include "core/frontend.h"
#include "core/gdbstub.h"
#include "core/insn_trace.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/os.h"
#include "core/process.h"
#include "core/profile.h"
#include "core/run.h"
#include "core/tcache.h"
#include "core/vcpu.h"
#include "loader/binfmt.h"
#include "loader/loader.h"

extern char **environ;

/* The guest's environment: ours, with -U removed and -E added. */
static char **guest_env(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + (size_t)opt.n_env_set + 1, sizeof(*env));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool drop = false;
		size_t eq = strcspn(environ[i], "=");
		for (int u = 0; u < opt.n_env_unset && !drop; u++)
			drop = strlen(opt.env_unset[u]) == eq && !strncmp(environ[i], opt.env_unset[u], eq);
		for (int s = 0; s < opt.n_env_set && !drop; s++)
			drop = !strncmp(environ[i], opt.env_set[s], eq + 1);
		if (!drop)
			env[k++] = environ[i];
	}
	for (int s = 0; s < opt.n_env_set; s++)
		env[k++] = (char *)opt.env_set[s];
	env[k] = NULL;
	return env;
}

int main(int argc, char **argv)
{
	struct binfmt_start bs = { .execfd = -1 };
	const char *path, *shown; /* the file to load; its name for messages and AT_EXECFN */
	int first;

	if (binfmt_started(argc, argv, &bs)) {
		/* The kernel's argv carries no ferry options: the variables do. */
		options_parse_env();
		first = bs.first;
		path = bs.program;
		shown = bs.execfn;
	} else {
		first = options_parse(argc, argv);
		if (opt.binfmt_action)
			return binfmt_command(opt.binfmt_action, argc - first, argv + first);
		path = shown = argv[first];
	}
	log_open();

	struct elf_image img;
	char err[256];
	if (elf_image_open(path, &img, err, sizeof(err)) < 0)
		ferry_fatal("%s: %s", shown, err);
	proc.fe = frontend_by_machine(img.ehdr.e_machine, img.ehdr.e_ident[EI_CLASS]);
	if (!proc.fe) {
		char names[128] = "";
		for (int k = 0; frontends[k]; k++)
			strlcat(names, k ? ", " : "", sizeof(names)), strlcat(names, frontends[k]->name, sizeof(names));
		ferry_fatal("%s: unsupported machine (ELF e_machine %u, %d-bit); ferry runs: %s", shown,
			    img.ehdr.e_machine, img.ehdr.e_ident[EI_CLASS] == ELFCLASS32 ? 32 : 64, names);
	}
	proc.os = os_for_image(&img);
	elf_image_close(&img);
	if (!proc.os)
		ferry_fatal("%s: no supported guest operating system claims this program", shown);
	proc.be = backend_by_name(opt.backend ? opt.backend : default_backend_name);
	if (!proc.be)
		ferry_fatal("unknown backend '%s' (see ferry --list-backends)", opt.backend);

	uint64_t window = opt.reserve ? opt.reserve : 1ULL << proc.fe->va_bits;
	int r = mem_init(window, opt.guest_base);
	if (r < 0)
		ferry_fatal("cannot reserve %llu MiB of address space for the guest%s: %s (try -R SIZE or -B ADDRESS)",
			    (unsigned long long)(window >> 20), opt.guest_base ? " at the -B address" : "",
			    strerror(-r));
	tcache_init(opt.tcache_size ? opt.tcache_size : 64ULL << 20);
	fault_init();

	proc.argc = argc - first;
	proc.argv = argv + first;
	if (opt.argv0)
		proc.argv[0] = (char *)opt.argv0;
	proc.envp = guest_env();

	struct load_info li;
	loader_load(path, &li);
	li.execfn = shown;
	/* binfmt_misc's O: the program is mapped now, and a native process
	 * would not have this descriptor. */
	if (bs.execfd >= 0)
		close(bs.execfd);
	if (opt.have_exec_fd)
		close(opt.exec_fd);
	struct vcpu *cpu = vcpu_new(proc.fe);
	fpu_thread_init(cpu);
	cpu->tid = (int)gettid();
	if (proc.os->boot(cpu, &li) < 0)
		ferry_fatal("%s: cannot set up the initial process", shown);
	if (trace_on(TRACE_INSN))
		insn_trace_start();
	if (opt.profile)
		profile_start();
	/* Last: gdb sees the process at its entry point, ready to run. */
	if (opt.gdb)
		gdb_start(opt.gdb_port, cpu);
	run_loop(cpu);
}
