//! Accuracy of the exp/log/pow/hyperbolic part of the math library against a 192-bit
//! reference, and its special values against `std`.
//!
//! Each function is checked in `f64` and `f32`, with `FMA` on and off, at widths 1, 3 and 8
//! (which must agree lane by lane). The normal tests sample about 20,000 inputs; the ignored
//! `table` test samples 10^6 per function and type and prints the table kept in
//! `runtime/src/math/accuracy_explog.md`:
//!
//! ```text
//! cargo test --release -p kernelize-runtime --test ulp_explog -- --ignored --nocapture table
//! ```

mod ulp;

use astro_float::{BigFloat, Consts, RoundingMode};
use kernelize_runtime::math::{f32 as m32, f64 as m64};
use ulp::*;

type Big1 = fn(&BigFloat, usize, RoundingMode, &mut Consts) -> BigFloat;
type Lanes1<T, const W: usize> = fn([T; W]) -> [T; W];
type Lanes2<T, U, const W: usize> = fn([T; W], [U; W]) -> [T; W];

/// One implementation at the three checked widths, `[FMA, no FMA]` each.
struct Widths1<T: 'static> {
    w1: [Lanes1<T, 1>; 2],
    w3: [Lanes1<T, 3>; 2],
    w8: [Lanes1<T, 8>; 2],
}

macro_rules! widths1 {
    ($m:ident :: $f:ident) => {
        Widths1 {
            w1: [$m::$f::<true, 1>, $m::$f::<false, 1>],
            w3: [$m::$f::<true, 3>, $m::$f::<false, 3>],
            w8: [$m::$f::<true, 8>, $m::$f::<false, 8>],
        }
    };
}

struct Widths2<T: 'static, U: 'static> {
    w1: [Lanes2<T, U, 1>; 2],
    w3: [Lanes2<T, U, 3>; 2],
    w8: [Lanes2<T, U, 8>; 2],
}

macro_rules! widths2 {
    ($m:ident :: $f:ident) => {
        Widths2 {
            w1: [$m::$f::<true, 1>, $m::$f::<false, 1>],
            w3: [$m::$f::<true, 3>, $m::$f::<false, 3>],
            w8: [$m::$f::<true, 8>, $m::$f::<false, 8>],
        }
    };
}

/// `f` over `xs` at widths 1, 3 and 8, asserting they agree bit for bit; the width-8 results.
fn eval1<T: Copy + Default + PartialEq + std::fmt::Debug + Bits>(xs: &[T], f: &Widths1<T>, fma: usize) -> Vec<T> {
    let r1 = map_lanes(xs, f.w1[fma]);
    let r3 = map_lanes(xs, f.w3[fma]);
    let r8 = map_lanes(xs, f.w8[fma]);
    for i in 0..xs.len() {
        assert!(r1[i].bits() == r8[i].bits() && r3[i].bits() == r8[i].bits(), "widths disagree at {:?}", xs[i]);
    }
    r8
}

fn eval2<T: Copy + Default + std::fmt::Debug + Bits, U: Copy + std::fmt::Debug>(
    xs: &[T],
    ys: &[U],
    f: &Widths2<T, U>,
    fma: usize,
) -> Vec<T> {
    let r1 = map_lanes2(xs, ys, f.w1[fma]);
    let r3 = map_lanes2(xs, ys, f.w3[fma]);
    let r8 = map_lanes2(xs, ys, f.w8[fma]);
    for i in 0..xs.len() {
        let same = r1[i].bits() == r8[i].bits() && r3[i].bits() == r8[i].bits();
        assert!(same, "widths disagree at ({:?}, {:?})", xs[i], ys[i]);
    }
    r8
}

trait Bits {
    fn bits(self) -> u64;
}
// Every NaN counts as one value: which NaN an operation returns (sign, payload) is not fixed by
// IEEE 754 or by Rust, and optimized code returns different ones for scalar and vector lanes
// (seen for `powf(NaN, NaN)` once the runtime is optimized in test builds).
impl Bits for f64 {
    fn bits(self) -> u64 {
        if self.is_nan() { f64::NAN.to_bits() } else { self.to_bits() }
    }
}
impl Bits for f32 {
    fn bits(self) -> u64 {
        if self.is_nan() { f32::NAN.to_bits() as u64 } else { self.to_bits() as u64 }
    }
}

// ---------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------

