/* The str* functions at every alignment 0..15 and string length 0..70,
 * against reference loops: strlen, strnlen, strchr, strrchr, strchrnul,
 * strcmp, strncmp, strcpy, stpcpy, strncpy, strcat, strncat, strstr,
 * strspn, strcspn, strpbrk, strdup, strtok_r, strcasecmp.  glibc reads
 * strings a word at a time, so the terminator at each byte of a word and
 * the end of a page matter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXLEN 70

static char a[256], b[256];

static void make(char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (i * 7 + seed) % 26);
	p[n] = 0;
}

static size_t ref_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static int sgn(int x) { return (x > 0) - (x < 0); }

static int ref_cmp(const char *x, const char *y, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		unsigned char c = (unsigned char)x[i], d = (unsigned char)y[i];
		if (c != d)
			return c < d ? -1 : 1;
		if (!c)
			return 0;
	}
	return 0;
}

int main(void)
{
	unsigned long fails[12] = { 0 }, checks = 0;
	for (size_t n = 0; n <= MAXLEN; n++) {
		for (unsigned al = 0; al < 16; al++) {
			char *s = a + al, *t = b + (al * 5) % 16;
			memset(a, 'X', sizeof a);
			make(s, n, (unsigned)n);
			fails[0] += strlen(s) != ref_len(s);
			fails[0] += strnlen(s, n / 2) != n / 2 || strnlen(s, n + 5) != n;
			/* strchr: present (first occurrence), absent, and the NUL */
			char c = n ? s[n / 2] : 'q';
			char *first = NULL;
			for (size_t i = 0; i < n && !first; i++)
				if (s[i] == c)
					first = s + i;
			fails[1] += strchr(s, c) != first;
			fails[1] += strchr(s, '#') != NULL;
			fails[1] += strchr(s, 0) != s + n;
			fails[1] += strchrnul(s, '#') != s + n;
			char *last = NULL;
			for (size_t i = 0; i < n; i++)
				if (s[i] == c)
					last = s + i;
			fails[2] += strrchr(s, c) != last;
			/* strcmp/strncmp: equal, shorter, differing at each position */
			memset(b, 'Y', sizeof b);
			strcpy(t, s);
			fails[3] += strcmp(s, t) != 0;
			if (n) {
				size_t pos = (n * 3 + al) % n;
				t[pos] = (char)(t[pos] + 1);
				fails[3] += sgn(strcmp(s, t)) != ref_cmp(s, t, n + 1);
				fails[3] += sgn(strncmp(s, t, pos)) != 0;
				fails[3] += sgn(strncmp(s, t, pos + 1)) != ref_cmp(s, t, pos + 1);
				t[pos] = (char)0xe9; /* above 0x7f: compared unsigned */
				fails[3] += sgn(strcmp(s, t)) != -1 || sgn(strcmp(t, s)) != 1;
				strcpy(t, s);
				t[n - 1] = 0;
				fails[3] += sgn(strcmp(s, t)) != 1 || sgn(strcmp(t, s)) != -1;
			}
			/* copies must not write past the terminator */
			memset(b, 'Y', sizeof b);
			char *e = stpcpy(t, s);
			fails[4] += e != t + n || strcmp(t, s) != 0 || t[n + 1] != 'Y';
			memset(b, 'Y', sizeof b);
			strncpy(t, s, n + 3);   /* pads with NULs */
			fails[5] += strcmp(t, s) != 0 || t[n + 1] != 0 || t[n + 2] != 0 || t[n + 3] != 'Y';
			memset(b, 'Y', sizeof b);
			strncpy(t, s, n / 2);   /* no terminator */
			fails[5] += memcmp(t, s, n / 2) != 0 || t[n / 2] != 'Y';
			/* concatenation */
			strcpy(t, "pre");
			strcat(t, s);
			fails[6] += strlen(t) != n + 3 || strcmp(t + 3, s) != 0;
			strncat(t, s, 4);
			fails[6] += strlen(t) != n + 3 + (n < 4 ? n : 4);
			/* searching */
			if (n >= 4) {
				char needle[8];
				memcpy(needle, s + n - 4, 4);
				needle[4] = 0;
				char *hit = strstr(s, needle), *refh = NULL;
				for (size_t i = 0; i + 4 <= n && !refh; i++)
					if (!memcmp(s + i, needle, 4))
						refh = s + i;
				fails[7] += hit != refh;
			}
			fails[7] += strstr(s, "") != s || strstr(s, "zzzzzz") != NULL;
			size_t sp = strspn(s, "abcdefghijklm"), rsp = 0;
			while (s[rsp] && strchr("abcdefghijklm", s[rsp]))
				rsp++;
			fails[8] += sp != rsp;
			size_t cs = strcspn(s, "xyz"), rcs = 0;
			while (s[rcs] && !strchr("xyz", s[rcs]))
				rcs++;
			fails[8] += cs != rcs || strpbrk(s, "xyz") != (s[rcs] ? s + rcs : NULL);
			char *d = strdup(s);
			fails[9] += !d || strcmp(d, s) != 0;
			free(d);
			/* case-insensitive */
			strcpy(t, s);
			for (char *p = t; *p; p += 2)
				if (!p[1])
					break;
				else
					*p = (char)(*p - 32);
			fails[10] += strcasecmp(s, t) != 0 || (n && strncasecmp(s, t, n - 1) != 0);
			checks++;
		}
	}
	/* A string ending exactly at the end of a readable page: a word-wise
	 * strlen must not fault on the next (unmapped) page. */
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m + pg, pg);
	for (int n = 0; n < 40; n++) {
		char *s = m + pg - 1 - n;
		memset(s, 'k', n);
		s[n] = 0;
		fails[11] += strlen(s) != (size_t)n || strchr(s, 'z') != NULL || strcmp(s, s) != 0;
	}
	/* strtok_r */
	char text[] = "  alpha, beta;;gamma ,delta  ";
	char *save, *tok;
	printf("tokens:");
	for (tok = strtok_r(text, " ,;", &save); tok; tok = strtok_r(NULL, " ,;", &save))
		printf(" [%s]", tok);
	printf("\nchecks %lu\n", checks);
	static const char *const what[] = { "strlen", "strchr", "strrchr", "strcmp", "stpcpy", "strncpy",
					    "strcat", "strstr", "strspn", "strdup", "strcasecmp", "page-end" };
	for (int i = 0; i < 12; i++)
		printf("%-10s fails %lu\n", what[i], fails[i]);
	return 0;
}
