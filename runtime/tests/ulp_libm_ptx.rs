//! Accuracy of the GPU math library (`macros/src/back/ptx/libm.rs`, compiled here as plain Rust) against an exact reference (astro-float at 192 bits), and its
//! special values against `std`.
//!
//! Every function is checked on
//! - special inputs (±0, subnormals, `MIN_POSITIVE`, ±1, ±2, `MAX`, ±inf, NaN with several
//!   payloads, ...) plus the function's thresholds, poles and domain edges, each swept ±100
//!   ulps and at ±2^k ulps further out;
//! - `N` random inputs: a third uniformly random bit patterns over all finite `f64`, a third
//!   uniform over an interesting range, a third from a function-specific sampler.
//!
//! The rule at each input (`judge`): a non-finite or zero input must give std's result bit for
//! bit (any NaN matches any NaN); where std's result is NaN, infinite or zero, ours must be the
//! same; where the exact result is an `f64`, ours must be exactly it; elsewhere the error must
//! be within the function's budget. The max ulp error over the random inputs is printed as a
//! table row (`cargo test --release -- --nocapture`), with std's own error for comparison.
//!
//! The reference harness (`big_f64` .. `ulp_error_f64`) is `runtime/tests/ulp/mod.rs`'s.

#[path = "../../macros/src/back/ptx/libm.rs"]
mod libm;

mod ulp;

use astro_float::{BigFloat, Consts, RoundingMode};
use ulp::{big_f64, exact_f64, round_to_f64, ulp_error_f64};

/// Random inputs per function: 100,000 (10,000 in a debug build), or `LIBM_N` if set.
fn n_random() -> usize {
    std::env::var("LIBM_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        10_000
    } else {
        100_000
    })
}

// =============================================================================================
// The exact reference
// =============================================================================================

/// The working precision of the reference, in bits.
const PREC: usize = 192;
const RM: RoundingMode = RoundingMode::ToEven;

struct Reference {
    cc: Consts,
    p: usize,
}

impl Reference {
    fn new() -> Self {
        Reference { cc: Consts::new().expect("astro-float constant cache"), p: PREC }
    }
    fn big(&self, x: f64) -> BigFloat {
        big_f64(x, self.p)
    }
    fn pi(&mut self, p: usize) -> BigFloat {
        self.cc.pi(p, RM)
    }
}

// `big_f64`, `round_to_f64`, `exact_f64` and `ulp_error_f64` come from the SIMD library's
// harness, `tests/ulp/mod.rs`.

/// Same value: bitwise equal, or both NaN.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn special_result(v: f64) -> bool {
    !v.is_finite() || v == 0.0
}

/// What is wrong with `got`, if anything (the rule in the module docs). `exact` is None for
/// special inputs, where only std's value counts.
fn judge(got: f64, std: f64, exact: Option<&BigFloat>, bound: f64) -> Option<String> {
    let Some(exact) = exact else {
        return (!same(got, std)).then(|| format!("= {got:e}, std gives {std:e}"));
    };
    let rounded = round_to_f64(exact);
    if special_result(std) && !same(got, std) && !same(got, rounded) {
        return Some(format!("= {got:e}, std gives {std:e} (correctly rounded {rounded:e})"));
    }
    if let Some(v) = exact_f64(exact)
        && got.to_bits() != v.to_bits()
    {
        return Some(format!("= {got:e}, exactly {v:e} (std gives {std:e})"));
    }
    let u = ulp_error_f64(got, exact);
    (u > bound).then(|| format!("= {got:e}: {u} ulp (std gives {std:e}, correctly rounded {rounded:e})"))
}

// =============================================================================================
// Inputs
// =============================================================================================

/// xorshift64* (Vigna): tiny, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in [0, 1), 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn sign(&mut self) -> f64 {
        if self.next() >> 63 == 0 { 1.0 } else { -1.0 }
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let x = lo + (hi - lo) * self.unit();
        if x >= hi { lo } else { x }
    }
    /// log2 uniform in [log2 min, log2 max], `0 < min <= max`.
    fn log_uniform(&mut self, min: f64, max: f64) -> f64 {
        let (a, b) = (min.log2(), max.log2());
        (a + (b - a) * self.unit()).exp2().clamp(min, max)
    }
    fn signed_log_uniform(&mut self, min: f64, max: f64) -> f64 {
        self.sign() * self.log_uniform(min, max)
    }
    /// Any finite `f64`, uniform over bit patterns.
    fn any_finite(&mut self) -> f64 {
        loop {
            let x = f64::from_bits(self.next());
            if x.is_finite() {
                return x;
            }
        }
    }
}

const MIN_SUB: f64 = f64::from_bits(1);
const NANS: [u64; 5] =
    [0x7ff8_0000_0000_0000, 0xfff8_0000_0000_0000, 0x7ff0_0000_0000_0001, 0x7fff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff];

/// The special inputs every unary function is checked on, both signs, plus NaNs.
fn base_specials() -> Vec<f64> {
    let base = [
        0.0,
        MIN_SUB,
        f64::from_bits(2),
        f64::MIN_POSITIVE.next_down(),
        f64::MIN_POSITIVE,
        1e-300,
        5.551115123125783e-17,
        0.5,
        1.0,
        2.0,
        3.0,
        10.0,
        1e300,
        f64::MAX,
        f64::INFINITY,
    ];
    let mut v: Vec<f64> = base.iter().flat_map(|&x| [x, -x]).collect();
    v.extend(NANS.iter().map(|&b| f64::from_bits(b)));
    v
}

