//! Accuracy of the trigonometric part of the math library: `sin cos sin_cos tan asin acos atan
//! atan2`, for `f64` and `f32`, with and without FMA.
//!
//! Each function is checked on its special values against `std` (bit for bit), at widths 1, 3
//! and 8 (which must agree lane by lane), and on ~20,000 inputs against the arbitrary-precision
//! reference. The ignored test `table` measures 10^6 inputs per function and type and prints the
//! table of `runtime/src/math/accuracy_trig.md`:
//!
//! ```text
//! cargo test --release -p kernelize-runtime --test ulp_trig -- --ignored --nocapture table
//! ```

mod ulp;

use astro_float::BigFloat;
use kernelize_runtime::math::{f32 as m32, f64 as m64};
use ulp::*;

/// The accepted error, in ulp, of every function here (both types, with and without FMA).
const BOUND: f64 = 2.0;

/// `f64` arguments whose distance to the nearest multiple of π/2 is among the smallest of their
/// binade (found from the continued fraction of `2^(e+1)/π`), including the closest of all
/// `f64`: `6381956970095103·2^797`, `2^-60.9` away.
const HARD_REDUCTION: [f64; 47] = [
    5.319372648326541e+255,
    45.553093477052,
    1.0638745296653083e+256,
    91.106186954104,
    14461176.67027838,
    3.576149729694266e+39,
    2.1277490593306166e+256,
    3.924293714572882e+298,
    182.212373908208,
    6.426511099577231e+173,
    1.3930726336834465e+259,
    9.312926614229972e+204,
    3.8281827772588983e+59,
    28922353.34055676,
    1.1248520745804428e+89,
    7.152299459388533e+39,
    1.02775842605251e+185,
    2.4543579181664426e+76,
    4.255498118661233e+256,
    7.848587429145764e+298,
    1.5986289000543612e+74,
    364.424747816416,
    1.2853022199154463e+174,
    2.1684714451092387e+20,
    1.7347580914897774e+27,
    5.828466862870158e+282,
    2.786145267366893e+259,
    3.104181269033855e+307,
    1.8625853228459943e+205,
    1.8204477481560787e+167,
    728.849495632832,
    1457.698991265664,
    2915.397982531328,
    321307.9594422229,
    std::f64::consts::FRAC_PI_2,
    5830.795965062656,
    642615.9188844458,
    std::f64::consts::PI,
    46066.74387591393,
    11661.591930125313,
    4.71238898038469,
    92133.48775182787,
    23323.183860250625,
    9.42477796076938,
    138200.2316277418,
    18.84955592153876,
    0.5,
];

// ---------------------------------------------------------------------------------------------
// The functions under test

#[derive(Clone, Copy, Debug, PartialEq)]
enum Func {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
}

use Func::*;

const ALL: [Func; 7] = [Sin, Cos, Tan, Asin, Acos, Atan, Atan2];

impl Func {
    fn name(self) -> &'static str {
        match self {
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Asin => "asin",
            Acos => "acos",
            Atan => "atan",
            Atan2 => "atan2",
        }
    }

    /// The domain the random inputs are drawn from, for the table.
    fn domain(self) -> &'static str {
        match self {
            Sin | Cos | Tan => {
                "all finite (log-uniform); \\|x\\| ≤ 1.6e6; near k·π/2 (k ≤ 10^6 and huge k, ±3 ulp); hardest reductions"
            }
            Asin | Acos => "[-1, 1] uniform; tiny; 1 - 2^-53..1/2 near ±1; around ±1/2; 1 < \\|x\\| ≤ 4",
            Atan => "all finite; \\|x\\| in [1e-4, 1e4] log-uniform; [-3, 3]; interval ends ±3 ulp",
            Atan2 => {
                "all quadrants: both finite; polar with r in [1e-300, 1e300]; ratios 1e±20; one subnormal; interval ends"
            }
        }
    }

    fn std_f64(self, y: f64, x: f64) -> f64 {
        match self {
            Sin => x.sin(),
            Cos => x.cos(),
            Tan => x.tan(),
            Asin => x.asin(),
            Acos => x.acos(),
            Atan => x.atan(),
            Atan2 => y.atan2(x),
        }
    }

    fn std_f32(self, y: f32, x: f32) -> f32 {
        match self {
            Sin => x.sin(),
            Cos => x.cos(),
            Tan => x.tan(),
            Asin => x.asin(),
            Acos => x.acos(),
            Atan => x.atan(),
            Atan2 => y.atan2(x),
        }
    }

    /// The exact value (to [`PREC`] bits) at `x` (and `y` for `atan2`), finite arguments only.
    fn reference(self, r: &mut Reference, y: f64, x: f64) -> BigFloat {
        let p = r.precision();
        match self {
            Sin => r.eval(x, |x, p, rm, cc| x.sin(p, rm, cc)),
            Cos => r.eval(x, |x, p, rm, cc| x.cos(p, rm, cc)),
            Tan => r.eval(x, |x, p, rm, cc| x.tan(p, rm, cc)),
            Asin => r.eval(x, |x, p, rm, cc| x.asin(p, rm, cc)),
            Acos => r.eval(x, |x, p, rm, cc| x.acos(p, rm, cc)),
            Atan => r.eval(x, |x, p, rm, cc| x.atan(p, rm, cc)),
            Atan2 => {
                let (by, bx) = (r.big(y.abs()), r.big(x.abs()));
                let theta = if x == 0.0 {
                    r.consts().pi(p + 64, RM).div(&r.big(2.0), p + 64, RM)
                } else {
                    by.div(&bx, p + 64, RM).atan(p + 64, RM, r.consts())
                };
                let angle = if x.is_sign_negative() { r.consts().pi(p + 64, RM).sub(&theta, p, RM) } else { theta };
                if y.is_sign_negative() { angle.neg() } else { angle }
            }
        }
    }
}

