//! Exponentials, logarithms, powers, hyperbolic functions, roots and rounding, per lane.
//!
//! Each function is a branch-free scalar core (the `*_core` functions below) mapped over the
//! lanes, so LLVM vectorizes the loop over lanes inside the caller's `#[target_feature]` clone.
//! The cores use no tables, no libm calls and no float-to-int casts: exponents are taken apart
//! and put together with `to_bits`/`from_bits`, integers are rounded with the `1.5 * 2^52` magic
//! number, and data-dependent choices are selects on values computed for every lane (combined
//! with `&` and `|`, never `&&` and `||`, which become branches where the code stays scalar).
//! No function needs a slow path.
//!
//! Algorithms, all with polynomials evaluated through `fmadd_f64::<FMA>`:
//! - `exp`, `exp2`, `exp_m1`: Cody-Waite reduction `x = k ln2 + r`, `|r| <= ln2/2`, Taylor
//!   polynomial to degree 13 evaluated by Estrin's scheme (short dependency chains), the
//!   leading `1 + r` summed exactly, then `2^k` applied in two multiplications so that
//!   subnormal and overflowing results are rounded once.
//! - `ln`, `ln_1p`, `log2`, `log10`: fdlibm's `x = 2^k (1 + f)`, `s = f / (2 + f)` with its
//!   minimax polynomial; `log2`/`log10` split `f` into high and low parts as fdlibm does.
//! - `powf`: `ln |x|` to about 100 bits as a double-double, times `y` exactly, then `exp` of the
//!   double-double; signs and the C99 special cases by selects. `powi(x, n)` is `powf(x, n)`
//!   (more accurate than std's repeated multiplication, which it matches on special values).
//! - `sinh`, `cosh`, `tanh`: from one evaluation of `e^|x| = 2^k (1 + p)`, as `expm1` formulas
//!   near zero and as `A -/+ 1/(4A)` with `A = e^|x| / 2` further out (overflow at std's
//!   threshold, `|x| = 710.4758600739439`).
//! - `cbrt`: FreeBSD's bit-level first guess, polynomial to 23 bits, one Newton step.
//! - `hypot`: both arguments scaled by a power of two, `sqrt(b^2 + s^2)` corrected once with
//!   exact products (the method of Borges, 2019).
//! - `floor`, `ceil`, `round`, `trunc`: the magic-number rounding plus selects; inputs at or
//!   beyond `2^52` (`2^23` for `f32`), infinities and NaN are returned unchanged.
//!
//! The `f32` functions convert to `f64`, run the `f64` core and round once to `f32` (the
//! exponentials with a shorter polynomial, `powf` with a single-double logarithm), which makes
//! them correctly rounded except in rare near-halfway cases; rounding functions are native `f32`.
//!
//! Special values give what `std` gives; overflow happens at std's threshold.

use super::common::{fast_two_sum, fmadd_f64, two_sum};

/// `1.5 * 2^52`: adding it rounds any `|x| < 2^51` to an integer, held in the low mantissa bits.
const MAGIC: f64 = 6_755_399_441_055_744.0;
const INF: f64 = f64::INFINITY;

/// `a` where `c` holds, else `b`: a select that LLVM turns into a blend.
#[inline(always)]
fn select(c: bool, a: f64, b: f64) -> f64 {
    if c { a } else { b }
}

/// `c[0] + x c[1] + x^2 c[2] + ...` by Horner's rule.
#[inline(always)]
fn horner<const FMA: bool, const N: usize>(x: f64, c: &[f64; N]) -> f64 {
    let mut acc = c[N - 1];
    let mut i = N - 1;
    while i > 0 {
        i -= 1;
        acc = fmadd_f64::<FMA>(acc, x, c[i]);
    }
    acc
}

/// The pairs `c[2i] + x c[2i+1]` of a polynomial's coefficients, the first step of Estrin's scheme.
#[inline(always)]
fn estrin_pairs<const FMA: bool, const N: usize, const H: usize>(x: f64, c: &[f64; N]) -> [f64; H] {
    let mut p = [0.0; H];
    for (i, p) in p.iter_mut().enumerate() {
        *p = fmadd_f64::<FMA>(c[2 * i + 1], x, c[2 * i]);
    }
    p
}

/// `c[0] + x c[1] + ... + x^7 c[7]` by Estrin's scheme (a dependency chain of 3 fused steps).
#[inline(always)]
fn estrin8<const FMA: bool>(x: f64, c: &[f64; 8]) -> f64 {
    let (x2, p) = (x * x, estrin_pairs::<FMA, 8, 4>(x, c));
    let x4 = x2 * x2;
    let (q0, q1) = (fmadd_f64::<FMA>(p[1], x2, p[0]), fmadd_f64::<FMA>(p[3], x2, p[2]));
    fmadd_f64::<FMA>(q1, x4, q0)
}