/// `t` and its neighbours: ±100 ulps one by one, then ±2^k ulps for k = 7..=44.
fn sweep(t: f64) -> Vec<f64> {
    let step = |x: f64, n: i64| -> f64 {
        if !x.is_finite() || x == 0.0 {
            return x;
        }
        // moving the bits of |x| moves by n ulps (across binades too); stay finite
        let b = x.abs().to_bits() as i64 + n;
        let b = b.clamp(1, f64::MAX.to_bits() as i64);
        f64::from_bits(b as u64) * x.signum()
    };
    let mut v: Vec<f64> = (-100..=100).map(|n| step(t, n)).collect();
    for k in 7..=44 {
        v.push(step(t, 1 << k));
        v.push(step(t, -(1 << k)));
    }
    v
}

// =============================================================================================
// The test drivers
// =============================================================================================

/// The worst error seen, where, and std's worst error on the same inputs.
struct Stats {
    max: f64,
    worst: String,
    std_max: f64,
    count: usize,
}

impl Stats {
    fn new() -> Self {
        Stats { max: 0.0, worst: "-".into(), std_max: 0.0, count: 0 }
    }
    fn add(&mut self, u: f64, std_u: f64, at: impl FnOnce() -> String) {
        self.count += 1;
        if u > self.max || (u.is_nan() && !self.max.is_nan()) {
            self.max = u;
            self.worst = at();
        }
        if std_u > self.std_max {
            self.std_max = std_u;
        }
    }
}

