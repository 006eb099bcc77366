//! Accuracy of the GPU library's f32 `powf` and `powi` (`macros/src/back/ptx/libm_f32.rs`,
//! compiled here as plain Rust) against std's f64 `powf` (within 1 f64 ulp: 2^-29 f32 ulps,
//! exact enough), and their special values against std's f32 `powf` and `powi`.
//!
//! The rule at each input (`judge`): where x or y is 0, inf or NaN, or the reference is NaN,
//! infinite or 0, ours must be std's f32 result bit for bit (any NaN matches any NaN); where the
//! reference is an f32, ours must be exactly it; elsewhere the sign must match and the error, in
//! f32 ulps of the reference, must be within `BOUND` (an infinite result counts as ±2^128).
//!
//! Inputs: all pairs of a list of special and edge values, then `N` random pairs (100,000 in a
//! debug build, 1,000,000 in a release build, or `LIBM_N`) from six families.
//! `cargo test --release -p kernelize-runtime --test ulp_libm_ptx_f32_powf -- --nocapture` prints the max.

#[path = "../../macros/src/back/ptx/libm_f32.rs"]
#[allow(dead_code)]
mod libm_f32;

use libm_f32::{powf_f32, powi_f32};

/// The error bound asserted, in f32 ulps (the measured max is 0.790, over 10^8 random pairs: the
/// final rounding, 0.5, plus at most about 0.3 before it).
const BOUND: f64 = 1.0;

fn n_random() -> usize {
    std::env::var("LIBM_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    })
}

/// splitmix64 (Vigna): tiny, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1), 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn sign(&mut self) -> f64 {
        if self.next() >> 63 == 0 { 1.0 } else { -1.0 }
    }
}

