/* The slow paths of core/fpu.h: rounding modes the host must switch to or
 * does not have (RMM), NaN results under each enum ir_fmode, saturating
 * float-to-integer conversion, and the FP environment.
 *
 * Rounding to nearest, ties to max magnitude (RMM) is the host's
 * round-to-nearest-even result, moved one step away from zero when the exact
 * result was a tie that went the other way.  Ties are found exactly with
 * error-free transformations (TwoSum, the fma product error, the fma
 * division residual, Boldo and Muller's ErrFma), computed on operands
 * scaled into [1, 2) so that nothing underflows.  The two modes raise the
 * same flags (same exactness, same overflow threshold, and a tie below
 * 2^emin rounds to 2^emin in both), so the host's flags stand.
 */
#if defined(__GNUC__) && !defined(__clang__)
/* The Makefile adds -frounding-math for the interpreter only; this file
 * switches rounding modes around ops and relies on exact EFT sequences. */
#pragma GCC optimize("rounding-math", "fp-contract=off")
#endif
#ifdef __clang__
#pragma STDC FENV_ACCESS ON
#pragma STDC FP_CONTRACT OFF
#endif

#include "core/fpu.h"

#include <fenv.h>

#define SIGN64 0x8000000000000000ull
#define SIGN32 0x80000000u
#define QUIET64 0x0008000000000000ull
#define QUIET32 0x00400000u
#define ARM_DNAN64 0x7ff8000000000000ull  /* Arm FPDefaultNaN: positive */
#define ARM_DNAN32 0x7fc00000u
#define X86_DNAN64 0xfff8000000000000ull  /* x86 "QNaN floating-point indefinite": negative */
#define X86_DNAN32 0xffc00000u

/* Keeps the compiler from moving v's computation across a mode switch. */
#define FENCE(v) __asm__ volatile("" : "+m"(v))

/* ---- the host environment ---- */

static int host_round(unsigned rm)
{
	switch (rm) {
	case IRM_RTZ: return FE_TOWARDZERO;
	case IRM_RDN: return FE_DOWNWARD;
	case IRM_RUP: return FE_UPWARD;
	default: return FE_TONEAREST; /* RNE; RMM is emulated from it; reserved values */
	}
}

static unsigned host_flags(void)
{
	int e = fetestexcept(FE_ALL_EXCEPT);
	return (e & FE_INEXACT ? IR_FFLAG_NX : 0u) | (e & FE_UNDERFLOW ? IR_FFLAG_UF : 0u) |
	       (e & FE_OVERFLOW ? IR_FFLAG_OF : 0u) | (e & FE_DIVBYZERO ? IR_FFLAG_DZ : 0u) |
	       (e & FE_INVALID ? IR_FFLAG_NV : 0u);
}

/* The rounding mode an op runs in.  A reserved dynamic mode (frm = 5..7)
 * should raise SIGILL at the instruction (vol. I, "Floating-Point Control
 * and Status Register"); there is no way to trap from here, so it rounds to
 * nearest-even. */
static unsigned op_rm(const struct vcpu *cpu, unsigned rm)
{
	unsigned m = fpu_rm(cpu, rm);
	return m <= IRM_RMM ? m : IRM_RNE;
}

/* Puts the host in m's mode for one op, if it is not already. */
struct round_save {
	bool switched;
	int old;
};

static struct round_save round_enter(const struct vcpu *cpu, unsigned m)
{
	struct round_save s = {false, host_round(cpu->fp_rm)};
	int want = host_round(m);
	if (want != s.old) {
		fesetround(want);
		s.switched = true;
	}
	return s;
}

static void round_leave(struct round_save s)
{
	if (s.switched)
		fesetround(s.old);
}

void fpu_thread_init(struct vcpu *cpu)
{
	cpu->fp_rm = IRM_RNE;
	cpu->fp_flags = 0;
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
}

uint64_t fpu_fflags_get(struct vcpu *cpu)
{
	cpu->fp_flags |= host_flags();
	return cpu->fp_flags;
}

void fpu_fflags_set(struct vcpu *cpu, uint64_t flags)
{
	feclearexcept(FE_ALL_EXCEPT);
	cpu->fp_flags = (uint32_t)flags & 0x1f;
}

void fpu_frm_set(struct vcpu *cpu, uint64_t rm)
{
	cpu->fp_rm = (uint32_t)rm & 7;
	fesetround(host_round(cpu->fp_rm));
}

void fpu_host_begin(struct vcpu *cpu)
{
	fpu_fflags_get(cpu);
	feclearexcept(FE_ALL_EXCEPT);
	fesetround(FE_TONEAREST);
}