fn report(name: &str, bound: f64, stats: &Stats, bad: &[String]) {
    eprintln!(
        "TABLE | {name} | {:.3} | {bound} | {} | {:.3} | {} |",
        stats.max, stats.worst, stats.std_max, stats.count
    );
    assert!(
        bad.is_empty(),
        "{name}: {} bad results:\n{}",
        bad.len(),
        bad.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(stats.max <= bound, "{name}: {} ulp at {} (budget {bound})", stats.max, stats.worst);
}

type Ref1 = fn(&mut Reference, f64) -> BigFloat;
type Sampler1 = fn(&mut Rng, &mut Reference) -> f64;

struct Unary {
    name: &'static str,
    ours: fn(f64) -> f64,
    std: fn(f64) -> f64,
    /// The exact value at a finite non-zero `x`.
    reference: Ref1,
    bound: f64,
    /// The interesting range, sampled uniformly.
    range: (f64, f64),
    sampler: Sampler1,
    /// Thresholds, poles and domain edges, swept with both signs.
    edges: &'static [f64],
}

fn run_unary(c: Unary, seed: u64) {
    let mut r = Reference::new();
    let mut bad = Vec::new();
    let check = |r: &mut Reference, x: f64, bad: &mut Vec<String>| -> (f64, f64, f64) {
        let (got, std) = ((c.ours)(x), (c.std)(x));
        if !x.is_finite() || x == 0.0 {
            if let Some(m) = judge(got, std, None, c.bound) {
                bad.push(format!("{}({x:e}) {m}", c.name));
            }
            return (0.0, 0.0, got);
        }
        let e = (c.reference)(r, x);
        if let Some(m) = judge(got, std, Some(&e), c.bound) {
            bad.push(format!("{}({x:e}) {m}", c.name));
        }
        (ulp_error_f64(got, &e), ulp_error_f64(std, &e), got)
    };
    // special inputs and sweeps around the edges
    let mut xs = base_specials();
    for &t in c.edges {
        xs.extend(sweep(t));
        xs.extend(sweep(-t));
    }
    let mut edge_max = 0.0f64;
    for &x in &xs {
        edge_max = edge_max.max(check(&mut r, x, &mut bad).0);
    }
    // random inputs
    let mut rng = Rng::new(seed);
    let mut stats = Stats::new();
    for i in 0..n_random() {
        let x = match i % 3 {
            0 => rng.any_finite(),
            1 => rng.uniform(c.range.0, c.range.1),
            _ => (c.sampler)(&mut rng, &mut r),
        };
        let (u, su, _) = check(&mut r, x, &mut bad);
        stats.add(u, su, || format!("{x:e}"));
    }
    eprintln!("{}: max {edge_max:.3} ulp on the {} special and edge inputs", c.name, xs.len());
    report(c.name, c.bound, &stats, &bad);
}

type Ref2 = fn(&mut Reference, f64, f64) -> BigFloat;
type Sampler2 = fn(&mut Rng) -> (f64, f64);

struct Binary {
    name: &'static str,
    ours: fn(f64, f64) -> f64,
    std: fn(f64, f64) -> f64,
    /// Where only std's value counts (non-finite or zero arguments, ...).
    special: fn(f64, f64) -> bool,
    reference: Ref2,
    bound: f64,
    /// Uniform ranges for the first and second argument.
    range: ((f64, f64), (f64, f64)),
    sampler: Sampler2,
    /// Every pair of these is checked.
    values: Vec<f64>,
    /// Further pairs to check (exact cases, thresholds).
    pairs: Vec<(f64, f64)>,
}

fn run_binary(c: Binary, seed: u64) {
    let mut r = Reference::new();
    let mut bad = Vec::new();
    let check = |r: &mut Reference, x: f64, y: f64, bad: &mut Vec<String>| -> (f64, f64) {
        let (got, std) = ((c.ours)(x, y), (c.std)(x, y));
        if (c.special)(x, y) {
            if let Some(m) = judge(got, std, None, c.bound) {
                bad.push(format!("{}({x:e}, {y:e}) {m}", c.name));
            }
            return (0.0, 0.0);
        }
        let e = (c.reference)(r, x, y);
        if let Some(m) = judge(got, std, Some(&e), c.bound) {
            bad.push(format!("{}({x:e}, {y:e}) {m}", c.name));
        }
        (ulp_error_f64(got, &e), ulp_error_f64(std, &e))
    };
    let mut edge_max = 0.0f64;
    let mut n_special = 0;
    for &x in &c.values {
        for &y in &c.values {
            edge_max = edge_max.max(check(&mut r, x, y, &mut bad).0);
            n_special += 1;
        }
    }
    for &(x, y) in &c.pairs {
        edge_max = edge_max.max(check(&mut r, x, y, &mut bad).0);
        n_special += 1;
    }
    let mut rng = Rng::new(seed);
    let mut stats = Stats::new();
    for i in 0..n_random() {
        let (x, y) = match i % 3 {
            0 => (rng.any_finite(), rng.any_finite()),
            1 => (rng.uniform(c.range.0.0, c.range.0.1), rng.uniform(c.range.1.0, c.range.1.1)),
            _ => (c.sampler)(&mut rng),
        };
        let (u, su) = check(&mut r, x, y, &mut bad);
        stats.add(u, su, || format!("({x:e}, {y:e})"));
    }
    eprintln!("{}: max {edge_max:.3} ulp on the {n_special} special and edge inputs", c.name);
    report(c.name, c.bound, &stats, &bad);
}

// =============================================================================================
// References
// =============================================================================================

fn inf() -> BigFloat {
    BigFloat::from_f64(f64::INFINITY, 64)
}
fn nan() -> BigFloat {
    BigFloat::from_f64(f64::NAN, 64)
}
/// A positive number far below the least subnormal (rounds to +0).
fn below_subnormals() -> BigFloat {
    big_f64(f64::MIN_POSITIVE, 64).mul(&big_f64(1e-100, 64), 128, RM)
}
fn one(p: usize) -> BigFloat {
    BigFloat::from_u8(1, p)
}
/// Below 2^-40 in magnitude: the series (exact far beyond the working precision).
fn small(x: f64) -> bool {
    x.abs() < 2f64.powi(-40)
}
/// `x^2`, `x^3` and `1/n` helpers for the series.
fn series(r: &Reference, x: f64, c2: f64, c3: f64) -> BigFloat {
    // x + c2 x^2 + c3 x^3, with c2, c3 exact f64 rationals given as values (1/2, 1/3, 1/6)
    let p = r.p;
    let bx = r.big(x);
    let x2 = bx.mul(&bx, p, RM);
    let x3 = x2.mul(&bx, p, RM);
    let t2 = if c2 == 0.0 { BigFloat::from_u8(0, p) } else { x2.div(&big_f64(1.0 / c2, p), p, RM) };
    let t3 = if c3 == 0.0 { BigFloat::from_u8(0, p) } else { x3.div(&big_f64(1.0 / c3, p), p, RM) };
    bx.add(&t2.add(&t3, p, RM), p, RM)
}

fn ref_exp(r: &mut Reference, x: f64) -> BigFloat {
    if x > 710.0 {
        return inf();
    }
    if x < -746.0 {
        return below_subnormals();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.exp(p, RM, &mut r.cc)
}
fn ref_exp2(r: &mut Reference, x: f64) -> BigFloat {
    if x > 1025.0 {
        return inf();
    }
    if x < -1076.0 {
        return below_subnormals();
    }
    let (bx, p) = (r.big(x), r.p);
    let ln2 = r.cc.ln_2(p + 64, RM);
    bx.mul(&ln2, p + 64, RM).exp(p, RM, &mut r.cc)
}
fn ref_exp_m1(r: &mut Reference, x: f64) -> BigFloat {
    if x > 710.0 {
        return inf();
    }
    if x < -800.0 {
        return big_f64(-1.0, 64).add(&below_subnormals(), 2000, RM);
    }
    if small(x) {
        return series(r, x, 0.5, 1.0 / 6.0);
    }
    let (bx, p) = (r.big(x), r.p);
    bx.exp(p + 64, RM, &mut r.cc).sub(&one(p), p, RM)
}
fn ref_ln(r: &mut Reference, x: f64) -> BigFloat {
    if x < 0.0 {
        return nan();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.ln(p, RM, &mut r.cc)
}
fn ref_log2(r: &mut Reference, x: f64) -> BigFloat {
    if x < 0.0 {
        return nan();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.log2(p, RM, &mut r.cc)
}
fn ref_log10(r: &mut Reference, x: f64) -> BigFloat {
    if x < 0.0 {
        return nan();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.log10(p, RM, &mut r.cc)
}
fn ref_ln_1p(r: &mut Reference, x: f64) -> BigFloat {
    if x < -1.0 {
        return nan();
    }
    if x == -1.0 {
        return BigFloat::from_f64(f64::NEG_INFINITY, 64);
    }
    if small(x) {
        return series(r, x, -0.5, 1.0 / 3.0);
    }
    let (bx, p) = (r.big(x), r.p);
    // 1 + x exactly (x < 2^1024 needs at most ~2100 bits)
    bx.add(&one(p), 2200, RM).ln(p, RM, &mut r.cc)
}
fn ref_sinh(r: &mut Reference, x: f64) -> BigFloat {
    if x.abs() > 711.0 {
        return BigFloat::from_f64(f64::INFINITY.copysign(x), 64);
    }
    if small(x) {
        return series(r, x, 0.0, 1.0 / 6.0);
    }
    let (bx, p) = (r.big(x), r.p);
    bx.sinh(p, RM, &mut r.cc)
}
fn ref_cosh(r: &mut Reference, x: f64) -> BigFloat {
    if x.abs() > 711.0 {
        return inf();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.cosh(p, RM, &mut r.cc)
}
fn ref_tanh(r: &mut Reference, x: f64) -> BigFloat {
    if x.abs() > 40.0 {
        // 1 - 2 e^-2|x| (below 2^-115: rounds to 1 whatever the error measure)
        return big_f64(1.0f64.copysign(x), 64);
    }
    if small(x) {
        return series(r, x, 0.0, -1.0 / 3.0);
    }
    let (bx, p) = (r.big(x), r.p);
    bx.tanh(p, RM, &mut r.cc)
}
fn ref_sin(r: &mut Reference, x: f64) -> BigFloat {
    let (bx, p) = (r.big(x), r.p);
    bx.sin(p, RM, &mut r.cc)
}
fn ref_cos(r: &mut Reference, x: f64) -> BigFloat {
    let (bx, p) = (r.big(x), r.p);
    bx.cos(p, RM, &mut r.cc)
}
fn ref_tan(r: &mut Reference, x: f64) -> BigFloat {
    let (bx, p) = (r.big(x), r.p);
    bx.tan(p, RM, &mut r.cc)
}
fn ref_asin(r: &mut Reference, x: f64) -> BigFloat {
    if x.abs() > 1.0 {
        return nan();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.asin(p, RM, &mut r.cc)
}
fn ref_acos(r: &mut Reference, x: f64) -> BigFloat {
    if x.abs() > 1.0 {
        return nan();
    }
    let (bx, p) = (r.big(x), r.p);
    bx.acos(p, RM, &mut r.cc)
}
fn ref_atan(r: &mut Reference, x: f64) -> BigFloat {
    let (bx, p) = (r.big(x), r.p);
    bx.atan(p, RM, &mut r.cc)
}
fn ref_cbrt(r: &mut Reference, x: f64) -> BigFloat {
    let (bx, p) = (r.big(x.abs()), r.p);
    let c = bx.cbrt(p, RM);
    if x < 0.0 { c.neg() } else { c }
}
fn ref_atan2(r: &mut Reference, y: f64, x: f64) -> BigFloat {
    let p = r.p;
    let (by, bx) = (r.big(y.abs()), r.big(x.abs()));
    let theta = if x == 0.0 {
        r.pi(p + 64).div(&r.big(2.0), p + 64, RM)
    } else {
        by.div(&bx, p + 64, RM).atan(p + 64, RM, &mut r.cc)
    };
    let angle = if x.is_sign_negative() { r.pi(p + 64).sub(&theta, p, RM) } else { theta };
    if y.is_sign_negative() { angle.neg() } else { angle }
}
/// `x^y` for finite non-zero `x` and finite `y` (the repository's `big_pow`): results far out of
/// range are returned as infinity or (nearly) zero without asking astro-float, integer powers are
/// exact products, and non-integer powers are asked for without rounding (astro-float's correctly
/// rounded `pow` never ends where `x^y` is exactly representable).
fn ref_pow(r: &mut Reference, x: f64, y: f64) -> BigFloat {
    let p = r.p;
    let y_int = y.trunc() == y;
    if x < 0.0 && !y_int {
        return nan();
    }
    let (bx, by) = (r.big(x), r.big(y));
    let z = bx.abs().ln(64, RoundingMode::None, &mut r.cc).mul(&by, 64, RM);
    let res = if z.cmp(&BigFloat::from_u16(5000, 64)).is_some_and(|c| c > 0) {
        inf()
    } else if z.cmp(&BigFloat::from_i16(-5000, 64)).is_some_and(|c| c < 0) {
        below_subnormals()
    } else if y_int && y.abs() < 1e12 {
        let v = bx.abs().powi(y.abs() as usize, 2 * p, RM);
        if y < 0.0 { one(p).div(&v, p, RM) } else { v }
    } else {
        bx.abs().pow(&by, p, RoundingMode::None, &mut r.cc)
    };
    let odd = y_int && (y * 0.5).trunc() != y * 0.5;
    if x < 0.0 && odd { res.neg() } else { res }
}
fn ref_hypot(r: &mut Reference, x: f64, y: f64) -> BigFloat {
    let p = r.p;
    let (bx, by) = (r.big(x), r.big(y));
    bx.mul(&bx, 2 * p, RM).add(&by.mul(&by, 2 * p, RM), p, RM).sqrt(p, RM)
}

// =============================================================================================
// Samplers
// =============================================================================================

/// Picks one of `n` families at random.
fn family(rng: &mut Rng, n: u64) -> u64 {
    rng.below(n)
}

/// `x` moved by `n` ulps.
fn ulps(x: f64, n: i64) -> f64 {
    let mut x = x;
    for _ in 0..n.unsigned_abs() {
        x = if n > 0 { x.next_up() } else { x.next_down() };
    }
    x
}

/// The `f64` nearest to `k pi/2` (`k` an integer-valued `f64`), moved by up to ±3 ulps.
fn near_multiple_of_half_pi(rng: &mut Rng, r: &mut Reference) -> f64 {
    let k = if rng.below(4) == 0 { rng.log_uniform(1e6, 1e300).round() } else { rng.log_uniform(1.0, 1e6).round() };
    let half_pi = r.pi(1400).div(&BigFloat::from_u8(2, 64), 1400, RM);
    let x = round_to_f64(&half_pi.mul(&big_f64(k, 64), 1400, RM));
    rng.sign() * ulps(x, rng.below(7) as i64 - 3)
}

fn sample_exp(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 2) {
        0 => rng.uniform(-745.2, 709.8),
        _ => rng.signed_log_uniform(MIN_SUB, 746.0),
    }
}
fn sample_exp2(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 2) {
        0 => rng.uniform(-1075.0, 1024.0),
        _ => rng.signed_log_uniform(MIN_SUB, 1076.0),
    }
}
fn sample_exp_m1(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 3) {
        0 => rng.uniform(-40.0, 709.8),
        1 => rng.uniform(-1.0, 1.0),
        _ => rng.signed_log_uniform(MIN_SUB, 710.0),
    }
}
fn sample_positive(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 3) {
        0 => rng.log_uniform(MIN_SUB, f64::MAX),
        1 => rng.uniform(0.5, 2.0),
        _ => 1.0 + rng.signed_log_uniform(1e-17, 1e-3),
    }
}
fn sample_ln_1p(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 3) {
        0 => rng.log_uniform(MIN_SUB, f64::MAX),
        1 => -rng.log_uniform(MIN_SUB, 1.0),
        _ => rng.uniform(-1.0, 1.0),
    }
}
fn sample_trig(rng: &mut Rng, r: &mut Reference) -> f64 {
    match family(rng, 3) {
        0 => rng.signed_log_uniform(2f64.powi(-30), 1.6e6),
        1 => rng.signed_log_uniform(1.6e6, 1e300),
        _ => near_multiple_of_half_pi(rng, r),
    }
}
fn sample_hyperbolic(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 2) {
        0 => rng.signed_log_uniform(MIN_SUB, 711.0),
        _ => rng.uniform(-3.0, 3.0),
    }
}
fn sample_tanh(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 2) {
        0 => rng.signed_log_uniform(MIN_SUB, 25.0),
        _ => rng.uniform(-3.0, 3.0),
    }
}
fn sample_asin(rng: &mut Rng, _: &mut Reference) -> f64 {
    let s = rng.sign();
    match family(rng, 4) {
        0 => rng.uniform(-1.0, 1.0),
        1 => rng.signed_log_uniform(1e-300, 0.5),
        2 => s * (1.0 - rng.log_uniform(2f64.powi(-53), 0.5)),
        _ => s * ulps(0.5, rng.below(9) as i64 - 4),
    }
}
fn sample_atan(rng: &mut Rng, _: &mut Reference) -> f64 {
    let ends = [0.4375, 0.6875, 1.1875, 2.4375];
    let s = rng.sign();
    match family(rng, 3) {
        0 => rng.signed_log_uniform(1e-4, 1e4),
        1 => rng.uniform(-3.0, 3.0),
        _ => s * ulps(ends[rng.below(4) as usize], rng.below(7) as i64 - 3),
    }
}
fn sample_cbrt(rng: &mut Rng, _: &mut Reference) -> f64 {
    match family(rng, 2) {
        0 => rng.signed_log_uniform(MIN_SUB, f64::MAX),
        _ => {
            // exact cubes k^3 2^(3j): the result must be exact
            let k = (rng.below(1 << 17) + 1) as f64;
            let j = rng.below(600) as i32 - 300;
            rng.sign() * k * k * k * 2f64.powi(3 * j)
        }
    }
}
fn sample_atan2(rng: &mut Rng) -> (f64, f64) {
    let s = rng.sign();
    match family(rng, 4) {
        0 => {
            let (a, m) = (rng.uniform(-std::f64::consts::PI, std::f64::consts::PI), rng.log_uniform(1e-300, 1e300));
            (m * a.sin(), m * a.cos())
        }
        1 => (rng.signed_log_uniform(1e-20, 1e20), rng.signed_log_uniform(1e-20, 1e20)),
        2 => {
            // one of them subnormal or nearly, the ratio a normal number
            let (tiny, other) = (s * rng.log_uniform(MIN_SUB, 1e-290), rng.signed_log_uniform(1e-300, 1e-200));
            if rng.below(2) == 0 { (tiny, other) } else { (other, tiny) }
        }
        _ => {
            let ends = [0.4375, 0.6875, 1.1875, 1.5, 2.4375, 1.0];
            let x = rng.signed_log_uniform(1e-10, 1e10);
            (s * ulps(x.abs() * ends[rng.below(6) as usize], rng.below(7) as i64 - 3), x)
        }
    }
}
const MAGIC: f64 = 6755399441055744.0;
fn sample_pow(rng: &mut Rng) -> (f64, f64) {
    match family(rng, 4) {
        0 => {
            let x = rng.log_uniform(MIN_SUB, f64::MAX);
            let l = 760.0 / x.ln().abs().max(1e-300);
            (x, rng.uniform(-l, l).clamp(-1e300, 1e300))
        }
        1 => (rng.uniform(0.25, 4.0), rng.uniform(-600.0, 600.0)),
        2 => (1.0 + rng.signed_log_uniform(1e-16, 1e-2), rng.signed_log_uniform(1.0, 1e17)),
        _ => {
            let x = -rng.log_uniform(1e-3, 1e3);
            let l = 745.0 / x.abs().ln().abs().max(1e-3);
            (x, (rng.uniform(-l, l) + MAGIC) - MAGIC)
        }
    }
}
fn sample_hypot(rng: &mut Rng) -> (f64, f64) {
    let x = rng.signed_log_uniform(MIN_SUB, f64::MAX);
    match family(rng, 3) {
        0 => (x, rng.signed_log_uniform(MIN_SUB, f64::MAX)),
        1 => (x, (x * rng.signed_log_uniform(1e-9, 1e9)).clamp(-f64::MAX, f64::MAX)),
        _ => {
            // Pythagorean triples (m^2 - n^2, 2mn) scaled by 2^j: the result is exact
            let (m, n) = ((rng.below(1 << 20) + 2) as f64, (rng.below(1 << 19) + 1) as f64);
            let n = if n >= m { m - 1.0 } else { n };
            let j = rng.below(1900) as i32 - 1000;
            let sc = 2f64.powi(j / 2) * 2f64.powi(j - j / 2);
            ((m * m - n * n) * sc, 2.0 * m * n * sc)
        }
    }
}