/// `c[0] + x c[1] + ... + x^9 c[9]` by Estrin's scheme.
#[inline(always)]
fn estrin10<const FMA: bool>(x: f64, c: &[f64; 10]) -> f64 {
    let (x2, p) = (x * x, estrin_pairs::<FMA, 10, 5>(x, c));
    let x4 = x2 * x2;
    let (q0, q1) = (fmadd_f64::<FMA>(p[1], x2, p[0]), fmadd_f64::<FMA>(p[3], x2, p[2]));
    fmadd_f64::<FMA>(p[4], x4 * x4, fmadd_f64::<FMA>(q1, x4, q0))
}

/// `c[0] + x c[1] + ... + x^11 c[11]` by Estrin's scheme.
#[inline(always)]
fn estrin12<const FMA: bool>(x: f64, c: &[f64; 12]) -> f64 {
    let (x2, p) = (x * x, estrin_pairs::<FMA, 12, 6>(x, c));
    let x4 = x2 * x2;
    let (q0, q1) = (fmadd_f64::<FMA>(p[1], x2, p[0]), fmadd_f64::<FMA>(p[3], x2, p[2]));
    let q2 = fmadd_f64::<FMA>(p[5], x2, p[4]);
    fmadd_f64::<FMA>(q2, x4 * x4, fmadd_f64::<FMA>(q1, x4, q0))
}

/// `a` split into two halves of 26 bits (Veltkamp), for `|a| < 2^996`.
#[inline(always)]
fn split(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a;
    let h = c - (c - a);
    (h, a - h)
}

/// `a * b - p` exactly, where `p` is `a * b` rounded.
#[inline(always)]
fn prod_err<const FMA: bool>(a: f64, b: f64, p: f64) -> f64 {
    if FMA {
        a.mul_add(b, -p)
    } else {
        let ((ah, al), (bh, bl)) = (split(a), split(b));
        ((ah * bh - p) + ah * bl + al * bh) + al * bl
    }
}

/// `a * b` as an unevaluated sum, exactly.
#[inline(always)]
fn two_prod<const FMA: bool>(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, prod_err::<FMA>(a, b, p))
}

/// `2^k` from the bits of `k + MAGIC` (`k` an integer in `-1022..=1023`).
#[inline(always)]
fn pow2_from_magic(bits: u64) -> f64 {
    f64::from_bits(bits.wrapping_add(1023) << 52)
}

/// `v * 2^k` for an integral `k` with `|k| <= 2044`, rounded once even when the result is
/// subnormal or overflows: `2^k` is applied as `2^(k/2) * 2^(k - k/2)`.
#[inline(always)]
fn scale(v: f64, k: f64) -> f64 {
    let t1 = k * 0.5 + MAGIC;
    let t2 = (k - (t1 - MAGIC)) + MAGIC;
    v * pow2_from_magic(t1.to_bits()) * pow2_from_magic(t2.to_bits())
}

/// `x` clamped to `[lo, hi]`; NaN stays NaN.
#[inline(always)]
fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    select(x > hi, hi, select(x < lo, lo, x))
}

// ---------------------------------------------------------------------------------------------
// Exponentials
// ---------------------------------------------------------------------------------------------

/// ln 2 in two parts; `LN2_HI` has 32 significant bits, so `k * LN2_HI` is exact for `|k| < 2^21`.
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// The low part of ln 2 after `std::f64::consts::LN_2`.
const LN2_TAIL: f64 = 2.319_046_813_846_299_6e-17;

/// `1/2!, 1/3!, ..., 1/13!`: `e^r = 1 + r + r^2 q(r)`, error below 2^-57 for `|r| <= ln2/2`.
const EXP_Q: [f64; 12] = [
    0.5,
    0.166_666_666_666_666_66,
    0.041_666_666_666_666_664,
    0.008_333_333_333_333_333,
    0.001_388_888_888_888_889,
    0.000_198_412_698_412_698_4,
    2.480_158_730_158_73e-5,
    2.755_731_922_398_589_3e-6,
    2.755_731_922_398_589e-7,
    2.505_210_838_544_172e-8,
    2.087_675_698_786_81e-9,
    1.605_904_383_682_161_3e-10,
];

/// The same polynomial to degree 9 (error below 2^-37), enough before rounding to `f32`.
const EXP_Q_LIGHT: [f64; 8] = [
    0.5,
    0.166_666_666_666_666_66,
    0.041_666_666_666_666_664,
    0.008_333_333_333_333_333,
    0.001_388_888_888_888_889,
    0.000_198_412_698_412_698_4,
    2.480_158_730_158_73e-5,
    2.755_731_922_398_589_3e-6,
];

