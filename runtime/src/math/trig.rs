//! `sin cos sin_cos tan asin acos atan atan2`, each branch-free per lane.
//!
//! # `sin`, `cos`, `tan`
//!
//! The argument is reduced to `x = k·π/2 + r`, `|r| ≲ π/4`, with `r` kept as a double-double
//! `hi + lo`. For `|x| <= 1.6e6` ([`REDUCE_LIMIT`]) this is a Cody–Waite reduction with π/2 cut
//! into three 33-bit pieces and a 53-bit tail: `k` is rounded with the `1.5·2^52` trick, every
//! product `k·piece` is exact (`k < 2^20`), and the subtractions are exact or tracked with
//! two-sums, so `hi + lo` is good to about 2^-100 relative even where `x` is one of the `f64`
//! closest to a multiple of π/2. Larger finite arguments are reduced afterwards, only in the
//! lanes that need it, by a Payne–Hanek reduction: 192 bits of 2/π taken from a 1408-bit table
//! at the argument's exponent, multiplied exactly with integer arithmetic. The polynomials
//! (minimax, degree 13 and 14 in `r`) are evaluated around `hi` with a first-order correction
//! for `lo`, in the manner of fdlibm's kernels; `k mod 4` picks the quadrant with selects.
//! `tan` divides the two kernels' results as double-doubles (the quotient, then a correction
//! from the exact remainder), which keeps it under 1 ulp.
//!
//! # `asin`, `acos`, `atan`, `atan2`
//!
//! `asin` and `acos` evaluate one polynomial for `asin(√t)/√t - 1` with `t = x²` below 1/2 and
//! `t = (1 - |x|)/2` above it, where `asin x = π/2 - 2·asin √t`; `√t` is split in two so that the
//! subtraction from π/2 keeps its low bits. `atan` and `atan2` pick one of five intervals by
//! comparisons and map the ratio `|y|/|x|` into `[-7/16, 7/16]` with `atan(u) = atan(c) +
//! atan((u - c)/(1 + c·u))`, `c ∈ {0, 1/2, 1, 3/2, ∞}`, computed from `|y|` and `|x|` directly so
//! the ratio is rounded once; `atan(c)` is added as a double-double, and so is π for `x < 0`.
//!
//! The polynomial coefficients are minimax (Remez exchange at 80 digits, for this crate); each
//! table states its approximation error.
//!
//! # `f32`
//!
//! The `f32` functions convert to `f64`, run the same formulas with shorter polynomials (about
//! 2^-34 relative error) and a reduction without the low part (good to 2^-39 relative for `f32`
//! arguments), and round the result back to `f32`: within 0.501 ulp in all tests.
//!
//! # Accuracy
//!
//! See `accuracy_trig.md` next to this file: every `f64` function is within 1 ulp for all inputs
//! tried, with and without FMA. The rare slow path for huge `sin`/`cos`/`tan` arguments always
//! evaluates without FMA (it is not compiled in the caller's clone), so its result does not
//! depend on `FMA`.

use super::common::{fast_two_sum, fmadd_f64, two_sum};
use std::f64::consts::{FRAC_2_PI, FRAC_PI_2, FRAC_PI_4, PI};

// ---------------------------------------------------------------------------------------------
// Constants

/// The largest `|x|` the branch-free reduction handles: `k = round(x·2/π) < 2^20`.
const REDUCE_LIMIT: f64 = 1.6e6;

/// `1.5·2^52`: adding and subtracting it rounds a value below `2^51` to an integer, whose low
/// bits are then the low bits of the sum's encoding.
const ROUND_MAGIC: f64 = 6755399441055744.0;

/// π/2 in three 33-bit pieces and a tail: `k·PIO2_1..3` are exact for `k < 2^20`.
const PIO2_1: f64 = 1.5707963267341256;
const PIO2_2: f64 = 6.077100506303966e-11;
const PIO2_3: f64 = 2.0222662487111665e-21;
const PIO2_3T: f64 = 8.4784276603689e-32;

/// π/2, π/4 and π as double-doubles.
const PIO2_HI: f64 = FRAC_PI_2;
const PIO2_LO: f64 = 6.123233995736766e-17;
const PIO4_HI: f64 = FRAC_PI_4;
const PIO4_LO: f64 = 3.061616997868383e-17;
const PI_HI: f64 = PI;
const PI_LO: f64 = 1.2246467991473532e-16;

/// `atan(1/2)` and `atan(3/2)` as double-doubles.
const ATAN_HALF_HI: f64 = 0.4636476090008061;
const ATAN_HALF_LO: f64 = 2.2698777452961687e-17;
const ATAN_3HALF_HI: f64 = 0.982793723247329;
const ATAN_3HALF_LO: f64 = 1.3903311031230998e-17;

