//! The shared accuracy harness of the math library's tests: an arbitrary-precision reference
//! (astro-float), ulp errors against it, a seeded generator of inputs, an accumulator of the
//! worst error, and the check of special values against `std`.
//!
//! Include it from a test file with `mod ulp;`. Every item is `pub` so that the test files can
//! use what they need; the rest is allowed to be dead in each of them.
//!
//! # Ulp error
//!
//! [`ulp_error_f64`] measures `|got - exact|` in units of the last place of the exact value's
//! binade: `2^(k-52)` for `2^k <= |exact| < 2^(k+1)` and `k >= -1022`, else `2^-1074` (the
//! subnormal binade, which also holds exact zero). It returns `0` when `got` is the correctly
//! rounded value (the error of a correctly rounded function is reported as 0, not up to 0.5),
//! and infinity when exactly one of `got` and `exact` is NaN, or `got` is infinite and the
//! correctly rounded value is not (an overflow too early); a finite `got` where the exact value
//! rounds to infinity gets its finite distance to the exact value. [`ulp_error_f32`] is the same
//! for `f32` (`2^(k-23)`, `k >= -126`, else `2^-149`).

#![allow(dead_code)]

use astro_float::{BigFloat, Consts, RoundingMode, Sign};

/// The working precision of the reference, in bits: far more than the 53 of `f64`, so the
/// reference's own error (a few ulp of 192 bits) never shows in the measured error.
pub const PREC: usize = 192;

/// The rounding mode the reference works in.
pub const RM: RoundingMode = RoundingMode::ToEven;

/// The arbitrary-precision reference: astro-float's constant cache and a working precision.
pub struct Reference {
    cc: Consts,
    p: usize,
}

impl Default for Reference {
    fn default() -> Self {
        Self::new()
    }
}

impl Reference {
    /// A reference working at [`PREC`] bits.
    pub fn new() -> Self {
        Self::with_precision(PREC)
    }

    /// A reference working at `p` bits (more for functions with huge argument reduction).
    pub fn with_precision(p: usize) -> Self {
        Reference { cc: Consts::new().expect("astro-float constant cache"), p }
    }

    /// The working precision in bits.
    pub fn precision(&self) -> usize {
        self.p
    }

    /// astro-float's constant cache, for calling its functions directly.
    pub fn consts(&mut self) -> &mut Consts {
        &mut self.cc
    }

    /// `x` as a BigFloat, exactly (NaN and infinities map to astro-float's own).
    pub fn big(&self, x: f64) -> BigFloat {
        big_f64(x, self.p)
    }

    /// `f(x)` at the working precision, e.g. `r.eval(x, |x, p, rm, cc| x.exp(p, rm, cc))`.
    ///
    /// astro-float rounds correctly by retrying at higher precision until the rounding is
    /// decided, which never ends where the exact result is representable at `p` bits and the
    /// function has no special case for it (its `pow` at `1.4999999999999998^2`, say): pass
    /// `RoundingMode::None` to such functions (a result good to about `p` bits, not rounded).
    pub fn eval(
        &mut self,
        x: f64,
        f: impl FnOnce(&BigFloat, usize, RoundingMode, &mut Consts) -> BigFloat,
    ) -> BigFloat {
        let bx = self.big(x);
        f(&bx, self.p, RM, &mut self.cc)
    }

    /// `f(x, y)` at the working precision, e.g. `r.eval2(x, y, |x, y, p, rm, cc| x.pow(y, p, rm, cc))`.
    pub fn eval2(
        &mut self,
        x: f64,
        y: f64,
        f: impl FnOnce(&BigFloat, &BigFloat, usize, RoundingMode, &mut Consts) -> BigFloat,
    ) -> BigFloat {
        let (bx, by) = (self.big(x), self.big(y));
        f(&bx, &by, self.p, RM, &mut self.cc)
    }
}

/// `x` as a BigFloat of precision `p` (at least 64), exactly. astro-float's own `from_f64`
/// halves subnormals (0.9.6), so the significand and exponent are taken apart here.
pub fn big_f64(x: f64, p: usize) -> BigFloat {
    let p = p.max(64);
    if x == 0.0 || !x.is_finite() {
        return BigFloat::from_f64(x, p);
    }
    let bits = x.to_bits();
    let field = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let m = if field == 0 { frac } else { frac | 1 << 52 };
    let mut b = BigFloat::from_u64(m, p);
    let e = b.exponent().expect("a finite non-zero value has an exponent");
    b.set_exponent(e + field.max(1) - 1075);
    if x < 0.0 { b.neg() } else { b }
}