/// `e^(rh + rl) - 1 - rh` for `|rh| <= ~ln2/2`, `|rl|` tiny: everything past the leading terms.
#[inline(always)]
fn exp_tail<const FMA: bool, const LIGHT: bool>(rh: f64, rl: f64) -> f64 {
    let r = rh + rl;
    let q = if LIGHT { estrin8::<FMA>(r, &EXP_Q_LIGHT) } else { estrin12::<FMA>(r, &EXP_Q) };
    fmadd_f64::<FMA>(r * r, q, rl)
}

/// `zh + zl = k ln2 + rh + rl`: returns `(k, bits of k + MAGIC, rh, rl)`, `|zh| < 2^10`.
#[inline(always)]
fn exp_reduce<const FMA: bool>(zh: f64, zl: f64) -> (f64, u64, f64, f64) {
    let t = fmadd_f64::<FMA>(zh, std::f64::consts::LOG2_E, MAGIC);
    let k = t - MAGIC;
    let rh = zh - k * LN2_HI;
    let rl = zl - k * LN2_LO;
    (k, t.to_bits(), rh, rl)
}

/// `e^(rh + rl)` for a reduced argument, as `1 + rh` summed exactly with the tail.
#[inline(always)]
fn exp_mantissa<const FMA: bool, const LIGHT: bool>(rh: f64, rl: f64) -> f64 {
    let tail = exp_tail::<FMA, LIGHT>(rh, rl);
    let (s, e) = fast_two_sum(1.0, rh);
    s + (e + tail)
}

/// `e^(zh + zl)` for a double-double argument (`|zl| <= ulp(zh)`), any `zh`.
#[inline(always)]
fn exp_dd<const FMA: bool, const LIGHT: bool>(zh: f64, zl: f64) -> f64 {
    let inside = (zh < 710.0) & (zh > -746.0);
    let zl = select(inside, zl, 0.0);
    let zh = clamp(zh, -746.0, 710.0);
    let (k, _, rh, rl) = exp_reduce::<FMA>(zh, zl);
    scale(exp_mantissa::<FMA, LIGHT>(rh, rl), k)
}

#[inline(always)]
fn exp_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    exp_dd::<FMA, LIGHT>(x, 0.0)
}

#[inline(always)]
fn exp2_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let x = clamp(x, -1080.0, 1030.0);
    let t = x + MAGIC;
    let k = t - MAGIC;
    let r = x - k;
    let (rh, rl) = two_prod::<FMA>(r, std::f64::consts::LN_2);
    let rl = fmadd_f64::<FMA>(r, LN2_TAIL, rl);
    scale(exp_mantissa::<FMA, LIGHT>(rh, rl), k)
}

/// `2^k (1 + rh + tail) - 1` for `k` in `-60..=1025` (given as the bits of `k + MAGIC`), as
/// `2 ((h - 1/2) + h rh + h tail)` with `h = 2^(k-1)`, the first two terms summed exactly.
#[inline(always)]
fn expm1_assemble<const FMA: bool>(tbits: u64, rh: f64, tail: f64) -> f64 {
    let h = f64::from_bits(tbits.wrapping_add(1022) << 52);
    let (a, ea) = two_sum(h, -0.5);
    let (s, e) = two_sum(a, h * rh);
    2.0 * (s + fmadd_f64::<FMA>(h, tail, e + ea))
}

/// `e^x - 1` for `x` already clamped to `[-40, 710]`.
#[inline(always)]
fn expm1_clamped<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let (_, tbits, rh, rl) = exp_reduce::<FMA>(x, 0.0);
    expm1_assemble::<FMA>(tbits, rh, exp_tail::<FMA, LIGHT>(rh, rl))
}

#[inline(always)]
fn expm1_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let r = expm1_clamped::<FMA, LIGHT>(clamp(x, -40.0, 710.0));
    select(x.abs() < TINY, x, r)
}

/// Below this, `expm1`, `ln_1p`, `sinh` and `tanh` return their argument (rounded exactly).
const TINY: f64 = 5.551_115_123_125_783e-17; // 2^-54

// ---------------------------------------------------------------------------------------------
// Hyperbolic functions
// ---------------------------------------------------------------------------------------------

/// The pieces of `e^a` for `a = |x| >= 0`: `(expm1(a), A = e^a / 2)`, `a` clamped to 711.
#[inline(always)]
fn exp_halves<const FMA: bool, const LIGHT: bool>(a: f64) -> (f64, f64) {
    let a = select(a > 711.0, 711.0, a);
    let (k, tbits, rh, rl) = exp_reduce::<FMA>(a, 0.0);
    let tail = exp_tail::<FMA, LIGHT>(rh, rl);
    let em1 = expm1_assemble::<FMA>(tbits, rh, tail);
    let (s, e) = fast_two_sum(1.0, rh);
    (em1, scale(s + (e + tail), k - 1.0))
}

