/* printf-family integer, string and char conversions: every length
 * modifier, flags, width/precision (also from arguments), %n, positional
 * arguments, %m, and snprintf truncation and return values. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#pragma GCC diagnostic ignored "-Wformat-truncation" /* truncation is the point */

int main(void)
{
	char buf[256];
	static const long long vals[] = { 0, 1, -1, 42, -42, 127, 128, 255, 256, 32767, -32768, 65535, INT_MAX, INT_MIN,
					  UINT_MAX, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL };
	for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		long long v = vals[i];
		printf("%lld: |%d|%i|%u|%x|%X|%o|%#x|%#o|%+d|% d|%8d|%-8d|%08d|%.3d|%8.3d|\n", v, (int)v, (int)v,
		       (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (int)v, (int)v,
		       (int)v, (int)v, (int)v, (int)v, (int)v);
		printf("   |%hhd|%hhu|%hd|%hu|%ld|%lu|%lld|%llx|%jd|%zu|%td|%" PRId64 "|%" PRIx32 "|%#llo|\n", (signed char)v,
		       (unsigned char)v, (short)v, (unsigned short)v, (long)v, (unsigned long)v, v, (unsigned long long)v,
		       (intmax_t)v, (size_t)v, (ptrdiff_t)v, (int64_t)v, (uint32_t)v, (unsigned long long)v);
	}
	printf("zero precision: |%.0d|%.0x|%#.0o|%5.0d|\n", 0, 0, 0, 0);
	printf("strings: |%s|%10s|%-10s|%.3s|%10.2s|%-*s|%.*s|\n", "abc", "abc", "abc", "abcdef", "abcdef", 6, "ab", 2,
	       "xyz");
	printf("chars: |%c|%3c|%-3c|%c|\n", 'A', 'B', 'C', 0x7e);
	printf("percent: |%%|\n");
	const char *volatile null_string = NULL; /* glibc prints "(null)" */
	printf("null string: |%s|\n", null_string);
	printf("null pointer: |%p|\n", NULL);
	int n1 = 0, n2 = 0;
	printf("count%n chars%n\n", &n1, &n2);
	printf("n: %d %d\n", n1, n2);
	printf("positional: %2$s %1$s %2$s %3$d\n", "world", "hello", 7);
	printf("star width negative: |%*d|\n", -6, 12);
	errno = ENOENT;
	printf("%%m: %m\n");
	/* snprintf: return value is the untruncated length */
	for (size_t size = 0; size <= 12; size += 3) {
		memset(buf, '#', sizeof buf);
		int r = snprintf(buf, size, "%s-%d", "truncate", 12345);
		printf("snprintf size %2zu -> %d '%s' next byte %c\n", size, r, size ? buf : "(untouched)",
		       buf[size ? size : 0]);
	}
	int r = snprintf(NULL, 0, "%0100d", 5);
	printf("snprintf(NULL, 0) -> %d\n", r);
	r = sprintf(buf, "%s|%5.1f|%-5x|", "sprintf", 2.25, 255);
	printf("%d %s\n", r, buf);
	/* long output through a tiny buffer boundary */
	char big[5000];
	r = snprintf(big, sizeof big, "%4000d|%s", 1, "end");
	printf("long: %d %zu tail '%s'\n", r, strlen(big), big + 3995);
	/* wide char format of ASCII */
	printf("wide: %ls %lc\n", L"wide", (wint_t)L'w');
	return 0;
}
