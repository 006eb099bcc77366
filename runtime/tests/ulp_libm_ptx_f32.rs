//! Accuracy of the GPU math library's `f32` functions (`macros/src/back/ptx/libm_f32.rs`,
//! compiled here as plain Rust), and their special values against `std`.
//!
//! The reference is std's `f64` function at the input widened to `f64`: within 1 `f64` ulp of
//! the exact result, that is 2^-29 `f32` ulps, far below what is measured here. An error is
//! `|ours - reference|` in `f32` ulps of the reference (2^(e - 23) for a reference in
//! `[2^e, 2^(e+1))`, 2^-149 below `f32::MIN_POSITIVE`).
//!
//! Every function is checked on special inputs (±0, subnormals, ±1, `MAX`, ±inf, NaN, its
//! thresholds), each swept ±64 ulps, and on `N` random inputs: a third random bit patterns over
//! all finite `f32`, a third uniform over the function's main range, a third from its own
//! sampler. Where the input or std's result is NaN, infinite or zero, ours must be std's (any
//! NaN matches any NaN); elsewhere the error must be within the budget. `KERNELIZE_EXHAUSTIVE=1`
//! checks every `f32` instead (about ten minutes per function on 2 cores, release build), and
//! `KERNELIZE_EXHAUSTIVE=K` every K-th bit pattern. `hypot` and `atan2` are checked on pairs
//! of special values and random pairs (`atan2`: every pair of its specials swept ±4 ulps, and
//! 10^8 random pairs with `KERNELIZE_EXHAUSTIVE`, including subnormal quotients).

#[path = "../../macros/src/back/ptx/libm_f32.rs"]
#[allow(dead_code)] // powf_f32 and powi_f32 have their own test, ulp_libm_ptx_f32_powf.rs
mod libm_f32;

/// Random inputs per function: 1,000,000 (100,000 in a debug build), or `LIBM_N` if set.
fn n_random() -> usize {
    std::env::var("LIBM_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    })
}

/// Every function's budget, in ulps: CUDA documents 1 to 2 ulp for its own `expf`, `logf`,
/// `sinf`, `cosf` and `tanhf`, and 4 for `tanf` (`powf` 4): ours stay within 2.
const BUDGET: f64 = 2.0;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uniform(&mut self, lo: f32, hi: f32) -> f32 {
        (lo as f64 + (hi as f64 - lo as f64) * self.unit()) as f32
    }
    fn finite(&mut self) -> f32 {
        loop {
            let x = f32::from_bits(self.next() as u32);
            if x.is_finite() {
                return x;
            }
        }
    }
    /// Magnitude log-uniform in `[lo, hi]` (as `f64`).
    fn log(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp()
    }
    fn sign(&mut self, v: f64) -> f64 {
        if self.next() & 1 == 0 { v } else { -v }
    }
    /// Sign random, magnitude log-uniform in `[lo, hi]`.
    fn signed_log(&mut self, lo: f64, hi: f64) -> f32 {
        let m = self.log(lo, hi);
        self.sign(m) as f32
    }
}

fn ulp_of(reference: f64) -> f64 {
    let a = reference.abs();
    if a < f32::MIN_POSITIVE as f64 {
        return 2f64.powi(-149);
    }
    let e = ((a.to_bits() >> 52) as i32) - 1023;
    2f64.powi(e - 23)
}

struct Case {
    name: &'static str,
    ours: fn(f32) -> f32,
    std: fn(f32) -> f32,
    reference: fn(f64) -> f64,
    range: (f32, f32),
    sampler: fn(&mut Rng) -> f32,
    edges: &'static [f32],
}

#[derive(Default)]
struct Worst {
    err: f64,
    at: (f32, f32),
    count: u64,
    bad: Vec<String>,
}

impl Worst {
    fn merge(&mut self, o: Worst) {
        if o.err > self.err {
            self.err = o.err;
            self.at = o.at;
        }
        self.count += o.count;
        self.bad.extend(o.bad);
        self.bad.truncate(20);
    }
}