void fpu_host_end(struct vcpu *cpu)
{
	feclearexcept(FE_ALL_EXCEPT);
	fesetround(host_round(cpu->fp_rm));
}

/* ---- NaNs ---- */

static bool is_nan64(uint64_t v) { return (v & ~SIGN64) > 0x7ff0000000000000ull; }
static bool is_snan64(uint64_t v) { return is_nan64(v) && !(v & QUIET64); }
static bool is_nan32(uint32_t v) { return (v & ~SIGN32) > 0x7f800000u; }
static bool is_snan32(uint32_t v) { return is_nan32(v) && !(v & QUIET32); }

/* The NaN an op returns when its result is NaN; v[] are the operands in
 * the architecture's priority order.  Arm: the first signalling NaN, quieted,
 * else the first quiet NaN, else the default NaN (Arm ARM, FPProcessNaNs).
 * x86: the first NaN operand, quieted, else the negative default NaN (SDM
 * vol. 1, 4.8.3.5).  RISC-V: always the canonical NaN. */
static uint64_t pick_nan64(unsigned fmode, const uint64_t *v, unsigned n)
{
	if (fmode == IRFM_ARM) {
		for (unsigned i = 0; i < n; i++)
			if (is_snan64(v[i]))
				return v[i] | QUIET64;
		for (unsigned i = 0; i < n; i++)
			if (is_nan64(v[i]))
				return v[i];
		return ARM_DNAN64;
	}
	if (fmode == IRFM_X86) {
		for (unsigned i = 0; i < n; i++)
			if (is_nan64(v[i]))
				return v[i] | QUIET64;
		return X86_DNAN64;
	}
	return FPU_CNAN64;
}

static uint32_t pick_nan32(unsigned fmode, const uint32_t *v, unsigned n)
{
	if (fmode == IRFM_ARM) {
		for (unsigned i = 0; i < n; i++)
			if (is_snan32(v[i]))
				return v[i] | QUIET32;
		for (unsigned i = 0; i < n; i++)
			if (is_nan32(v[i]))
				return v[i];
		return ARM_DNAN32;
	}
	if (fmode == IRFM_X86) {
		for (unsigned i = 0; i < n; i++)
			if (is_nan32(v[i]))
				return v[i] | QUIET32;
		return X86_DNAN32;
	}
	return FPU_CNAN32;
}

static bool inf_times_zero(double x, double y) { return (isinf(x) && y == 0) || (x == 0 && isinf(y)); }

/* An fma with a NaN result.  inf * 0 + qNaN is invalid on RISC-V (vol. I,
 * "Single-Precision Floating-Point Computational Instructions") and gives
 * Arm's default NaN (FPMulAdd); x86 is left to the host.  Arm negates the
 * operands before choosing (FMSUB/FNMADD use FPNeg) and looks at the
 * addend first. */
static uint64_t fma_nan64(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, int64_t imm, unsigned fmode)
{
	if (fmode != IRFM_X86 && inf_times_zero(fpu_f64(a), fpu_f64(b))) {
		cpu->fp_flags |= IR_FFLAG_NV;
		if (fmode == IRFM_ARM && !is_snan64(c))
			return ARM_DNAN64;
	}
	if (fmode == IRFM_ARM) {
		uint64_t v[3] = {imm & 2 ? c ^ SIGN64 : c, imm & 1 ? a ^ SIGN64 : a, b};
		return pick_nan64(fmode, v, 3);
	}
	uint64_t v[3] = {a, b, c};
	return pick_nan64(fmode, v, 3);
}

static uint32_t fma_nan32(struct vcpu *cpu, uint32_t a, uint32_t b, uint32_t c, int64_t imm, unsigned fmode)
{
	if (fmode != IRFM_X86 && inf_times_zero(fpu_f32(a), fpu_f32(b))) {
		cpu->fp_flags |= IR_FFLAG_NV;
		if (fmode == IRFM_ARM && !is_snan32(c))
			return ARM_DNAN32;
	}
	if (fmode == IRFM_ARM) {
		uint32_t v[3] = {imm & 2 ? c ^ SIGN32 : c, imm & 1 ? a ^ SIGN32 : a, b};
		return pick_nan32(fmode, v, 3);
	}
	uint32_t v[3] = {a, b, c};
	return pick_nan32(fmode, v, 3);
}

/* ---- ties to max magnitude ---- */

/* An exact value (h + l1 + l2) * 2^-k, with h = RN(h + l1 + l2) and
 * l1 = RN(l1 + l2). */
struct exact {
	double h, l1, l2;
	int k;
};

/* Knuth's TwoSum: s + e = a + b exactly, s = RN(a + b). */
static void two_sum(double a, double b, double *s, double *e)
{
	double x = a + b, bb = x - a;
	*s = x;
	*e = (a - (x - bb)) + (b - bb);
}