#[inline(always)]
fn sinh_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let a = x.abs();
    let (t, big) = exp_halves::<FMA, LIGHT>(a);
    let small = a < 1.0;
    // near 0: (t + t / (t + 1)) / 2; further out: A - 1 / (4A). One division for both.
    let q = select(small, t, 0.25) / select(small, t + 1.0, big);
    let r = select(small, 0.5 * (t + q), big - q);
    select(a < TINY, x, r.copysign(x))
}

#[inline(always)]
fn cosh_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let a = x.abs();
    let (t, big) = exp_halves::<FMA, LIGHT>(a);
    let small = a < 0.346_573_590_279_972_6; // ln2 / 2
    // near 0: 1 + t^2 / (2 (1 + t)); further out: A + 1 / (4A).
    let q = select(small, t * t, 0.25) / select(small, 2.0 + 2.0 * t, big);
    select(small, 1.0 + q, big + q)
}

#[inline(always)]
fn tanh_core<const FMA: bool, const LIGHT: bool>(x: f64) -> f64 {
    let a = x.abs();
    let t = expm1_clamped::<FMA, LIGHT>(select(a > 20.0, 40.0, a + a));
    let small = a < 0.5;
    // t = e^(2a) - 1; tanh a = t / (t + 2) = 1 - 2 / (t + 2).
    let q = select(small, t, 2.0) / (t + 2.0);
    let r = select(small, q, 1.0 - q);
    select(a < TINY, x, r.copysign(x))
}

// ---------------------------------------------------------------------------------------------
// Logarithms
// ---------------------------------------------------------------------------------------------

/// fdlibm's minimax coefficients for `ln(1+f) = 2s + s R(s^2)`, `s = f / (2 + f)`.
const LG: [f64; 7] = [
    6.666_666_666_666_735e-1,
    3.999_999_999_940_942e-1,
    2.857_142_874_366_239e-1,
    2.222_219_843_214_978_4e-1,
    1.818_357_216_161_805e-1,
    1.531_383_769_920_937_3e-1,
    1.479_819_860_511_658_6e-1,
];

/// `x = 2^k z` with `z` in `[sqrt(1/2), sqrt(2))`, for finite `x > 0` (subnormals included):
/// returns `(k, z)`.
#[inline(always)]
fn log_reduce(x: f64) -> (f64, f64) {
    const SQRT_HALF_BITS: u64 = 0x3fe6_a09e_667f_3bcd;
    let sub = x < f64::MIN_POSITIVE;
    let ix = select(sub, x * 18_014_398_509_481_984.0, x).to_bits(); // 2^54
    let tmp = ix.wrapping_sub(SQRT_HALF_BITS);
    let z = f64::from_bits(ix.wrapping_sub(tmp & 0xfff0_0000_0000_0000));
    let kb = tmp.wrapping_add(0x3ff0_0000_0000_0000) >> 52; // k + 1023, in 1..=2047
    let k = f64::from_bits(kb | MAGIC.to_bits()) - (MAGIC + 1023.0);
    (k - select(sub, 54.0, 0.0), z)
}

/// For `f` in `[sqrt(1/2) - 1, sqrt(2) - 1)`: `(f^2/2, s (f^2/2 + R))`, so that
/// `ln(1+f) = f - f^2/2 + s (f^2/2 + R)`.
#[inline(always)]
fn log_kernel<const FMA: bool>(f: f64) -> (f64, f64) {
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * horner::<FMA, 3>(w, &[LG[1], LG[3], LG[5]]);
    let t2 = z * horner::<FMA, 4>(w, &[LG[0], LG[2], LG[4], LG[6]]);
    (hfsq, s * (hfsq + (t2 + t1)))
}

/// The special cases of the logarithms: `+inf` at `+inf`, `-inf` at `±0`, NaN below 0 and at NaN.
#[inline(always)]
fn log_special(x: f64, v: f64) -> f64 {
    let v = select(x > f64::MAX, INF, v);
    let v = select(x == 0.0, -INF, v);
    select(x >= 0.0, v, f64::NAN)
}

#[inline(always)]
fn ln_core<const FMA: bool>(x: f64) -> f64 {
    let (k, z) = log_reduce(x);
    let f = z - 1.0;
    let (hfsq, r) = log_kernel::<FMA>(f);
    let v = k * LN2_HI - ((hfsq - fmadd_f64::<FMA>(k, LN2_LO, r)) - f);
    log_special(x, v)
}

