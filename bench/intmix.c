/* Integer mix: pointer chasing through a linked list, an int matrix multiply,
 * a table-less state machine (a small lexer) and table-driven CRC32.  Each
 * part stresses something different in a translator: dependent loads,
 * multiply/add throughput, unpredictable branches, byte loads and shifts. */
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"

struct node {
	struct node *next;
	uint32_t val;
};

/* Walks a shuffled list and moves every 7th node to the front, so the
 * layout keeps changing and the walk stays a chain of cache misses. */
static uint64_t list_part(uint64_t rounds, struct bench_rng *rng)
{
	enum { N = 1 << 16 };
	struct node *nodes = malloc(N * sizeof(*nodes));
	uint32_t *perm = malloc(N * sizeof(*perm));
	if (!nodes || !perm)
		exit(2);
	for (uint32_t i = 0; i < N; i++)
		perm[i] = i;
	for (uint32_t i = N - 1; i > 0; i--) {
		uint32_t j = (uint32_t)bench_below(rng, i + 1), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t i = 0; i < N; i++) {
		nodes[perm[i]].val = (uint32_t)bench_rand(rng);
		nodes[perm[i]].next = i + 1 < N ? &nodes[perm[i + 1]] : NULL;
	}
	struct node *head = &nodes[perm[0]];
	uint64_t h = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		uint64_t pos = 0, sum = 0;
		struct node *prev = NULL, *n = head;
		while (n) {
			struct node *next = n->next;
			sum += (uint64_t)n->val * (pos | 1);
			n->val = n->val * 1103515245u + 12345u;
			if (prev && pos % 7 == 0) {
				prev->next = next;
				n->next = head;
				head = n;
			} else {
				prev = n;
			}
			n = next;
			pos++;
		}
		h = bench_mix(h, sum);
	}
	free(perm);
	free(nodes);
	return h;
}

/* C = A * B on 32-bit ints (wrapping), then A = C folded back, repeated. */
static uint64_t matmul_part(uint64_t rounds, struct bench_rng *rng)
{
	enum { N = 96 };
	static int32_t a[N][N], b[N][N], c[N][N];
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			a[i][j] = (int32_t)bench_below(rng, 2001) - 1000;
			b[i][j] = (int32_t)bench_below(rng, 2001) - 1000;
		}
	uint64_t h = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		for (int i = 0; i < N; i++) {
			for (int j = 0; j < N; j++)
				c[i][j] = 0;
			for (int k = 0; k < N; k++) {
				uint32_t aik = (uint32_t)a[i][k];
				for (int j = 0; j < N; j++)
					c[i][j] = (int32_t)((uint32_t)c[i][j] + aik * (uint32_t)b[k][j]);
			}
		}
		uint64_t s = 0;
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++) {
				s = s * 31 + (uint32_t)c[i][j];
				a[i][j] = (c[i][j] >> 7) % 1001;
			}
		h = bench_mix(h, s);
	}
	return h;
}

/* A lexer as an explicit state machine over generated source-like bytes:
 * counts identifiers, numbers, operators, strings and comments. */
enum lex_state { S_START, S_IDENT, S_NUMBER, S_STRING, S_SLASH, S_COMMENT };

static uint64_t lex(const uint8_t *p, size_t n)
{
	enum lex_state st = S_START;
	uint64_t idents = 0, numbers = 0, ops = 0, strings = 0, comments = 0, value = 0, h = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t ch = p[i];
		switch (st) {
		case S_START:
		start:
			if ((ch >= 'a' && ch <= 'z') || ch == '_') {
				st = S_IDENT;
				h = ch;
			} else if (ch >= '0' && ch <= '9') {
				st = S_NUMBER;
				value = ch - '0';
			} else if (ch == '"') {
				st = S_STRING;
			} else if (ch == '/') {
				st = S_SLASH;
			} else if (ch != ' ' && ch != '\n') {
				ops++;
			}
			break;
		case S_IDENT:
			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_') {
				h = h * 33 + ch;
			} else {
				idents += h & 0xff;
				st = S_START;
				goto start;
			}
			break;
		case S_NUMBER:
			if (ch >= '0' && ch <= '9') {
				value = value * 10 + (ch - '0');
			} else {
				numbers += value;
				st = S_START;
				goto start;
			}
			break;
		case S_STRING:
			if (ch == '"') {
				strings++;
				st = S_START;
			}
			break;
		case S_SLASH:
			if (ch == '/') {
				st = S_COMMENT;
			} else {
				ops++;
				st = S_START;
				goto start;
			}
			break;
		case S_COMMENT:
			if (ch == '\n') {
				comments++;
				st = S_START;
			}
			break;
		}
	}
	return bench_mix(bench_mix(bench_mix(bench_mix(idents, numbers), ops), strings), comments);
}

static uint64_t lexer_part(uint64_t rounds, struct bench_rng *rng)
{
	enum { N = 1 << 16 };
	static const uint8_t alphabet[] = "abcdefghijklmnopqrstuvwxyz_0123456789    \n+-*=(){};/\"";
	uint8_t *text = malloc(N);
	if (!text)
		exit(2);
	for (size_t i = 0; i < N; i++)
		text[i] = alphabet[bench_below(rng, sizeof(alphabet) - 1)];
	uint64_t h = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		h = bench_mix(h, lex(text, N));
		size_t at = bench_below(rng, N); /* own statement: operand order is unspecified */
		text[at] = alphabet[bench_below(rng, sizeof(alphabet) - 1)];
	}
	free(text);
	return h;
}

/* CRC-32 (ISO-HDLC, as zlib): reflected polynomial 0xEDB88320. */
static uint32_t crc_table[256];

static void crc32_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint64_t crc_part(uint64_t rounds, struct bench_rng *rng)
{
	enum { N = 1 << 16 };
	uint8_t *buf = malloc(N);
	if (!buf)
		exit(2);
	for (size_t i = 0; i < N; i++)
		buf[i] = (uint8_t)bench_rand(rng);
	uint32_t crc = 0;
	for (uint64_t r = 0; r < rounds; r++) {
		crc = crc32(crc, buf, N);
		buf[r % N] ^= (uint8_t)crc;
	}
	free(buf);
	return crc;
}

int main(int argc, char **argv)
{
	double scale = bench_scale(argc, argv);
	struct bench_rng rng = { 1 };

	crc32_init();
	/* The check value of CRC-32/ISO-HDLC is 0xcbf43926. */
	bench_result("crc32(\"123456789\")", crc32(0, (const uint8_t *)"123456789", 9));
	bench_result("list", list_part(bench_count(400, scale), &rng));
	bench_result("matmul", matmul_part(bench_count(600, scale), &rng));
	bench_result("lexer", lexer_part(bench_count(500, scale), &rng));
	bench_result("crc32", crc_part(bench_count(1000, scale), &rng));
	return 0;
}
