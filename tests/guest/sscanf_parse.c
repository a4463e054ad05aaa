/* sscanf: conversions (%d %i %u %x %o %f %lf %e %g %s %c %[...] %n %%),
 * widths, assignment suppression, return counts on partial matches and
 * on input failure (EOF), and whitespace rules. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	int a = -1, b = -1, c = -1, n = -1;
	unsigned u = 0;
	long l = 0;
	long long ll = 0;
	double d = 0, e = 0;
	float f = 0;
	char s1[32] = "", s2[32] = "", ch[4] = "";
	int r;

	r = sscanf("12 34 56", "%d %d %d", &a, &b, &c);
	printf("1: %d -> %d %d %d\n", r, a, b, c);
	r = sscanf("0x1f 017 -9", "%i %i %i", &a, &b, &c);
	printf("2: %d -> %d %d %d\n", r, a, b, c);
	r = sscanf("ff 777 4294967295", "%x %o %u", &a, &b, &u);
	printf("3: %d -> %d %d %u\n", r, a, b, u);
	r = sscanf("3.25 -1e-3 1e40", "%lf %lf %f", &d, &e, &f);
	printf("4: %d -> %g %g %g\n", r, d, e, (double)f);
	r = sscanf("hello world", "%s %s", s1, s2);
	printf("5: %d -> '%s' '%s'\n", r, s1, s2);
	r = sscanf("abcdefgh", "%3s%2s", s1, s2);
	printf("6: %d -> '%s' '%s'\n", r, s1, s2);
	r = sscanf("12345678", "%3d%2d%d", &a, &b, &c);
	printf("7: %d -> %d %d %d\n", r, a, b, c);
	r = sscanf("key=value;rest", "%[^=]=%[^;];%n", s1, s2, &n);
	printf("8: %d -> '%s' '%s' consumed %d\n", r, s1, s2, n);
	r = sscanf("aaabbbccc", "%[ab]%n", s1, &n);
	printf("9: %d -> '%s' %d\n", r, s1, n);
	r = sscanf("10 skip 20", "%d %*s %d", &a, &b);
	printf("10: %d -> %d %d\n", r, a, b);
	a = b = -1;
	r = sscanf("42 abc", "%d %d", &a, &b);
	printf("11: %d -> %d %d (partial)\n", r, a, b);
	r = sscanf("", "%d", &a);
	printf("12: %d (EOF is %d)\n", r, EOF);
	r = sscanf("   ", "%d", &a);
	printf("13: %d\n", r);
	r = sscanf("xyz", "%d", &a);
	printf("14: %d\n", r);
	r = sscanf("100%", "%d%%", &a);
	printf("15: %d -> %d\n", r, a);
	r = sscanf("  x  y", " %c %c", &ch[0], &ch[1]);
	printf("16: %d -> '%c' '%c'\n", r, ch[0], ch[1]);
	r = sscanf("  x", "%c", &ch[0]);
	printf("17: %d -> '%c' (%%c does not skip space)\n", r, ch[0]);
	r = sscanf("-9223372036854775808 2147483648", "%lld %ld", &ll, &l);
	printf("18: %d -> %lld %ld\n", r, ll, l);
	r = sscanf("2024-02-29T13:45:30", "%4d-%2d-%2dT%n", &a, &b, &c, &n);
	printf("19: %d -> %d %d %d at %d\n", r, a, b, c, n);
	r = sscanf("0x1.8p1 inf nan", "%lf %lf %lf", &d, &e, &d);
	printf("20: %d -> %g\n", r, e);
	r = sscanf("1,2,,4", "%d,%d,%d,%d", &a, &b, &c, &n);
	printf("21: %d -> %d %d\n", r, a, b);
	char line[] = "name: Ada Lovelace, age: 36, score: 99.5";
	char first[16], last[16];
	int age;
	double score;
	r = sscanf(line, "name: %15s %15[^,], age: %d, score: %lf", first, last, &age, &score);
	printf("22: %d -> %s|%s|%d|%g\n", r, first, last, age, score);
	return 0;
}