/// `f`'s `f64` version at width `W`.
fn ours_f64<const FMA: bool, const W: usize>(f: Func, ys: &[f64], xs: &[f64]) -> Vec<f64> {
    match f {
        Sin => map_lanes(xs, m64::sin::<FMA, W>),
        Cos => map_lanes(xs, m64::cos::<FMA, W>),
        Tan => map_lanes(xs, m64::tan::<FMA, W>),
        Asin => map_lanes(xs, m64::asin::<FMA, W>),
        Acos => map_lanes(xs, m64::acos::<FMA, W>),
        Atan => map_lanes(xs, m64::atan::<FMA, W>),
        Atan2 => map_lanes2(ys, xs, m64::atan2::<FMA, W>),
    }
}

/// `f`'s `f32` version at width `W`.
fn ours_f32<const FMA: bool, const W: usize>(f: Func, ys: &[f32], xs: &[f32]) -> Vec<f32> {
    match f {
        Sin => map_lanes(xs, m32::sin::<FMA, W>),
        Cos => map_lanes(xs, m32::cos::<FMA, W>),
        Tan => map_lanes(xs, m32::tan::<FMA, W>),
        Asin => map_lanes(xs, m32::asin::<FMA, W>),
        Acos => map_lanes(xs, m32::acos::<FMA, W>),
        Atan => map_lanes(xs, m32::atan::<FMA, W>),
        Atan2 => map_lanes2(ys, xs, m32::atan2::<FMA, W>),
    }
}

/// One lane of `f` (`f64`), for the special-value checks.
fn scalar_f64<const FMA: bool>(f: Func, y: f64, x: f64) -> f64 {
    ours_f64::<FMA, 1>(f, &[y], &[x])[0]
}