/// Powers of two for scaling `atan2`'s arguments and clamping `atan`'s.
const TWO_800: f64 = f64::from_bits((1023 + 800) << 52);
const TWO_900: f64 = f64::from_bits((1023 + 900) << 52);
const TWO_M100: f64 = f64::from_bits((1023 - 100) << 52);
const TWO_120: f64 = f64::from_bits((1023 + 120) << 52);

/// Below this `|x|`, `sin x`, `tan x`, `asin x` and `atan x` round to `x` (in `f64`).
const TINY: f64 = 7.450580596923828e-9; // 2^-27

/// The bits of 2/π after the binary point, 64 to a word, preceded by one word of zeros so that
/// a window may start up to 63 bits before the binary point.
const TWO_OVER_PI: [u64; 23] = [
    0x0000000000000000,
    0xA2F9836E4E441529,
    0xFC2757D1F534DDC0,
    0xDB6295993C439041,
    0xFE5163ABDEBBC561,
    0xB7246E3A424DD2E0,
    0x06492EEA09D1921C,
    0xFE1DEB1CB129A73E,
    0xE88235F52EBB4484,
    0xE99C7026B45F7E41,
    0x3991D639835339F4,
    0x9C845F8BBDF9283B,
    0x1FF897FFDE05980F,
    0xEF2F118B5A0A6D1F,
    0x6D367ECF27CB09B7,
    0x4F463F669E5FEA2D,
    0x7527BAC7EBE5F17B,
    0x3D0739F78A5292EA,
    0x6BFB5FB11F8D5D08,
    0x56033046FC7B6BAB,
    0xF0CFBC209AF4361D,
    0xA9E391615EE61B08,
    0x6599855F14A06840,
];

// Minimax polynomials (Remez, 80 digits), with their maximum error on the interval used.

/// `sin(r)/r - 1 = t·(S1 + t·SIN(t))`, `t = r²`, `|r| <= π/4`: error 2^-58.0.
const S1: f64 = -0.16666666666666632;
const SIN: [f64; 5] = [
    0.008333333333322418,
    -0.00019841269829812383,
    2.7557313693572864e-06,
    -2.5050758384291443e-08,
    1.5896811789298266e-10,
];

/// `cos(r) - 1 + t/2 = t²·COS(t)`, `t = r²`, `|r| <= π/4`: error 2^-64.2.
const COS: [f64; 6] = [
    0.0416666666666666,
    -0.0013888888888874131,
    2.4801587289487036e-05,
    -2.75573143537947e-07,
    2.0875723479636736e-09,
    -1.1359658868485467e-11,
];

/// `atan(s)/s - 1 = t·ATAN(t)`, `t = s²`, `|s| <= 7/16`: error 2^-57.7.
const ATAN: [f64; 11] = [
    -0.3333333333333293,
    0.19999999999876047,
    -0.14285714272469804,
    0.11111110404104435,
    -0.09090887100983734,
    0.07691875715908256,
    -0.06661068363192418,
    0.05833540020180843,
    -0.049767595406458164,
    0.03652893135581364,
    -0.016283270857225727,
];

/// `asin(s)/s - 1 = t·ASIN(t)`, `t = s²`, `t <= 1/4`: error 2^-59.8.
const ASIN: [f64; 13] = [
    0.16666666666666763,
    0.07499999999970261,
    0.04464285717512154,
    0.03038194268358725,
    0.022372215661018397,
    0.01735160008077914,
    0.013980961567805162,
    0.011397775131270627,
    0.010786533477374417,
    0.003683026248810841,
    0.021763535746152224,
    -0.02107734223215317,
    0.03267692012478461,
];

/// For `f32`: `sin(r)/r - 1 = t·SINF(t)`: error 2^-37.6.
const SINF: [f64; 4] = [-0.1666666664161699, 0.008333329384762597, -0.000198393344682623, 2.718307945355448e-06];

/// For `f32`: `cos(r) - 1 = t·COSF(t)`: error 2^-34.1.
const COSF: [f64; 4] = [-0.4999999972499841, 0.04166662331137065, -0.0013886763370923798, 2.439040985295109e-05];

/// For `f32`: as [`ATAN`], error 2^-34.4.
const ATANF: [f64; 6] = [
    -0.3333333184408601,
    0.19999845052542128,
    -0.1428031973322102,
    0.11023837711453992,
    -0.0836051211807966,
    0.04506959528972886,
];

/// For `f32`: as [`ASIN`], error 2^-35.8.
const ASINF: [f64; 7] = [
    0.16666667189847384,
    0.07499948155754954,
    0.044660163517974236,
    0.030110254273516532,
    0.024618347080544254,
    0.007469188895625703,
    0.03469287948453403,
];

