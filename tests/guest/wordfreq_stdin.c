/* A classic filter: reads text from stdin (tests/guest/wordfreq_stdin.stdin),
 * counts words case-insensitively in a hash table, prints the totals and
 * the most frequent words (ties broken alphabetically). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *word;
	int count;
	struct entry *next;
};

static struct entry *table[1024];

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % 1024;
}

static int cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a, *y = *(const struct entry *const *)b;
	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->word, y->word);
}

int main(void)
{
	char word[64];
	int len = 0, c;
	long words = 0, chars = 0, lines = 0, distinct = 0;
	do {
		c = getchar();
		if (c != EOF) {
			chars++;
			lines += c == '\n';
		}
		if (c != EOF && (isalpha(c) || c == '\'')) {
			if (len < 63)
				word[len++] = (char)tolower(c);
		} else if (len) {
			word[len] = 0;
			len = 0;
			words++;
			unsigned h = hash(word);
			struct entry *e = table[h];
			while (e && strcmp(e->word, word))
				e = e->next;
			if (!e) {
				e = malloc(sizeof *e);
				e->word = strdup(word);
				e->count = 0;
				e->next = table[h];
				table[h] = e;
				distinct++;
			}
			e->count++;
		}
	} while (c != EOF);
	printf("lines %ld words %ld chars %ld distinct %ld\n", lines, words, chars, distinct);
	struct entry **all = malloc(sizeof *all * (size_t)distinct);
	long n = 0;
	for (int i = 0; i < 1024; i++)
		for (struct entry *e = table[i]; e; e = e->next)
			all[n++] = e;
	qsort(all, (size_t)n, sizeof *all, cmp);
	for (long i = 0; i < n && i < 15; i++)
		printf("%4d %s\n", all[i]->count, all[i]->word);
	return 0;
}
