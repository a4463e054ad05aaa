/* System-call round trips: small write()s to /dev/null, getpid() and
 * clock_gettime(), the cost of leaving translated code and coming back.
 * Natively clock_gettime is a vDSO call; under a translator it may be a
 * real system call.  The output only counts results, never prints a pid or
 * a time, so it is the same everywhere. */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"

int main(int argc, char **argv)
{
	double scale = bench_scale(argc, argv);
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/null");
		return 1;
	}
	static const char msg[] = "a short line of text for /dev/null\n";
	pid_t pid = getpid();
	struct timespec prev;
	clock_gettime(CLOCK_MONOTONIC, &prev);

	uint64_t n = bench_count(3000000, scale), bytes = 0, same_pid = 0, monotonic = 0;
	for (uint64_t i = 0; i < n; i++) {
		ssize_t w = write(fd, msg, 1 + i % (sizeof(msg) - 1));
		if (w > 0)
			bytes += (uint64_t)w;
		same_pid += getpid() == pid;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		monotonic += now.tv_sec > prev.tv_sec || (now.tv_sec == prev.tv_sec && now.tv_nsec >= prev.tv_nsec);
		prev = now;
	}
	close(fd);
	printf("iterations %llu\n", (unsigned long long)n);
	printf("bytes written %llu\n", (unsigned long long)bytes);
	printf("getpid stable %llu\n", (unsigned long long)same_pid);
	printf("clock monotonic %llu\n", (unsigned long long)monotonic);
	return 0;
}