fn scalar_f32<const FMA: bool>(f: Func, y: f32, x: f32) -> f32 {
    ours_f32::<FMA, 1>(f, &[y], &[x])[0]
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// `x` moved by `n` ulps (`n` may be negative).
fn step(mut x: f64, n: i64) -> f64 {
    for _ in 0..n.unsigned_abs() {
        x = if n > 0 { x.next_up() } else { x.next_down() };
    }
    x
}

fn step_f32(mut x: f32, n: i64) -> f32 {
    for _ in 0..n.unsigned_abs() {
        x = if n > 0 { x.next_up() } else { x.next_down() };
    }
    x
}

/// The `f64` nearest to `k·π/2`, `k` given as an `f64` integer (exact up to `MAX`).
fn near_multiple(r: &mut Reference, k: f64) -> f64 {
    let half_pi = r.consts().pi(1400, RM).div(&BigFloat::from_f64(2.0, 64), 1400, RM);
    round_to_f64(&half_pi.mul(&big_f64(k, 64), 1400, RM))
}

/// A multiplier `k` for [`near_multiple`]: mostly up to 10^6, sometimes huge.
fn random_k(rng: &mut SplitMix64, max: f64) -> f64 {
    if rng.below(8) == 0 { (rng.log_uniform(1e6, max)).round() } else { rng.log_uniform(1.0, 1e6).round() }
}

/// `n` inputs `(y, x)` for `f` (`y` is used by `atan2` only).
fn inputs_f64(f: Func, n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = SplitMix64::new(seed);
    let mut r = Reference::new();
    let (mut ys, mut xs) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let pick = rng.below(20);
        let s = rng.sign();
        let (y, x) = match f {
            Sin | Cos | Tan => {
                let x = match pick {
                    0..=6 => rng.any_finite_f64(),
                    7..=11 => rng.signed_log_uniform(2f64.powi(-30), 1.6e6),
                    12..=13 => rng.uniform(-7.0, 7.0),
                    14..=18 => s * step(near_multiple(&mut r, random_k(&mut rng, 1e300)), rng.below(7) as i64 - 3),
                    _ => s * step(HARD_REDUCTION[i % HARD_REDUCTION.len()], rng.below(5) as i64 - 2),
                };
                (0.0, x)
            }
            Asin | Acos => {
                let x = match pick {
                    0..=7 => rng.uniform(-1.0, 1.0),
                    8..=11 => rng.signed_log_uniform(1e-300, 0.5),
                    12..=16 => s * (1.0 - rng.log_uniform(2f64.powi(-53), 0.5)),
                    17..=18 => s * step(0.5, rng.below(9) as i64 - 4),
                    _ => s * rng.uniform(1.0, 4.0),
                };
                (0.0, x)
            }
            Atan => {
                let ends = [0.4375, 0.6875, 1.1875, 2.4375];
                let x = match pick {
                    0..=7 => rng.any_finite_f64(),
                    8..=13 => rng.signed_log_uniform(1e-4, 1e4),
                    14..=17 => rng.uniform(-3.0, 3.0),
                    _ => s * step(ends[rng.below(4) as usize], rng.below(7) as i64 - 3),
                };
                (0.0, x)
            }
            Atan2 => match pick {
                0..=5 => (rng.any_finite_f64(), rng.any_finite_f64()),
                6..=11 => {
                    let (a, m) =
                        (rng.uniform(-std::f64::consts::PI, std::f64::consts::PI), rng.log_uniform(1e-300, 1e300));
                    (m * a.sin(), m * a.cos())
                }
                12..=15 => (rng.signed_log_uniform(1e-20, 1e20), rng.signed_log_uniform(1e-20, 1e20)),
                16 => {
                    // one of them subnormal or nearly, the ratio still a normal number
                    let (tiny, other) = (s * rng.log_uniform(5e-324, 1e-290), rng.signed_log_uniform(1e-300, 1e-200));
                    if rng.below(2) == 0 { (tiny, other) } else { (other, tiny) }
                }
                _ => {
                    let ends = [0.4375, 0.6875, 1.1875, 1.5, 2.4375, 1.0];
                    let x = rng.signed_log_uniform(1e-10, 1e10);
                    (s * step(x.abs() * ends[rng.below(6) as usize], rng.below(7) as i64 - 3), x)
                }
            },
        };
        ys.push(y);
        xs.push(x);
    }
    (ys, xs)
}

