/* /proc/self/stat (proc(5)) describes the guest: its code and data bounds
 * hold main and an initialised global, the stack start lies just above a
 * local of main, the argument and environment bounds hold argv[0] and
 * environ[0], start_brk is at or below the break; and the host's own
 * facts about the process come through: the state of a running task, CPU
 * time after a busy loop, page faults, a start time since boot. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
int initialised_global = 42;

static char buf[4096];
static char *field[64];

static int read_stat(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n;
	int k = 3;
	char *p;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	/* the fields after the command name, which may hold spaces */
	if (!(p = strrchr(buf, ')')))
		return -1;
	for (p = strtok(p + 1, " \n"); p && k < 64; p = strtok(NULL, " \n"))
		field[k++] = p;
	return k - 1;
}

static unsigned long long num(int k)
{
	return strtoull(field[k], NULL, 10);
}

static const char *yes(int c)
{
	return c ? "yes" : "no";
}

static volatile unsigned long sink;

int main(int argc, char **argv)
{
	int local = 0;
	uintptr_t l = (uintptr_t)&local;
	double uptime = 0;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;
	clock_t t0 = clock();

	(void)argc;
	/* at least 0.3 s of CPU time */
	while (clock() - t0 < CLOCKS_PER_SEC * 3 / 10)
		for (int i = 0; i < 100000; i++)
			sink += (unsigned long)i * i;

	printf("fields: %d\n", read_stat("/proc/self/stat"));
	printf("state: %s\n", field[3]);
	printf("minor faults counted: %s\n", yes(num(10) > 0));
	printf("cpu time counted: %s\n", yes(num(14) + num(15) >= (unsigned long long)hz / 5));
	printf("num_threads: %llu\n", num(20));
	if ((f = fopen("/proc/uptime", "r"))) {
		if (fscanf(f, "%lf", &uptime) != 1)
			uptime = 0;
		fclose(f);
	}
	printf("started since boot, within the last 10 minutes: %s\n",
	       yes(num(22) > 0 && num(22) / hz <= uptime && uptime - (double)num(22) / hz < 600));
	printf("vsize covers rss: %s\n", yes(num(23) >= num(24) * (unsigned long long)sysconf(_SC_PAGESIZE) && num(24) > 0));
	printf("main in start_code..end_code: %s\n",
	       yes(num(26) <= (uintptr_t)main && (uintptr_t)main < num(27)));
	printf("stack start just above main's local: %s\n", yes(l < num(28) && num(28) - l < (1 << 20)));
	printf("initialised global in start_data..end_data: %s\n",
	       yes(num(45) <= (uintptr_t)&initialised_global && (uintptr_t)&initialised_global < num(46)));
	printf("start_brk at or below the break: %s\n", yes(num(47) > 0 && num(47) <= (uintptr_t)sbrk(0)));
	printf("argv[0] in arg_start..arg_end: %s\n",
	       yes(num(48) <= (uintptr_t)argv[0] && (uintptr_t)argv[0] < num(49)));
	printf("environ[0] in env_start..env_end: %s\n",
	       yes(!environ[0] || (num(50) <= (uintptr_t)environ[0] && (uintptr_t)environ[0] < num(51))));
	printf("exit_code field: %s\n", field[52] ? field[52] : "missing");
	return 0;
}