// ---------------------------------------------------------------------------------------------
// Helpers

/// `a` where `c`, else `b`: one blend in vector code. An `if` would do in isolation, but once
/// inlined LLVM may sink the computation of `a` or `b` into a branch of its own, and a loop with
/// branches is not vectorized; `select_unpredictable` is always an IR `select`.
#[inline(always)]
fn select(c: bool, a: f64, b: f64) -> f64 {
    std::hint::select_unpredictable(c, a, b)
}

/// `a·b + c` (fused when `FMA`).
#[inline(always)]
fn fma<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    fmadd_f64::<FMA>(a, b, c)
}

/// `c[0] + t·(c[1] + t·(…))` by Horner's rule.
#[inline(always)]
fn horner<const FMA: bool, const N: usize>(t: f64, c: &[f64; N]) -> f64 {
    let mut acc = c[N - 1];
    for &ci in c[..N - 1].iter().rev() {
        acc = fma::<FMA>(acc, t, ci);
    }
    acc
}

/// `(p, e)` with `p = fl(a·b)` and `p + e = a·b` exactly (Dekker; no FMA needed).
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    #[inline(always)]
    fn split(a: f64) -> (f64, f64) {
        let c = 134217729.0 * a; // 2^27 + 1
        let hi = c - (c - a);
        (hi, a - hi)
    }
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// `x` with its sign flipped where `flip`'s bit 63 is set.
#[inline(always)]
fn xor_sign(x: f64, flip: u64) -> f64 {
    f64::from_bits(x.to_bits() ^ (flip & (1 << 63)))
}

// ---------------------------------------------------------------------------------------------
// Argument reduction for sin, cos, tan

/// `x = k·π/2 + hi + lo` with `q`'s two low bits `k mod 4`.
#[derive(Clone, Copy)]
struct Reduced {
    q: u64,
    hi: f64,
    lo: f64,
}

/// Cody–Waite reduction, valid for `|x| <= REDUCE_LIMIT`; garbage (but no panic) beyond.
#[inline(always)]
fn reduce(x: f64) -> Reduced {
    let t = x * FRAC_2_PI + ROUND_MAGIC;
    let k = t - ROUND_MAGIC;
    let a = x - k * PIO2_1; // exact: k·PIO2_1 has at most 53 bits and is close to x
    let (s1, e1) = two_sum(a, -(k * PIO2_2));
    let (s2, e2) = two_sum(s1, -(k * PIO2_3));
    let (hi, lo) = fast_two_sum(s2, (e1 + e2) - k * PIO2_3T);
    Reduced { q: t.to_bits(), hi, lo }
}

/// [`reduce`] for arguments that came from `f32`, without the low part: `hi` is good to about
/// 2^-39 relative below `REDUCE_LIMIT` (the `f32` closest to a multiple of π/2 there, 252.898…,
/// is 4.2e-9 away from it).
#[inline(always)]
fn reduce_f32(x: f64) -> Reduced {
    let t = x * FRAC_2_PI + ROUND_MAGIC;
    let k = t - ROUND_MAGIC;
    let hi = ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
    Reduced { q: t.to_bits(), hi, lo: 0.0 }
}

/// 64 bits of [`TWO_OVER_PI`] starting at bit `p` (bit 0 is the top bit of word 0).
fn two_over_pi_bits(p: usize) -> u64 {
    let (w, s) = (p / 64, p % 64);
    let pair = ((TWO_OVER_PI[w] as u128) << 64) | TWO_OVER_PI[w + 1] as u128;
    (pair >> (64 - s)) as u64
}