#[inline(always)]
fn ln_1p_core<const FMA: bool>(x: f64) -> f64 {
    let (u, err) = two_sum(1.0, x);
    let (k, z) = log_reduce(u);
    let f = z - 1.0;
    let (hfsq, r) = log_kernel::<FMA>(f);
    // ln(1 + x) = ln(u) + ln(1 + err/u), the rounding error of 1 + x as a correction.
    let c = err / u;
    let v = k * LN2_HI - ((hfsq - (r + fmadd_f64::<FMA>(k, LN2_LO, c))) - f);
    let v = log_special(x + 1.0, v);
    select(x.abs() < TINY, x, v)
}

/// `ln(1+f)` as the sum `hi + lo` with `hi` holding 20 bits, for the exact scalings of
/// `log2` and `log10` (fdlibm).
#[inline(always)]
fn log_split<const FMA: bool>(f: f64) -> (f64, f64) {
    let (hfsq, r) = log_kernel::<FMA>(f);
    let hi = f64::from_bits((f - hfsq).to_bits() & 0xffff_ffff_0000_0000);
    (hi, ((f - hi) - hfsq) + r)
}

#[inline(always)]
fn log2_core<const FMA: bool>(x: f64) -> f64 {
    const IVLN2HI: f64 = 1.442_695_040_721_446_3;
    const IVLN2LO: f64 = 1.675_171_316_488_651_2e-10;
    let (k, z) = log_reduce(x);
    let (hi, lo) = log_split::<FMA>(z - 1.0);
    let val_hi = hi * IVLN2HI;
    let val_lo = fmadd_f64::<FMA>(lo + hi, IVLN2LO, lo * IVLN2HI);
    let w = k + val_hi;
    let val_lo = val_lo + ((k - w) + val_hi);
    log_special(x, val_lo + w)
}

#[inline(always)]
fn log10_core<const FMA: bool>(x: f64) -> f64 {
    const IVLN10HI: f64 = 4.342_944_818_781_689e-1;
    const IVLN10LO: f64 = 2.508_294_671_164_527_5e-11;
    const LOG10_2HI: f64 = 3.010_299_956_636_117_7e-1;
    const LOG10_2LO: f64 = 3.694_239_077_158_931e-13;
    let (k, z) = log_reduce(x);
    let (hi, lo) = log_split::<FMA>(z - 1.0);
    let val_hi = hi * IVLN10HI;
    let y2 = k * LOG10_2HI;
    let val_lo = fmadd_f64::<FMA>(k, LOG10_2LO, fmadd_f64::<FMA>(lo + hi, IVLN10LO, lo * IVLN10HI));
    let w = y2 + val_hi;
    let val_lo = val_lo + ((y2 - w) + val_hi);
    log_special(x, val_lo + w)
}

// ---------------------------------------------------------------------------------------------
// Powers
// ---------------------------------------------------------------------------------------------

/// `2/5, 2/7, ..., 2/23`: the atanh series `ln(1+f) = 2s + s^3 (2/3 + s^2 T(s^2))`.
const ATANH_T: [f64; 10] = [
    0.4,
    0.285_714_285_714_285_7,
    0.222_222_222_222_222_2,
    0.181_818_181_818_181_82,
    0.153_846_153_846_153_85,
    0.133_333_333_333_333_33,
    0.117_647_058_823_529_41,
    0.105_263_157_894_736_84,
    0.095_238_095_238_095_23,
    0.086_956_521_739_130_43,
];
const TWO_THIRDS_LO: f64 = 3.700_743_415_417_188e-17;

/// `ln x` as a double-double with about 100 correct bits, for finite `x > 0`.
#[inline(always)]
fn ln_dd<const FMA: bool>(x: f64) -> (f64, f64) {
    let (k, z) = log_reduce(x);
    let f = z - 1.0;
    // s = f / (2 + f) as a double-double
    // (one division: any sh near f/d will do, as sl takes up the exact remainder)
    let (d, dl) = fast_two_sum(2.0, f);
    let inv = 1.0 / d;
    let sh = f * inv;
    let (ph, pl) = two_prod::<FMA>(sh, d);
    let sl = (((f - ph) - pl) - sh * dl) * inv;
    // c = 2/3 + s^2 T(s^2) as a double-double
    let s2 = sh * sh;
    let (ch, cl) = fast_two_sum(2.0 / 3.0, s2 * estrin10::<FMA>(s2, &ATANH_T));
    let cl = cl + TWO_THIRDS_LO;
    // s^3 and s^3 c as double-doubles
    let (q2h, q2l) = two_prod::<FMA>(sh, sh);
    let q2l = fmadd_f64::<FMA>(sh + sh, sl, q2l);
    let (q3h, q3l) = two_prod::<FMA>(q2h, sh);
    let q3l = q3l + fmadd_f64::<FMA>(q2h, sl, q2l * sh);
    let (th, tl) = two_prod::<FMA>(q3h, ch);
    let tl = tl + fmadd_f64::<FMA>(q3h, cl, q3l * ch);
    // k ln2 + 2s + s^3 c
    let (h1, e1) = two_sum(k * LN2_HI, sh + sh);
    let (h2, e2) = two_sum(h1, th);
    let lo = (e1 + e2) + (fmadd_f64::<FMA>(k, LN2_LO, sl + sl) + tl);
    fast_two_sum(h2, lo)
}