/// `n` inputs `(y, x)` for `f` in `f32`.
fn inputs_f32(f: Func, n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut rng = SplitMix64::new(seed);
    let mut r = Reference::new();
    let (mut ys, mut xs) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let pick = rng.below(20);
        let s = rng.sign() as f32;
        let (y, x) = match f {
            Sin | Cos | Tan => {
                let x = match pick {
                    0..=7 => rng.any_finite_f32(),
                    8..=11 => rng.signed_log_uniform_f32(1e-9, 1.6e6),
                    12..=13 => rng.uniform_f32(-7.0, 7.0),
                    _ => {
                        let x = near_multiple(&mut r, random_k(&mut rng, 1e38)) as f32;
                        s * step_f32(x, rng.below(7) as i64 - 3)
                    }
                };
                (0.0, x)
            }
            Asin | Acos => {
                let x = match pick {
                    0..=7 => rng.uniform_f32(-1.0, 1.0),
                    8..=11 => rng.signed_log_uniform_f32(1e-40, 0.5),
                    12..=16 => s * (1.0 - rng.log_uniform_f32(2f32.powi(-24), 0.5)),
                    17..=18 => s * step_f32(0.5, rng.below(9) as i64 - 4),
                    _ => s * rng.uniform_f32(1.0, 4.0),
                };
                (0.0, x)
            }
            Atan => {
                let ends = [0.4375, 0.6875, 1.1875, 2.4375];
                let x = match pick {
                    0..=7 => rng.any_finite_f32(),
                    8..=13 => rng.signed_log_uniform_f32(1e-4, 1e4),
                    14..=17 => rng.uniform_f32(-3.0, 3.0),
                    _ => s * step_f32(ends[rng.below(4) as usize], rng.below(7) as i64 - 3),
                };
                (0.0, x)
            }
            Atan2 => match pick {
                0..=5 => (rng.any_finite_f32(), rng.any_finite_f32()),
                6..=11 => {
                    let (a, m) =
                        (rng.uniform(-std::f64::consts::PI, std::f64::consts::PI), rng.log_uniform(1e-30, 1e30));
                    ((m * a.sin()) as f32, (m * a.cos()) as f32)
                }
                12..=16 => (rng.signed_log_uniform_f32(1e-10, 1e10), rng.signed_log_uniform_f32(1e-10, 1e10)),
                _ => {
                    let ends = [0.4375f32, 0.6875, 1.1875, 1.5, 2.4375, 1.0];
                    let x = rng.signed_log_uniform_f32(1e-10, 1e10);
                    (s * step_f32(x.abs() * ends[rng.below(6) as usize], rng.below(7) as i64 - 3), x)
                }
            },
        };
        ys.push(y);
        xs.push(x);
    }
    (ys, xs)
}

// ---------------------------------------------------------------------------------------------
// Measuring

/// The worst error with FMA and without, on the given inputs (all finite).
fn measure_f64(f: Func, ys: &[f64], xs: &[f64], widths: bool) -> (Stats, Stats) {
    let mut r = Reference::new();
    let exact: Vec<BigFloat> = ys.iter().zip(xs).map(|(&y, &x)| f.reference(&mut r, y, x)).collect();
    let got = [ours_f64::<true, 8>(f, ys, xs), ours_f64::<false, 8>(f, ys, xs)];
    if widths {
        let other = [
            [ours_f64::<true, 1>(f, ys, xs), ours_f64::<true, 3>(f, ys, xs)],
            [ours_f64::<false, 1>(f, ys, xs), ours_f64::<false, 3>(f, ys, xs)],
        ];
        for (g, o) in got.iter().zip(&other) {
            for w in o {
                for i in 0..xs.len() {
                    assert!(same_f64(g[i], w[i]), "{}: widths disagree at {:e}, {:e}", f.name(), ys[i], xs[i]);
                }
            }
        }
    }
    let mut stats = [Stats::new(), Stats::new()];
    for (s, g) in stats.iter_mut().zip(&got) {
        for i in 0..xs.len() {
            let e = ulp_error_f64(g[i], &exact[i]);
            if f == Atan2 { s.add2(e, ys[i], xs[i]) } else { s.add(e, xs[i]) }
        }
    }
    let [a, b] = stats;
    (a, b)
}

fn measure_f32(f: Func, ys: &[f32], xs: &[f32], widths: bool) -> (Stats, Stats) {
    let mut r = Reference::new();
    let exact: Vec<BigFloat> = ys.iter().zip(xs).map(|(&y, &x)| f.reference(&mut r, y as f64, x as f64)).collect();
    let got = [ours_f32::<true, 16>(f, ys, xs), ours_f32::<false, 16>(f, ys, xs)];
    if widths {
        let other = [
            [ours_f32::<true, 1>(f, ys, xs), ours_f32::<true, 3>(f, ys, xs)],
            [ours_f32::<false, 1>(f, ys, xs), ours_f32::<false, 3>(f, ys, xs)],
        ];
        for (g, o) in got.iter().zip(&other) {
            for w in o {
                for i in 0..xs.len() {
                    assert!(same_f32(g[i], w[i]), "{}: widths disagree at {:e}, {:e}", f.name(), ys[i], xs[i]);
                }
            }
        }
    }
    let mut stats = [Stats::new(), Stats::new()];
    for (s, g) in stats.iter_mut().zip(&got) {
        for i in 0..xs.len() {
            let e = ulp_error_f32(g[i], &exact[i]);
            if f == Atan2 { s.add2(e, ys[i] as f64, xs[i] as f64) } else { s.add(e, xs[i] as f64) }
        }
    }
    let [a, b] = stats;
    (a, b)
}

