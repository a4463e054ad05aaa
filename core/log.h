/* User-facing messages and traces. */
#ifndef FERRY_LOG_H
#define FERRY_LOG_H

#include <stdio.h>

#include "options.h"

/* "ferry: <message>" on stderr, then exit(1). */
__attribute__((noreturn, format(printf, 1, 2))) void ferry_fatal(const char *fmt, ...);
/* "ferry: <message>" on stderr. */
__attribute__((format(printf, 1, 2))) void ferry_warn(const char *fmt, ...);
/* Internal invariant broken: message with file/line, abort. */
#define FERRY_BUG(...) ferry_bug(__FILE__, __LINE__, __VA_ARGS__)
__attribute__((noreturn, format(printf, 3, 4))) void ferry_bug(const char *file, int line, const char *fmt, ...);

static inline int trace_on(unsigned flag) { return (opt.trace & flag) != 0; }
/* Writes to the trace log (stderr unless --log). */
__attribute__((format(printf, 1, 2))) void trace_printf(const char *fmt, ...);
FILE *trace_file(void);
void log_open(void);

#endif
