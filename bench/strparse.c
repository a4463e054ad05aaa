/* String parsing: generated "config file" text is split into lines with
 * strtok_r, tokenised by hand, and each token is converted with strtol
 * (decimal, hex, negative) or strtod, or hashed as a word.  Mostly byte
 * loads, short loops and calls into the guest libc's conversion code. */
#include <string.h>

#include "bench/bench.h"

static const char *const words[] = {
	"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
	"india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
};

/* Appends one line of "name = value, value; ..." to p; returns its end. */
static char *gen_line(char *p, struct bench_rng *rng)
{
	/* One RNG call per statement: argument evaluation order is unspecified
	 * and differs between the x86-64 and riscv64 compilers. */
	int n = 2 + (int)bench_below(rng, 8);
	const char *name = words[bench_below(rng, 16)];
	p += sprintf(p, "%s_%u =", name, (unsigned)bench_below(rng, 100));
	for (int i = 0; i < n; i++) {
		const char *sep = i == 0 ? " " : bench_below(rng, 2) ? ", " : "; ";
		switch (bench_below(rng, 5)) {
		case 0:
			p += sprintf(p, "%s%lld", sep, (long long)(bench_rand(rng) >> 20) - (1LL << 43));
			break;
		case 1:
			p += sprintf(p, "%s0x%llx", sep, (unsigned long long)(bench_rand(rng) >> 16));
			break;
		case 2:
			/* Printed with 17 significant digits: strtod must round-trip it. */
			p += sprintf(p, "%s%.17g", sep, (bench_unit(rng) - 0.5) * 1e6);
			break;
		case 3: {
			double m = bench_unit(rng) * 10;
			p += sprintf(p, "%s%.3fe%d", sep, m, (int)bench_below(rng, 41) - 20);
			break;
		}
		default:
			p += sprintf(p, "%s%s", sep, words[bench_below(rng, 16)]);
			break;
		}
	}
	*p++ = '\n';
	return p;
}

struct totals {
	uint64_t ints, words, lines, tokens;
	double fsum;
};

static int is_sep(unsigned char c) { return c == ' ' || c == ',' || c == ';' || c == '='; }

static void parse_token(char *tok, size_t len, struct totals *t)
{
	unsigned char c = (unsigned char)tok[0];
	t->tokens++;
	if ((c >= '0' && c <= '9') || c == '-') {
		char *end;
		long long v = strtoll(tok, &end, 0);
		if ((size_t)(end - tok) == len) {
			t->ints = t->ints * 31 + (uint64_t)v;
			return;
		}
		double d = strtod(tok, &end);
		if ((size_t)(end - tok) != len) {
			printf("bad token \"%.*s\"\n", (int)len, tok);
			exit(1);
		}
		t->fsum += d;
		return;
	}
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)tok[i]) * 0x100000001b3ULL;
	t->words += h;
}

static void parse_line(char *line, struct totals *t)
{
	t->lines++;
	char *p = line;
	for (;;) {
		while (*p && is_sep((unsigned char)*p))
			p++;
		if (!*p)
			return;
		char *tok = p;
		while (*p && !is_sep((unsigned char)*p))
			p++;
		char saved = *p;
		*p = 0;
		parse_token(tok, (size_t)(p - tok), t);
		*p = saved;
	}
}

int main(int argc, char **argv)
{
	double scale = bench_scale(argc, argv);
	struct bench_rng rng = { 4 };
	enum { LINES = 20000, MAXLINE = 400 };
	char *text = malloc((size_t)LINES * MAXLINE), *work = malloc((size_t)LINES * MAXLINE);
	if (!text || !work)
		exit(2);

	uint64_t rounds = bench_count(14, scale);
	struct totals t = { 0 };
	for (uint64_t r = 0; r < rounds; r++) {
		/* New text every round: formatting is half the workload. */
		char *end = text;
		for (int i = 0; i < LINES; i++)
			end = gen_line(end, &rng);
		*end = 0;
		memcpy(work, text, (size_t)(end - text) + 1);
		char *save = NULL;
		for (char *line = strtok_r(work, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			parse_line(line, &t);
	}
	uint64_t fbits;
	memcpy(&fbits, &t.fsum, 8);
	printf("lines %llu tokens %llu\n", (unsigned long long)t.lines, (unsigned long long)t.tokens);
	bench_result("integers", t.ints);
	bench_result("words", t.words);
	printf("float sum: %.17g\n", t.fsum);
	bench_result("float sum bits", fbits);
	free(work);
	free(text);
	return 0;
}