/// Payne–Hanek reduction of a finite `|x| >= 2^-10`.
///
/// With `|x| = m·2^e`, the bits of 2/π worth `2^(e-i)` for `i <= e - 2` only add multiples of 4
/// to `x·2/π`, so the 192 bits from `i = e - 1` on give `k mod 4` and the fraction to within
/// `2^-137`; the fraction has at least 66 significant bits left even for the `f64` closest to
/// a multiple of π/2 (about `2^-62` away, in units of π/2).
fn reduce_big(x: f64) -> Reduced {
    const MASK62: u64 = (1 << 62) - 1;
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let m = ((bits & ((1 << 52) - 1)) | (1 << 52)) as u128;
    let p = (e + 62) as usize; // table position of the bit worth 2^-(e - 1)
    let (w0, w1, w2) = (two_over_pi_bits(p), two_over_pi_bits(p + 64), two_over_pi_bits(p + 128));
    // m·(w0:w1:w2), three limbs from the bottom; the product is worth 2^-190 per unit.
    let (p0, p1, p2) = (m * w0 as u128, m * w1 as u128, m * w2 as u128);
    let limb0 = p2 as u64;
    let acc = (p2 >> 64) + (p1 & u64::MAX as u128);
    let limb1 = acc as u64;
    let acc = (acc >> 64) + (p1 >> 64) + (p0 & u64::MAX as u128);
    let limb2 = acc as u64;
    // Bits 190 and 191 are k mod 4; the 128 bits below them the fraction, read as signed so
    // that a fraction of a half or more rounds k up.
    let frac = (((limb2 & MASK62) as u128) << 66) | ((limb1 as u128) << 2) | (limb0 >> 62) as u128;
    let q = (limb2 >> 62) + (frac >> 127) as u64;
    let f = frac as i128;
    let hi = f as f64;
    let lo = f.wrapping_sub(hi as i128) as f64;
    let scale = f64::from_bits((1023 - 128) << 52); // 2^-128
    let (hi, lo) = (hi * scale, lo * scale);
    let (ph, pl) = two_prod(hi, PIO2_HI);
    let (hi, lo) = fast_two_sum(ph, pl + (hi * PIO2_LO + lo * PIO2_HI));
    if x < 0.0 { Reduced { q: q.wrapping_neg(), hi: -hi, lo: -lo } } else { Reduced { q, hi, lo } }
}

// ---------------------------------------------------------------------------------------------
// sin, cos, tan kernels

/// `sin(x + y)` for `|x| <= π/4`, `|y| <= ulp(x)`, as a double-double whose high part is the
/// rounded result.
#[inline(always)]
fn sin_kernel<const FMA: bool>(x: f64, y: f64) -> (f64, f64) {
    let z = x * x;
    let v = z * x;
    let r = horner::<FMA, 5>(z, &SIN);
    // x + v·(S1 + z·r) + y·(1 - z/2), the small terms summed first
    let inner = fma::<FMA>(z, fma::<FMA>(-v, r, 0.5 * y), -y);
    fast_two_sum(x, -fma::<FMA>(-v, S1, inner))
}

/// `cos(x + y)` for `|x| <= π/4`, `|y| <= ulp(x)`, as a double-double whose high part is the
/// rounded result.
#[inline(always)]
fn cos_kernel<const FMA: bool>(x: f64, y: f64) -> (f64, f64) {
    let z = x * x;
    let r = z * horner::<FMA, 6>(z, &COS);
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    // 1 - hz rounded to w, its rounding error added back with the small terms
    fast_two_sum(w, ((1.0 - w) - hz) + fma::<FMA>(z, r, -(x * y)))
}

/// `n - q·d`, exactly when `q·d` is close to `n` (as for a quotient `q ≈ n/d`).
#[inline(always)]
fn remainder<const FMA: bool>(n: f64, q: f64, d: f64) -> f64 {
    if FMA {
        fma::<true>(-q, d, n)
    } else {
        let (p, e) = two_prod(q, d);
        (n - p) - e
    }
}

/// `(nh + nl) / (dh + dl)`, within 0.5 ulp plus a little: an approximate quotient of the high
/// parts, corrected by the exact remainder and the low parts (one division, for `1/dh`).
#[inline(always)]
fn div_dd<const FMA: bool>(nh: f64, nl: f64, dh: f64, dl: f64) -> f64 {
    let rcp = 1.0 / dh;
    let q = nh * rcp;
    q + (remainder::<FMA>(nh, q, dh) + fma::<FMA>(-q, dl, nl)) * rcp
}

/// `sin(k·π/2 + r)` from the reduced argument.
#[inline(always)]
fn sin_reduced<const FMA: bool>(r: Reduced) -> f64 {
    let (s, _) = sin_kernel::<FMA>(r.hi, r.lo);
    let (c, _) = cos_kernel::<FMA>(r.hi, r.lo);
    xor_sign(select(r.q & 1 != 0, c, s), r.q << 62)
}

/// `tan(k·π/2 + r)` from the reduced argument: `sin r / cos r` or `-cos r / sin r`, divided
/// as double-doubles.
#[inline(always)]
fn tan_reduced<const FMA: bool>(r: Reduced) -> f64 {
    let (sh, sl) = sin_kernel::<FMA>(r.hi, r.lo);
    let (ch, cl) = cos_kernel::<FMA>(r.hi, r.lo);
    let odd = r.q & 1 != 0;
    div_dd::<FMA>(select(odd, -ch, sh), select(odd, -cl, sl), select(odd, sh, ch), select(odd, sl, cl))
}