/// Whether `y` is an integer (infinities count as even integers, NaN as none).
#[inline(always)]
fn is_int(y: f64) -> bool {
    trunc_core(y) == y
}

#[inline(always)]
fn powf_core<const FMA: bool, const LIGHT: bool>(x: f64, y: f64) -> f64 {
    let ax = x.abs();
    let regular = (ax > 0.0) & (ax <= f64::MAX);
    let (lh, ll) = if LIGHT { (ln_core::<FMA>(ax), 0.0) } else { ln_dd::<FMA>(ax) };
    let lh = select(regular, lh, select(ax == 0.0, -INF, ax));
    let zh = y * lh;
    // (without FMA the exact product overflows for |y| > 2^996; then zl is NaN and not needed)
    let zl = if LIGHT { 0.0 } else { fmadd_f64::<FMA>(y, ll, prod_err::<FMA>(y, lh, zh)) };
    let zl = select(regular & (zl.abs() < 1.0), zl, 0.0);
    let r = exp_dd::<FMA, LIGHT>(zh, zl);
    // signs and the special cases of C99's pow
    let y_int = is_int(y);
    let y_odd = y_int & !is_int(y * 0.5);
    let r = select(y_odd, r.copysign(x), r); // r >= 0 here
    let r = select((x < 0.0) & (x > -INF) & !y_int, f64::NAN, r);
    select((x == 1.0) | (y == 0.0) | ((x == -1.0) & (y.abs() > f64::MAX)), 1.0, r)
}

// ---------------------------------------------------------------------------------------------
// Roots
// ---------------------------------------------------------------------------------------------

#[inline(always)]
fn cbrt_core<const FMA: bool>(x: f64) -> f64 {
    const B1: u64 = 715_094_163; // (1023 - 1023/3 - 0.03306235651) * 2^20
    const B2: u64 = 696_219_795; // (1023 - 1023/3 - 54/3 - 0.03306235651) * 2^20
    const P: [f64; 5] = [
        1.875_951_824_271_77,
        -1.884_979_795_433_771_7,
        1.621_429_720_105_354_5,
        -0.758_397_934_778_766,
        0.145_996_192_886_612_45,
    ];
    let sign = x.to_bits() & 0x8000_0000_0000_0000;
    let sub = x.abs() < f64::MIN_POSITIVE;
    let hx = (select(sub, x * 18_014_398_509_481_984.0, x).to_bits() >> 32) & 0x7fff_ffff;
    let hx3 = ((hx * 0xaaaa_aaab) >> 33) + if sub { B2 } else { B1 }; // hx / 3 + B
    let t = f64::from_bits(sign | hx3 << 32);
    // to 23 bits: cbrt(x) = t cbrt(x / t^3) ~= t P(t^3 / x)
    let r = (t * t) * (t / x);
    let t =
        t * fmadd_f64::<FMA>((r * r) * r, fmadd_f64::<FMA>(r, P[4], P[3]), horner::<FMA, 3>(r, &[P[0], P[1], P[2]]));
    // round away from zero to 23 bits, then one Newton step to 53 bits
    let t = f64::from_bits((t.to_bits().wrapping_add(0x8000_0000)) & 0xffff_ffff_c000_0000);
    let s = t * t;
    let r = x / s;
    let r = (r - t) / ((t + t) + r);
    let t = fmadd_f64::<FMA>(t, r, t);
    select((x.abs() <= f64::MAX) & (x != 0.0), t, x + x)
}

