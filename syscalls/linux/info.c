/* System information: uname, sysinfo, getrandom, getcpu. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "syscalls/linux/sys.h"
#include "core/frontend.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/vcpu.h"

/* struct new_utsname is six char[65] everywhere; struct sysinfo is the
 * same on all 64-bit arches (include/uapi/linux/sysinfo.h). */
_Static_assert(sizeof(struct utsname) == 6 * 65, "struct new_utsname");
_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo");

static int64_t sys_uname(struct vcpu *cpu, const uint64_t *a)
{
	struct utsname u;

	if (uname(&u) < 0)
		return -errno;
	strncpy(u.machine, cpu->fe->linux->uname_machine, sizeof u.machine - 1);
	u.machine[sizeof u.machine - 1] = 0;
	if (opt.uname_release) {
		strncpy(u.release, opt.uname_release, sizeof u.release - 1);
		u.release[sizeof u.release - 1] = 0;
	}
	return mem_write(a[0], &u, sizeof u);
}

static int64_t sys_sysinfo(struct vcpu *cpu, const uint64_t *a)
{
	void *info = guest_buf(a[0], sizeof(struct sysinfo), PROT_WRITE);

	if (!info)
		return -EFAULT;
	return host_ret(syscall(SYS_sysinfo, info));
}

/* splitmix64 (Steele, Lea, Flood 2014): a seeded, repeatable stream for
 * --seed, so runs that read getrandom() are reproducible. */
static pthread_mutex_t seeded_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t seeded_next(void)
{
	static uint64_t state;
	static int started;
	uint64_t z;

	pthread_mutex_lock(&seeded_lock);
	if (!started) {
		state = opt.seed ^ 0x67657472616e646fULL; /* apart from other users of the seed */
		started = 1;
	}
	z = (state += 0x9e3779b97f4a7c15ULL);
	pthread_mutex_unlock(&seeded_lock);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int64_t sys_getrandom(struct vcpu *cpu, const uint64_t *a)
{
	uint8_t *buf = guest_buf(a[0], a[1], PROT_WRITE);
	size_t len = (size_t)a[1];

	if (!buf)
		return -EFAULT;
	if (a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (!opt.have_seed)
		return host_ret(syscall(SYS_getrandom, buf, len, (unsigned)a[2]));
	if (len > 33554431) /* the kernel returns at most this much per call */
		len = 33554431;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t r = seeded_next();
		memcpy(buf + i, &r, len - i < 8 ? len - i : 8);
	}
	return (int64_t)len;
}

static int64_t sys_getcpu(struct vcpu *cpu, const uint64_t *a)
{
	void *c = NULL, *node = NULL;

	if (a[0] && !(c = guest_buf(a[0], sizeof(unsigned), PROT_WRITE)))
		return -EFAULT;
	if (a[1] && !(node = guest_buf(a[1], sizeof(unsigned), PROT_WRITE)))
		return -EFAULT;
	return host_ret(syscall(SYS_getcpu, c, node, NULL));
}

static int64_t sys_sethostname(struct vcpu *cpu, const uint64_t *a)
{
	const void *name = guest_buf(a[0], (unsigned)a[1], PROT_READ);

	if ((int)a[1] < 0)
		return -EINVAL;
	if (!name)
		return -EFAULT;
	return host_ret(syscall(SYS_sethostname, name, (size_t)(unsigned)a[1]));
}

static int64_t sys_setdomainname(struct vcpu *cpu, const uint64_t *a)
{
	const void *name = guest_buf(a[0], (unsigned)a[1], PROT_READ);

	if ((int)a[1] < 0)
		return -EINVAL;
	if (!name)
		return -EFAULT;
	return host_ret(syscall(SYS_setdomainname, name, (size_t)(unsigned)a[1]));
}

const struct linux_sys_impl linux_info_impls[] = {
	SYS_IMPL(uname),       SYS_IMPL(sysinfo),	SYS_IMPL(getrandom), SYS_IMPL(getcpu),
	SYS_IMPL(sethostname), SYS_IMPL(setdomainname), { 0, NULL },
};