/// `f32` kernels in `f64`: `(sin r, cos r)` from `hi` alone.
#[inline(always)]
fn sin_cos_kernel_f32<const FMA: bool>(x: f64) -> (f64, f64) {
    let z = x * x;
    let s = fma::<FMA>(x * z, horner::<FMA, 4>(z, &SINF), x);
    let c = fma::<FMA>(z, horner::<FMA, 4>(z, &COSF), 1.0);
    (s, c)
}

#[inline(always)]
fn sin_reduced_f32<const FMA: bool>(r: Reduced) -> f64 {
    let (s, c) = sin_cos_kernel_f32::<FMA>(r.hi);
    xor_sign(select(r.q & 1 != 0, c, s), r.q << 62)
}

#[inline(always)]
fn tan_reduced_f32<const FMA: bool>(r: Reduced) -> f64 {
    let (s, c) = sin_cos_kernel_f32::<FMA>(r.hi);
    let odd = r.q & 1 != 0;
    select(odd, -c, s) / select(odd, s, c)
}

/// The reduced argument shifted by a quarter turn: `cos x = sin(x + π/2)`.
#[inline(always)]
fn quarter(r: Reduced) -> Reduced {
    Reduced { q: r.q.wrapping_add(1), ..r }
}

// Scalar lane functions. The `_big` ones are the slow path: not inlined, branching, and
// evaluated without FMA (they are compiled outside the caller's target-feature clone).

#[inline(always)]
fn sin1<const FMA: bool>(x: f64) -> f64 {
    select(x.abs() < TINY, x, sin_reduced::<FMA>(reduce(x)))
}

#[inline(always)]
fn cos1<const FMA: bool>(x: f64) -> f64 {
    sin_reduced::<FMA>(quarter(reduce(x)))
}

#[inline(always)]
fn tan1<const FMA: bool>(x: f64) -> f64 {
    select(x.abs() < TINY, x, tan_reduced::<FMA>(reduce(x)))
}

#[cold]
#[inline(never)]
fn sin_big(x: f64) -> f64 {
    if x.is_finite() { sin_reduced::<false>(reduce_big(x)) } else { f64::NAN }
}

#[cold]
#[inline(never)]
fn cos_big(x: f64) -> f64 {
    if x.is_finite() { sin_reduced::<false>(quarter(reduce_big(x))) } else { f64::NAN }
}

#[cold]
#[inline(never)]
fn tan_big(x: f64) -> f64 {
    if x.is_finite() { tan_reduced::<false>(reduce_big(x)) } else { f64::NAN }
}

#[inline(always)]
fn sin1_f32<const FMA: bool>(x: f64) -> f64 {
    select(x == 0.0, x, sin_reduced_f32::<FMA>(reduce_f32(x)))
}

#[inline(always)]
fn cos1_f32<const FMA: bool>(x: f64) -> f64 {
    sin_reduced_f32::<FMA>(quarter(reduce_f32(x)))
}

#[inline(always)]
fn tan1_f32<const FMA: bool>(x: f64) -> f64 {
    select(x == 0.0, x, tan_reduced_f32::<FMA>(reduce_f32(x)))
}

#[cold]
#[inline(never)]
fn sin_big_f32(x: f64) -> f64 {
    if x.is_finite() { sin_reduced_f32::<false>(reduce_big(x)) } else { f64::NAN }
}

#[cold]
#[inline(never)]
fn cos_big_f32(x: f64) -> f64 {
    if x.is_finite() { sin_reduced_f32::<false>(quarter(reduce_big(x))) } else { f64::NAN }
}

#[cold]
#[inline(never)]
fn tan_big_f32(x: f64) -> f64 {
    if x.is_finite() { tan_reduced_f32::<false>(reduce_big(x)) } else { f64::NAN }
}

// ---------------------------------------------------------------------------------------------
// asin, acos

/// What `asin` and `acos` share: `t`, `w = asin(√t)/√t - 1`, `s = √t`, and `s` split as
/// `df + c` with `df` holding the top 21 bits (so `df²` is exact).
struct AsinParts {
    small: bool,
    w: f64,
    s: f64,
    df: f64,
    c: f64,
}

#[inline(always)]
fn asin_parts<const FMA: bool, const N: usize>(x: f64, coef: &[f64; N]) -> AsinParts {
    let ax = x.abs();
    let small = ax < 0.5;
    let t = select(small, x * x, (1.0 - ax) * 0.5);
    let w = t * horner::<FMA, N>(t, coef);
    let s = t.sqrt();
    let df = f64::from_bits(s.to_bits() & 0xFFFF_FFFF_0000_0000);
    let c = (t - df * df) / (s + df);
    AsinParts { small, w, s, df, c }
}