/* x = m * 2^e with m in [1, 2), exactly (x finite, non-zero). */
static double normalize(double x, int *e)
{
	*e = ilogb(x);
	return scalbn(x, -*e);
}

static double next_away64(double r, bool neg)
{
	return fpu_f64(((fpu_bits64(r) & ~SIGN64) + 1) | (neg ? SIGN64 : 0));
}

static float next_away32(float r, bool neg)
{
	return fpu_f32(((fpu_bits32(r) & ~SIGN32) + 1) | (neg ? SIGN32 : 0));
}

/* Whether v is exactly halfway from r, its rounding to nearest-even, to
 * next, r's neighbour away from zero.  The differences are exact whenever
 * they are small, which is the only case where the test can succeed. */
static bool tie_away(double r, double next, const struct exact *v)
{
	double half = scalbn(next - r, v->k - 1);
	double d = (v->h - scalbn(r, v->k)) - half;
	return v->l2 == 0 && d == -v->l1;
}

/* Division: x/y - r == half iff x - (r + half) * y == 0.  With q = RN(x/y)
 * and rem = x - q*y (exact, from an fma), that is (q - r - half)*y + rem. */
static bool div_tie(double x, double y, double r, double next, int k)
{
	double q = x / y, rem = fma(-q, y, x);
	double t = (q - scalbn(r, k)) - scalbn(next - r, k - 1);
	return fma(t, y, rem) == 0;
}

/* x*y exactly, scaled.  False when the product is zero (no tie possible). */
static bool exact_mul(double x, double y, struct exact *v)
{
	int ex, ey;
	if (x == 0 || y == 0)
		return false;
	double xs = normalize(x, &ex), ys = normalize(y, &ey);
	v->h = xs * ys;
	v->l1 = fma(xs, ys, -v->h);
	v->l2 = 0;
	v->k = -(ex + ey);
	return true;
}

/* x*y + z exactly, scaled, by ErrFma (S. Boldo, J.-M. Muller, "Exact and
 * approximated error of the FMA", IEEE TC 60(2), 2011). */
static bool exact_fma(double x, double y, double z, struct exact *v)
{
	int ex, ey;
	if (x == 0 || y == 0)
		return false; /* the result is z: exact */
	if (z == 0)
		return exact_mul(x, y, v);
	double xs = normalize(x, &ex), ys = normalize(y, &ey);
	int k = -(ex + ey), ez = ilogb(z);
	/* The scaled product lies in [1, 4) on a grid of 2^-104.  An addend
	 * beyond these bounds leaves the sum strictly between two
	 * representable neighbours, off their midpoint. */
	if (ez + k > 1000 || ez + k < -900)
		return false;
	double zs = scalbn(z, k);
	double r1 = fma(xs, ys, zs);
	double u1 = xs * ys, u2 = fma(xs, ys, -u1);
	double a1, a2, b1, b2;
	two_sum(zs, u2, &a1, &a2);
	two_sum(u1, a1, &b1, &b2);
	double g = (b1 - r1) + b2;
	double r2 = g + a2; /* Fast2Sum(g, a2) */
	v->h = r1;
	v->l1 = r2;
	v->l2 = a2 - (r2 - g);
	v->k = k;
	return true;
}

/* r (finite, rounded to nearest-even by the host) turned into the RMM
 * result of op(x, y, z).  Runs in round-to-nearest; leaves the flags alone. */
static double rmm64(enum fpu_arith op, double x, double y, double z, double r)
{
	struct exact v = {0, 0, 0, 0};
	bool can_tie;
	fexcept_t saved;
	fegetexceptflag(&saved, FE_ALL_EXCEPT);
	switch (op) {
	case FPU_ADD:
	case FPU_SUB:
		two_sum(x, op == FPU_SUB ? -y : y, &v.h, &v.l1);
		can_tie = v.l1 != 0;
		break;
	case FPU_MUL: can_tie = exact_mul(x, y, &v); break;
	case FPU_FMA: can_tie = exact_fma(x, y, z, &v); break;
	case FPU_DIV: {
		int ex, ey;
		can_tie = x != 0 && isfinite(x) && isfinite(y) && y != 0;
		if (can_tie) {
			double xs = normalize(x, &ex), ys = normalize(y, &ey);
			int k = ey - ex;
			bool neg = r != 0 ? signbit(r) : signbit(x) != signbit(y);
			double next = next_away64(r, neg);
			if (div_tie(xs, ys, r, next, k))
				r = next;
		}
		can_tie = false;
		break;
	}
	default: can_tie = false; break; /* sqrt: a midpoint squared is never representable */
	}
	if (can_tie && v.h != 0) {
		double next = next_away64(r, r != 0 ? signbit(r) : signbit(v.h));
		if (tie_away(r, next, &v))
			r = next;
	}
	fesetexceptflag(&saved, FE_ALL_EXCEPT);
	return r;
}