#[inline(always)]
fn hypot_core<const FMA: bool>(x: f64, y: f64) -> f64 {
    let (ax, ay) = (x.abs(), y.abs());
    let gt = ax > ay;
    let (big, small) = (select(gt, ax, ay), select(gt, ay, ax));
    // scale both by 1/e, e a power of two near `big`, clamped so that 1/e is normal
    let e = f64::from_bits(big.to_bits() & 0x7ff0_0000_0000_0000);
    let e = clamp(e, f64::MIN_POSITIVE, 4.494_232_837_155_79e307); // 2^1022
    let inv = f64::from_bits(0x7fe0_0000_0000_0000 - e.to_bits());
    let (b, s) = (big * inv, small * inv);
    let (b2, b2l) = two_prod::<FMA>(b, b);
    let (s2, s2l) = two_prod::<FMA>(s, s);
    let h = (b2 + s2).sqrt();
    // one correction with the exact residual b^2 + s^2 - h^2
    let (h2, h2l) = two_prod::<FMA>(h, h);
    let resid = ((b2 - h2) + s2) + ((b2l + s2l) - h2l);
    let h = h + resid / (h + h);
    let r = select(big + small == 0.0, 0.0, h * e);
    select((ax > f64::MAX) | (ay > f64::MAX), INF, r)
}

// ---------------------------------------------------------------------------------------------
// Rounding to integers
// ---------------------------------------------------------------------------------------------

/// `2^52`: every `f64` at or above it is an integer.
const TWO52: f64 = 4_503_599_627_370_496.0;

#[inline(always)]
fn trunc_core(x: f64) -> f64 {
    let a = x.abs();
    let n = (a + TWO52) - TWO52; // nearest integer
    let t = select(n > a, n - 1.0, n);
    select(a < TWO52, t.copysign(x), x)
}

#[inline(always)]
fn floor_core(x: f64) -> f64 {
    let t = trunc_core(x);
    select(t > x, t - 1.0, t)
}

#[inline(always)]
fn ceil_core(x: f64) -> f64 {
    let t = trunc_core(x);
    select(t < x, t + 1.0, t)
}

#[inline(always)]
fn round_core(x: f64) -> f64 {
    let a = x.abs();
    let t = trunc_core(a);
    let r = select(a - t >= 0.5, t + 1.0, t);
    select(a < TWO52, r.copysign(x), x)
}

/// The `f32` rounding functions, natively (`2^23` magic number).
mod round32 {
    const TWO23: f32 = 8_388_608.0;

    #[inline(always)]
    fn select(c: bool, a: f32, b: f32) -> f32 {
        if c { a } else { b }
    }

    #[inline(always)]
    pub fn trunc(x: f32) -> f32 {
        let a = x.abs();
        let n = (a + TWO23) - TWO23;
        let t = select(n > a, n - 1.0, n);
        select(a < TWO23, t.copysign(x), x)
    }

    #[inline(always)]
    pub fn floor(x: f32) -> f32 {
        let t = trunc(x);
        select(t > x, t - 1.0, t)
    }

    #[inline(always)]
    pub fn ceil(x: f32) -> f32 {
        let t = trunc(x);
        select(t < x, t + 1.0, t)
    }

    #[inline(always)]
    pub fn round(x: f32) -> f32 {
        let a = x.abs();
        let t = trunc(a);
        let r = select(a - t >= 0.5, t + 1.0, t);
        select(a < TWO23, r.copysign(x), x)
    }
}

// ---------------------------------------------------------------------------------------------
// Lanes
// ---------------------------------------------------------------------------------------------

/// A lane type: `f64`, or `f32` evaluated through `f64` and rounded once.
trait Lane: Copy + Default {
    fn to_f64(self) -> f64;
    fn from_f64(v: f64) -> Self;
}

impl Lane for f64 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        v
    }
}

impl Lane for f32 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
}

/// `$f` (a path to an `#[inline(always)]` `f64` core) on every lane of `$x`, through `f64`.
/// A macro rather than a function taking `impl Fn`: a function item passed as a value is
/// called through the `Fn::call` shim, which LLVM may leave un-inlined, and then compiled
/// without the caller's target features. Two lanes are written out, because the loop
/// vectorizer leaves a two-trip loop with a long body alone, while the straight pair is
/// vectorized (SLP).
macro_rules! map1 {
    ($x:expr, $f:expr) => {{
        let x = $x;
        let mut r = [Default::default(); W];
        if W == 2 {
            r[0] = Lane::from_f64($f(x[0].to_f64()));
            r[1] = Lane::from_f64($f(x[1].to_f64()));
        } else {
            for (r, &x) in r.iter_mut().zip(&x) {
                *r = Lane::from_f64($f(x.to_f64()));
            }
        }
        r
    }};
}

/// `$f` on every pair of lanes of `$x` and `$y`, through `f64` (see [`map1`]).
macro_rules! map2 {
    ($x:expr, $y:expr, $f:expr) => {{
        let (x, y) = ($x, $y);
        let mut r = [Default::default(); W];
        if W == 2 {
            r[0] = Lane::from_f64($f(x[0].to_f64(), y[0].into()));
            r[1] = Lane::from_f64($f(x[1].to_f64(), y[1].into()));
        } else {
            for ((r, &x), &y) in r.iter_mut().zip(&x).zip(&y) {
                *r = Lane::from_f64($f(x.to_f64(), y.into()));
            }
        }
        r
    }};
}

