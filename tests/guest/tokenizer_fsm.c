/* A table-driven state machine (a lexer for numbers, identifiers,
 * strings with escapes and comments) feeding a recursive-descent
 * evaluator of integer expressions with variables. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum tok { T_END, T_NUM, T_ID, T_STR, T_OP, T_ERR };
static const char *const tok_names[] = { "END", "NUM", "ID", "STR", "OP", "ERR" };

struct lexer {
	const char *p;
	enum tok kind;
	char text[64];
	long num;
};

enum state { S_START, S_NUM, S_HEX, S_ID, S_STR, S_ESC, S_SLASH, S_COMMENT, S_DONE };

static void next(struct lexer *lx)
{
	enum state st = S_START;
	size_t n = 0;
	lx->num = 0;
	lx->kind = T_END;
	while (st != S_DONE) {
		unsigned char c = (unsigned char)*lx->p;
		switch (st) {
		case S_START:
			if (!c) {
				st = S_DONE;
			} else if (isspace(c)) {
				lx->p++;
			} else if (c == '0' && (lx->p[1] == 'x' || lx->p[1] == 'X')) {
				lx->p += 2;
				lx->kind = T_NUM;
				st = S_HEX;
			} else if (isdigit(c)) {
				lx->kind = T_NUM;
				st = S_NUM;
			} else if (isalpha(c) || c == '_') {
				lx->kind = T_ID;
				st = S_ID;
			} else if (c == '"') {
				lx->p++;
				lx->kind = T_STR;
				st = S_STR;
			} else if (c == '/' && lx->p[1] == '*') {
				lx->p += 2;
				st = S_COMMENT;
			} else if (strchr("+-*/%()=;<>", c)) {
				lx->kind = T_OP;
				lx->text[n++] = (char)c;
				lx->p++;
				st = S_DONE;
			} else {
				lx->kind = T_ERR;
				lx->text[n++] = (char)c;
				lx->p++;
				st = S_DONE;
			}
			break;
		case S_NUM:
			if (isdigit(c)) {
				lx->num = lx->num * 10 + (c - '0');
				lx->text[n++] = (char)c;
				lx->p++;
			} else {
				st = S_DONE;
			}
			break;
		case S_HEX:
			if (isxdigit(c)) {
				lx->num = lx->num * 16 + (isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
				lx->text[n++] = (char)c;
				lx->p++;
			} else {
				st = S_DONE;
			}
			break;
		case S_ID:
			if (isalnum(c) || c == '_') {
				lx->text[n++] = (char)c;
				lx->p++;
			} else {
				st = S_DONE;
			}
			break;
		case S_STR:
			lx->p++;
			if (!c) {
				lx->kind = T_ERR;
				lx->p--;
				st = S_DONE;
			} else if (c == '\\') {
				st = S_ESC;
			} else if (c == '"') {
				st = S_DONE;
			} else {
				lx->text[n++] = (char)c;
			}
			break;
		case S_ESC:
			lx->p++;
			lx->text[n++] = c == 'n' ? '\n' : c == 't' ? '\t' : (char)c;
			st = S_STR;
			break;
		case S_COMMENT:
			if (!c) {
				st = S_DONE;
			} else if (c == '*' && lx->p[1] == '/') {
				lx->p += 2;
				st = S_START;
			} else {
				lx->p++;
			}
			break;
		default:
			st = S_DONE;
		}
		if (n >= sizeof lx->text - 1)
			st = S_DONE;
	}
	lx->text[n] = 0;
}

/* expr := cmp ; cmp := sum (('<'|'>') sum)? ; sum := term (('+'|'-') term)* ;
 * term := unary (('*'|'/'|'%') unary)* ; unary := '-' unary | atom */
static long vars[26];
static int error;
static long sum(struct lexer *lx);