/// A binary floating-point format: significand bits (with the implicit one) and the least
/// normal exponent.
#[derive(Clone, Copy)]
struct Format {
    mant: i64,
    emin: i64,
    emax: i64,
}

const F64: Format = Format { mant: 53, emin: -1022, emax: 1023 };
const F32: Format = Format { mant: 24, emin: -126, emax: 127 };

impl Format {
    /// The encoding of +infinity (exponent field all ones, fraction zero).
    fn inf_bits(self) -> u64 {
        ((self.emax - self.emin + 2) as u64) << (self.mant - 1)
    }
}

/// A finite non-zero BigFloat as (negative, top 64 significant bits, sticky, k) with
/// `2^k <= |x| < 2^(k+1)`; `None` for zero, infinities and NaN.
fn decompose(x: &BigFloat) -> Option<(bool, u64, bool, i64)> {
    let (words, _, sign, e, _) = x.as_raw_parts()?;
    let hi = words.iter().rposition(|&w| w != 0)?;
    let lz = words[hi].leading_zeros();
    let next = if hi > 0 { words[hi - 1] } else { 0 };
    let top = if lz == 0 { words[hi] } else { (words[hi] << lz) | (next >> (64 - lz)) };
    let below_next = if lz == 0 { next != 0 } else { next << lz != 0 };
    let sticky = below_next || words[..hi.saturating_sub(1)].iter().any(|&w| w != 0);
    let k = e as i64 - 1 - 64 * (words.len() - 1 - hi) as i64 - lz as i64;
    Some((sign == Sign::Neg, top, sticky, k))
}

/// `top / 2^s` rounded to nearest even, `sticky` saying whether bits below `top` are set.
fn shift_round(top: u64, sticky: bool, s: i64) -> u64 {
    if s > 64 {
        return 0; // below half a unit
    }
    let v = top as u128;
    let ip = v >> s;
    let rem = v - (ip << s);
    let half = 1u128 << (s - 1);
    let up = rem > half || (rem == half && (sticky || ip & 1 == 1));
    (ip + up as u128) as u64
}

/// The correctly rounded encoding (sign, magnitude bits) of `x` in `fmt`, or None for NaN.
fn round_bits(x: &BigFloat, fmt: Format) -> Option<(bool, u64)> {
    if x.is_nan() {
        return None;
    }
    if x.is_inf() {
        return Some((x.is_inf_neg(), fmt.inf_bits()));
    }
    let Some((neg, top, sticky, k)) = decompose(x) else {
        return Some((x.is_negative(), 0));
    };
    if k > fmt.emax + 1 {
        return Some((neg, fmt.inf_bits()));
    }
    let kk = k.max(fmt.emin);
    let q = kk - (fmt.mant - 1); // the exponent of one unit in the last place
    let m = shift_round(top, sticky, 63 - (k - q));
    let bits = m + (((kk - fmt.emin) as u64) << (fmt.mant - 1));
    Some((neg, bits.min(fmt.inf_bits())))
}

/// `x` correctly rounded to `f64` (to nearest, ties to even; overflow to infinity).
pub fn round_to_f64(x: &BigFloat) -> f64 {
    match round_bits(x, F64) {
        None => f64::NAN,
        Some((neg, bits)) => f64::from_bits(bits | (neg as u64) << 63),
    }
}

/// `x` correctly rounded to `f32` (to nearest, ties to even; overflow to infinity).
pub fn round_to_f32(x: &BigFloat) -> f32 {
    match round_bits(x, F32) {
        None => f32::NAN,
        Some((neg, bits)) => f32::from_bits(bits as u32 | (neg as u32) << 31),
    }
}

/// `exact` as an `f64` when it is one exactly (zero included), else None.
pub fn exact_f64(exact: &BigFloat) -> Option<f64> {
    let r = round_to_f64(exact);
    (r.is_finite() && big_f64(r, 64).cmp(exact) == Some(0)).then_some(r)
}

/// `exact` as an `f32` when it is one exactly (zero included), else None.
pub fn exact_f32(exact: &BigFloat) -> Option<f32> {
    let r = round_to_f32(exact);
    (r.is_finite() && big_f64(r as f64, 64).cmp(exact) == Some(0)).then_some(r)
}

