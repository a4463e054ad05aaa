/* Messages for the user and the trace log. */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *tracef;

void ferry_warn(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "ferry: %s\n", buf);
}

void ferry_fatal(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "ferry: %s\n", buf);
	exit(1);
}

void ferry_bug(const char *file, int line, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "ferry: internal error at %s:%d: %s\n", file, line, buf);
	abort();
}

/* --log FILE; "%p" in the name becomes the pid, so each process of a tree
 * writes its own file. */
void log_open(void)
{
	if (!opt.log_file) {
		tracef = stderr;
		return;
	}
	char path[4096];
	size_t o = 0;
	for (const char *p = opt.log_file; *p && o + 24 < sizeof(path); p++) {
		if (p[0] == '%' && p[1] == 'p') {
			o += (size_t)snprintf(path + o, sizeof(path) - o, "%d", (int)getpid());
			p++;
		} else {
			path[o++] = *p;
		}
	}
	path[o] = 0;
	tracef = fopen(path, "a");
	if (!tracef)
		ferry_fatal("cannot open log file %s: %s", path, strerror(errno));
	setvbuf(tracef, NULL, _IOLBF, 0);
}

FILE *trace_file(void)
{
	if (!tracef)
		tracef = stderr;
	return tracef;
}

void trace_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(trace_file(), fmt, ap);
	va_end(ap);
}