// =============================================================================================
// The tests
// =============================================================================================

const LN2_HALF: f64 = 0.34657359027997264;

#[test]
fn exp() {
    run_unary(
        Unary {
            name: "exp",
            ours: libm::exp,
            std: f64::exp,
            reference: ref_exp,
            bound: 2.0,
            range: (-50.0, 50.0),
            sampler: sample_exp,
            edges: &[709.782712893384, -708.3964185322641, -745.1332191019411, -745.1332191019412, 1e-300, 1.0],
        },
        1,
    );
}

#[test]
fn exp2() {
    run_unary(
        Unary {
            name: "exp2",
            ours: libm::exp2,
            std: f64::exp2,
            reference: ref_exp2,
            bound: 2.0,
            range: (-50.0, 50.0),
            sampler: sample_exp2,
            edges: &[1024.0, 1023.0, -1022.0, -1074.0, -1075.0, -1076.0, 0.5],
        },
        2,
    );
}

#[test]
fn exp_m1() {
    run_unary(
        Unary {
            name: "exp_m1",
            ours: libm::exp_m1,
            std: f64::exp_m1,
            reference: ref_exp_m1,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_exp_m1,
            edges: &[709.782712893384, -37.42994775023705, 5.551115123125783e-17, LN2_HALF, 40.0, 1.0],
        },
        3,
    );
}