/// Checks one input; records its error.
fn judge(c: &Case, x: f32, w: &mut Worst) {
    let got = (c.ours)(x);
    let want = (c.std)(x);
    w.count += 1;
    let same = got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan());
    if !x.is_finite() || x == 0.0 || !want.is_finite() || want == 0.0 {
        if !same && w.bad.len() < 20 {
            w.bad.push(format!("{}({x:e}) = {got:e}, std {want:e}", c.name));
        }
        return;
    }
    let reference = (c.reference)(x as f64);
    let err = if got.is_finite() { (got as f64 - reference).abs() / ulp_of(reference) } else { f64::INFINITY };
    if err > w.err {
        w.err = err;
        w.at = (x, 0.0);
    }
    if err > BUDGET && w.bad.len() < 20 {
        w.bad.push(format!("{}({x:e} = {:#x}) = {got:e}, reference {reference:e}: {err:.3} ulp", c.name, x.to_bits()));
    }
}

fn sweep(values: &[f32], ulps: i32) -> Vec<f32> {
    let mut out = vec![f32::NAN, -f32::NAN, f32::from_bits(0x7f80_0001), f32::from_bits(0xffff_ffff)];
    for &v in values {
        for s in [v, -v] {
            if !s.is_finite() {
                out.push(s);
                continue;
            }
            for d in -ulps..=ulps {
                let b = s.to_bits() as i64 + d as i64;
                if (0..=u32::MAX as i64).contains(&b) {
                    out.push(f32::from_bits(b as u32));
                }
            }
        }
    }
    out
}

const BASE: &[f32] = &[
    0.0,
    f32::from_bits(1),
    f32::from_bits(0x007f_ffff),
    f32::MIN_POSITIVE,
    1e-30,
    1e-7,
    0.5,
    1.0,
    2.0,
    10.0,
    100.0,
    1e10,
    f32::MAX,
    f32::INFINITY,
];

fn specials(c: &Case) -> Vec<f32> {
    let v: Vec<f32> = BASE.iter().chain(c.edges).copied().collect();
    sweep(&v, 64)
}

fn exhaustive() -> bool {
    std::env::var_os("KERNELIZE_EXHAUSTIVE").is_some()
}

fn threads() -> u64 {
    std::thread::available_parallelism().map_or(2, |n| n.get()) as u64
}

fn run(c: Case, seed: u64) {
    let mut w = Worst::default();
    for x in specials(&c) {
        judge(&c, x, &mut w);
    }
    // KERNELIZE_EXHAUSTIVE=1: every f32; =K: every K-th bit pattern
    let stride: Option<u64> = std::env::var("KERNELIZE_EXHAUSTIVE").ok().map(|v| v.parse().unwrap_or(1).max(1));
    if let Some(stride) = stride {
        let threads = threads();
        let chunk = (1u64 << 32).div_ceil(threads);
        let parts: Vec<Worst> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let c = &c;
                    s.spawn(move || {
                        let mut w = Worst::default();
                        for b in (t * chunk..((t + 1) * chunk).min(1 << 32)).step_by(stride as usize) {
                            judge(c, f32::from_bits(b as u32), &mut w);
                        }
                        w
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for p in parts {
            w.merge(p);
        }
    } else {
        let mut rng = Rng(seed);
        for i in 0..n_random() {
            let x = match i % 3 {
                0 => rng.finite(),
                1 => rng.uniform(c.range.0, c.range.1),
                _ => (c.sampler)(&mut rng),
            };
            judge(&c, x, &mut w);
        }
    }
    eprintln!(
        "| `{}` | {:.3} | {:e} | {} | {} |",
        c.name,
        w.err,
        w.at.0,
        w.count,
        match stride {
            Some(1) => "all f32".to_owned(),
            Some(k) => format!("every {k}th f32"),
            None => "specials + random".to_owned(),
        }
    );
    assert!(w.bad.is_empty(), "{} outside the {BUDGET} ulp budget or unlike std:\n{}", c.name, w.bad.join("\n"));
}

fn sample_exp(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => r.uniform(-104.0, 89.0),
        1 => r.uniform(85.0, 88.8),
        _ => r.uniform(-104.0, -86.0),
    }
}

fn sample_exp2(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => r.uniform(-151.0, 129.0),
        1 => r.uniform(-151.0, -125.0),
        _ => r.signed_log(1e-10, 1.0),
    }
}

