/* Creating guest CPUs. */
#include "vcpu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "log.h"
#include "mem.h"
#include "tcache.h"

struct vcpu *all_cpus;
pthread_mutex_t all_cpus_lock = PTHREAD_MUTEX_INITIALIZER;

struct vcpu *vcpu_new(const struct frontend *fe)
{
	struct vcpu *cpu = calloc(1, sizeof(*cpu));
	struct tcache_jmp *jc = calloc(1, sizeof(*jc));
	if (!cpu || !jc)
		ferry_fatal("out of memory");
	cpu->fe = fe;
	cpu->mem_base = mem.base;
	cpu->mem_limit = mem.size;
	cpu->jmp_cache = jc;
	cpu->chain_slot = -1;
	fe->cpu_init(cpu);
	/* The host FP environment is left alone: it belongs to the calling
	 * thread, which is not the one that runs this vcpu after a clone.  The
	 * running thread sets it up with fpu_thread_init(). */
	pthread_mutex_lock(&all_cpus_lock);
	cpu->next_cpu = all_cpus;
	all_cpus = cpu;
	pthread_mutex_unlock(&all_cpus_lock);
	return cpu;
}

void vcpu_free(struct vcpu *cpu)
{
	pthread_mutex_lock(&all_cpus_lock);
	for (struct vcpu **p = &all_cpus; *p; p = &(*p)->next_cpu)
		if (*p == cpu) {
			*p = cpu->next_cpu;
			break;
		}
	pthread_mutex_unlock(&all_cpus_lock);
	free(cpu->jmp_cache);
	free(cpu);
}

/* After fork only the calling thread exists in the child: the others' CPUs
 * must not be waited for (exclusive sections) or signalled. */
void vcpu_forget_others(struct vcpu *keep)
{
	pthread_mutex_init(&all_cpus_lock, NULL);
	all_cpus = keep;
	keep->next_cpu = NULL;
}
