/* switch statements the compiler turns into jump tables (dense cases),
 * binary searches (sparse cases) and bit tests, plus computed goto (GNU
 * labels as values): all are indirect jumps through tables in .rodata. */
#include <stdio.h>

static int dense(int x)
{
	switch (x) {
	case 0: return 10;
	case 1: return 21;
	case 2: return 32;
	case 3: return 43;
	case 4: return 54;
	case 5: return 65;
	case 6: return 76;
	case 7: return 87;
	case 8: return 98;
	case 9: return 109;
	case 10: return 120;
	case 11: return 131;
	case 13: return 153;
	case 14: return 164;
	case 15: return 175;
	default: return -1;
	}
}

static const char *sparse(long x)
{
	switch (x) {
	case -1000000: return "minus a million";
	case -7: return "minus seven";
	case 0: return "zero";
	case 42: return "forty-two";
	case 1000: return "thousand";
	case 65536: return "2^16";
	case 1L << 40: return "2^40";
	case 0x7fffffffffffffffL: return "max";
	default: return "other";
	}
}

static int vowel_class(unsigned char c)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
	case 'A': case 'E': case 'I': case 'O': case 'U':
		return 1;
	case '0' ... '9':
		return 2;
	case ' ': case '\t': case '\n':
		return 3;
	default:
		return 0;
	}
}

/* A threaded interpreter loop with computed goto. */
static long run(const unsigned char *code, long acc)
{
	static void *const ops[] = { &&op_halt, &&op_inc, &&op_dbl, &&op_neg, &&op_jnz_back };
	const unsigned char *pc = code;
	long counter = 5;
#define NEXT goto *ops[*pc++]
	NEXT;
op_inc:
	acc += 1;
	NEXT;
op_dbl:
	acc *= 2;
	NEXT;
op_neg:
	acc = -acc;
	NEXT;
op_jnz_back:
	if (--counter > 0)
		pc -= 1 + *pc;
	else
		pc++;
	NEXT;
op_halt:
	return acc;
#undef NEXT
}

int main(void)
{
	long total = 0;
	for (int i = -3; i < 20; i++)
		printf("dense(%d) = %d\n", i, dense(i));
	for (int r = 0; r < 100000; r++)
		total += dense(r % 19);
	printf("dense total %ld\n", total);
	static const long sv[] = { -1000000, -7, 0, 42, 43, 1000, 65536, 1L << 40, 0x7fffffffffffffffL, -1 };
	for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++)
		printf("sparse(%ld) = %s\n", sv[i], sparse(sv[i]));
	const char *text = "Hello World 2024\tEmulators Are Fun\n";
	int counts[4] = { 0 };
	for (const char *p = text; *p; p++)
		counts[vowel_class((unsigned char)*p)]++;
	printf("classes: other %d vowels %d digits %d space %d\n", counts[0], counts[1], counts[2], counts[3]);
	static const unsigned char prog[] = { 1, 2, 1, 4, 3, 3, 0 }; /* inc dbl inc (loop back 3) neg halt */
	printf("threaded run: %ld\n", run(prog, 1));
	return 0;
}