fn sample_log(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => f32::from_bits(r.next() as u32 & 0x7f7f_ffff),
        1 => r.uniform(0.5, 2.0),
        _ => 1.0 + r.signed_log(1e-7, 0.3),
    }
}

fn sample_trig(r: &mut Rng) -> f32 {
    match r.next() % 4 {
        0 => r.signed_log(1e-10, 105615.0),
        1 => r.signed_log(105615.0, 3e38),
        2 => {
            // near a multiple of pi/2
            let k = (r.next() % 70_000) as f64;
            let x = (k * std::f64::consts::FRAC_PI_2) as f32;
            f32::from_bits((x.to_bits() as i64 + (r.next() % 9) as i64 - 4).max(0) as u32)
        }
        _ => r.uniform(-10.0, 10.0),
    }
}

fn sample_tanh(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => r.uniform(-1.0, 1.0),
        1 => r.signed_log(1e-8, 12.0),
        _ => r.uniform(0.6, 0.65),
    }
}

const EXP_EDGES: &[f32] = &[88.72283, 88.72284, 87.33654, 103.97208, 103.97209, 104.0, 89.0, 86.0, 0.3465736];
const EXP2_EDGES: &[f32] = &[128.0, 127.0, 126.0, 149.0, 150.0, 151.0, 125.0, 0.5];
const LOG_EDGES: &[f32] = &[0.6666667, 1.3333334, 3.0, 1e-40, 1e38];
const TRIG_EDGES: &[f32] = &[
    std::f32::consts::FRAC_PI_4,
    std::f32::consts::FRAC_PI_2,
    std::f32::consts::PI,
    4.712389,
    std::f32::consts::TAU,
    105615.0,
    105616.0,
    1e6,
    1e20,
    16777216.0,
    1.0e38,
    // among the f32 nearest a multiple of pi/2
    2.3620656e38,
    1.2112633e12,
    8.9336996e5,
];
const TANH_EDGES: &[f32] = &[0.625, 0.55, 9.01, 9.011, 10.0, 20.0, 1e-4];

#[test]
fn exp_f32() {
    let c = Case {
        name: "exp_f32",
        ours: libm_f32::exp_f32,
        std: f32::exp,
        reference: f64::exp,
        range: (-20.0, 20.0),
        sampler: sample_exp,
        edges: EXP_EDGES,
    };
    run(c, 1);
}

#[test]
fn exp2_f32() {
    let c = Case {
        name: "exp2_f32",
        ours: libm_f32::exp2_f32,
        std: f32::exp2,
        reference: f64::exp2,
        range: (-20.0, 20.0),
        sampler: sample_exp2,
        edges: EXP2_EDGES,
    };
    run(c, 2);
}

#[test]
fn ln_f32() {
    let c = Case {
        name: "ln_f32",
        ours: libm_f32::ln_f32,
        std: f32::ln,
        reference: f64::ln,
        range: (0.0, 10.0),
        sampler: sample_log,
        edges: LOG_EDGES,
    };
    run(c, 3);
}

#[test]
fn log2_f32() {
    let c = Case {
        name: "log2_f32",
        ours: libm_f32::log2_f32,
        std: f32::log2,
        reference: f64::log2,
        range: (0.0, 10.0),
        sampler: sample_log,
        edges: LOG_EDGES,
    };
    run(c, 4);
}

#[test]
fn log10_f32() {
    let c = Case {
        name: "log10_f32",
        ours: libm_f32::log10_f32,
        std: f32::log10,
        reference: f64::log10,
        range: (0.0, 10.0),
        sampler: sample_log,
        edges: LOG_EDGES,
    };
    run(c, 5);
}

#[test]
fn sin_f32() {
    let c = Case {
        name: "sin_f32",
        ours: libm_f32::sin_f32,
        std: f32::sin,
        reference: f64::sin,
        range: (-10.0, 10.0),
        sampler: sample_trig,
        edges: TRIG_EDGES,
    };
    run(c, 6);
}