#[test]
fn ln() {
    run_unary(
        Unary {
            name: "ln",
            ours: libm::ln,
            std: f64::ln,
            reference: ref_ln,
            bound: 2.0,
            range: (0.0, 10.0),
            sampler: sample_positive,
            edges: &[
                1.0,
                std::f64::consts::E,
                std::f64::consts::SQRT_2,
                std::f64::consts::FRAC_1_SQRT_2,
                f64::MIN_POSITIVE,
                f64::MAX,
            ],
        },
        4,
    );
}

#[test]
fn log2() {
    run_unary(
        Unary {
            name: "log2",
            ours: libm::log2,
            std: f64::log2,
            reference: ref_log2,
            bound: 2.0,
            range: (0.0, 10.0),
            sampler: sample_positive,
            edges: &[1.0, 1024.0, 0.125, std::f64::consts::SQRT_2, 4e-323, f64::MAX],
        },
        5,
    );
}

#[test]
fn log10() {
    run_unary(
        Unary {
            name: "log10",
            ours: libm::log10,
            std: f64::log10,
            reference: ref_log10,
            bound: 2.0,
            range: (0.0, 10.0),
            sampler: sample_positive,
            edges: &[1.0, 10.0, 1000.0, 0.1, 1e22, 1e-300, f64::MAX],
        },
        6,
    );
}

