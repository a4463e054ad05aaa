/* <ctype.h> in the C locale for every unsigned char value and EOF: the
 * class of each byte printed as a compact table, toupper/tolower, and the
 * same through the _l variants and the wide-char functions. */
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <wctype.h>

int main(void)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};
	for (unsigned k = 0; k < sizeof classes / sizeof classes[0]; k++) {
		printf("%-6s ", classes[k].name);
		for (int c = 0; c < 256; c++)
			putchar(classes[k].fn(c) ? '1' : '.');
		printf(" EOF:%d\n", classes[k].fn(EOF) != 0);
	}
	int changed = 0;
	unsigned long sum = 0;
	for (int c = 0; c < 256; c++) {
		changed += toupper(c) != c;
		changed += tolower(c) != c;
		sum = sum * 31 + (unsigned)toupper(c) * 3 + (unsigned)tolower(c);
	}
	printf("toupper/tolower changed %d checksum %lu toupper(EOF)=%d\n", changed, sum, toupper(EOF));
	locale_t cl = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	int agree = 0;
	for (int c = 0; c < 256; c++)
		agree += (isalpha_l(c, cl) != 0) == (isalpha(c) != 0) && toupper_l(c, cl) == toupper(c);
	printf("_l variants agree on %d of 256\n", agree);
	freelocale(cl);
	int w = 0;
	for (wint_t c = 0; c < 128; c++)
		w += (iswalpha(c) != 0) == (isalpha((int)c) != 0) && (iswspace(c) != 0) == (isspace((int)c) != 0) &&
		     towupper(c) == (wint_t)toupper((int)c);
	printf("wide classes agree on %d of 128\n", w);
	printf("setlocale(LC_ALL, NULL) = %s\n", setlocale(LC_ALL, NULL));
	return 0;
}