#[test]
fn cos_f32() {
    let c = Case {
        name: "cos_f32",
        ours: libm_f32::cos_f32,
        std: f32::cos,
        reference: f64::cos,
        range: (-10.0, 10.0),
        sampler: sample_trig,
        edges: TRIG_EDGES,
    };
    run(c, 7);
}

#[test]
fn tan_f32() {
    let c = Case {
        name: "tan_f32",
        ours: libm_f32::tan_f32,
        std: f32::tan,
        reference: f64::tan,
        range: (-10.0, 10.0),
        sampler: sample_trig,
        edges: TRIG_EDGES,
    };
    run(c, 8);
}

#[test]
fn tanh_f32() {
    let c = Case {
        name: "tanh_f32",
        ours: libm_f32::tanh_f32,
        std: f32::tanh,
        reference: f64::tanh,
        range: (-5.0, 5.0),
        sampler: sample_tanh,
        edges: TANH_EDGES,
    };
    run(c, 9);
}

fn sample_exp_m1(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => r.signed_log(1e-9, 1.0),
        1 => r.uniform(-20.0, 89.0),
        _ => r.uniform(-0.4, 0.4),
    }
}

fn sample_ln_1p(r: &mut Rng) -> f32 {
    match r.next() % 4 {
        0 => r.signed_log(1e-9, 0.34),
        1 => r.uniform(-1.0, 1.0),
        2 => -1.0 + (r.unit() as f32) * 1e-3,
        _ => f32::from_bits(r.next() as u32 & 0x7f7f_ffff),
    }
}

fn sample_hyperbolic(r: &mut Rng) -> f32 {
    match r.next() % 3 {
        0 => r.signed_log(1e-6, 1.2),
        1 => r.uniform(-90.0, 90.0),
        _ => r.uniform(88.0, 89.5),
    }
}

fn sample_cbrt(r: &mut Rng) -> f32 {
    match r.next() % 2 {
        0 => r.signed_log(1e-44, 3e38),
        _ => r.uniform(-10.0, 10.0),
    }
}

const EXP_M1_EDGES: &[f32] = &[88.72283, 88.72284, 17.0, 16.635532, 2.9802322e-8, 0.3465736, 1e-3, 89.0, 104.0];
const LN_1P_EDGES: &[f32] = &[0.33333334, 0.999, 2.9802322e-8, 1e-3, 1e30, 1e38];
const HYPERBOLIC_EDGES: &[f32] = &[1.0, 0.00024414062, 89.41598, 89.416, 88.72283, 90.0, 9.0];
const CBRT_EDGES: &[f32] = &[8.0, 27.0, 1e-40, 3.0, 0.125, 1e-45];

#[test]
fn exp_m1_f32() {
    let c = Case {
        name: "exp_m1_f32",
        ours: libm_f32::exp_m1_f32,
        std: f32::exp_m1,
        reference: f64::exp_m1,
        range: (-5.0, 5.0),
        sampler: sample_exp_m1,
        edges: EXP_M1_EDGES,
    };
    run(c, 10);
}

#[test]
fn ln_1p_f32() {
    let c = Case {
        name: "ln_1p_f32",
        ours: libm_f32::ln_1p_f32,
        std: f32::ln_1p,
        reference: f64::ln_1p,
        range: (-1.0, 10.0),
        sampler: sample_ln_1p,
        edges: LN_1P_EDGES,
    };
    run(c, 11);
}

#[test]
fn sinh_f32() {
    let c = Case {
        name: "sinh_f32",
        ours: libm_f32::sinh_f32,
        std: f32::sinh,
        reference: f64::sinh,
        range: (-10.0, 10.0),
        sampler: sample_hyperbolic,
        edges: HYPERBOLIC_EDGES,
    };
    run(c, 12);
}

#[test]
fn cosh_f32() {
    let c = Case {
        name: "cosh_f32",
        ours: libm_f32::cosh_f32,
        std: f32::cosh,
        reference: f64::cosh,
        range: (-10.0, 10.0),
        sampler: sample_hyperbolic,
        edges: HYPERBOLIC_EDGES,
    };
    run(c, 13);
}