/// Special values, bit for bit against `std`: signed zeros, subnormals, infinities, NaN, and
/// per-function exact cases.
fn check_special(f: Func) {
    let extra64: &[f64] = match f {
        Asin | Acos => &[1.0, 2.0],
        Atan => &[f64::MAX],
        _ => &[],
    };
    let mut xs = vec![0.0, f64::from_bits(1), f64::MIN_POSITIVE.next_down(), f64::MIN_POSITIVE, 1e-300, f64::INFINITY];
    xs.extend(extra64);
    let mut xs: Vec<f64> = xs.iter().flat_map(|&x| [x, -x]).collect();
    xs.extend([f64::NAN, -f64::NAN]);
    let xs32: Vec<f32> = xs.iter().map(|&x| x as f32).chain([f32::from_bits(1), -f32::from_bits(1)]).collect();
    if f == Atan2 {
        let mut v = vec![0.0, f64::from_bits(1), 1.0, f64::MAX, f64::INFINITY];
        v = v.iter().flat_map(|&x| [x, -x]).collect();
        v.push(f64::NAN);
        let v32: Vec<f32> = v.iter().map(|&x| x as f32).collect();
        check_special2_f64("atan2 (FMA)", &v, &v, |y, x| scalar_f64::<true>(f, y, x), |y, x| y.atan2(x));
        check_special2_f64("atan2", &v, &v, |y, x| scalar_f64::<false>(f, y, x), |y, x| y.atan2(x));
        check_special2_f32("atan2 f32 (FMA)", &v32, &v32, |y, x| scalar_f32::<true>(f, y, x), |y, x| y.atan2(x));
        check_special2_f32("atan2 f32", &v32, &v32, |y, x| scalar_f32::<false>(f, y, x), |y, x| y.atan2(x));
    } else {
        let name = f.name();
        check_special_f64(name, &xs, |x| scalar_f64::<true>(f, 0.0, x), |x| f.std_f64(0.0, x));
        check_special_f64(name, &xs, |x| scalar_f64::<false>(f, 0.0, x), |x| f.std_f64(0.0, x));
        check_special_f32(name, &xs32, |x| scalar_f32::<true>(f, 0.0, x), |x| f.std_f32(0.0, x));
        check_special_f32(name, &xs32, |x| scalar_f32::<false>(f, 0.0, x), |x| f.std_f32(0.0, x));
    }
}

/// The normal test of one function: special values, widths, and 20,000 inputs (12,000 `f64`,
/// 8,000 `f32`).
fn check(f: Func, seed: u64) {
    check_special(f);
    let (ys, xs) = inputs_f64(f, 12_000, seed);
    let (fma, plain) = measure_f64(f, &ys, &xs, true);
    eprintln!(
        "{} f64: {} / {} ulp at {} / {}",
        f.name(),
        fma.max_ulp,
        plain.max_ulp,
        fma.worst_input(),
        plain.worst_input()
    );
    fma.assert_within(&format!("{} f64 FMA", f.name()), BOUND);
    plain.assert_within(&format!("{} f64", f.name()), BOUND);
    let (ys, xs) = inputs_f32(f, 8_000, seed + 1);
    let (fma, plain) = measure_f32(f, &ys, &xs, true);
    eprintln!(
        "{} f32: {} / {} ulp at {} / {}",
        f.name(),
        fma.max_ulp,
        plain.max_ulp,
        fma.worst_input(),
        plain.worst_input()
    );
    fma.assert_within(&format!("{} f32 FMA", f.name()), BOUND);
    plain.assert_within(&format!("{} f32", f.name()), BOUND);
}

#[test]
fn sin() {
    check(Sin, 10);
}

#[test]
fn cos() {
    check(Cos, 20);
}

#[test]
fn tan() {
    check(Tan, 30);
}

#[test]
fn asin() {
    check(Asin, 40);
}

#[test]
fn acos() {
    check(Acos, 50);
}

#[test]
fn atan() {
    check(Atan, 60);
}

#[test]
fn atan2() {
    check(Atan2, 70);
}