/* r, an f32 rounded to nearest-even, moved away from zero if the exact v
 * was a tie. */
static float away_if_tie32(float r, const struct exact *v)
{
	if (v->h == 0)
		return r;
	float next = next_away32(r, r != 0 ? signbit(r) : signbit(v->h));
	return tie_away(r, next, v) ? next : r;
}

/* The same for f32, whose exact results all fit a double or a TwoSum pair. */
static float rmm32(enum fpu_arith op, float xf, float yf, float zf, float r)
{
	fexcept_t saved;
	fegetexceptflag(&saved, FE_ALL_EXCEPT); /* first: widening an unused sNaN raises NV */
	double x = xf, y = yf, z = zf;
	struct exact v = {0, 0, 0, 0};
	switch (op) {
	case FPU_ADD:
	case FPU_SUB:
		two_sum(x, op == FPU_SUB ? -y : y, &v.h, &v.l1);
		r = away_if_tie32(r, &v);
		break;
	case FPU_MUL:
		v.h = x * y;
		r = away_if_tie32(r, &v);
		break;
	case FPU_FMA:
		two_sum(x * y, z, &v.h, &v.l1);
		r = away_if_tie32(r, &v);
		break;
	case FPU_DIV:
		if (x != 0 && isfinite(x) && isfinite(y) && y != 0) {
			float next = next_away32(r, r != 0 ? signbit(r) : signbit(x) != signbit(y));
			if (div_tie(x, y, r, next, 0))
				r = next;
		}
		break;
	default: break; /* sqrt */
	}
	fesetexceptflag(&saved, FE_ALL_EXCEPT);
	return r;
}

/* ---- arithmetic ---- */

static double arith64(enum fpu_arith op, double x, double y, double z)
{
	switch (op) {
	case FPU_ADD: return x + y;
	case FPU_SUB: return x - y;
	case FPU_MUL: return x * y;
	case FPU_DIV: return x / y;
	case FPU_SQRT: return sqrt(x);
	default: return fma(x, y, z);
	}
}

static float arith32(enum fpu_arith op, float x, float y, float z)
{
	switch (op) {
	case FPU_ADD: return x + y;
	case FPU_SUB: return x - y;
	case FPU_MUL: return x * y;
	case FPU_DIV: return x / y;
	case FPU_SQRT: return sqrtf(x);
	default: return fmaf(x, y, z);
	}
}

/* A result rounded to the smallest normal: for Arm it underflowed if the
 * exact value was below it (tininess before rounding).  Computed again
 * toward zero, such a value comes out subnormal and inexact, and the
 * host raises the underflow flag itself. */
static void arm_tiny64(struct vcpu *cpu, enum fpu_arith op, double x, double y, double z)
{
	struct round_save s = round_enter(cpu, IRM_RTZ);
	FENCE(x);
	double r = arith64(op, x, y, z);
	FENCE(r);
	round_leave(s);
}

static void arm_tiny32(struct vcpu *cpu, enum fpu_arith op, float x, float y, float z)
{
	struct round_save s = round_enter(cpu, IRM_RTZ);
	FENCE(x);
	float r = arith32(op, x, y, z);
	FENCE(r);
	round_leave(s);
}

static uint64_t slow_arith64(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			     unsigned fmode, int64_t imm)
{
	double x = fpu_f64(a), y = fpu_f64(b), z = fpu_f64(c);
	if (op == FPU_FMA) {
		x = imm & 1 ? -x : x;
		z = imm & 2 ? -z : z;
	}
	unsigned m = op_rm(cpu, rm);
	struct round_save s = round_enter(cpu, m);
	FENCE(x);
	FENCE(y);
	FENCE(z);
	double r = arith64(op, x, y, z);
	FENCE(r);
	if (m == IRM_RMM && isfinite(r))
		r = rmm64(op, x, y, z, r);
	round_leave(s);
	if (fpu_arm_min_normal64(fmode, r))
		arm_tiny64(cpu, op, x, y, z);
	if (!isnan(r))
		return fpu_bits64(r);
	if (op == FPU_FMA)
		return fma_nan64(cpu, a, b, c, imm, fmode);
	uint64_t v[2] = {a, b};
	return pick_nan64(fmode, v, op == FPU_SQRT ? 1 : 2);
}