#[test]
fn ln_1p() {
    run_unary(
        Unary {
            name: "ln_1p",
            ours: libm::ln_1p,
            std: f64::ln_1p,
            reference: ref_ln_1p,
            bound: 4.0,
            range: (-1.0, 10.0),
            sampler: sample_ln_1p,
            edges: &[
                -1.0,
                1e-300,
                5.551115123125783e-17,
                -0.2928932188134524,
                0.41421356237309503,
                9007199254740992.0,
                f64::MAX,
            ],
        },
        7,
    );
}

/// Thresholds and hard cases of sin, cos, tan.
const TRIG_EDGES: &[f64] = &[
    std::f64::consts::FRAC_PI_2,
    std::f64::consts::PI,
    std::f64::consts::FRAC_PI_4,
    1.6e6,
    7.450580596923828e-9,
    1e22,
    // 6381956970095103 * 2^797, the f64 nearest a multiple of pi/2
    5.319372648326541e255,
    f64::MAX,
];

#[test]
fn sin() {
    run_unary(
        Unary {
            name: "sin",
            ours: libm::sin,
            std: f64::sin,
            reference: ref_sin,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_trig,
            edges: TRIG_EDGES,
        },
        8,
    );
}

#[test]
fn cos() {
    run_unary(
        Unary {
            name: "cos",
            ours: libm::cos,
            std: f64::cos,
            reference: ref_cos,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_trig,
            edges: TRIG_EDGES,
        },
        9,
    );
}

