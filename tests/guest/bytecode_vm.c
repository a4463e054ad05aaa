/* A small stack-based bytecode interpreter running a few programs (loops,
 * calls, recursion): the shape of real interpreters, with a switch-based
 * dispatch loop, an operand stack and a call stack. */
#include <stdint.h>
#include <stdio.h>

enum op { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVM, LT, JMP, JZ, CALL, RET, LOAD, STORE, PRINT, HALT };

struct vm {
	int64_t stack[256];
	int sp;
	int calls[64];
	int csp;
	int64_t vars[16];
	long steps;
};

static int64_t pop(struct vm *m) { return m->stack[--m->sp]; }
static void push(struct vm *m, int64_t v) { m->stack[m->sp++] = v; }

static void run(const int64_t *code, struct vm *m)
{
	int pc = 0;
	for (;;) {
		m->steps++;
		int64_t a, b;
		switch ((enum op)code[pc++]) {
		case PUSH: push(m, code[pc++]); break;
		case POP: m->sp--; break;
		case DUP: a = pop(m); push(m, a); push(m, a); break;
		case SWAP: a = pop(m); b = pop(m); push(m, a); push(m, b); break;
		case OVER: push(m, m->stack[m->sp - 2]); break;
		case ADD: b = pop(m); a = pop(m); push(m, a + b); break;
		case SUB: b = pop(m); a = pop(m); push(m, a - b); break;
		case MUL: b = pop(m); a = pop(m); push(m, a * b); break;
		case DIVM: b = pop(m); a = pop(m); push(m, a / b); push(m, a % b); break;
		case LT: b = pop(m); a = pop(m); push(m, a < b); break;
		case JMP: pc = (int)code[pc]; break;
		case JZ: a = pop(m); pc = a ? pc + 1 : (int)code[pc]; break;
		case CALL: m->calls[m->csp++] = pc + 1; pc = (int)code[pc]; break;
		case RET: pc = m->calls[--m->csp]; break;
		case LOAD: push(m, m->vars[code[pc++]]); break;
		case STORE: m->vars[code[pc++]] = pop(m); break;
		case PRINT: printf("  out: %lld\n", (long long)pop(m)); break;
		case HALT: return;
		}
	}
}

int main(void)
{
	/* sum of i*i for i < 1000 */
	static const int64_t sumsq[] = {
		PUSH, 0, STORE, 0,                        /* 0: acc = 0 */
		PUSH, 0, STORE, 1,                        /* 4: i = 0 */
		LOAD, 1, PUSH, 1000, LT, JZ, 33,          /* 8: while (i < 1000) */
		LOAD, 1, DUP, MUL, LOAD, 0, ADD, STORE, 0, /* 15: acc += i * i */
		LOAD, 1, PUSH, 1, ADD, STORE, 1,          /* 24: i++ */
		JMP, 8,                                   /* 31 */
		LOAD, 0, PRINT, HALT,                     /* 33 */
	};
	struct vm m = { 0 };
	printf("sum of squares:\n");
	run(sumsq, &m);
	printf("  steps %ld\n", m.steps);

	/* recursive fib(n) through CALL/RET; fib takes and returns n on the stack */
	static const int64_t fib[] = {
		PUSH, 22, CALL, 6, PRINT, HALT,           /* 0 */
		DUP, PUSH, 2, LT, JZ, 13, RET,            /* 6: fib: n < 2 -> n */
		DUP, PUSH, 1, SUB, CALL, 6,               /* 13: fib(n - 1) */
		SWAP, PUSH, 2, SUB, CALL, 6, ADD, RET,    /* 19: + fib(n - 2) */
	};
	m = (struct vm){ 0 };
	printf("fib(22):\n");
	run(fib, &m);
	printf("  steps %ld\n", m.steps);

	/* Euclid's gcd and Collatz lengths, one DIVM program per step */
	int64_t a = 1071, b = 462;
	while (b) {
		int64_t step[] = { PUSH, a, PUSH, b, DIVM, STORE, 0, STORE, 1, HALT };
		m = (struct vm){ 0 };
		run(step, &m);
		a = b;
		b = m.vars[0];
	}
	printf("gcd(1071, 462) = %lld\n", (long long)a);
	long total_steps = 0;
	int64_t longest = 0, arg = 0;
	for (int64_t start = 1; start < 3000; start++) {
		int64_t x = start, len = 0;
		while (x != 1) {
			int64_t step[] = { PUSH, x, PUSH, 2, DIVM, STORE, 0, STORE, 1, HALT };
			m = (struct vm){ 0 };
			run(step, &m);
			x = m.vars[0] ? 3 * x + 1 : m.vars[1];
			len++;
			total_steps += m.steps;
		}
		if (len > longest) {
			longest = len;
			arg = start;
		}
	}
	printf("longest collatz below 3000: %lld (%lld steps), vm steps %ld\n", (long long)arg, (long long)longest,
	       total_steps);
	return 0;
}