static uint64_t slow_arith32(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			     unsigned fmode, int64_t imm)
{
	float x = fpu_unbox(fmode, a), y = fpu_unbox(fmode, b), z = fpu_unbox(fmode, c);
	uint32_t ua = fpu_bits32(x), ub = fpu_bits32(y), uc = fpu_bits32(z);
	if (op == FPU_FMA) {
		x = imm & 1 ? -x : x;
		z = imm & 2 ? -z : z;
	}
	unsigned m = op_rm(cpu, rm);
	struct round_save s = round_enter(cpu, m);
	FENCE(x);
	FENCE(y);
	FENCE(z);
	float r = arith32(op, x, y, z);
	FENCE(r);
	if (m == IRM_RMM && isfinite(r))
		r = rmm32(op, x, y, z, r);
	round_leave(s);
	if (fpu_arm_min_normal32(fmode, r))
		arm_tiny32(cpu, op, x, y, z);
	if (!isnan(r))
		return fpu_box(fmode, r);
	if (op == FPU_FMA)
		return fpu_box(fmode, fpu_f32(fma_nan32(cpu, ua, ub, uc, imm, fmode)));
	uint32_t v[2] = {ua, ub};
	return fpu_box(fmode, fpu_f32(pick_nan32(fmode, v, op == FPU_SQRT ? 1 : 2)));
}

/* ---- Arm FPCR.FZ and FPCR.DN ---- */

uint64_t fpu_arm_flush_in(struct vcpu *cpu, uint64_t v, unsigned size)
{
	if (!(cpu->fp_arm_mode & FPU_ARM_FZ))
		return v;
	if (size == 3) {
		if ((v & 0x7ff0000000000000ull) == 0 && (v & ~SIGN64) != 0) {
			cpu->fp_arm_mode |= FPU_ARM_IDC;
			return v & SIGN64;
		}
		return v;
	}
	uint32_t u = (uint32_t)v;
	if ((u & 0x7f800000u) == 0 && (u & ~SIGN32) != 0) {
		cpu->fp_arm_mode |= FPU_ARM_IDC;
		return u & SIGN32;
	}
	return u;
}

/* Whether the exact result of op, which rounded to r (finite), was below
 * the smallest normal: FPRoundBase flushes such a result when FZ is set,
 * whether or not it was exact.  A zero r came from a non-zero exact value
 * only if the host saw an underflow (tiny and inexact); r at the smallest
 * normal was tiny if it is below it when computed toward zero. */
static bool tiny64(struct vcpu *cpu, enum fpu_arith op, double x, double y, double z, double r, bool uf)
{
	double m = fabs(r);
	if (m == 0)
		return uf;
	if (m != 0x1p-1022)
		return m < 0x1p-1022;
	struct round_save s = round_enter(cpu, IRM_RTZ);
	FENCE(x);
	double t = arith64(op, x, y, z);
	FENCE(t);
	round_leave(s);
	return fabs(t) < 0x1p-1022;
}

static bool tiny32(struct vcpu *cpu, enum fpu_arith op, float x, float y, float z, float r, bool uf)
{
	float m = fabsf(r);
	if (m == 0)
		return uf;
	if (m != 0x1p-126f)
		return m < 0x1p-126f;
	struct round_save s = round_enter(cpu, IRM_RTZ);
	FENCE(x);
	float t = arith32(op, x, y, z);
	FENCE(t);
	round_leave(s);
	return fabsf(t) < 0x1p-126f;
}

static unsigned arith_operands(enum fpu_arith op) { return op == FPU_SQRT ? 1 : op == FPU_FMA ? 3 : 2; }

/* An Arm op with FZ or DN: inputs flushed (FPUnpackBase), a tiny result
 * replaced by a zero of its sign with UFC and without IXC (FPRoundBase), a
 * NaN result by the default NaN (FPProcessNaN, FPDefaultNaN). */
static uint64_t arm_ctl_arith64(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				int64_t imm)
{
	bool fz = cpu->fp_arm_mode & FPU_ARM_FZ;
	unsigned n = arith_operands(op);
	if (fz) {
		a = fpu_arm_flush_in(cpu, a, 3);
		b = n > 1 ? fpu_arm_flush_in(cpu, b, 3) : b;
		c = n > 2 ? fpu_arm_flush_in(cpu, c, 3) : c;
	}
	cpu->fp_flags |= host_flags(); /* the op's own flags, apart */
	feclearexcept(FE_ALL_EXCEPT);
	uint64_t r = slow_arith64(cpu, op, a, b, c, rm, IRFM_ARM, imm);
	double x = fpu_f64(a), y = fpu_f64(b), z = fpu_f64(c), d = fpu_f64(r);
	if (op == FPU_FMA) {
		x = imm & 1 ? -x : x;
		z = imm & 2 ? -z : z;
	}
	if (fz && isfinite(d) && tiny64(cpu, op, x, y, z, d, fetestexcept(FE_UNDERFLOW))) {
		feclearexcept(FE_ALL_EXCEPT);
		cpu->fp_flags |= IR_FFLAG_UF;
		return r & SIGN64;
	}
	if ((cpu->fp_arm_mode & FPU_ARM_DN) && isnan(d))
		return ARM_DNAN64;
	return r;
}