#[test]
fn tan() {
    run_unary(
        Unary {
            name: "tan",
            ours: libm::tan,
            std: f64::tan,
            reference: ref_tan,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_trig,
            edges: TRIG_EDGES,
        },
        10,
    );
}

#[test]
fn sinh() {
    run_unary(
        Unary {
            name: "sinh",
            ours: libm::sinh,
            std: f64::sinh,
            reference: ref_sinh,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_hyperbolic,
            edges: &[710.4758600739439, 1.0, 22.0, 711.0, 5.551115123125783e-17],
        },
        11,
    );
}

#[test]
fn cosh() {
    run_unary(
        Unary {
            name: "cosh",
            ours: libm::cosh,
            std: f64::cosh,
            reference: ref_cosh,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_hyperbolic,
            edges: &[710.4758600739439, LN2_HALF, 22.0, 711.0, 1.4901161193847656e-8],
        },
        12,
    );
}

#[test]
fn tanh() {
    run_unary(
        Unary {
            name: "tanh",
            ours: libm::tanh,
            std: f64::tanh,
            reference: ref_tanh,
            bound: 4.0,
            range: (-10.0, 10.0),
            sampler: sample_tanh,
            edges: &[0.5, 20.0, 22.0, 19.061547465398498, 5.551115123125783e-17],
        },
        13,
    );
}

#[test]
fn asin() {
    run_unary(
        Unary {
            name: "asin",
            ours: libm::asin,
            std: f64::asin,
            reference: ref_asin,
            bound: 4.0,
            range: (-1.0, 1.0),
            sampler: sample_asin,
            edges: &[1.0, 0.5, 7.450580596923828e-9],
        },
        14,
    );
}

#[test]
fn acos() {
    run_unary(
        Unary {
            name: "acos",
            ours: libm::acos,
            std: f64::acos,
            reference: ref_acos,
            bound: 4.0,
            range: (-1.0, 1.0),
            sampler: sample_asin,
            edges: &[1.0, 0.5, 7.450580596923828e-9],
        },
        15,
    );
}

#[test]
fn atan() {
    run_unary(
        Unary {
            name: "atan",
            ours: libm::atan,
            std: f64::atan,
            reference: ref_atan,
            bound: 4.0,
            range: (-50.0, 50.0),
            sampler: sample_atan,
            edges: &[
                0.4375,
                0.6875,
                1.1875,
                2.4375,
                1.0,
                8.452712498170644e270,
                7.450580596923828e-9,
                9007199254740992.0,
            ],
        },
        16,
    );
}

#[test]
fn cbrt() {
    run_unary(
        Unary {
            name: "cbrt",
            ours: libm::cbrt,
            std: f64::cbrt,
            reference: ref_cbrt,
            bound: 2.0,
            range: (-50.0, 50.0),
            sampler: sample_cbrt,
            edges: &[8.0, 27.0, 1e-310, f64::MIN_POSITIVE, 0.125],
        },
        17,
    );
}

/// Both signs of `vals`, plus the base specials.
fn pair_values(vals: &[f64]) -> Vec<f64> {
    let base = [0.0, MIN_SUB, f64::MIN_POSITIVE, 0.5, 1.0, 2.0, f64::MAX, f64::INFINITY];
    let mut v: Vec<f64> = base.iter().chain(vals).flat_map(|&x| [x, -x]).collect();
    v.push(f64::NAN);
    v.push(f64::from_bits(0xffff_ffff_ffff_ffff));
    v
}

fn nonfinite_or_zero(x: f64, y: f64) -> bool {
    !x.is_finite() || !y.is_finite() || x == 0.0 || y == 0.0
}

#[test]
fn atan2() {
    let mut pairs = Vec::new();
    for &(y, x) in &[(1.0, 1.0), (1.0, -1.0), (1e-300, 1e300), (1e300, 1e-300), (MIN_SUB, f64::MAX)] {
        for (dy, dx) in [(0, 0), (1, 0), (0, 1), (-1, 3)] {
            pairs.push((ulps(y, dy), ulps(x, dx)));
        }
    }
    run_binary(
        Binary {
            name: "atan2",
            ours: libm::atan2,
            std: f64::atan2,
            special: nonfinite_or_zero,
            reference: ref_atan2,
            bound: 4.0,
            range: ((-10.0, 10.0), (-10.0, 10.0)),
            sampler: sample_atan2,
            values: pair_values(&[3.0, 1e-300, 1e300, 2.4375]),
            pairs,
        },
        18,
    );
}

/// Special for `pow`: a non-finite or zero argument, or `|x| = 1`.
fn pow_special(x: f64, y: f64) -> bool {
    nonfinite_or_zero(x, y) || x.abs() == 1.0
}

/// Pairs around the overflow and underflow thresholds of `pow`, and exact cases.
fn pow_pairs() -> Vec<(f64, f64)> {
    let mut v = Vec::new();
    // e^y, 2^y near the thresholds
    for t in sweep(709.782712893384).into_iter().chain(sweep(-745.1332191019411)) {
        v.push((std::f64::consts::E, t));
    }
    for t in sweep(1024.0).into_iter().chain(sweep(-1074.0)).chain(sweep(-1075.0)) {
        v.push((2.0, t));
    }
    // x^2 near sqrt(MAX) and sqrt(MIN_SUB)
    for x in sweep(1.3407807929942596e154).into_iter().chain(sweep(1.4916681462400413e-154)) {
        v.push((x, 2.0));
        v.push((-x, 3.0));
    }
    // exact results
    for (x, y) in [(2.0, 3.0), (4.0, 0.5), (9.0, 0.5), (10.0, 22.0), (0.5, 1074.0), (2.0, -1074.0), (-8.0, 3.0)] {
        v.push((x, y));
    }
    v
}