/// `|got - exact|` in ulps of `exact`'s binade in `fmt`, `got` given exactly as a BigFloat.
fn ulp_error(got_is_nan: bool, got: BigFloat, exact: &BigFloat, fmt: Format) -> f64 {
    if got_is_nan || exact.is_nan() {
        return if got_is_nan && exact.is_nan() { 0.0 } else { f64::INFINITY };
    }
    if got.is_inf() || exact.is_inf() {
        let same = got.is_inf_pos() == exact.is_inf_pos() && got.is_inf_neg() == exact.is_inf_neg();
        return if same { 0.0 } else { f64::INFINITY };
    }
    let k = decompose(exact).map_or(fmt.emin, |(_, _, _, k)| k.max(fmt.emin));
    let q = k - (fmt.mant - 1);
    let mut diff = got.sub(exact, 2 * PREC, RM).abs();
    let Some(e) = diff.exponent() else { return 0.0 };
    if diff.is_zero() {
        return 0.0;
    }
    let scaled = e as i64 - q;
    if scaled > 1100 {
        return f64::INFINITY;
    }
    diff.set_exponent(scaled.max(-1100) as i32);
    round_to_f64(&diff)
}

/// The error of `got` against `exact` in `f64` ulps (see the module docs for the definition).
pub fn ulp_error_f64(got: f64, exact: &BigFloat) -> f64 {
    let rounded = round_to_f64(exact);
    if got.to_bits() == rounded.to_bits() || (got == 0.0 && rounded == 0.0) || (got.is_nan() && rounded.is_nan()) {
        return 0.0;
    }
    ulp_error(got.is_nan(), big_f64(got, 64), exact, F64)
}

/// The error of `got` against `exact` in `f32` ulps (see the module docs for the definition).
pub fn ulp_error_f32(got: f32, exact: &BigFloat) -> f64 {
    let rounded = round_to_f32(exact);
    if got.to_bits() == rounded.to_bits() || (got == 0.0 && rounded == 0.0) || (got.is_nan() && rounded.is_nan()) {
        return 0.0;
    }
    ulp_error(got.is_nan(), big_f64(got as f64, 64), exact, F32)
}

/// The SplitMix64 generator: tiny, seeded, deterministic, good enough for test inputs.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A uniform `f64` in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A random sign: `1.0` or `-1.0`.
    pub fn sign(&mut self) -> f64 {
        if self.next_u64() >> 63 == 0 { 1.0 } else { -1.0 }
    }

    /// A uniform `f64` in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let x = lo + (hi - lo) * self.next_f64();
        if x >= hi { lo } else { x }
    }

    /// A positive `f64` whose base-2 logarithm is uniform in `[log2(min), log2(max)]`, so that
    /// every binade in between (subnormals included) gets its share. `0 < min <= max`.
    pub fn log_uniform(&mut self, min: f64, max: f64) -> f64 {
        let (a, b) = (min.log2(), max.log2());
        let x = (a + (b - a) * self.next_f64()).exp2();
        x.clamp(min, max)
    }

    /// [`log_uniform`](Self::log_uniform) with a random sign.
    pub fn signed_log_uniform(&mut self, min: f64, max: f64) -> f64 {
        self.sign() * self.log_uniform(min, max)
    }

    /// Any finite `f64`, uniform over bit patterns (so log-uniform over the whole range).
    pub fn any_finite_f64(&mut self) -> f64 {
        loop {
            let x = f64::from_bits(self.next_u64());
            if x.is_finite() {
                return x;
            }
        }
    }

    /// A uniform `f32` in `[lo, hi)`.
    pub fn uniform_f32(&mut self, lo: f32, hi: f32) -> f32 {
        let x = self.uniform(lo as f64, hi as f64) as f32;
        if x >= hi { lo } else { x }
    }

    /// A positive `f32`, log-uniform in `[min, max]` (see [`log_uniform`](Self::log_uniform)).
    pub fn log_uniform_f32(&mut self, min: f32, max: f32) -> f32 {
        (self.log_uniform(min as f64, max as f64) as f32).clamp(min, max)
    }

    /// [`log_uniform_f32`](Self::log_uniform_f32) with a random sign.
    pub fn signed_log_uniform_f32(&mut self, min: f32, max: f32) -> f32 {
        self.sign() as f32 * self.log_uniform_f32(min, max)
    }

    /// Any finite `f32`, uniform over bit patterns.
    pub fn any_finite_f32(&mut self) -> f32 {
        loop {
            let x = f32::from_bits(self.next_u64() as u32);
            if x.is_finite() {
                return x;
            }
        }
    }
}