static uint64_t arm_ctl_arith32(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
				int64_t imm)
{
	bool fz = cpu->fp_arm_mode & FPU_ARM_FZ;
	unsigned n = arith_operands(op);
	if (fz) {
		a = fpu_arm_flush_in(cpu, a, 2);
		b = n > 1 ? fpu_arm_flush_in(cpu, b, 2) : b;
		c = n > 2 ? fpu_arm_flush_in(cpu, c, 2) : c;
	}
	cpu->fp_flags |= host_flags();
	feclearexcept(FE_ALL_EXCEPT);
	uint64_t r = slow_arith32(cpu, op, a, b, c, rm, IRFM_ARM, imm);
	float x = fpu_f32((uint32_t)a), y = fpu_f32((uint32_t)b), z = fpu_f32((uint32_t)c), d = fpu_f32((uint32_t)r);
	if (op == FPU_FMA) {
		x = imm & 1 ? -x : x;
		z = imm & 2 ? -z : z;
	}
	if (fz && isfinite(d) && tiny32(cpu, op, x, y, z, d, fetestexcept(FE_UNDERFLOW))) {
		feclearexcept(FE_ALL_EXCEPT);
		cpu->fp_flags |= IR_FFLAG_UF;
		return r & SIGN32;
	}
	if ((cpu->fp_arm_mode & FPU_ARM_DN) && isnan(d))
		return ARM_DNAN32;
	return r;
}

uint64_t fpu_slow_arith64(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			  unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		return arm_ctl_arith64(cpu, op, a, b, c, rm, imm);
	return slow_arith64(cpu, op, a, b, c, rm, fmode, imm);
}

uint64_t fpu_slow_arith32(struct vcpu *cpu, enum fpu_arith op, uint64_t a, uint64_t b, uint64_t c, unsigned rm,
			  unsigned fmode, int64_t imm)
{
	if (fpu_arm_ctl(cpu, fmode))
		return arm_ctl_arith32(cpu, op, a, b, c, rm, imm);
	return slow_arith32(cpu, op, a, b, c, rm, fmode, imm);
}

/* ---- min, max, compares ---- */

/* RISC-V fmin/fmax are minimumNumber/maximumNumber: a single NaN loses, two
 * NaNs give the canonical NaN, a signalling one raises NV (vol. I, F
 * extension, "fmin.s and fmax.s").  Arm FMINNM/FMAXNM differ for a
 * signalling NaN, which wins, quieted (FPMinNum).  x86 has no such
 * instruction: minimumNumber with its NaN rule. */
uint64_t fpu_slow_minmax64(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned fmode, bool max)
{
	bool sa = is_snan64(a), sb = is_snan64(b), na = is_nan64(a), nb = is_nan64(b);
	uint64_t v[2] = {a, b};
	if (sa || sb)
		cpu->fp_flags |= IR_FFLAG_NV;
	if ((na && nb) || (fmode == IRFM_ARM && (sa || sb)))
		return fpu_arm_ctl(cpu, fmode) && (cpu->fp_arm_mode & FPU_ARM_DN) ? ARM_DNAN64 : pick_nan64(fmode, v, 2);
	return na ? b : a;
}

uint64_t fpu_slow_minmax32(struct vcpu *cpu, uint64_t a, uint64_t b, unsigned fmode, bool max)
{
	uint32_t ua = fpu_bits32(fpu_unbox(fmode, a)), ub = fpu_bits32(fpu_unbox(fmode, b));
	bool sa = is_snan32(ua), sb = is_snan32(ub), na = is_nan32(ua), nb = is_nan32(ub);
	uint32_t v[2] = {ua, ub};
	if (sa || sb)
		cpu->fp_flags |= IR_FFLAG_NV;
	if ((na && nb) || (fmode == IRFM_ARM && (sa || sb)))
		return fpu_box(fmode, fpu_f32(fpu_arm_ctl(cpu, fmode) && (cpu->fp_arm_mode & FPU_ARM_DN)
						      ? ARM_DNAN32
						      : pick_nan32(fmode, v, 2)));
	return fpu_box(fmode, fpu_f32(na ? ub : ua));
}

void fpu_slow_feq_nan(struct vcpu *cpu, uint64_t a, uint64_t b, bool f32)
{
	bool snan = f32 ? is_snan32((uint32_t)a) || is_snan32((uint32_t)b) : is_snan64(a) || is_snan64(b);
	if (snan)
		cpu->fp_flags |= IR_FFLAG_NV;
}