#[inline(always)]
fn asin1<const FMA: bool, const N: usize>(x: f64, coef: &[f64; N]) -> f64 {
    let AsinParts { small, w, s, df, c } = asin_parts::<FMA, N>(x, coef);
    let near = fma::<FMA>(x, w, x);
    // π/2 - 2·(s + s·w) = π/4 - ((2s·w - (PIO2_LO - 2c)) - (π/4 - 2df))
    let p = fma::<FMA>(2.0 * s, w, -(PIO2_LO - 2.0 * c));
    let q = PIO4_HI - 2.0 * df;
    let far = (PIO4_HI - (p - q)).copysign(x);
    select(x.abs() == 1.0, PIO2_HI.copysign(x), select(small, near, far))
}

#[inline(always)]
fn acos1<const FMA: bool, const N: usize>(x: f64, coef: &[f64; N]) -> f64 {
    let AsinParts { small, w, s, df, c } = asin_parts::<FMA, N>(x, coef);
    let mid = PIO2_HI - (x - fma::<FMA>(-x, w, PIO2_LO));
    let neg = PI_HI - 2.0 * (s + fma::<FMA>(s, w, -PIO2_LO));
    let pos = 2.0 * (df + fma::<FMA>(s, w, c));
    select(x == 1.0, 0.0, select(small, mid, select(x < 0.0, neg, pos)))
}

// ---------------------------------------------------------------------------------------------
// atan, atan2

/// `atan(a/b)` for `a, b >= 0` not both zero nor both infinite, with `a` and `b` small
/// enough that `3.5·max(a, b)` does not overflow, as `hi + small` with `hi` a constant. The
/// ratio picks `c ∈ {0, 1/2, 1, 3/2, ∞}` and `atan(a/b) = atan(c) + atan(s)`,
/// `s = (a - c·b)/(b + c·a)`, `|s| <= 7/16`.
#[inline(always)]
fn atan_ratio<const FMA: bool, const N: usize>(a: f64, b: f64, coef: &[f64; N]) -> (f64, f64) {
    let i1 = a >= 0.4375 * b;
    let i2 = a >= 0.6875 * b;
    let i3 = a >= 1.1875 * b;
    let i4 = a >= 2.4375 * b;
    // The numerators are exact (Sterbenz), or rounded once for c = 3/2.
    let num = select(i4, -b, select(i3, (a - 2.0 * b) + 0.5 * b, select(i2, a - b, select(i1, 2.0 * a - b, a))));
    let den = select(i4, a, select(i3, fma::<FMA>(1.5, a, b), select(i2, a + b, select(i1, 2.0 * b + a, b))));
    let hi = select(i4, PIO2_HI, select(i3, ATAN_3HALF_HI, select(i2, PIO4_HI, select(i1, ATAN_HALF_HI, 0.0))));
    let lo = select(i4, PIO2_LO, select(i3, ATAN_3HALF_LO, select(i2, PIO4_LO, select(i1, ATAN_HALF_LO, 0.0))));
    // s + s_lo = num/den to about 2^-100: one reciprocal, and the exact remainder.
    let rcp = 1.0 / den;
    let s = num * rcp;
    let s_lo = select(den == f64::INFINITY, 0.0, remainder::<FMA>(num, s, den) * rcp);
    let z = s * s;
    let zp = z * horner::<FMA, N>(z, coef);
    // atan(s + s_lo) = atan(s) + s_lo/(1 + s²) + …, and s_lo/(1 + z) ≈ s_lo·(1 - z) here
    (hi, fma::<FMA>(s, zp, lo + fma::<FMA>(-s_lo, z, s_lo)) + s)
}

#[inline(always)]
fn atan1<const FMA: bool, const N: usize>(x: f64, coef: &[f64; N]) -> f64 {
    let ax = x.abs();
    // Beyond 2^900, atan x rounds to π/2 anyway; the clamp keeps Dekker's splitting finite.
    let (hi, small) = atan_ratio::<FMA, N>(select(ax > TWO_900, TWO_900, ax), 1.0, coef);
    select(ax < TINY, x, (hi + small).copysign(x))
}

