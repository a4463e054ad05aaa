/* placeholder, replaced below */
#include "frontends/aarch64/a64.h"
void a64_vset64(struct a64_ctx *c, unsigned vd, unsigned s)
{
	ir_mov(c->b, A64_V(vd), s);
	ir_movi(c->b, A64_V(vd) + 1, 0);
}
void a64_vclear_hi(struct a64_ctx *c, unsigned vd) { ir_movi(c->b, A64_V(vd) + 1, 0); }
bool a64_simd(struct a64_ctx *c) { return false; }
bool a64_ldst_simd(struct a64_ctx *c) { return false; }