/// The size of an f32 ulp at `v` (2^-149 below `MIN_POSITIVE`; that of `MAX` from 2^127 up).
fn ulp_f32(v: f64) -> f64 {
    let e = ((v.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    2f64.powi(e.clamp(-126, 127) - 23)
}

fn same(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// The error of `powf_f32(x, y)` in f32 ulps (0 on a special input that is right), or what is
/// wrong with it.
fn judge(x: f32, y: f32) -> Result<f64, String> {
    let got = powf_f32(x, y);
    // glibc's powf gives NaN for 1^sNaN and sNaN^0 (IEEE 754's rule for signaling NaNs); C99's
    // Annex F, and ours (GPUs do not signal), give 1 for every NaN
    let std = if x == 1.0 || y == 0.0 { 1.0 } else { x.powf(y) };
    let reference = (x as f64).powf(y as f64);
    let special = |v: f64| !v.is_finite() || v == 0.0;
    if special(x as f64) || special(y as f64) || special(reference) {
        return if same(got, std) { Ok(0.0) } else { Err(format!("= {got:e}, std gives {std:e}")) };
    }
    if reference as f32 as f64 == reference {
        return if got.to_bits() == (reference as f32).to_bits() {
            Ok(0.0)
        } else {
            Err(format!("= {got:e}, exactly {reference:e}"))
        };
    }
    if got.is_sign_negative() != reference.is_sign_negative() {
        return Err(format!("= {got:e}: wrong sign, exactly {reference:e}"));
    }
    let big = 2f64.powi(128);
    let got = if got.is_infinite() { big.copysign(got as f64) } else { got as f64 };
    let reference = reference.clamp(-big, big);
    let u = (got - reference).abs() / ulp_f32(reference);
    if u <= BOUND { Ok(u) } else { Err(format!("= {got:e}: {u} ulp, exactly {reference:e}")) }
}

const NANS: [u32; 5] = [0x7fc0_0000, 0xffc0_0000, 0x7f80_0001, 0x7fff_ffff, 0xffff_ffff];

/// Special and edge values of x, both signs, plus NaNs.
fn x_specials() -> Vec<f32> {
    let base = [
        0.0,
        f32::from_bits(1),
        f32::from_bits(0x0003_1234),
        f32::MIN_POSITIVE.next_down(),
        f32::MIN_POSITIVE,
        1e-30,
        0.1,
        0.5,
        0.75,
        1.0f32.next_down(),
        1.0,
        1.0f32.next_up(),
        1.5,
        2.0,
        3.0,
        10.0,
        1e10,
        f32::MAX,
        f32::INFINITY,
    ];
    let mut v: Vec<f32> = base.iter().flat_map(|&x| [x, -x]).collect();
    v.extend(NANS.iter().map(|&b| f32::from_bits(b)));
    v
}

/// Special and edge values of y: odd and even integers up to and past 2^24, the overflow and
/// underflow exponents of 2, fractions, both signs, plus NaNs.
fn y_specials() -> Vec<f32> {
    let base = [
        0.0,
        f32::from_bits(1),
        f32::MIN_POSITIVE,
        1e-10,
        0.25,
        1.0 / 3.0,
        0.5,
        1.0,
        1.5,
        2.0,
        3.0,
        4.0,
        5.0,
        126.0,
        127.0,
        128.0,
        149.0,
        150.0,
        1e3,
        8388607.0,
        8388608.0,
        8388609.0,
        16777215.0,
        16777216.0,
        16777218.0,
        1e10,
        f32::MAX,
        f32::INFINITY,
    ];
    let mut v: Vec<f32> = base.iter().flat_map(|&y| [y, -y]).collect();
    v.extend(NANS.iter().map(|&b| f32::from_bits(b)));
    v
}

/// Near the thresholds: 2^y, 1.5^y and (-2)^y for y swept across the overflow and underflow
/// edges; exact results; x swept ±64 ulps around 2, 1/2, 1 and 3 with such y.
fn threshold_pairs() -> Vec<(f32, f32)> {
    let mut v = Vec::new();
    let step = |t: f32, n: i32| f32::from_bits((t.to_bits() as i32 + n) as u32);
    for t in [128.0f32, 127.0, -126.0, -149.0, -150.0, -151.0, 218.8, -367.6] {
        for n in -64..=64 {
            let y = step(t, n * 1000);
            v.push((2.0, y));
            v.push((1.5, y));
            v.push((-2.0, y));
        }
    }
    // exact results (checked to be exact by `judge`)
    for (x, y) in [(9.0, 0.5), (4.0, 1.5), (0.25, -1.5), (16.0, 0.25), (10.0, 10.0), (3.0, 15.0), (-3.0, 15.0)] {
        v.push((x, y));
    }
    for x in [2.0f32, 0.5, 1.0, 3.0] {
        for n in -64..=64 {
            let x = step(x, n);
            for y in [127.0f32, 128.0, -149.0, -150.0, 1e6, -1e6, 3.0, 0.5] {
                v.push((x, y));
                v.push((-x, y));
            }
        }
    }
    v
}

/// One random pair from the family `fam` (0..6).
fn random_pair(rng: &mut Rng, fam: u64) -> (f32, f32) {
    match fam {
        // uniformly random bit patterns for both
        0 => (f32::from_bits(rng.next() as u32), f32::from_bits((rng.next() >> 32) as u32)),
        // x log-uniform over (2^-30, 100), y uniform in [-30, 30]
        1 => (rng.uniform(-30.0, 100f64.log2()).exp2() as f32, rng.uniform(-30.0, 30.0) as f32),
        // x in [0.5, 2], |y log2 x| in [100, 160]: results near overflow and underflow
        2 => {
            let x = rng.uniform(0.5, 2.0) as f32;
            let y = rng.sign() * rng.uniform(100.0, 160.0) / (x as f64).log2();
            (x, y as f32)
        }
        // negative x, integer y
        3 => {
            let x = -rng.uniform(-8.0, 8.0).exp2() as f32;
            let y = (rng.uniform(-40.0, 40.0)).round() as f32;
            (x, y)
        }
        // x any positive finite f32 (subnormals included), y such that log2 of the result is
        // uniform in [-155, 130]: every binade of results, subnormal and near-overflow ones too
        5 => {
            let x = f32::from_bits((rng.next() as u32 % 0x7f7f_ffff) + 1);
            let y = rng.uniform(-155.0, 130.0) / (x as f64).log2();
            (x, y as f32)
        }
        // x near 1 (1 ± m 2^-j), huge y with |y log2 x| <= 160; half with x < 0 and y rounded to
        // an integer (all even past 2^24)
        _ => {
            let j = rng.uniform(1.0, 24.0).floor() as i32;
            let x = (1.0 + rng.sign() * rng.uniform(1.0, 2.0) * 2f64.powi(-j)) as f32;
            let y = rng.uniform(-160.0, 160.0) / (x as f64).log2();
            if rng.next() >> 63 == 0 { (x, y as f32) } else { (-x, (y as f32).round()) }
        }
    }
}

#[test]
fn powf_f32_accuracy() {
    let mut failures = Vec::new();
    let check = |x: f32, y: f32, failures: &mut Vec<String>| match judge(x, y) {
        Ok(u) => u,
        Err(e) => {
            if failures.len() < 20 {
                failures.push(format!("powf_f32({x:e}, {y:e}) {e}"));
            }
            0.0
        }
    };
    let ys = y_specials();
    for &x in &x_specials() {
        for &y in &ys {
            check(x, y, &mut failures);
        }
    }
    for (x, y) in threshold_pairs() {
        check(x, y, &mut failures);
    }
    assert!(failures.is_empty(), "special inputs:\n{}", failures.join("\n"));

    let n = n_random();
    let mut rng = Rng(0x5eed_f00d);
    let (mut max, mut worst) = (0.0f64, (0.0f32, 0.0f32));
    for i in 0..n {
        let (x, y) = random_pair(&mut rng, i as u64 % 6);
        let u = check(x, y, &mut failures);
        if u > max {
            (max, worst) = (u, (x, y));
        }
    }
    assert!(failures.is_empty(), "random inputs:\n{}", failures.join("\n"));
    eprintln!("powf_f32: max {max:.3} ulp at ({:e}, {:e}) over {n} random inputs; specials ok", worst.0, worst.1);
}

/// `powi_f32(x, n)` against `(x as f64).powf(n as f64)`, exact in `n` (std's own f32 `powi`
/// multiplies repeatedly, and is compared only on special values).
fn judge_powi(x: f32, n: i32) -> Result<f64, String> {
    let got = powi_f32(x, n);
    let reference = (x as f64).powf(n as f64);
    let special = |v: f64| !v.is_finite() || v == 0.0;
    if n == 0 || x == 1.0 || special(x as f64) || special(reference) {
        let std = x.powi(n);
        return if same(got, std) { Ok(0.0) } else { Err(format!("= {got:e}, std gives {std:e}")) };
    }
    if reference as f32 as f64 == reference {
        return if got.to_bits() == (reference as f32).to_bits() {
            Ok(0.0)
        } else {
            Err(format!("= {got:e}, exactly {reference:e}"))
        };
    }
    let big = 2f64.powi(128);
    let got = if got.is_infinite() { big.copysign(got as f64) } else { got as f64 };
    let u = (got - reference.clamp(-big, big)).abs() / ulp_f32(reference.clamp(-big, big));
    if u <= BOUND { Ok(u) } else { Err(format!("= {got:e}: {u} ulp, exactly {reference:e}")) }
}

#[test]
fn powi_f32_accuracy() {
    let mut failures = Vec::new();
    let check = |x: f32, n: i32, failures: &mut Vec<String>| match judge_powi(x, n) {
        Ok(u) => u,
        Err(e) => {
            if failures.len() < 20 {
                failures.push(format!("powi_f32({x:e}, {n}) {e}"));
            }
            0.0
        }
    };
    let ns = [
        0,
        1,
        -1,
        2,
        -2,
        3,
        -3,
        7,
        127,
        128,
        -126,
        -149,
        -150,
        16_777_217,
        -16_777_217,
        i32::MAX,
        i32::MIN,
        i32::MIN + 1,
    ];
    for &x in &x_specials() {
        for &n in &ns {
            check(x, n, &mut failures);
        }
    }
    assert!(failures.is_empty(), "special inputs:\n{}", failures.join("\n"));
    let count = n_random();
    let mut rng = Rng(0x0070_0e51);
    let (mut max, mut worst) = (0.0f64, (0.0f32, 0));
    for i in 0..count {
        let (x, n) = match i % 4 {
            0 => (f32::from_bits(rng.next() as u32), rng.next() as i32 % 300),
            1 => ((0.5 + 1.5 * rng.unit()) as f32, (rng.next() % 401) as i32 - 200),
            // near 1, where large n matters: 1 +- 2^-k with n up to 2^31
            2 => {
                let k = 1 + rng.next() % 23;
                let x = 1.0 + (rng.unit() - 0.5) * 2f64.powi(-(k as i32));
                (x as f32, rng.next() as i32)
            }
            _ => (-(rng.unit() * 4.0) as f32, (rng.next() % 81) as i32 - 40),
        };
        let u = check(x, n, &mut failures);
        if u > max {
            (max, worst) = (u, (x, n));
        }
    }
    assert!(failures.is_empty(), "random inputs:\n{}", failures.join("\n"));
    eprintln!("powi_f32: max {max:.3} ulp at ({:e}, {}) over {count} random inputs; specials ok", worst.0, worst.1);
}