#[inline(always)]
fn atan2_1<const FMA: bool, const N: usize>(y: f64, x: f64, coef: &[f64; N]) -> f64 {
    let (a0, b0) = (y.abs(), x.abs());
    let m = select(a0 > b0, a0, b0);
    // Scale both by a power of two so that max(|y|, |x|) <= 2^920 (3.5·max and Dekker's
    // splitting, which multiplies by 2^27, stay finite) and the smaller one, when the ratio is
    // not negligible, is at least 2^-954: the remainder of the ratio, 2^-53 of it, must not
    // fall among the subnormals. Scaling is exact, or the smaller one underflows where the
    // result is 0 or π/2 to the last bit anyway.
    let scale = select(m > TWO_800, TWO_M100, TWO_120);
    let (a, b) = (a0 * scale, b0 * scale);
    let (hi, small) = atan_ratio::<FMA, N>(a, b, coef);
    let both_inf = a0 == f64::INFINITY && b0 == f64::INFINITY;
    let hi = select(a0 == 0.0, 0.0, select(both_inf, PIO4_HI, hi));
    let small = select(a0 == 0.0, 0.0, select(both_inf, PIO4_LO, small));
    // Left half-plane: π - θ = (PI_HI - hi) + (PI_LO - small), the first difference kept exact.
    let left = x.is_sign_negative();
    let (d_hi, d_lo) = two_sum(PI_HI, -hi);
    let big = select(left, d_hi, hi);
    let rest = select(left, (d_lo + PI_LO) - small, small);
    let r = (big + rest).copysign(y);
    select(x.is_nan() || y.is_nan(), x + y, r)
}

// ---------------------------------------------------------------------------------------------
// Lane loops

/// `fast` on every lane (the loop LLVM vectorizes), then `big` on the lanes beyond the fast
/// reduction's range, if there are any.
#[inline(always)]
fn map_reduced<const W: usize>(x: [f64; W], fast: impl Fn(f64) -> f64, big: impl Fn(f64) -> f64) -> [f64; W] {
    let mut r = [0.0; W];
    let mut any = false;
    for (r, &x) in r.iter_mut().zip(&x) {
        *r = fast(x);
        any |= x.abs() > REDUCE_LIMIT;
    }
    if any {
        for (r, &x) in r.iter_mut().zip(&x) {
            if x.abs() > REDUCE_LIMIT {
                *r = big(x);
            }
        }
    }
    r
}

/// [`map_reduced`] for `f32` lanes, computed in `f64`.
#[inline(always)]
fn map_reduced_f32<const W: usize>(x: [f32; W], fast: impl Fn(f64) -> f64, big: impl Fn(f64) -> f64) -> [f32; W] {
    let mut r = [0.0; W];
    let mut any = false;
    for (r, &x) in r.iter_mut().zip(&x) {
        *r = fast(x as f64) as f32;
        any |= (x as f64).abs() > REDUCE_LIMIT;
    }
    if any {
        for (r, &x) in r.iter_mut().zip(&x) {
            if (x as f64).abs() > REDUCE_LIMIT {
                *r = big(x as f64) as f32;
            }
        }
    }
    r
}

/// `f64` functions over lanes (the algorithms are described at the top of `trig.rs`).
pub mod f64 {
    use super::*;

    /// The sine of each lane.
    #[inline(always)]
    pub fn sin<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        map_reduced(x, sin1::<FMA>, sin_big)
    }

    /// The cosine of each lane.
    #[inline(always)]
    pub fn cos<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        map_reduced(x, cos1::<FMA>, cos_big)
    }

    /// The sine and cosine of each lane, sharing one argument reduction.
    #[inline(always)]
    #[allow(clippy::needless_range_loop, reason = "the plain index loop is what LLVM vectorizes")]
    pub fn sin_cos<const FMA: bool, const W: usize>(x: [f64; W]) -> ([f64; W], [f64; W]) {
        let (mut s, mut c) = ([0.0; W], [0.0; W]);
        let mut any = false;
        for l in 0..W {
            let r = reduce(x[l]);
            s[l] = select(x[l].abs() < TINY, x[l], sin_reduced::<FMA>(r));
            c[l] = sin_reduced::<FMA>(quarter(r));
            any |= x[l].abs() > REDUCE_LIMIT;
        }
        if any {
            for l in 0..W {
                if x[l].abs() > REDUCE_LIMIT {
                    (s[l], c[l]) = (sin_big(x[l]), cos_big(x[l]));
                }
            }
        }
        (s, c)
    }

    /// The tangent of each lane.
    #[inline(always)]
    pub fn tan<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        map_reduced(x, tan1::<FMA>, tan_big)
    }

    /// The arcsine of each lane, in `[-π/2, π/2]`; NaN outside `[-1, 1]`.
    #[inline(always)]
    pub fn asin<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = asin1::<FMA, 13>(x, &ASIN);
        }
        r
    }

    /// The arccosine of each lane, in `[0, π]`; NaN outside `[-1, 1]`.
    #[inline(always)]
    pub fn acos<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = acos1::<FMA, 13>(x, &ASIN);
        }
        r
    }

    /// The arctangent of each lane, in `[-π/2, π/2]`.
    #[inline(always)]
    pub fn atan<const FMA: bool, const W: usize>(x: [f64; W]) -> [f64; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = atan1::<FMA, 11>(x, &ATAN);
        }
        r
    }

    /// The angle of the point `(x, y)` in `[-π, π]`, lane by lane, with C's signed-zero and
    /// infinity cases (as `f64::atan2`).
    #[inline(always)]
    #[allow(clippy::needless_range_loop, reason = "the plain index loop is what LLVM vectorizes")]
    pub fn atan2<const FMA: bool, const W: usize>(y: [f64; W], x: [f64; W]) -> [f64; W] {
        let mut r = [0.0; W];
        for l in 0..W {
            r[l] = atan2_1::<FMA, 11>(y[l], x[l], &ATAN);
        }
        r
    }
}