/* ---- conversions ---- */

static bool is_signed(enum fpu_int t) { return t == FPU_S32 || t == FPU_S64; }
static unsigned int_bits(enum fpu_int t) { return t == FPU_S32 || t == FPU_U32 ? 32 : 64; }

/* A NaN or out-of-range float-to-integer conversion: NV and the fmode's
 * answer.  RISC-V saturates, NaN counting as +inf (vol. I, table
 * "Domains of float-to-integer conversions"); Arm saturates with NaN -> 0
 * (FPToFixed); x86 returns the "integer indefinite" 0x80..0 (cvttsd2si), or
 * all ones for the unsigned forms (AVX-512 vcvttsd2usi).  dir: 0 NaN, +1
 * too large, -1 too small. */
static uint64_t f2i_invalid(struct vcpu *cpu, enum fpu_int to, unsigned fmode, int dir)
{
	unsigned bits = int_bits(to);
	uint64_t umax = bits == 64 ? ~0ull : 0xffffffffull;
	uint64_t max = is_signed(to) ? umax >> 1 : umax, min = is_signed(to) ? ~(umax >> 1) : 0;
	uint64_t r;
	cpu->fp_flags |= IR_FFLAG_NV;
	if (fmode == IRFM_X86)
		r = is_signed(to) ? min : umax;
	else if (fmode == IRFM_ARM && dir == 0)
		r = 0;
	else
		r = dir < 0 ? min : max;
	return bits == 32 ? fpu_sext32((uint32_t)r) : r;
}

/* Works on the bits: rounding first, then the range check on the rounded
 * value, as the ISA defines out of range; NX only for in-range results. */
uint64_t fpu_slow_f2i(struct vcpu *cpu, double x, unsigned rm, enum fpu_int to, unsigned fmode)
{
	unsigned m = op_rm(cpu, rm), bits = int_bits(to);
	uint64_t u = fpu_bits64(x);
	bool neg = u >> 63;
	unsigned exp = (u >> 52) & 0x7ff;
	uint64_t sig = u & ((1ull << 52) - 1), ip = 0;
	bool inexact = false;

	if (exp == 0x7ff)
		return f2i_invalid(cpu, to, fmode, sig ? 0 : neg ? -1 : 1);
	if (exp != 0 || sig != 0) {
		int e = (int)(exp ? exp : 1) - 1075; /* x = sig * 2^e */
		sig |= exp ? 1ull << 52 : 0;
		if (e >= 0) {
			if (e > 11) /* >= 2^64 */
				return f2i_invalid(cpu, to, fmode, neg ? -1 : 1);
			ip = sig << e;
		} else {
			uint64_t rem, half;
			if (-e <= 63) {
				ip = sig >> -e;
				rem = sig & ((1ull << -e) - 1);
				half = 1ull << (-e - 1);
			} else { /* below 2^-11: a fraction under one half */
				ip = 0, rem = 1, half = 2;
			}
			inexact = rem != 0;
			bool up;
			switch (m) {
			case IRM_RTZ: up = false; break;
			case IRM_RDN: up = neg && inexact; break;
			case IRM_RUP: up = !neg && inexact; break;
			case IRM_RMM: up = rem >= half; break;
			default: up = rem > half || (rem == half && (ip & 1)); break;
			}
			ip += up;
		}
	}
	if (is_signed(to)) {
		uint64_t lim = 1ull << (bits - 1);
		if (neg ? ip > lim : ip >= lim)
			return f2i_invalid(cpu, to, fmode, neg ? -1 : 1);
	} else if ((neg && ip != 0) || (bits == 32 && ip > 0xffffffffull)) {
		return f2i_invalid(cpu, to, fmode, neg ? -1 : 1);
	}
	if (inexact)
		cpu->fp_flags |= IR_FFLAG_NX;
	uint64_t r = neg ? -ip : ip;
	return bits == 32 ? fpu_sext32((uint32_t)r) : r;
}

/* mag rounded to p significant bits, ties away from zero. */
static double round_int_away(uint64_t mag, unsigned p, bool *inexact)
{
	*inexact = false;
	if (mag >> p == 0)
		return (double)mag;
	unsigned sh = 64 - (unsigned)__builtin_clzll(mag) - p;
	uint64_t rem = mag & ((1ull << sh) - 1), q = mag >> sh;
	*inexact = rem != 0;
	q += rem >= 1ull << (sh - 1);
	return ldexp((double)q, (int)sh);
}

