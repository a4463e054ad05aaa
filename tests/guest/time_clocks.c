/* Clocks and time: clock_gettime (monotonic never goes back, realtime
 * agrees with time() and gettimeofday), clock_getres, nanosleep sleeps at
 * least what it was asked, CPU-time clocks advance, and the calendar
 * functions on a fixed time (gmtime, strftime, mktime, timegm, a POSIX TZ). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
	struct timespec a, b, res;
	int back = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 20000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		back += ns(b) < ns(a);
		a = b;
	}
	printf("monotonic went back %d times\n", back);
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
					 CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME };
	static const char *const names[] = { "realtime", "monotonic", "process", "thread", "raw", "boottime" };
	for (int i = 0; i < 6; i++) {
		int r = clock_gettime(ids[i], &a);
		int r2 = clock_getres(ids[i], &res);
		printf("%-10s gettime %d nsec-in-range %d getres %d res<=1ms %d\n", names[i], r,
		       a.tv_nsec >= 0 && a.tv_nsec < 1000000000, r2, res.tv_sec == 0 && res.tv_nsec <= 1000000);
	}
	/* nanosleep: at least the time asked for, and not absurdly more */
	static const long sleeps[] = { 1000000, 20000000, 50000000 };
	for (int i = 0; i < 3; i++) {
		struct timespec req = { 0, sleeps[i] }, rem = { 9, 9 };
		clock_gettime(CLOCK_MONOTONIC, &a);
		int r = nanosleep(&req, &rem);
		clock_gettime(CLOCK_MONOTONIC, &b);
		long long el = ns(b) - ns(a);
		printf("nanosleep %ld ns: ret %d, slept at least: %d, under 2 s: %d\n", sleeps[i], r, el >= sleeps[i],
		       el < 2000000000LL);
	}
	struct timespec req = { 0, 1000000 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("clock_nanosleep relative: %d, at least: %d\n", r, ns(b) - ns(a) >= 1000000);
	struct timespec until = b;
	until.tv_nsec += 5000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("clock_nanosleep absolute: %d, reached: %d\n", r, ns(b) >= ns(until));
	struct timespec bad = { 0, 1000000000 };
	printf("nanosleep with tv_nsec 1e9: %d\n", nanosleep(&bad, NULL));
	/* wall clocks agree */
	struct timeval tv;
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &a);
	time_t t = time(NULL);
	printf("gettimeofday usec in range %d, after 2020 %d, agrees with time() %d and realtime %d\n",
	       tv.tv_usec >= 0 && tv.tv_usec < 1000000, tv.tv_sec > 1577836800, llabs(t - tv.tv_sec) <= 2,
	       llabs(a.tv_sec - tv.tv_sec) <= 2);
	/* CPU time advances with work */
	clock_t c0 = clock();
	volatile double x = 0;
	struct timespec p0, p1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0);
	for (long i = 0; i < 3000000; i++)
		x += (double)i * 0.5;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1);
	clock_t c1 = clock();
	printf("cpu time advanced: clock %d, process clock %d\n", c1 > c0, ns(p1) > ns(p0));
	struct tms tm_;
	printf("times() ok %d\n", times(&tm_) != (clock_t)-1);

	/* calendar on a fixed instant: 2024-02-29 13:45:30 UTC, a Thursday */
	time_t fixed = 1709214330;
	struct tm g;
	gmtime_r(&fixed, &g);
	char buf[200];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %u %w %y %C %e %p %I %Z", &g);
	printf("gmtime: %s\n", buf);
	strftime(buf, sizeof buf, "%c | %x | %X | %D | %F | %T | %R | %G-W%V-%u | %s%%", &g);
	printf("strftime C locale: %s\n", buf);
	printf("timegm round trip %d\n", timegm(&g) == fixed);
	/* a POSIX TZ string needs no tz database */
	setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
	tzset();
	struct tm l;
	localtime_r(&fixed, &l);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z %z", &l);
	printf("EST5EDT winter: %s isdst %d\n", buf, l.tm_isdst);
	time_t summer = fixed + 120 * 86400;
	localtime_r(&summer, &l);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z %z", &l);
	printf("EST5EDT summer: %s isdst %d\n", buf, l.tm_isdst);
	l.tm_isdst = -1;
	printf("mktime round trip %d\n", mktime(&l) == summer);
	struct tm norm = { .tm_year = 124, .tm_mon = 0, .tm_mday = 31 + 29 + 1, .tm_hour = 12, .tm_isdst = -1 };
	mktime(&norm);
	printf("mktime normalises Jan 61 to %04d-%02d-%02d wday %d yday %d\n", norm.tm_year + 1900, norm.tm_mon + 1,
	       norm.tm_mday, norm.tm_wday, norm.tm_yday);
	setenv("TZ", "UTC0", 1);
	tzset();
	printf("asctime: %s", asctime(gmtime(&fixed)));
	struct tm parsed = { 0 };
	char *end = strptime("2001-09-09 01:46:40", "%Y-%m-%d %H:%M:%S", &parsed);
	printf("strptime consumed all %d, timegm %lld\n", end && !*end, (long long)timegm(&parsed));
	return 0;
}