/// `sin_cos` is `(sin, cos)`, bit for bit, including the lanes on the slow path.
#[test]
fn sin_cos() {
    let (_, xs) = inputs_f64(Sin, 4_000, 80);
    for fma in [true, false] {
        let (s, c) = if fma {
            (map_lanes(&xs, |x| m64::sin_cos::<true, 8>(x).0), map_lanes(&xs, |x| m64::sin_cos::<true, 8>(x).1))
        } else {
            (map_lanes(&xs, |x| m64::sin_cos::<false, 8>(x).0), map_lanes(&xs, |x| m64::sin_cos::<false, 8>(x).1))
        };
        let want_s = if fma { ours_f64::<true, 8>(Sin, &xs, &xs) } else { ours_f64::<false, 8>(Sin, &xs, &xs) };
        let want_c = if fma { ours_f64::<true, 8>(Cos, &xs, &xs) } else { ours_f64::<false, 8>(Cos, &xs, &xs) };
        for i in 0..xs.len() {
            assert!(same_f64(s[i], want_s[i]) && same_f64(c[i], want_c[i]), "sin_cos({:e})", xs[i]);
        }
    }
    let (_, xs) = inputs_f32(Sin, 4_000, 81);
    let s = map_lanes(&xs, |x| m32::sin_cos::<true, 16>(x).0);
    let c = map_lanes(&xs, |x| m32::sin_cos::<true, 16>(x).1);
    let (want_s, want_c) = (ours_f32::<true, 16>(Sin, &xs, &xs), ours_f32::<true, 16>(Cos, &xs, &xs));
    for i in 0..xs.len() {
        assert!(same_f32(s[i], want_s[i]) && same_f32(c[i], want_c[i]), "sin_cos({:e})", xs[i]);
    }
}

/// The reference itself on known values: `sin(1e22)`, and `cos` at the `f64` closest to a
/// multiple of π/2.
#[test]
fn reference_on_known_values() {
    let mut r = Reference::new();
    assert_eq!(round_to_f64(&Sin.reference(&mut r, 0.0, 1e22)), -0.8522008497671888);
    let hard = 6381956970095103.0 * 2f64.powi(797);
    let c = round_to_f64(&Cos.reference(&mut r, 0.0, hard));
    assert!((c.abs() - 4.687165924254628e-19).abs() < 1e-33, "{c:e}");
}

// ---------------------------------------------------------------------------------------------
// The table

/// Runs `measure` on `n` inputs split over the available cores and merges the results.
fn parallel<T: Send>(
    n: usize,
    seed: u64,
    inputs: impl Fn(usize, u64) -> (Vec<T>, Vec<T>) + Sync,
    measure: impl Fn(&[T], &[T]) -> (Stats, Stats) + Sync,
) -> (Stats, Stats) {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let per = n.div_ceil(threads);
    let parts: Vec<(Stats, Stats)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (inputs, measure) = (&inputs, &measure);
                s.spawn(move || {
                    let (ys, xs) = inputs(per, seed + 1000 * t as u64);
                    measure(&ys, &xs)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a measuring thread")).collect()
    });
    let (mut a, mut b) = (Stats::new(), Stats::new());
    for (x, y) in &parts {
        a.merge(x);
        b.merge(y);
    }
    (a, b)
}

#[test]
#[ignore = "10^6 inputs per function and type: run in release, see the module docs"]
fn table() {
    let n: usize = std::env::var("TRIG_TABLE_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    println!("| function | type | domain sampled | max ulp (FMA) | max ulp (no FMA) | worst input (FMA; no FMA) |");
    println!("|---|---|---|---|---|---|");
    let only = std::env::var("TRIG_TABLE_ONLY").ok();
    for f in ALL.into_iter().filter(|f| only.as_deref().is_none_or(|o| o.split(',').any(|n| n == f.name()))) {
        let t = std::time::Instant::now();
        let (a, b) = parallel(n, 7, |k, s| inputs_f64(f, k, s), |ys, xs| measure_f64(f, ys, xs, false));
        let line = |ty: &str, a: &Stats, b: &Stats| {
            format!(
                "| {} | {ty} | {} | {:.3} | {:.3} | {}; {} |",
                f.name(),
                f.domain(),
                a.max_ulp,
                b.max_ulp,
                a.worst_input(),
                b.worst_input()
            )
        };
        println!("{}", line("f64", &a, &b));
        let (c, d) = parallel(n, 8, |k, s| inputs_f32(f, k, s), |ys, xs| measure_f32(f, ys, xs, false));
        println!("{}", line("f32", &c, &d));
        eprintln!("{}: {} + {} inputs in {:?}", f.name(), a.count, c.count, t.elapsed());
        a.assert_within(f.name(), BOUND);
        b.assert_within(f.name(), BOUND);
        c.assert_within(f.name(), BOUND);
        d.assert_within(f.name(), BOUND);
    }
}