/// The special `f64` inputs every function is checked on: ±0, the least and greatest subnormal,
/// `MIN_POSITIVE`, ±1, ±2, ±0.5, `MAX`, ±inf and NaN (both signs), plus each of `extra`
/// (per-function thresholds) with its two neighbours, all with both signs.
pub fn special_f64(extra: &[f64]) -> Vec<f64> {
    let mut base = vec![
        0.0,
        f64::from_bits(1),
        f64::MIN_POSITIVE.next_down(),
        f64::MIN_POSITIVE,
        0.5,
        1.0,
        2.0,
        f64::MAX,
        f64::INFINITY,
    ];
    for &t in extra {
        base.extend([t.next_down(), t, t.next_up()]);
    }
    let mut out: Vec<f64> = base.iter().flat_map(|&x| [x, -x]).collect();
    out.extend([f64::NAN, -f64::NAN]);
    out
}

/// The special `f32` inputs, as [`special_f64`] for `f32`.
pub fn special_f32(extra: &[f32]) -> Vec<f32> {
    let mut base = vec![
        0.0,
        f32::from_bits(1),
        f32::MIN_POSITIVE.next_down(),
        f32::MIN_POSITIVE,
        0.5,
        1.0,
        2.0,
        f32::MAX,
        f32::INFINITY,
    ];
    for &t in extra {
        base.extend([t.next_down(), t, t.next_up()]);
    }
    let mut out: Vec<f32> = base.iter().flat_map(|&x| [x, -x]).collect();
    out.extend([f32::NAN, -f32::NAN]);
    out
}

/// The worst error seen so far, where it happened, and how many inputs were measured.
#[derive(Clone, Debug)]
pub struct Stats {
    /// The largest ulp error seen (0 if none).
    pub max_ulp: f64,
    /// The input (first argument) where `max_ulp` happened.
    pub worst_x: f64,
    /// The second argument where `max_ulp` happened, for two-argument functions.
    pub worst_y: Option<f64>,
    /// How many inputs were measured.
    pub count: u64,
}

impl Default for Stats {
    fn default() -> Self {
        Self::new()
    }
}

impl Stats {
    /// No measurements yet.
    pub fn new() -> Self {
        Stats { max_ulp: 0.0, worst_x: f64::NAN, worst_y: None, count: 0 }
    }

    /// Record the error `ulp` of a one-argument function at `x`.
    pub fn add(&mut self, ulp: f64, x: f64) {
        self.count += 1;
        if ulp > self.max_ulp || (ulp.is_nan() && !self.max_ulp.is_nan()) {
            (self.max_ulp, self.worst_x, self.worst_y) = (ulp, x, None);
        }
    }

    /// Record the error `ulp` of a two-argument function at `(x, y)`.
    pub fn add2(&mut self, ulp: f64, x: f64, y: f64) {
        self.count += 1;
        if ulp > self.max_ulp || (ulp.is_nan() && !self.max_ulp.is_nan()) {
            (self.max_ulp, self.worst_x, self.worst_y) = (ulp, x, Some(y));
        }
    }

    /// Fold in the measurements of another accumulator (e.g. from another thread).
    pub fn merge(&mut self, other: &Stats) {
        self.count += other.count;
        if other.max_ulp > self.max_ulp {
            (self.max_ulp, self.worst_x, self.worst_y) = (other.max_ulp, other.worst_x, other.worst_y);
        }
    }

    /// The worst input, printed exactly (`{:e}` round-trips), e.g. `-7.08e2` or `(2e0, 5e-1)`.
    pub fn worst_input(&self) -> String {
        match self.worst_y {
            None => format!("{:e}", self.worst_x),
            Some(y) => format!("({:e}, {:e})", self.worst_x, y),
        }
    }

    /// Panic with the worst input unless `max_ulp <= bound`.
    pub fn assert_within(&self, name: &str, bound: f64) {
        assert!(
            self.max_ulp <= bound,
            "{name}: {} ulp at {} (bound {bound} ulp, {} inputs)",
            self.max_ulp,
            self.worst_input(),
            self.count
        );
    }
}