fn big_exp(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    x.exp(p, rm, cc)
}
fn big_exp2(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    let ln2 = cc.ln_2(p + 64, rm);
    x.mul(&ln2, p + 64, rm).exp(p, rm, cc)
}
/// Below 2^-40 in magnitude, the series (exact to far beyond the working precision).
fn small(x: &BigFloat) -> bool {
    x.exponent().is_some_and(|e| e < -40) || x.is_zero()
}
fn big_expm1(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    if small(x) {
        let x2 = x.mul(x, p, rm);
        let x3 = x2.mul(x, p, rm);
        let t = x2.div(&BigFloat::from_u8(2, p), p, rm).add(&x3.div(&BigFloat::from_u8(6, p), p, rm), p, rm);
        return x.add(&t, p, rm);
    }
    x.exp(p + 64, rm, cc).sub(&BigFloat::from_u8(1, p), p, rm)
}
fn big_ln(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    x.ln(p, rm, cc)
}
fn big_ln1p(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    if small(x) {
        let x2 = x.mul(x, p, rm);
        let x3 = x2.mul(x, p, rm);
        let t = x3.div(&BigFloat::from_u8(3, p), p, rm).sub(&x2.div(&BigFloat::from_u8(2, p), p, rm), p, rm);
        return x.add(&t, p, rm);
    }
    x.add(&BigFloat::from_u8(1, p), 2 * p, rm).ln(p, rm, cc)
}
fn big_log2(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    x.log2(p, rm, cc)
}
fn big_log10(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    x.log10(p, rm, cc)
}
fn big_sinh(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    if small(x) {
        let x3 = x.mul(x, p, rm).mul(x, p, rm);
        return x.add(&x3.div(&BigFloat::from_u8(6, p), p, rm), p, rm);
    }
    x.sinh(p, rm, cc)
}
fn big_cosh(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    x.cosh(p, rm, cc)
}
fn big_tanh(x: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    if small(x) {
        let x3 = x.mul(x, p, rm).mul(x, p, rm);
        return x.sub(&x3.div(&BigFloat::from_u8(3, p), p, rm), p, rm);
    }
    x.tanh(p, rm, cc)
}
fn big_sqrt(x: &BigFloat, p: usize, rm: RoundingMode, _: &mut Consts) -> BigFloat {
    x.sqrt(p, rm)
}
fn big_cbrt(x: &BigFloat, p: usize, rm: RoundingMode, _: &mut Consts) -> BigFloat {
    let c = x.abs().cbrt(p, rm);
    if x.is_negative() { c.neg() } else { c }
}
/// `|x|^y` with the sign of `x` when `y` is an odd integer (callers avoid the other negative cases).
/// Results far out of range are returned as infinity or zero without asking astro-float,
/// which would take very long to compute them; integer powers are exact products (astro-float's
/// correctly rounded `pow` never ends where `x^y` is exactly representable, so non-integer
/// powers are asked for without rounding, to about `p` bits).
fn big_pow(x: &BigFloat, y: &BigFloat, p: usize, rm: RoundingMode, cc: &mut Consts) -> BigFloat {
    let z = x.abs().ln(64, RoundingMode::None, cc).mul(y, 64, rm);
    let yf = round_to_f64(y);
    let r = if z.cmp(&BigFloat::from_u16(5000, 64)).is_some_and(|c| c > 0) {
        BigFloat::from_f64(f64::INFINITY, 64)
    } else if z.cmp(&BigFloat::from_i16(-5000, 64)).is_some_and(|c| c < 0) {
        BigFloat::from_u8(0, 64)
    } else if yf.trunc() == yf && yf.abs() < 1e12 {
        let r = x.abs().powi(yf.abs() as usize, 2 * p, rm);
        if yf < 0.0 { BigFloat::from_u8(1, p).div(&r, p, rm) } else { r }
    } else {
        x.abs().pow(y, p, RoundingMode::None, cc)
    };
    let odd = y.is_int() && !y.div(&BigFloat::from_u8(2, p), p, rm).is_int();
    if x.is_negative() && odd { r.neg() } else { r }
}
fn big_hypot(x: &BigFloat, y: &BigFloat, p: usize, rm: RoundingMode, _: &mut Consts) -> BigFloat {
    x.mul(x, 2 * p, rm).add(&y.mul(y, 2 * p, rm), p, rm).sqrt(p, rm)
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

/// A one-argument function: its reference, std's, where to sample, its thresholds and bounds.
struct Case1 {
    name: &'static str,
    reference: Big1,
    std64: fn(f64) -> f64,
    std32: fn(f32) -> f32,
    /// An `f64` input from the domain; `f32` inputs are drawn from `gen32` below.
    gen64: fn(&mut SplitMix64) -> f64,
    gen32: fn(&mut SplitMix64) -> f32,
    /// What was sampled, for the table: `[f64, f32]`.
    domain: [&'static str; 2],
    extra64: &'static [f64],
    extra32: &'static [f32],
    bound: f64,
    ours64: Widths1<f64>,
    ours32: Widths1<f32>,
}

/// Mixes samplers: each draw picks one of `gens` at random.
fn pick<T>(rng: &mut SplitMix64, gens: &[&dyn Fn(&mut SplitMix64) -> T]) -> T {
    let i = rng.below(gens.len() as u64) as usize;
    gens[i](rng)
}

const MIN64: f64 = f64::from_bits(1);
const MIN32: f32 = f32::from_bits(1);

fn case_exp() -> Case1 {
    Case1 {
        name: "exp",
        reference: big_exp,
        std64: f64::exp,
        std32: f32::exp,
        gen64: |r| pick(r, &[&|r| r.uniform(-745.2, 709.8), &|r| r.signed_log_uniform(MIN64, 746.0)]),
        gen32: |r| pick(r, &[&|r| r.uniform_f32(-104.0, 88.8), &|r| r.signed_log_uniform_f32(MIN32, 104.0)]),
        domain: [
            "[-745.2, 709.8] uniform + ±[5e-324, 746] log-uniform",
            "[-104, 88.8] uniform + ±[1e-45, 104] log-uniform",
        ],
        extra64: &[709.782712893384, -708.3964185322641, -745.1332191019411, -745.1332191019412, 1e-300],
        extra32: &[88.72284, -87.33655, -103.97208, -103.27893],
        bound: 2.0,
        ours64: widths1!(m64::exp),
        ours32: widths1!(m32::exp),
    }
}

fn case_exp2() -> Case1 {
    Case1 {
        name: "exp2",
        reference: big_exp2,
        std64: f64::exp2,
        std32: f32::exp2,
        gen64: |r| pick(r, &[&|r| r.uniform(-1075.0, 1024.0), &|r| r.signed_log_uniform(MIN64, 1076.0)]),
        gen32: |r| pick(r, &[&|r| r.uniform_f32(-150.0, 128.0), &|r| r.signed_log_uniform_f32(MIN32, 150.0)]),
        domain: [
            "[-1075, 1024] uniform + ±[5e-324, 1076] log-uniform",
            "[-150, 128] uniform + ±[1e-45, 150] log-uniform",
        ],
        extra64: &[1024.0, 1023.0, -1022.0, -1074.0, -1075.0, 0.5],
        extra32: &[128.0, 127.0, -126.0, -149.0, -150.0, 0.5],
        bound: 2.0,
        ours64: widths1!(m64::exp2),
        ours32: widths1!(m32::exp2),
    }
}

fn case_exp_m1() -> Case1 {
    Case1 {
        name: "exp_m1",
        reference: big_expm1,
        std64: f64::exp_m1,
        std32: f32::exp_m1,
        gen64: |r| {
            pick(r, &[&|r| r.uniform(-40.0, 709.8), &|r| r.signed_log_uniform(MIN64, 710.0), &|r| r.uniform(-1.0, 1.0)])
        },
        gen32: |r| pick(r, &[&|r| r.uniform_f32(-20.0, 88.7), &|r| r.signed_log_uniform_f32(MIN32, 89.0)]),
        domain: [
            "[-40, 709.8] uniform + [-1, 1] + ±[5e-324, 710] log-uniform",
            "[-20, 88.7] uniform + ±[1e-45, 89] log-uniform",
        ],
        extra64: &[709.782712893384, -37.42994775023705, 5.551115123125783e-17, 0.34657359027997264],
        extra32: &[88.72284, -17.0, 0.3465736],
        bound: 4.0,
        ours64: widths1!(m64::exp_m1),
        ours32: widths1!(m32::exp_m1),
    }
}

fn positive64(r: &mut SplitMix64) -> f64 {
    pick(
        r,
        &[&|r| r.log_uniform(MIN64, f64::MAX), &|r| r.uniform(0.5, 2.0), &|r| 1.0 + r.signed_log_uniform(1e-17, 1e-3)],
    )
}
fn positive32(r: &mut SplitMix64) -> f32 {
    pick(
        r,
        &[&|r| r.log_uniform_f32(MIN32, f32::MAX), &|r| r.uniform_f32(0.5, 2.0), &|r| {
            1.0 + r.signed_log_uniform_f32(1e-8, 1e-3)
        }],
    )
}
const POSITIVE: [&str; 2] =
    ["(0, MAX] log-uniform + [0.5, 2] + 1 ± [1e-17, 1e-3]", "(0, MAX] log-uniform + [0.5, 2] + 1 ± [1e-8, 1e-3]"];

fn case_ln() -> Case1 {
    Case1 {
        name: "ln",
        reference: big_ln,
        std64: f64::ln,
        std32: f32::ln,
        gen64: positive64,
        gen32: positive32,
        domain: POSITIVE,
        extra64: &[std::f64::consts::E, std::f64::consts::SQRT_2, std::f64::consts::FRAC_1_SQRT_2],
        extra32: &[std::f32::consts::E, std::f32::consts::SQRT_2, std::f32::consts::FRAC_1_SQRT_2],
        bound: 2.0,
        ours64: widths1!(m64::ln),
        ours32: widths1!(m32::ln),
    }
}

fn case_log2() -> Case1 {
    Case1 {
        name: "log2",
        reference: big_log2,
        std64: f64::log2,
        std32: f32::log2,
        gen64: positive64,
        gen32: positive32,
        domain: POSITIVE,
        extra64: &[1024.0, 0.125, std::f64::consts::SQRT_2],
        extra32: &[1024.0, 0.125, std::f32::consts::SQRT_2],
        bound: 2.0,
        ours64: widths1!(m64::log2),
        ours32: widths1!(m32::log2),
    }
}

fn case_log10() -> Case1 {
    Case1 {
        name: "log10",
        reference: big_log10,
        std64: f64::log10,
        std32: f32::log10,
        gen64: positive64,
        gen32: positive32,
        domain: POSITIVE,
        extra64: &[10.0, 1000.0, 0.1],
        extra32: &[10.0, 1000.0, 0.1],
        bound: 2.0,
        ours64: widths1!(m64::log10),
        ours32: widths1!(m32::log10),
    }
}

fn case_ln_1p() -> Case1 {
    Case1 {
        name: "ln_1p",
        reference: big_ln1p,
        std64: f64::ln_1p,
        std32: f32::ln_1p,
        gen64: |r| {
            pick(r, &[&|r| r.log_uniform(MIN64, f64::MAX), &|r| -r.log_uniform(MIN64, 1.0), &|r| r.uniform(-1.0, 1.0)])
        },
        gen32: |r| {
            pick(
                r,
                &[&|r| r.log_uniform_f32(MIN32, f32::MAX), &|r| -r.log_uniform_f32(MIN32, 1.0), &|r| {
                    r.uniform_f32(-1.0, 1.0)
                }],
            )
        },
        domain: [
            "(0, MAX] and -(0, 1) log-uniform + (-1, 1) uniform",
            "(0, MAX] and -(0, 1) log-uniform + (-1, 1) uniform",
        ],
        extra64: &[-1.0, 1e-300, -0.2928932188134524, 0.41421356237309503, 9007199254740992.0],
        extra32: &[-1.0, 1e-30, -0.29289323, 0.41421357, 16777216.0],
        bound: 4.0,
        ours64: widths1!(m64::ln_1p),
        ours32: widths1!(m32::ln_1p),
    }
}

fn case_sinh() -> Case1 {
    Case1 {
        name: "sinh",
        reference: big_sinh,
        std64: f64::sinh,
        std32: f32::sinh,
        gen64: |r| pick(r, &[&|r| r.signed_log_uniform(MIN64, 711.0), &|r| r.uniform(-3.0, 3.0)]),
        gen32: |r| pick(r, &[&|r| r.signed_log_uniform_f32(MIN32, 90.0), &|r| r.uniform_f32(-3.0, 3.0)]),
        domain: ["±[5e-324, 711] log-uniform + [-3, 3]", "±[1e-45, 90] log-uniform + [-3, 3]"],
        extra64: &[710.4758600739439, 1.0, 22.0, 1e-300],
        extra32: &[89.41599, 1.0, 9.0],
        bound: 4.0,
        ours64: widths1!(m64::sinh),
        ours32: widths1!(m32::sinh),
    }
}

fn case_cosh() -> Case1 {
    Case1 {
        name: "cosh",
        reference: big_cosh,
        std64: f64::cosh,
        std32: f32::cosh,
        gen64: |r| pick(r, &[&|r| r.signed_log_uniform(MIN64, 711.0), &|r| r.uniform(-3.0, 3.0)]),
        gen32: |r| pick(r, &[&|r| r.signed_log_uniform_f32(MIN32, 90.0), &|r| r.uniform_f32(-3.0, 3.0)]),
        domain: ["±[5e-324, 711] log-uniform + [-3, 3]", "±[1e-45, 90] log-uniform + [-3, 3]"],
        extra64: &[710.4758600739439, 0.34657359027997264, 22.0],
        extra32: &[89.41599, 0.3465736, 9.0],
        bound: 4.0,
        ours64: widths1!(m64::cosh),
        ours32: widths1!(m32::cosh),
    }
}

fn case_tanh() -> Case1 {
    Case1 {
        name: "tanh",
        reference: big_tanh,
        std64: f64::tanh,
        std32: f32::tanh,
        gen64: |r| pick(r, &[&|r| r.signed_log_uniform(MIN64, 25.0), &|r| r.uniform(-3.0, 3.0)]),
        gen32: |r| pick(r, &[&|r| r.signed_log_uniform_f32(MIN32, 12.0), &|r| r.uniform_f32(-3.0, 3.0)]),
        domain: ["±[5e-324, 25] log-uniform + [-3, 3]", "±[1e-45, 12] log-uniform + [-3, 3]"],
        extra64: &[0.5, 20.0, 22.0, 1e-300],
        extra32: &[0.5, 9.0, 10.0],
        bound: 4.0,
        ours64: widths1!(m64::tanh),
        ours32: widths1!(m32::tanh),
    }
}

fn case_sqrt() -> Case1 {
    Case1 {
        name: "sqrt",
        reference: big_sqrt,
        std64: f64::sqrt,
        std32: f32::sqrt,
        gen64: |r| r.log_uniform(MIN64, f64::MAX),
        gen32: |r| r.log_uniform_f32(MIN32, f32::MAX),
        domain: ["(0, MAX] log-uniform", "(0, MAX] log-uniform"],
        extra64: &[4.0],
        extra32: &[4.0],
        bound: 2.0,
        ours64: widths1!(m64::sqrt),
        ours32: widths1!(m32::sqrt),
    }
}

fn case_cbrt() -> Case1 {
    Case1 {
        name: "cbrt",
        reference: big_cbrt,
        std64: f64::cbrt,
        std32: f32::cbrt,
        gen64: |r| r.signed_log_uniform(MIN64, f64::MAX),
        gen32: |r| r.signed_log_uniform_f32(MIN32, f32::MAX),
        domain: ["±(0, MAX] log-uniform", "±(0, MAX] log-uniform"],
        extra64: &[8.0, 27.0, 1e-310],
        extra32: &[8.0, 27.0, 1e-40],
        bound: 2.0,
        ours64: widths1!(m64::cbrt),
        ours32: widths1!(m32::cbrt),
    }
}

/// One unary function over `n` inputs per type: `[[f64 FMA, f64 no-FMA, f64 std], [f32 ...]]`.
fn measure1(c: &Case1, n: usize, seed: u64) -> [[Stats; 3]; 2] {
    let mut rng = SplitMix64::new(seed);
    let mut reference = Reference::new();
    let xs: Vec<f64> = (0..n).map(|_| (c.gen64)(&mut rng)).collect();
    let exact: Vec<BigFloat> = xs.iter().map(|&x| reference.eval(x, c.reference)).collect();
    let mut out: [[Stats; 3]; 2] = Default::default();
    for (fma, stats) in out[0][..2].iter_mut().enumerate() {
        let got = eval1(&xs, &c.ours64, fma);
        for ((&x, e), &g) in xs.iter().zip(&exact).zip(&got) {
            stats.add(ulp_error_f64(g, e), x);
        }
    }
    for (&x, e) in xs.iter().zip(&exact) {
        out[0][2].add(ulp_error_f64((c.std64)(x), e), x);
    }
    let xs: Vec<f32> = (0..n).map(|_| (c.gen32)(&mut rng)).collect();
    let exact: Vec<BigFloat> = xs.iter().map(|&x| reference.eval(x as f64, c.reference)).collect();
    for (fma, stats) in out[1][..2].iter_mut().enumerate() {
        let got = eval1(&xs, &c.ours32, fma);
        for ((&x, e), &g) in xs.iter().zip(&exact).zip(&got) {
            stats.add(ulp_error_f32(g, e), x as f64);
        }
    }
    for (&x, e) in xs.iter().zip(&exact) {
        out[1][2].add(ulp_error_f32((c.std32)(x), e), x as f64);
    }
    out
}

/// What is wrong with `got` at one special input, if anything: at special inputs (`special`)
/// and where the exact result is an `f64` zero it must be std's value bit for bit; where the
/// exact result is another `f64` it must be that; elsewhere within `bound` ulp.
fn judge64(special: bool, got: f64, std: f64, exact: impl FnOnce() -> BigFloat, bound: f64) -> Option<String> {
    if special {
        return (!same_f64(got, std)).then(|| format!("= {got:e}, std gives {std:e}"));
    }
    let e = exact();
    match exact_f64(&e) {
        Some(0.0) => (!same_f64(got, std)).then(|| format!("= {got:e}, std gives {std:e}")),
        Some(v) => (got.to_bits() != v.to_bits()).then(|| format!("= {got:e}, exactly {v:e}")),
        None => {
            let u = ulp_error_f64(got, &e);
            (u > bound).then(|| format!("= {got:e}: {u} ulp (std gives {std:e})"))
        }
    }
}

/// [`judge64`] for `f32`.
fn judge32(special: bool, got: f32, std: f32, exact: impl FnOnce() -> BigFloat, bound: f64) -> Option<String> {
    if special {
        return (!same_f32(got, std)).then(|| format!("= {got:e}, std gives {std:e}"));
    }
    let e = exact();
    match exact_f32(&e) {
        Some(0.0) => (!same_f32(got, std)).then(|| format!("= {got:e}, std gives {std:e}")),
        Some(v) => (got.to_bits() != v.to_bits()).then(|| format!("= {got:e}, exactly {v:e}")),
        None => {
            let u = ulp_error_f32(got, &e);
            (u > bound).then(|| format!("= {got:e}: {u} ulp (std gives {std:e})"))
        }
    }
}

fn assert_none_bad(bad: Vec<String>) {
    assert!(bad.is_empty(), "special values wrong:\n{}", bad.join("\n"));
}

/// The normal test of a unary function: special values, then 10,000 random inputs per type.
fn check1(c: Case1) {
    let mut r = Reference::new();
    let xs = special_f64(c.extra64);
    let xs32 = special_f32(c.extra32);
    for fma in 0..2 {
        let got = eval1(&xs, &c.ours64, fma);
        let bad = xs.iter().zip(&got).filter_map(|(&x, &g)| {
            let special = !x.is_finite() || x == 0.0;
            let m = judge64(special, g, (c.std64)(x), || r.eval(x, c.reference), c.bound)?;
            Some(format!("{} f64({x:e}) {m}", c.name))
        });
        assert_none_bad(bad.collect());
        let got = eval1(&xs32, &c.ours32, fma);
        let bad = xs32.iter().zip(&got).filter_map(|(&x, &g)| {
            let special = !x.is_finite() || x == 0.0;
            let m = judge32(special, g, (c.std32)(x), || r.eval(x as f64, c.reference), c.bound)?;
            Some(format!("{} f32({x:e}) {m}", c.name))
        });
        assert_none_bad(bad.collect());
    }
    let stats = measure1(&c, 10_000, 0x5eed ^ c.name.len() as u64);
    for (t, ty) in ["f64", "f32"].iter().enumerate() {
        for (fma, tag) in ["FMA", "no FMA"].iter().enumerate() {
            stats[t][fma].assert_within(&format!("{} {ty} {tag}", c.name), c.bound);
        }
    }
}

#[test]
fn exp() {
    check1(case_exp());
}
#[test]
fn exp2() {
    check1(case_exp2());
}
#[test]
fn exp_m1() {
    check1(case_exp_m1());
}
#[test]
fn ln() {
    check1(case_ln());
}
#[test]
fn log2() {
    check1(case_log2());
}
#[test]
fn log10() {
    check1(case_log10());
}
#[test]
fn ln_1p() {
    check1(case_ln_1p());
}
#[test]
fn sinh() {
    check1(case_sinh());
}
#[test]
fn cosh() {
    check1(case_cosh());
}
#[test]
fn tanh() {
    check1(case_tanh());
}
#[test]
fn sqrt() {
    check1(case_sqrt());
}
#[test]
fn cbrt() {
    check1(case_cbrt());
}

// ---------------------------------------------------------------------------------------------
// Two arguments
// ---------------------------------------------------------------------------------------------

/// `(x, y)` for `powf`: results mostly finite, over all magnitudes of `x`, negative `x` with
/// integer `y`, and `x` near 1 with large `y`.
fn gen_pow64(r: &mut SplitMix64) -> (f64, f64) {
    match r.below(4) {
        0 => {
            let x = r.log_uniform(MIN64, f64::MAX);
            let l = 760.0 / x.ln().abs().max(1e-300);
            (x, r.uniform(-l, l).clamp(-1e300, 1e300))
        }
        1 => (r.uniform(0.25, 4.0), r.uniform(-600.0, 600.0)),
        2 => (1.0 + r.signed_log_uniform(1e-16, 1e-2), r.signed_log_uniform(1.0, 1e17)),
        _ => {
            let x = -r.log_uniform(1e-3, 1e3);
            let l = 745.0 / x.abs().ln().abs().max(1e-3);
            (x, (r.uniform(-l, l) + MAGIC52) - MAGIC52)
        }
    }
}
const MAGIC52: f64 = 6755399441055744.0;
fn gen_pow32(r: &mut SplitMix64) -> (f32, f32) {
    match r.below(4) {
        0 => {
            let x = r.log_uniform_f32(MIN32, f32::MAX);
            let l = 105.0 / (x as f64).ln().abs().max(1e-30);
            (x, r.uniform(-l, l).clamp(-1e30, 1e30) as f32)
        }
        1 => (r.uniform_f32(0.25, 4.0), r.uniform_f32(-90.0, 90.0)),
        2 => (1.0 + r.signed_log_uniform_f32(1e-7, 1e-2), r.signed_log_uniform_f32(1.0, 1e8)),
        _ => {
            let x = -r.log_uniform_f32(1e-2, 1e2);
            (x, (r.uniform(-20.0, 20.0) + MAGIC52 - MAGIC52) as f32)
        }
    }
}

const POWF_DOMAIN: [&str; 2] = [
    "x log-uniform over (0, MAX], y with \\|y ln x\\| < 760; x in [1/4, 4], \\|y\\| < 600; x = 1 ± [1e-16, 1e-2], \\|y\\| in [1, 1e17]; x in -[1e-3, 1e3], integer y",
    "x log-uniform over (0, MAX], y with \\|y ln x\\| < 105; x in [1/4, 4], \\|y\\| < 90; x = 1 ± [1e-7, 1e-2], \\|y\\| in [1, 1e8]; x in -[1e-2, 1e2], integer \\|y\\| <= 20",
];
const POWI_DOMAIN: [&str; 2] = [
    "±x log-uniform over (0, MAX]; n uniform with \\|n ln x\\| < 760, or in [-12, 12]",
    "±x log-uniform over (0, MAX]; n uniform with \\|n ln x\\| < 105, or in [-12, 12]",
];
const HYPOT_DOMAIN: [&str; 2] = [
    "x, y ±log-uniform over (0, MAX], independent or within a factor 1e9",
    "x, y ±log-uniform over (0, MAX], independent or within a factor 1e5",
];

fn gen_powi64(r: &mut SplitMix64) -> (f64, i32) {
    let x = r.signed_log_uniform(MIN64, f64::MAX);
    let l = (760.0 / x.abs().ln().abs().max(1e-9)).min(2e9);
    let n = if r.below(2) == 0 { r.uniform(-l, l) } else { r.uniform(-12.0, 12.0) };
    (x, ((n + MAGIC52) - MAGIC52) as i32)
}
fn gen_powi32(r: &mut SplitMix64) -> (f32, i32) {
    let x = r.signed_log_uniform_f32(MIN32, f32::MAX);
    let l = (105.0 / (x.abs() as f64).ln().abs().max(1e-9)).min(2e9);
    let n = if r.below(2) == 0 { r.uniform(-l, l) } else { r.uniform(-12.0, 12.0) };
    (x, ((n + MAGIC52) - MAGIC52) as i32)
}

fn gen_hypot64(r: &mut SplitMix64) -> (f64, f64) {
    let x = r.signed_log_uniform(MIN64, f64::MAX);
    let y = match r.below(2) {
        0 => r.signed_log_uniform(MIN64, f64::MAX),
        _ => (x * r.signed_log_uniform(1e-9, 1e9)).clamp(-f64::MAX, f64::MAX),
    };
    (x, y)
}
fn gen_hypot32(r: &mut SplitMix64) -> (f32, f32) {
    let x = r.signed_log_uniform_f32(MIN32, f32::MAX);
    let y = match r.below(2) {
        0 => r.signed_log_uniform_f32(MIN32, f32::MAX),
        _ => (x as f64 * r.signed_log_uniform(1e-5, 1e5)).clamp(-f32::MAX as f64, f32::MAX as f64) as f32,
    };
    (x, y)
}

type Big2 = fn(&BigFloat, &BigFloat, usize, RoundingMode, &mut Consts) -> BigFloat;

/// Two-argument measurement: `[[f64 FMA, f64 no FMA, f64 std], [f32 ...]]`.
#[allow(clippy::too_many_arguments)]
fn measure2<U: Copy + std::fmt::Debug + Into<f64>, V: Copy + std::fmt::Debug + Into<f64>>(
    n: usize,
    seed: u64,
    reference: Big2,
    gen64: fn(&mut SplitMix64) -> (f64, U),
    gen32: fn(&mut SplitMix64) -> (f32, V),
    ours64: &Widths2<f64, U>,
    ours32: &Widths2<f32, V>,
    std64: fn(f64, U) -> f64,
    std32: fn(f32, V) -> f32,
) -> [[Stats; 3]; 2] {
    let mut rng = SplitMix64::new(seed);
    let mut r = Reference::new();
    let mut out: [[Stats; 3]; 2] = Default::default();
    let (xs, ys): (Vec<f64>, Vec<U>) = (0..n).map(|_| gen64(&mut rng)).unzip();
    let exact: Vec<BigFloat> = xs.iter().zip(&ys).map(|(&x, &y)| r.eval2(x, y.into(), reference)).collect();
    for (fma, stats) in out[0][..2].iter_mut().enumerate() {
        let got = eval2(&xs, &ys, ours64, fma);
        for i in 0..n {
            stats.add2(ulp_error_f64(got[i], &exact[i]), xs[i], ys[i].into());
        }
    }
    for i in 0..n {
        out[0][2].add2(ulp_error_f64(std64(xs[i], ys[i]), &exact[i]), xs[i], ys[i].into());
    }
    let (xs, ys): (Vec<f32>, Vec<V>) = (0..n).map(|_| gen32(&mut rng)).unzip();
    let exact: Vec<BigFloat> = xs.iter().zip(&ys).map(|(&x, &y)| r.eval2(x as f64, y.into(), reference)).collect();
    for (fma, stats) in out[1][..2].iter_mut().enumerate() {
        let got = eval2(&xs, &ys, ours32, fma);
        for i in 0..n {
            stats.add2(ulp_error_f32(got[i], &exact[i]), xs[i] as f64, ys[i].into());
        }
    }
    for i in 0..n {
        out[1][2].add2(ulp_error_f32(std32(xs[i], ys[i]), &exact[i]), xs[i] as f64, ys[i].into());
    }
    out
}

fn measure_powf(n: usize) -> [[Stats; 3]; 2] {
    measure2(n, 11, big_pow, gen_pow64, gen_pow32, &widths2!(m64::powf), &widths2!(m32::powf), f64::powf, f32::powf)
}
fn measure_powi(n: usize) -> [[Stats; 3]; 2] {
    let std64: fn(f64, i32) -> f64 = |x, n| x.powi(n);
    let std32: fn(f32, i32) -> f32 = |x, n| x.powi(n);
    measure2(n, 12, big_pow, gen_powi64, gen_powi32, &widths2!(m64::powi), &widths2!(m32::powi), std64, std32)
}
fn measure_hypot(n: usize) -> [[Stats; 3]; 2] {
    measure2(
        n,
        13,
        big_hypot,
        gen_hypot64,
        gen_hypot32,
        &widths2!(m64::hypot),
        &widths2!(m32::hypot),
        f64::hypot,
        f32::hypot,
    )
}

fn assert_stats(name: &str, stats: &[[Stats; 3]; 2], bound: f64) {
    for (t, ty) in ["f64", "f32"].iter().enumerate() {
        for (fma, tag) in ["FMA", "no FMA"].iter().enumerate() {
            stats[t][fma].assert_within(&format!("{name} {ty} {tag}"), bound);
        }
    }
}

/// Special values for the two-argument functions: every pair of `vals`.
fn pow_specials64() -> Vec<f64> {
    let mut v = special_f64(&[3.0, 0.5, 1.5, 1e300, 9007199254740992.0, 9007199254740993.0]);
    v.extend([1.0 / 3.0, -8.0, 8.0, 4.503599627370497e15, -4.503599627370497e15]);
    v
}
fn pow_specials32() -> Vec<f32> {
    let mut v = special_f32(&[3.0, 0.5, 1.5, 1e30, 16777216.0, 16777215.0]);
    v.extend([1.0 / 3.0, -8.0, 8.0]);
    v
}

/// Every pair of `vals` judged as in [`judge64`]; `special` says which pairs are special.
fn check_pairs64<U: Copy + Into<f64> + std::fmt::LowerExp + std::fmt::Debug>(
    name: &str,
    pairs: &[(f64, U)],
    f: &Widths2<f64, U>,
    std: impl Fn(f64, U) -> f64,
    special: impl Fn(f64, f64) -> bool,
    reference: Big2,
    bound: f64,
) {
    let mut r = Reference::new();
    let (xs, ys): (Vec<f64>, Vec<U>) = pairs.iter().copied().unzip();
    for fma in 0..2 {
        let got = eval2(&xs, &ys, f, fma);
        let bad = (0..xs.len()).filter_map(|i| {
            let (x, y) = (xs[i], ys[i]);
            let m = judge64(special(x, y.into()), got[i], std(x, y), || r.eval2(x, y.into(), reference), bound)?;
            Some(format!("{name} f64({x:e}, {y:e}) {m}"))
        });
        assert_none_bad(bad.collect());
    }
}

/// [`check_pairs64`] for `f32`.
fn check_pairs32<U: Copy + Into<f64> + std::fmt::LowerExp + std::fmt::Debug>(
    name: &str,
    pairs: &[(f32, U)],
    f: &Widths2<f32, U>,
    std: impl Fn(f32, U) -> f32,
    special: impl Fn(f64, f64) -> bool,
    reference: Big2,
    bound: f64,
) {
    let mut r = Reference::new();
    let (xs, ys): (Vec<f32>, Vec<U>) = pairs.iter().copied().unzip();
    for fma in 0..2 {
        let got = eval2(&xs, &ys, f, fma);
        let bad = (0..xs.len()).filter_map(|i| {
            let (x, y) = (xs[i], ys[i]);
            let m = judge32(
                special(x as f64, y.into()),
                got[i],
                std(x, y),
                || r.eval2(x as f64, y.into(), reference),
                bound,
            )?;
            Some(format!("{name} f32({x:e}, {y:e}) {m}"))
        });
        assert_none_bad(bad.collect());
    }
}

fn all_pairs<T: Copy>(vals: &[T]) -> Vec<(T, T)> {
    vals.iter().flat_map(|&x| vals.iter().map(move |&y| (x, y))).collect()
}

/// Special for `pow`: a non-finite or zero argument, `|x| = 1`, or a negative `x` with a
/// non-integer `y` (where the result is NaN).
fn pow_special(x: f64, y: f64) -> bool {
    !x.is_finite() || !y.is_finite() || x == 0.0 || y == 0.0 || x.abs() == 1.0 || (x < 0.0 && y.trunc() != y)
}

fn hypot_special(x: f64, y: f64) -> bool {
    !x.is_finite() || !y.is_finite() || x == 0.0 || y == 0.0
}

#[test]
fn powf() {
    check_pairs64("powf", &all_pairs(&pow_specials64()), &widths2!(m64::powf), f64::powf, pow_special, big_pow, 4.0);
    check_pairs32("powf", &all_pairs(&pow_specials32()), &widths2!(m32::powf), f32::powf, pow_special, big_pow, 4.0);
    assert_stats("powf", &measure_powf(10_000), 4.0);
}

#[test]
fn powi() {
    // std's powi multiplies repeatedly (less accurate, and over- or underflowing early); ours
    // is powf(x, n), so its special values are those of std's powf.
    let ns = [0, 1, -1, 2, -2, 3, -3, 1023, -1074, i32::MAX, i32::MIN];
    let pairs: Vec<(f64, i32)> = pow_specials64().iter().flat_map(|&x| ns.iter().map(move |&n| (x, n))).collect();
    let std64 = |x: f64, n: i32| x.powf(n as f64);
    check_pairs64("powi", &pairs, &widths2!(m64::powi), std64, pow_special, big_pow, 4.0);
    let pairs: Vec<(f32, i32)> = pow_specials32().iter().flat_map(|&x| ns.iter().map(move |&n| (x, n))).collect();
    let std32 = |x: f32, n: i32| (x as f64).powf(n as f64) as f32; // n as f32 could lose parity
    check_pairs32("powi", &pairs, &widths2!(m32::powi), std32, pow_special, big_pow, 4.0);
    assert_stats("powi", &measure_powi(10_000), 4.0);
}

#[test]
fn hypot() {
    let v64 = special_f64(&[3.0, 4.0, 1e300, 1e-300, f64::MAX / 2.0]);
    check_pairs64("hypot", &all_pairs(&v64), &widths2!(m64::hypot), f64::hypot, hypot_special, big_hypot, 2.0);
    let v32 = special_f32(&[3.0, 4.0, 1e30, 1e-30, f32::MAX / 2.0]);
    check_pairs32("hypot", &all_pairs(&v32), &widths2!(m32::hypot), f32::hypot, hypot_special, big_hypot, 2.0);
    assert_stats("hypot", &measure_hypot(10_000), 2.0);
}

// ---------------------------------------------------------------------------------------------
// Rounding: exact, so compared with std bit for bit
// ---------------------------------------------------------------------------------------------

fn check_rounding(
    name: &str,
    ours64: Widths1<f64>,
    std64: fn(f64) -> f64,
    ours32: Widths1<f32>,
    std32: fn(f32) -> f32,
) {
    let mut rng = SplitMix64::new(21);
    let mut xs = special_f64(&[0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370495.5, 4503599627370496.0]);
    xs.extend((0..20_000).map(|i| match i % 3 {
        0 => rng.signed_log_uniform(MIN64, f64::MAX),
        1 => rng.uniform(-10.0, 10.0),
        _ => (rng.uniform(-100.0, 100.0) * 2.0).round() * 0.5,
    }));
    let mut xs32 = special_f32(&[0.5, 1.5, 2.5, 0.49999997, 8388607.5, 8388608.0]);
    xs32.extend((0..20_000).map(|i| match i % 3 {
        0 => rng.signed_log_uniform_f32(MIN32, f32::MAX),
        1 => rng.uniform_f32(-10.0, 10.0),
        _ => (rng.uniform_f32(-100.0, 100.0) * 2.0).round() * 0.5,
    }));
    for fma in 0..2 {
        let got = eval1(&xs, &ours64, fma);
        for (&x, &g) in xs.iter().zip(&got) {
            assert!(same_f64(g, std64(x)), "{name}({x:e}) = {g:e}, std {:e}", std64(x));
        }
        let got = eval1(&xs32, &ours32, fma);
        for (&x, &g) in xs32.iter().zip(&got) {
            assert!(same_f32(g, std32(x)), "{name}({x:e}) = {g:e}, std {:e}", std32(x));
        }
    }
}

#[test]
fn rounding() {
    check_rounding("floor", widths1!(m64::floor), f64::floor, widths1!(m32::floor), f32::floor);
    check_rounding("ceil", widths1!(m64::ceil), f64::ceil, widths1!(m32::ceil), f32::ceil);
    check_rounding("round", widths1!(m64::round), f64::round, widths1!(m32::round), f32::round);
    check_rounding("trunc", widths1!(m64::trunc), f64::trunc, widths1!(m32::trunc), f32::trunc);
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

fn fmt_ulp(s: &Stats) -> String {
    format!("{:.3}", s.max_ulp)
}

fn row(name: &str, domain: [&str; 2], stats: &[[Stats; 3]; 2]) -> String {
    let mut s = String::new();
    for (t, ty) in ["f64", "f32"].iter().enumerate() {
        let st = &stats[t];
        let worst = if st[0].max_ulp >= st[1].max_ulp { &st[0] } else { &st[1] };
        let at = if worst.max_ulp > 0.0 { worst.worst_input() } else { "(all correctly rounded)".to_string() };
        s += &format!(
            "| {name} | {ty} | {} | {} | {} | {at} | {} |\n",
            domain[t],
            fmt_ulp(&st[0]),
            fmt_ulp(&st[1]),
            fmt_ulp(&st[2])
        );
    }
    s
}

#[test]
#[ignore = "10^6 inputs per function and type: minutes in release mode"]
fn table() {
    let n: usize = std::env::var("ULP_TABLE_N").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let cases = [
        case_exp(),
        case_exp2(),
        case_exp_m1(),
        case_ln(),
        case_log2(),
        case_log10(),
        case_ln_1p(),
        case_sinh(),
        case_cosh(),
        case_tanh(),
        case_sqrt(),
        case_cbrt(),
    ];
    let mut rows: Vec<(usize, String)> = Vec::new();
    let start = std::time::Instant::now();
    std::thread::scope(|s| {
        let (c0, c1) = cases.split_at(6);
        let h0 = s.spawn(|| {
            let mut rows: Vec<(usize, String)> = c0
                .iter()
                .enumerate()
                .map(|(i, c)| (i, row(c.name, c.domain, &measure1(c, n, 100 + i as u64))))
                .collect();
            rows.push((12, row("powf", POWF_DOMAIN, &measure_powf(n))));
            rows
        });
        let h1 = s.spawn(|| {
            let mut rows: Vec<(usize, String)> = c1
                .iter()
                .enumerate()
                .map(|(i, c)| (6 + i, row(c.name, c.domain, &measure1(c, n, 106 + i as u64))))
                .collect();
            rows.push((13, row("powi", POWI_DOMAIN, &measure_powi(n))));
            rows.push((14, row("hypot", HYPOT_DOMAIN, &measure_hypot(n))));
            rows
        });
        rows.extend(h0.join().expect("thread 0"));
        rows.extend(h1.join().expect("thread 1"));
    });
    rows.sort();
    println!("{n} random inputs per function and type, {:?}\n", start.elapsed());
    println!("| function | type | domain sampled | max ulp (FMA) | max ulp (no FMA) | worst input | std max ulp |");
    println!("|---|---|---|---|---|---|---|");
    for (_, r) in rows {
        print!("{r}");
    }
}