/// `f32` functions over lanes, computed in `f64` with shorter polynomials and rounded once.
pub mod f32 {
    use super::*;

    /// The sine of each lane.
    #[inline(always)]
    pub fn sin<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        map_reduced_f32(x, sin1_f32::<FMA>, sin_big_f32)
    }

    /// The cosine of each lane.
    #[inline(always)]
    pub fn cos<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        map_reduced_f32(x, cos1_f32::<FMA>, cos_big_f32)
    }

    /// The sine and cosine of each lane, sharing one argument reduction.
    #[inline(always)]
    #[allow(clippy::needless_range_loop, reason = "the plain index loop is what LLVM vectorizes")]
    pub fn sin_cos<const FMA: bool, const W: usize>(x: [f32; W]) -> ([f32; W], [f32; W]) {
        let (mut s, mut c) = ([0.0; W], [0.0; W]);
        let mut any = false;
        for l in 0..W {
            let xd = x[l] as f64;
            let r = reduce_f32(xd);
            s[l] = select(xd == 0.0, xd, sin_reduced_f32::<FMA>(r)) as f32;
            c[l] = sin_reduced_f32::<FMA>(quarter(r)) as f32;
            any |= xd.abs() > REDUCE_LIMIT;
        }
        if any {
            for l in 0..W {
                let xd = x[l] as f64;
                if xd.abs() > REDUCE_LIMIT {
                    (s[l], c[l]) = (sin_big_f32(xd) as f32, cos_big_f32(xd) as f32);
                }
            }
        }
        (s, c)
    }

    /// The tangent of each lane.
    #[inline(always)]
    pub fn tan<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        map_reduced_f32(x, tan1_f32::<FMA>, tan_big_f32)
    }

    /// The arcsine of each lane, in `[-π/2, π/2]`; NaN outside `[-1, 1]`.
    #[inline(always)]
    pub fn asin<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = asin1::<FMA, 7>(x as f64, &ASINF) as f32;
        }
        r
    }

    /// The arccosine of each lane, in `[0, π]`; NaN outside `[-1, 1]`.
    #[inline(always)]
    pub fn acos<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = acos1::<FMA, 7>(x as f64, &ASINF) as f32;
        }
        r
    }

    /// The arctangent of each lane, in `[-π/2, π/2]`.
    #[inline(always)]
    pub fn atan<const FMA: bool, const W: usize>(x: [f32; W]) -> [f32; W] {
        let mut r = [0.0; W];
        for (r, &x) in r.iter_mut().zip(&x) {
            *r = atan1::<FMA, 6>(x as f64, &ATANF) as f32;
        }
        r
    }

    /// The angle of the point `(x, y)` in `[-π, π]`, lane by lane, with C's signed-zero and
    /// infinity cases (as `f32::atan2`).
    #[inline(always)]
    #[allow(clippy::needless_range_loop, reason = "the plain index loop is what LLVM vectorizes")]
    pub fn atan2<const FMA: bool, const W: usize>(y: [f32; W], x: [f32; W]) -> [f32; W] {
        let mut r = [0.0; W];
        for l in 0..W {
            r[l] = atan2_1::<FMA, 6>(y[l] as f64, x[l] as f64, &ATANF) as f32;
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow reduction agrees with the fast one where both apply.
    #[test]
    fn reductions_agree() {
        let mut x = 0.01f64;
        while x < REDUCE_LIMIT {
            for v in [x, -x, x.next_up(), (x * 1.37).min(REDUCE_LIMIT)] {
                let (f, b) = (reduce(v), reduce_big(v));
                let same_k = f.q & 3 == b.q & 3;
                let diff = ((f.hi - b.hi) + (f.lo - b.lo)).abs();
                assert!(
                    same_k && diff <= 1e-30 * f.hi.abs().max(1e-300),
                    "{v:e}: {:?} vs {:?}",
                    (f.q & 3, f.hi, f.lo),
                    (b.q & 3, b.hi, b.lo)
                );
            }
            x *= 1.9;
        }
    }
}