#[test]
fn powf() {
    run_binary(
        Binary {
            name: "powf",
            ours: libm::powf,
            std: f64::powf,
            special: pow_special,
            reference: ref_pow,
            bound: 4.0,
            range: ((-10.0, 10.0), (-50.0, 50.0)),
            sampler: sample_pow,
            values: pair_values(&[
                3.0,
                1.5,
                1e300,
                1e-300,
                9007199254740992.0,
                9007199254740993.0,
                4503599627370497.0,
                1.0 / 3.0,
                8.0,
                0.25,
                10.0,
            ]),
            pairs: pow_pairs(),
        },
        19,
    );
}

#[test]
fn powi() {
    // The binary driver works on f64 pairs: the second is turned into `n` by `as i32`
    // (saturating, so random bit patterns give n = ±(2^31 - 1) or 0) everywhere.
    fn ours(x: f64, y: f64) -> f64 {
        libm::powi(x, y as i32)
    }
    /// std's powf at `n` (what powi must return), and std's powi where only it counts.
    fn std_value(x: f64, y: f64) -> f64 {
        let n = y as i32;
        if pow_special(x, n as f64) { x.powi(n) } else { x.powf(n as f64) }
    }
    fn special(x: f64, y: f64) -> bool {
        pow_special(x, (y as i32) as f64)
    }
    fn reference(r: &mut Reference, x: f64, y: f64) -> BigFloat {
        ref_pow(r, x, (y as i32) as f64)
    }
    fn sample(rng: &mut Rng) -> (f64, f64) {
        let x = rng.signed_log_uniform(MIN_SUB, f64::MAX);
        let l = (760.0 / x.abs().ln().abs().max(1e-9)).min(2e9);
        let n = match family(rng, 3) {
            0 => rng.uniform(-l, l),
            1 => rng.uniform(-12.0, 12.0),
            _ => rng.uniform(-2147483648.0, 2147483647.0),
        };
        (
            if rng.below(4) == 0 { 1.0 + rng.signed_log_uniform(1e-16, 1e-6) } else { x },
            ((n + MAGIC) - MAGIC).clamp(-2147483648.0, 2147483647.0),
        )
    }
    let ns = [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 1023.0, -1074.0, 2147483647.0, -2147483648.0, 1e6, -1e6];
    let xs = pair_values(&[3.0, 1.5, 1e300, 1e-300, 1.0 / 3.0, 8.0, 0.25, 10.0, 1.0000001, 0.9999999]);
    let mut pairs: Vec<(f64, f64)> = xs.iter().flat_map(|&x| ns.iter().map(move |&n| (x, n))).collect();
    pairs.extend(pow_pairs().into_iter().filter(|&(_, y)| y.trunc() == y && y.abs() < 2147483647.0));
    run_binary(
        Binary {
            name: "powi",
            ours,
            std: std_value,
            special,
            reference,
            bound: 4.0,
            range: ((-10.0, 10.0), (-50.0, 50.0)),
            sampler: sample,
            values: Vec::new(),
            pairs,
        },
        20,
    );
}

#[test]
fn powi_random_bits() {
    // the binary driver's bit-pattern third gives huge y, saturated to i32 by `as`; also try
    // uniformly random i32 exponents with uniformly random x bits
    let mut r = Reference::new();
    let mut rng = Rng::new(21);
    let mut bad = Vec::new();
    let mut stats = Stats::new();
    for _ in 0..20_000 {
        let x = rng.any_finite();
        let n = rng.next() as u32 as i32;
        let got = libm::powi(x, n);
        let std = x.powf(n as f64);
        let e = ref_pow(&mut r, x, n as f64);
        if let Some(m) = judge(got, std, Some(&e), 4.0) {
            bad.push(format!("powi({x:e}, {n}) {m}"));
        }
        stats.add(ulp_error_f64(got, &e), ulp_error_f64(std, &e), || format!("({x:e}, {n})"));
    }
    report("powi (random bits, any n)", 4.0, &stats, &bad);
}

#[test]
fn hypot() {
    let mut pairs = Vec::new();
    for x in sweep(f64::MAX / 2.0f64.sqrt()).into_iter().chain(sweep(f64::MAX)) {
        pairs.push((x, x));
        pairs.push((x, 1.0));
    }
    for (x, y) in [(3.0, 4.0), (5.0, 12.0), (3e-320, 4e-320), (3e300, 4e300), (1e-310, 1e-310)] {
        pairs.push((x, y));
    }
    run_binary(
        Binary {
            name: "hypot",
            ours: libm::hypot,
            std: f64::hypot,
            special: nonfinite_or_zero,
            reference: ref_hypot,
            bound: 2.0,
            range: ((-10.0, 10.0), (-10.0, 10.0)),
            sampler: sample_hypot,
            values: pair_values(&[3.0, 4.0, 1e300, 1e-300, f64::MAX / 2.0]),
            pairs,
        },
        22,
    );
}