/// `$f` on every lane of `$x` in the lane type itself (the rounding functions, exact in `f32`).
macro_rules! map_native {
    ($x:expr, $f:expr) => {{
        let x = $x;
        let mut r = [Default::default(); W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = $f(x);
        }
        r
    }};
}

/// The lane functions for one element type, from the scalar cores above.
macro_rules! lane_fns {
    ($t:ident, $light:literal, $hypot:ident) => {
        use super::*;

        /// Square root per lane (the hardware instruction, correctly rounded).
        #[inline(always)]
        pub fn sqrt<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map_native!(x, <$t>::sqrt)
        }

        /// Cube root per lane.
        #[inline(always)]
        pub fn cbrt<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, cbrt_core::<FMA>)
        }

        /// `e^x` per lane.
        #[inline(always)]
        pub fn exp<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, exp_core::<FMA, $light>)
        }

        /// `2^x` per lane.
        #[inline(always)]
        pub fn exp2<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, exp2_core::<FMA, $light>)
        }

        /// `e^x - 1` per lane, accurate near zero.
        #[inline(always)]
        pub fn exp_m1<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, expm1_core::<FMA, $light>)
        }

        /// Natural logarithm per lane.
        #[inline(always)]
        pub fn ln<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, ln_core::<FMA>)
        }

        /// `ln(1 + x)` per lane, accurate near zero.
        #[inline(always)]
        pub fn ln_1p<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, ln_1p_core::<FMA>)
        }

        /// Base-2 logarithm per lane.
        #[inline(always)]
        pub fn log2<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, log2_core::<FMA>)
        }

        /// Base-10 logarithm per lane.
        #[inline(always)]
        pub fn log10<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, log10_core::<FMA>)
        }

        /// Hyperbolic tangent per lane.
        #[inline(always)]
        pub fn tanh<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, tanh_core::<FMA, $light>)
        }

        /// Hyperbolic sine per lane.
        #[inline(always)]
        pub fn sinh<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, sinh_core::<FMA, $light>)
        }

        /// Hyperbolic cosine per lane.
        #[inline(always)]
        pub fn cosh<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map1!(x, cosh_core::<FMA, $light>)
        }

        /// `x^n` per lane for an integer `n`; special values as `powf(x, n)`.
        #[inline(always)]
        pub fn powi<const FMA: bool, const W: usize>(x: [$t; W], n: [i32; W]) -> [$t; W] {
            map2!(x, n, powf_core::<FMA, $light>)
        }

        /// `x^y` per lane, with the special cases of C99's `pow` (as `std`'s `powf`).
        #[inline(always)]
        pub fn powf<const FMA: bool, const W: usize>(x: [$t; W], y: [$t; W]) -> [$t; W] {
            map2!(x, y, powf_core::<FMA, $light>)
        }

        /// `sqrt(x^2 + y^2)` per lane, without undue overflow or underflow.
        #[inline(always)]
        pub fn hypot<const FMA: bool, const W: usize>(x: [$t; W], y: [$t; W]) -> [$t; W] {
            map2!(x, y, $hypot::<FMA>)
        }

        /// Largest integer not above `x`, per lane.
        #[inline(always)]
        pub fn floor<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map_native!(x, rounding::floor)
        }

        /// Smallest integer not below `x`, per lane.
        #[inline(always)]
        pub fn ceil<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map_native!(x, rounding::ceil)
        }

        /// Nearest integer per lane, halfway cases away from zero.
        #[inline(always)]
        pub fn round<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map_native!(x, rounding::round)
        }

        /// Integer part per lane (rounded toward zero).
        #[inline(always)]
        pub fn trunc<const FMA: bool, const W: usize>(x: [$t; W]) -> [$t; W] {
            map_native!(x, rounding::trunc)
        }
    };
}

/// The `f64` rounding cores under the names the lane macro uses.
mod round64 {
    pub(super) use super::{ceil_core as ceil, floor_core as floor, round_core as round, trunc_core as trunc};
}

/// `hypot` of two `f32` (given as `f64`): both squares are exact in `f64` and cannot overflow.
#[inline(always)]
fn hypot32<const FMA: bool>(x: f64, y: f64) -> f64 {
    let h = fmadd_f64::<FMA>(x, x, y * y).sqrt();
    select((x.abs() > f64::MAX) | (y.abs() > f64::MAX), INF, h)
}

/// `f64` functions.
pub mod f64 {
    use super::round64 as rounding;
    lane_fns!(f64, false, hypot_core);
}

/// `f32` functions.
pub mod f32 {
    use super::round32 as rounding;
    lane_fns!(f32, true, hypot32);
}