/// Whether two `f64` are the same value: bitwise equal, or both NaN (any payload or sign).
pub fn same_f64(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Whether two `f32` are the same value: bitwise equal, or both NaN.
pub fn same_f32(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Panic listing every input of `inputs` where `ours` and `std` disagree (see [`same_f64`]).
pub fn check_special_f64(name: &str, inputs: &[f64], ours: impl Fn(f64) -> f64, std: impl Fn(f64) -> f64) {
    let bad: Vec<String> = inputs
        .iter()
        .filter(|&&x| !same_f64(ours(x), std(x)))
        .map(|&x| format!("{name}({x:e}) = {:e}, std gives {:e}", ours(x), std(x)))
        .collect();
    assert!(bad.is_empty(), "special values differ from std:\n{}", bad.join("\n"));
}

/// Panic listing every pair of `xs × ys` where `ours` and `std` disagree.
pub fn check_special2_f64(
    name: &str,
    xs: &[f64],
    ys: &[f64],
    ours: impl Fn(f64, f64) -> f64,
    std: impl Fn(f64, f64) -> f64,
) {
    let mut bad = Vec::new();
    for &x in xs {
        for &y in ys {
            if !same_f64(ours(x, y), std(x, y)) {
                bad.push(format!("{name}({x:e}, {y:e}) = {:e}, std gives {:e}", ours(x, y), std(x, y)));
            }
        }
    }
    assert!(bad.is_empty(), "special values differ from std:\n{}", bad.join("\n"));
}

/// Panic listing every input of `inputs` where `ours` and `std` disagree (see [`same_f32`]).
pub fn check_special_f32(name: &str, inputs: &[f32], ours: impl Fn(f32) -> f32, std: impl Fn(f32) -> f32) {
    let bad: Vec<String> = inputs
        .iter()
        .filter(|&&x| !same_f32(ours(x), std(x)))
        .map(|&x| format!("{name}({x:e}) = {:e}, std gives {:e}", ours(x), std(x)))
        .collect();
    assert!(bad.is_empty(), "special values differ from std:\n{}", bad.join("\n"));
}

/// Panic listing every pair of `xs × ys` where `ours` and `std` disagree.
pub fn check_special2_f32(
    name: &str,
    xs: &[f32],
    ys: &[f32],
    ours: impl Fn(f32, f32) -> f32,
    std: impl Fn(f32, f32) -> f32,
) {
    let mut bad = Vec::new();
    for &x in xs {
        for &y in ys {
            if !same_f32(ours(x, y), std(x, y)) {
                bad.push(format!("{name}({x:e}, {y:e}) = {:e}, std gives {:e}", ours(x, y), std(x, y)));
            }
        }
    }
    assert!(bad.is_empty(), "special values differ from std:\n{}", bad.join("\n"));
}

/// `f` applied to `xs` in chunks of `W` lanes (the last chunk padded with copies of its first
/// element), so that a lane function can be checked at any width.
pub fn map_lanes<T: Copy, const W: usize>(xs: &[T], f: impl Fn([T; W]) -> [T; W]) -> Vec<T> {
    let mut out = Vec::with_capacity(xs.len());
    for chunk in xs.chunks(W) {
        let lanes: [T; W] = std::array::from_fn(|i| *chunk.get(i).unwrap_or(&chunk[0]));
        out.extend_from_slice(&f(lanes)[..chunk.len()]);
    }
    out
}

/// Two-argument [`map_lanes`]: `xs` and `ys` have the same length.
pub fn map_lanes2<T: Copy, U: Copy, const W: usize>(
    xs: &[T],
    ys: &[U],
    f: impl Fn([T; W], [U; W]) -> [T; W],
) -> Vec<T> {
    assert_eq!(xs.len(), ys.len());
    let mut out = Vec::with_capacity(xs.len());
    for (cx, cy) in xs.chunks(W).zip(ys.chunks(W)) {
        let lx: [T; W] = std::array::from_fn(|i| *cx.get(i).unwrap_or(&cx[0]));
        let ly: [U; W] = std::array::from_fn(|i| *cy.get(i).unwrap_or(&cy[0]));
        out.extend_from_slice(&f(lx, ly)[..cx.len()]);
    }
    out
}
