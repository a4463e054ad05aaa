/* Structs passed and returned by value, in the shapes the calling
 * convention treats differently: small integer structs (in registers),
 * float/double pairs and mixed int+float (the hard-float ABI splits them
 * over FP and integer registers), structs over 2 words (by reference),
 * many struct arguments spilling to the stack, and nested/array members. */
#include <stdint.h>
#include <stdio.h>

struct c3 { char a, b, c; };
struct i2 { int32_t a, b; };
struct l2 { int64_t a, b; };
struct f2 { float x, y; };
struct d2 { double x, y; };
struct fi { float f; int32_t i; };
struct dl { double d; int64_t l; };
struct big { int64_t v[5]; };
struct nested { struct f2 p; struct c3 tag; double w; };
struct arr { uint8_t bytes[13]; };

__attribute__((noinline)) static struct c3 c3_inc(struct c3 s) { s.a++; s.b += 2; s.c += 3; return s; }
__attribute__((noinline)) static struct i2 i2_swap(struct i2 s) { return (struct i2){ s.b, s.a }; }
__attribute__((noinline)) static struct l2 l2_add(struct l2 x, struct l2 y) { return (struct l2){ x.a + y.a, x.b - y.b }; }
__attribute__((noinline)) static struct f2 f2_scale(struct f2 s, float k) { return (struct f2){ s.x * k, s.y / k }; }
__attribute__((noinline)) static struct d2 d2_rot(struct d2 s) { return (struct d2){ -s.y, s.x }; }
__attribute__((noinline)) static struct fi fi_mix(struct fi s) { return (struct fi){ s.f + (float)s.i, s.i * 2 }; }
__attribute__((noinline)) static struct dl dl_mix(struct dl s) { return (struct dl){ s.d * 2, s.l - 1 }; }
__attribute__((noinline)) static struct big big_rev(struct big s)
{
	struct big r;
	for (int i = 0; i < 5; i++)
		r.v[i] = s.v[4 - i] * 10;
	return r;
}
__attribute__((noinline)) static struct nested nested_f(struct nested n)
{
	n.p.x += 1;
	n.tag.c = 'Z';
	n.w *= -1;
	return n;
}
__attribute__((noinline)) static unsigned arr_sum(struct arr a)
{
	unsigned s = 0;
	for (int i = 0; i < 13; i++)
		s += a.bytes[i] * (unsigned)(i + 1);
	return s;
}
/* more arguments than argument registers, mixed */
__attribute__((noinline)) static double many(struct d2 a, struct fi b, struct l2 c, struct f2 d, struct d2 e,
					     struct dl f, struct i2 g, double h, struct big i, float j, struct c3 k)
{
	return a.x + a.y + b.f + b.i + (double)c.a + (double)c.b + d.x + d.y + e.x + e.y + f.d + (double)f.l + g.a + g.b +
	       h + (double)i.v[0] + (double)i.v[4] + j + k.a + k.b + k.c;
}

int main(void)
{
	struct c3 c = c3_inc((struct c3){ 'a', 'b', 'c' });
	printf("c3 %c%c%c\n", c.a, c.b, c.c);
	struct i2 i = i2_swap((struct i2){ -1, 7 });
	printf("i2 %d %d\n", i.a, i.b);
	struct l2 l = l2_add((struct l2){ 1LL << 40, 5 }, (struct l2){ -3, 1LL << 50 });
	printf("l2 %lld %lld\n", (long long)l.a, (long long)l.b);
	struct f2 f = f2_scale((struct f2){ 1.5f, 9.0f }, 3.0f);
	printf("f2 %g %g\n", f.x, f.y);
	struct d2 d = d2_rot((struct d2){ 0.25, -8.5 });
	printf("d2 %g %g\n", d.x, d.y);
	struct fi m = fi_mix((struct fi){ 0.5f, 20 });
	printf("fi %g %d\n", m.f, m.i);
	struct dl dl = dl_mix((struct dl){ 1e10, INT64_MIN + 1 });
	printf("dl %g %lld\n", dl.d, (long long)dl.l);
	struct big b = big_rev((struct big){ { 1, 2, 3, 4, 5 } });
	printf("big %lld %lld %lld %lld %lld\n", (long long)b.v[0], (long long)b.v[1], (long long)b.v[2],
	       (long long)b.v[3], (long long)b.v[4]);
	struct nested n = nested_f((struct nested){ { 1, 2 }, { 'x', 'y', 'z' }, 3.5 });
	printf("nested %g %g %c%c%c %g\n", n.p.x, n.p.y, n.tag.a, n.tag.b, n.tag.c, n.w);
	struct arr a;
	for (int k = 0; k < 13; k++)
		a.bytes[k] = (uint8_t)(k * 17);
	printf("arr %u\n", arr_sum(a));
	printf("many %.17g\n", many((struct d2){ 1, 2 }, (struct fi){ 3, 4 }, (struct l2){ 5, 6 }, (struct f2){ 7, 8 },
				    (struct d2){ 9, 10 }, (struct dl){ 11, 12 }, (struct i2){ 13, 14 }, 15,
				    (struct big){ { 16, 0, 0, 0, 17 } }, 18, (struct c3){ 19, 20, 21 }));
	/* struct assignment and comparison of copies */
	struct big copy = b;
	copy.v[2] = 0;
	printf("copy independent %d\n", b.v[2] == 30 && copy.v[2] == 0);
	return 0;
}