#[test]
fn cbrt_f32() {
    let c = Case {
        name: "cbrt_f32",
        ours: libm_f32::cbrt_f32,
        std: f32::cbrt,
        reference: f64::cbrt,
        range: (-100.0, 100.0),
        sampler: sample_cbrt,
        edges: CBRT_EDGES,
    };
    run(c, 14);
}

/// `hypot`: every pair of special values, then random pairs (bit patterns, uniform, and pairs
/// of very different or subnormal magnitudes).
#[test]
fn hypot_f32() {
    let case = Case {
        name: "hypot_f32",
        ours: |_| 0.0,
        std: |_| 0.0,
        reference: |_| 0.0,
        range: (0.0, 0.0),
        sampler: |_| 0.0,
        edges: &[1e-40, 1e-45, 3e38, 1.8e19, 1e-20],
    };
    let specials = specials(&case);
    let mut w = Worst::default();
    let judge2 = |x: f32, y: f32, w: &mut Worst| {
        let got = libm_f32::hypot_f32(x, y);
        // std's f32 hypot gives NaN for a signaling NaN beside an infinity (IEEE 754-2019);
        // ours, like the f64 library and C99, inf: the GPU has no signaling NaNs
        let signaling = |v: f32| v.is_nan() && v.to_bits() & 0x0040_0000 == 0;
        let inf_beside = (x.is_infinite() && signaling(y)) || (y.is_infinite() && signaling(x));
        let want = if inf_beside { f32::INFINITY } else { x.hypot(y) };
        w.count += 1;
        if !x.is_finite() || !y.is_finite() || !want.is_finite() || want == 0.0 {
            let same = got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan());
            if !same && w.bad.len() < 20 {
                w.bad.push(format!("hypot_f32({x:e}, {y:e}) = {got:e}, std {want:e}"));
            }
            return;
        }
        let reference = (x as f64).hypot(y as f64);
        let err = (got as f64 - reference).abs() / ulp_of(reference);
        if err > w.err {
            w.err = err;
            w.at = (x, y);
        }
        if err > BUDGET && w.bad.len() < 20 {
            w.bad.push(format!("hypot_f32({x:e}, {y:e}) = {got:e}, reference {reference:e}: {err:.3} ulp"));
        }
    };
    for (i, &x) in specials.iter().enumerate().step_by(7) {
        for &y in specials.iter().skip(i % 5).step_by(11) {
            judge2(x, y, &mut w);
        }
    }
    let mut rng = Rng(15);
    for i in 0..n_random() {
        let (x, y) = match i % 3 {
            0 => (rng.finite(), rng.finite()),
            1 => (rng.uniform(-10.0, 10.0), rng.uniform(-10.0, 10.0)),
            _ => (rng.signed_log(1e-44, 3e38), rng.signed_log(1e-44, 3e38)),
        };
        judge2(x, y, &mut w);
    }
    eprintln!("| `hypot_f32` | {:.3} | ({:e}, {:e}) | {} | specials + random |", w.err, w.at.0, w.at.1, w.count);
    assert!(w.bad.is_empty(), "hypot_f32 outside the {BUDGET} ulp budget or unlike std:\n{}", w.bad.join("\n"));
}

/// Checks `atan2(y, x)`; records its error.
fn judge2(y: f32, x: f32, w: &mut Worst) {
    let got = libm_f32::atan2_f32(y, x);
    let want = y.atan2(x);
    w.count += 1;
    let same = got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan());
    if !x.is_finite() || !y.is_finite() || x == 0.0 || y == 0.0 || !want.is_finite() || want == 0.0 {
        if !same && w.bad.len() < 20 {
            w.bad.push(format!("atan2_f32({y:e}, {x:e}) = {got:e}, std {want:e}"));
        }
        return;
    }
    let reference = (y as f64).atan2(x as f64);
    let err = if got.is_finite() { (got as f64 - reference).abs() / ulp_of(reference) } else { f64::INFINITY };
    if err > w.err {
        w.err = err;
        w.at = (y, x);
    }
    if err > BUDGET && w.bad.len() < 20 {
        w.bad.push(format!(
            "atan2_f32({y:e} = {:#x}, {x:e} = {:#x}) = {got:e}, reference {reference:e}: {err:.3} ulp",
            y.to_bits(),
            x.to_bits()
        ));
    }
}

