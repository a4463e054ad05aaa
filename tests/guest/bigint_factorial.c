/* Arbitrary-precision arithmetic on arrays of 32-bit limbs with 64-bit
 * intermediates: 500!, 2^2000, Fibonacci(3000) and a big division, printed
 * in decimal.  Long carry chains and multiply-accumulate loops. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LIMBS 200
typedef struct {
	uint32_t d[LIMBS]; /* little endian, base 2^32 */
	int n;
} big;

static void set(big *a, uint32_t v)
{
	memset(a, 0, sizeof *a);
	a->d[0] = v;
	a->n = 1;
}

static void mul_small(big *a, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] * m + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry)
		a->d[a->n++] = (uint32_t)carry;
}

static void add(big *r, const big *a, const big *b)
{
	uint64_t carry = 0;
	int n = a->n > b->n ? a->n : b->n;
	for (int i = 0; i < n; i++) {
		uint64_t t = (uint64_t)a->d[i] + b->d[i] + carry;
		r->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	r->n = n;
	if (carry)
		r->d[r->n++] = (uint32_t)carry;
}

/* divides in place, returns the remainder */
static uint32_t div_small(big *a, uint32_t m)
{
	uint64_t rem = 0;
	for (int i = a->n - 1; i >= 0; i--) {
		uint64_t cur = rem << 32 | a->d[i];
		a->d[i] = (uint32_t)(cur / m);
		rem = cur % m;
	}
	while (a->n > 1 && a->d[a->n - 1] == 0)
		a->n--;
	return (uint32_t)rem;
}

static void print(const char *label, const big *x)
{
	static char digits[LIMBS * 10 + 1];
	big t = *x;
	int nd = 0;
	do {
		uint32_t r = div_small(&t, 1000000000u);
		for (int k = 0; k < 9; k++) {
			digits[nd++] = (char)('0' + r % 10);
			r /= 10;
		}
	} while (t.n > 1 || t.d[0]);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	printf("%s (%d digits): ", label, nd);
	for (int i = nd - 1; i >= 0; i--)
		putchar(digits[i]);
	putchar('\n');
}

int main(void)
{
	big f;
	set(&f, 1);
	for (uint32_t i = 2; i <= 500; i++)
		mul_small(&f, i);
	print("500!", &f);
	uint32_t r = div_small(&f, 1000003u);
	printf("500! mod 1000003 = %u\n", r);
	big p;
	set(&p, 1);
	for (int i = 0; i < 2000; i++)
		mul_small(&p, 2);
	print("2^2000", &p);
	static big a, b, c;
	set(&a, 0);
	set(&b, 1);
	for (int i = 0; i < 3000; i++) {
		add(&c, &a, &b);
		a = b;
		b = c;
	}
	print("fib(3000)", &a);
	return 0;
}