static long atom(struct lexer *lx)
{
	if (lx->kind == T_NUM) {
		long v = lx->num;
		next(lx);
		return v;
	}
	if (lx->kind == T_ID && strlen(lx->text) == 1 && islower((unsigned char)lx->text[0])) {
		long v = vars[lx->text[0] - 'a'];
		next(lx);
		return v;
	}
	if (lx->kind == T_OP && lx->text[0] == '(') {
		next(lx);
		long v = sum(lx);
		if (lx->kind == T_OP && lx->text[0] == ')')
			next(lx);
		else
			error = 1;
		return v;
	}
	error = 1;
	next(lx);
	return 0;
}

static long unary(struct lexer *lx)
{
	if (lx->kind == T_OP && lx->text[0] == '-') {
		next(lx);
		return -unary(lx);
	}
	return atom(lx);
}

static long term(struct lexer *lx)
{
	long v = unary(lx);
	while (lx->kind == T_OP && strchr("*/%", lx->text[0])) {
		char op = lx->text[0];
		next(lx);
		long r = unary(lx);
		if ((op == '/' || op == '%') && r == 0) {
			error = 2;
			return 0;
		}
		v = op == '*' ? v * r : op == '/' ? v / r : v % r;
	}
	return v;
}

static long sum(struct lexer *lx)
{
	long v = term(lx);
	while (lx->kind == T_OP && (lx->text[0] == '+' || lx->text[0] == '-')) {
		char op = lx->text[0];
		next(lx);
		long r = term(lx);
		v = op == '+' ? v + r : v - r;
	}
	if (lx->kind == T_OP && (lx->text[0] == '<' || lx->text[0] == '>')) {
		char op = lx->text[0];
		next(lx);
		long r = sum(lx);
		v = op == '<' ? v < r : v > r;
	}
	return v;
}

static void program(const char *src)
{
	struct lexer lx = { src };
	next(&lx);
	while (lx.kind != T_END) {
		error = 0;
		struct lexer ahead = lx;
		next(&ahead);
		if (lx.kind == T_ID && strlen(lx.text) == 1 && ahead.kind == T_OP && ahead.text[0] == '=') {
			int var = lx.text[0] - 'a';
			next(&lx);
			next(&lx);
			long v = sum(&lx);
			if (!error && var >= 0 && var < 26)
				vars[var] = v;
			printf("  %c = %ld%s\n", 'a' + var, v, error ? " (error)" : "");
		} else if (lx.kind == T_STR) {
			printf("  string \"%s\"\n", lx.text);
			next(&lx);
		} else {
			long v = sum(&lx);
			printf("  expr = %ld%s\n", v, error == 2 ? " (division by zero)" : error ? " (syntax error)" : "");
		}
		while (lx.kind == T_OP && lx.text[0] == ';')
			next(&lx);
	}
}

int main(void)
{
	const char *src = "x = 0x1F + 10 /* comment */; y = x * (x - 1) % 7; \"tab\\there\\n\" 42abc @ \"open";
	struct lexer lx = { src };
	printf("tokens:\n");
	do {
		next(&lx);
		printf("  %-3s '%s'", tok_names[lx.kind], lx.text);
		if (lx.kind == T_NUM)
			printf(" = %ld", lx.num);
		printf("\n");
	} while (lx.kind != T_END);
	printf("program 1:\n");
	program("a = 6; b = 7; a * b; c = a * b - (a + b) * 2; -c / 3; c % 5; 1 / 0; (1 + 2; 2 < 3; 5 > 9 - 1");
	printf("program 2 (loop in C over the evaluator):\n");
	char buf[128];
	long acc = 0;
	for (int i = 0; i < 300; i++) {
		snprintf(buf, sizeof buf, "n = %d; s = (n * n + 3 * n) %% 97 - n / 7", i);
		struct lexer l2 = { buf };
		next(&l2);
		while (l2.kind != T_END) {
			struct lexer ahead = l2;
			next(&ahead);
			if (l2.kind == T_ID && ahead.kind == T_OP && ahead.text[0] == '=') {
				int var = l2.text[0] - 'a';
				next(&l2);
				next(&l2);
				vars[var] = sum(&l2);
			} else {
				next(&l2);
			}
		}
		acc += vars['s' - 'a'];
	}
	printf("  checksum %ld\n", acc);
	return 0;
}