uint64_t fpu_slow_i2f(struct vcpu *cpu, uint64_t v, enum fpu_int from, bool to_f32, unsigned rm, unsigned fmode)
{
	unsigned m = op_rm(cpu, rm);
	if (m == IRM_RMM) {
		bool neg = false, inexact;
		uint64_t mag;
		switch (from) {
		case FPU_S32: neg = (int32_t)v < 0, mag = neg ? -(uint64_t)(int64_t)(int32_t)v : (uint32_t)v; break;
		case FPU_U32: mag = (uint32_t)v; break;
		case FPU_S64: neg = (int64_t)v < 0, mag = neg ? -v : v; break;
		default: mag = v; break;
		}
		double d = round_int_away(mag, to_f32 ? 24 : 53, &inexact);
		if (inexact)
			cpu->fp_flags |= IR_FFLAG_NX;
		d = neg ? -d : d;
		return to_f32 ? fpu_box(fmode, (float)d) : fpu_bits64(d);
	}
	struct round_save s = round_enter(cpu, m);
	uint64_t r;
	FENCE(v);
	if (to_f32) {
		float f;
		switch (from) {
		case FPU_S32: f = (float)(int32_t)v; break;
		case FPU_U32: f = (float)(uint32_t)v; break;
		case FPU_S64: f = (float)(int64_t)v; break;
		default: f = (float)v; break;
		}
		FENCE(f);
		r = fpu_box(fmode, f);
	} else {
		double d;
		switch (from) {
		case FPU_S32: d = (double)(int32_t)v; break;
		case FPU_U32: d = (double)(uint32_t)v; break;
		case FPU_S64: d = (double)(int64_t)v; break;
		default: d = (double)v; break;
		}
		FENCE(d);
		r = fpu_bits64(d);
	}
	round_leave(s);
	return r;
}

/* NaN conversions keep the sign and the top of the payload, quieted (Arm
 * FPConvertNaN, x86 cvtsd2ss/cvtss2sd); RISC-V gives the canonical NaN. */
uint64_t fpu_slow_narrow(struct vcpu *cpu, uint64_t a, unsigned rm, unsigned fmode)
{
	bool ctl = fpu_arm_ctl(cpu, fmode);
	if (ctl)
		a = fpu_arm_flush_in(cpu, a, 3);
	double x = fpu_f64(a);
	if (isnan(x)) {
		if (is_snan64(a))
			cpu->fp_flags |= IR_FFLAG_NV;
		uint32_t n = FPU_CNAN32;
		if (ctl && (cpu->fp_arm_mode & FPU_ARM_DN))
			n = ARM_DNAN32;
		else if (fmode != IRFM_RISCV)
			n = (uint32_t)(a >> 32 & SIGN32) | 0x7f800000u | QUIET32 | (uint32_t)(a >> 29 & 0x7fffff);
		return fpu_box(fmode, fpu_f32(n));
	}
	if (ctl && (cpu->fp_arm_mode & FPU_ARM_FZ) && x != 0 && fabs(x) < 0x1p-126) {
		/* FPRoundBase under FZ: tiny, so a zero with UFC and no IXC */
		cpu->fp_flags |= IR_FFLAG_UF;
		return fpu_box(fmode, fpu_f32((uint32_t)(a >> 32 & SIGN32)));
	}
	unsigned m = op_rm(cpu, rm);
	struct round_save s = round_enter(cpu, m);
	FENCE(x);
	float r = (float)x;
	FENCE(r);
	if (m == IRM_RMM && isfinite(r)) {
		struct exact v = {x, 0, 0, 0}; /* the exact value is x itself */
		fexcept_t saved;
		fegetexceptflag(&saved, FE_ALL_EXCEPT);
		r = away_if_tie32(r, &v);
		fesetexceptflag(&saved, FE_ALL_EXCEPT);
	}
	round_leave(s);
	if (fpu_arm_min_normal32(fmode, r) && fabs(x) < 0x1p-126) {
		/* tiny before rounding, and inexact: x is not the float r (Arm) */
		cpu->fp_flags |= IR_FFLAG_UF;
	}
	return fpu_box(fmode, r);
}

uint64_t fpu_slow_widen_nan(struct vcpu *cpu, float x, unsigned fmode)
{
	uint32_t u = fpu_bits32(x);
	if (is_snan32(u))
		cpu->fp_flags |= IR_FFLAG_NV;
	if (fmode == IRFM_RISCV || (fpu_arm_ctl(cpu, fmode) && (cpu->fp_arm_mode & FPU_ARM_DN)))
		return FPU_CNAN64; /* Arm's default NaN is the same */
	return (uint64_t)(u & SIGN32) << 32 | 0x7ff0000000000000ull | QUIET64 | (uint64_t)(u & 0x7fffff) << 29;
}