fn sample_atan(r: &mut Rng) -> f32 {
    match r.next() % 4 {
        0 => r.signed_log(1e-10, 1e10),
        1 => r.uniform(0.40, 0.43),
        2 => r.uniform(2.40, 2.43),
        _ => r.signed_log(1e6, 3e38),
    }
}

fn sample_asin(r: &mut Rng) -> f32 {
    match r.next() % 4 {
        0 => r.signed_log(1e-10, 1.0),
        1 => r.uniform(0.49, 0.51),
        2 => {
            let d = r.log(1e-8, 0.5);
            r.sign(1.0 - d) as f32
        }
        _ => r.uniform(-1.1, 1.1),
    }
}

const ATAN_EDGES: &[f32] = &[0.41421357, 2.4142137, 1.0737418e9, 6.3e7, 0.00024414062, 0.004, 3.0];
const ASIN_EDGES: &[f32] = &[0.5, 0.99999994, 0.9, 0.25, 0.00024414062, 0.004];

#[test]
fn atan_f32() {
    let c = Case {
        name: "atan_f32",
        ours: libm_f32::atan_f32,
        std: f32::atan,
        reference: f64::atan,
        range: (-10.0, 10.0),
        sampler: sample_atan,
        edges: ATAN_EDGES,
    };
    run(c, 11);
}

#[test]
fn asin_f32() {
    let c = Case {
        name: "asin_f32",
        ours: libm_f32::asin_f32,
        std: f32::asin,
        reference: f64::asin,
        range: (-1.0, 1.0),
        sampler: sample_asin,
        edges: ASIN_EDGES,
    };
    run(c, 12);
}

#[test]
fn acos_f32() {
    let c = Case {
        name: "acos_f32",
        ours: libm_f32::acos_f32,
        std: f32::acos,
        reference: f64::acos,
        range: (-1.0, 1.0),
        sampler: sample_asin,
        edges: ASIN_EDGES,
    };
    run(c, 13);
}

/// One random pair for `atan2` (`y`, `x`), of kind `i % 4`.
fn sample_atan2(r: &mut Rng, i: usize) -> (f32, f32) {
    match i % 4 {
        0 => (f32::from_bits(r.next() as u32), f32::from_bits(r.next() as u32)),
        1 => (r.uniform(-10.0, 10.0), r.uniform(-10.0, 10.0)),
        2 => {
            let x = r.signed_log(1e-19, 1e19);
            let q = match r.next() % 4 {
                0 => r.uniform(0.40, 0.43) as f64,
                1 => r.uniform(2.40, 2.43) as f64,
                _ => r.log(1e-30, 1e30),
            };
            let y = r.sign(x as f64 * q);
            (y as f32, x)
        }
        _ => {
            // |y/x| in [1e-46, 1e-36]: subnormal and underflowing quotients
            let x = r.signed_log(1.0, 3e38);
            let q = r.log(1e-46, 1e-36);
            let y = r.sign(x as f64 * q);
            (y as f32, x)
        }
    }
}

#[test]
fn atan2_f32() {
    let mut w = Worst::default();
    let edges: Vec<f32> = BASE.iter().chain(ATAN_EDGES).copied().collect();
    let sp = sweep(&edges, 4);
    for &y in &sp {
        for &x in &sp {
            judge2(y, x, &mut w);
        }
    }
    let n = if exhaustive() { 100_000_000 } else { n_random() as u64 };
    let threads = threads();
    let parts: Vec<Worst> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut w = Worst::default();
                    let mut rng = Rng(14 + t * 0x1000);
                    for i in (t..n).step_by(threads as usize) {
                        let (y, x) = sample_atan2(&mut rng, i as usize);
                        judge2(y, x, &mut w);
                    }
                    w
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for p in parts {
        w.merge(p);
    }
    eprintln!(
        "| `atan2_f32` | {:.3} | ({:e}, {:e}) | {} | specials x specials + random |",
        w.err, w.at.0, w.at.1, w.count
    );
    assert!(w.bad.is_empty(), "atan2_f32 outside the {BUDGET} ulp budget or unlike std:\n{}", w.bad.join("\n"));
}
