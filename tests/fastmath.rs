//! Equivalence, tolerances and determinism of the `fastmath` and `parallel_fastmath` variants.
//!
//! Every kernel here has `#[kernel(parallel, fastmath)]`, and `name::serial` (one thread, IEEE
//! arithmetic, std's math functions) is the reference. Each check runs, for every instruction set
//! this CPU has (`kernelize::simd::levels()`, forced with `with_level`), `name::fastmath`,
//! `name::parallel_fastmath` on the default pool and `name::parallel_fastmath` on a pool of 2
//! threads, on random inputs of the sizes in [`FM_SIZES`].
//!
//! # Tolerances, and where each comes from
//!
//! `u = EPSILON / 2` is the unit roundoff: one correctly rounded operation on normal numbers
//! errs by at most `u` relative, so `|fl(x) - x| <= u |x|`.
//!
//! - **Exact (bitwise, NaN matches NaN)**: integer arithmetic and reductions, comparisons,
//!   selects, `match`, loads, stores, gathers, casts, `abs`, `min`, `max`, `clamp`, `floor`,
//!   `ceil`, `round`, `trunc`, `signum`, `recip`, `sqrt` (each rounds once, correctly, or not at
//!   all), float `min`/`max` reductions (up to the sign of a zero on ties), and float code whose
//!   rounding steps fastmath cannot change: sums without a product, each lane in serial's order,
//!   and `2.0 * x + y` (the product by 2 is exact, so the fused and the unfused forms both round
//!   `2x + y` once).
//! - **One contractible `a * b + c`** ([`fma_tol_f64`]): serial rounds twice, fastmath may round
//!   once (FMA); the two differ by at most `u (3 |ab| + 2 |c|) + u^2 |ab|`, derived there. The
//!   same bound for `mul_add` in the baseline clone (no FMA instruction: two roundings); with
//!   AVX2 or AVX-512 `mul_add` is the instruction, exact. Expressions of several steps (the
//!   weighted stencil) propagate it step by step.
//! - **Sums** (`s += x[i]`, dot products): two evaluation orders of the same `n` terms, each within
//!   `gamma_(n) sum|term|` of the exact sum (Higham, eq. 4.4; a contracted dot product rounds
//!   less, not more), so they differ by at most `2 n EPSILON sum|term|`: `common`'s
//!   `assert_sum_close_*`.
//! - **Math functions** ([`assert_ulps_f64`]): kernelize's library is documented within 4 ulp of
//!   the exact result (2 for `exp`, `ln` and their kin, `cbrt`, `hypot`); std (glibc's libm on
//!   this target) is within the maxima glibc's x86-64 `libm-test-ulps` lists, at most 2 ulp for
//!   every function used here except `f64::cbrt` (4) and `powi`, which is square-and-multiply:
//!   `powi(x, 3)` and `powi(x, -2)` round twice, within 3 ulp unless `x * x` overflows or is
//!   subnormal (those inputs are left out, [`std_reliable`]). Two results within `p` and `q` ulp
//!   of the same exact value are within `p + q` ulp of each other: that sum, per function, is
//!   the bound ([`MATH_FNS`]). Ulps are counted in the spacing of the larger result.
//! - **Mandelbrot escape counts**: see [`mandel_matches_serial_but_for_a_few_boundary_points`].
//!
//! Float `max`/`min` reductions over values that tie at `0.0` and `-0.0` may return either zero
//! (as `f64::max` itself may); they are checked to compare equal, not bitwise.
//!
//! Reductions are also checked to be bitwise reproducible: across repeated runs, and for
//! `parallel_fastmath` across pools of 1, 2 and 8 threads, for each instruction set.
//!
//! No timing is checked here; the benches do that.

// The reference computations index on purpose: they are the kernels' loops, minus kernelize.
#![allow(clippy::needless_range_loop, clippy::float_cmp, clippy::manual_range_contains)]

mod common;

use common::{
    Rng, assert_all_eq, assert_all_f32, assert_all_f64, assert_f64, assert_sum_close_f32, assert_sum_close_f64,
    same_f32, same_f64,
};
use kernelize::SimdLevel;
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2, s};
use kernelize::parallel::with_threads;
use kernelize::simd::{level, levels, with_level};
use kernelize::{kernel, prange};

// ---------------------------------------------------------------------------------------------
// The harness: every variant, on every instruction set.

/// Sizes around every lane count the back end uses: `W - 1, W, W + 1, 2W + 3` for `W` = 4, 8,
/// 16, 32 and 64 (f64 and f32, straight-line and divergent bodies), plus empty, one, and large
/// enough for `parallel_fastmath` to split into chunks.
const FM_SIZES: [usize; 28] = [
    0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 19, 31, 32, 33, 35, 63, 64, 65, 67, 129, 131, 135, 1000, 10_007, 100_003,
];

/// `FM_SIZES` without the largest, for kernels whose every element loops (debug builds are slow).
const LOOP_SIZES: [usize; 27] =
    [0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 19, 31, 32, 33, 35, 63, 64, 65, 67, 129, 131, 135, 1000, 10_007];

/// 2-D shapes: the vectorized (inner) dimension around every lane count, and some rows.
const FM_SHAPES: [(usize, usize); 24] = [
    (0, 0),
    (3, 2),
    (0, 5),
    (5, 0),
    (1, 1),
    (3, 3),
    (2, 4),
    (3, 5),
    (2, 7),
    (3, 8),
    (2, 9),
    (3, 11),
    (2, 15),
    (3, 16),
    (2, 17),
    (3, 19),
    (3, 31),
    (2, 32),
    (3, 33),
    (2, 35),
    (2, 67),
    (31, 33),
    (65, 64),
    (317, 316),
];

/// One way of running a variant: the instruction set, and the pool it runs on.
#[derive(Clone, Copy)]
struct Case<F> {
    name: &'static str,
    variant: &'static str,
    level: SimdLevel,
    /// `None`: the calling thread (and the default pool); `Some(t)`: a pool of `t` threads.
    threads: Option<usize>,
    f: F,
}

impl<F: Copy + Send> Case<F> {
    fn label(&self, detail: &str) -> String {
        let pool = self.threads.map_or(String::new(), |t| format!(" with_threads({t})"));
        format!("{}::{} [{}{pool}] {detail}", self.name, self.variant, self.level)
    }

    /// `body(f)` under this case's instruction set and pool.
    fn run<R: Send>(&self, body: impl FnOnce(F) -> R + Send) -> R {
        let (lvl, f) = (self.level, self.f);
        let call = move || {
            assert_eq!(level(), lvl, "with_level did not reach the variant's calling thread");
            body(f)
        };
        match self.threads {
            None => with_level(lvl, call),
            // `with_level` holds for the thread it is called on, and `with_threads` runs its
            // closure on the new pool: so the level is set inside, where the variant is called.
            Some(t) => with_threads(t, move || with_level(lvl, call)),
        }
    }
}

/// For every level: `fastmath`, `parallel_fastmath`, and `parallel_fastmath` on 2 threads.
fn cases<F: Copy>(name: &'static str, fastmath: F, parallel_fastmath: F) -> Vec<Case<F>> {
    let mut v = Vec::new();
    for level in levels() {
        v.push(Case { name, variant: "fastmath", level, threads: None, f: fastmath });
        v.push(Case { name, variant: "parallel_fastmath", level, threads: None, f: parallel_fastmath });
        v.push(Case { name, variant: "parallel_fastmath", level, threads: Some(2), f: parallel_fastmath });
    }
    v
}

/// The cases of kernel `$k`, its variants as the fn pointer type `$t`.
macro_rules! fm_cases {
    ($k:ident : $t:ty) => {
        cases(stringify!($k), $k::fastmath as $t, $k::parallel_fastmath as $t)
    };
}

// ---------------------------------------------------------------------------------------------
// Tolerances.

/// The most `fl(fl(a * b) + c)` (serial) and `fl(a * b + c)` (one FMA) can differ.
///
/// With `p = fl(ab) = ab + d1`, `|d1| <= u |ab|`:
/// `|fl(p + c) - (p + c)| <= u |p + c| <= u ((1 + u) |ab| + |c|)`, and
/// `|fl(ab + c) - (ab + c)| <= u |ab + c| <= u (|ab| + |c|)`; so the two results differ by at most
/// `|d1|` plus both roundings: `u (3 |ab| + 2 |c|) + u^2 |ab|` = `EPSILON (1.5 |ab| + |c|) + ...`.
/// The factor `1 + 4 EPSILON` covers `u^2 |ab|` and the rounding of this bound's own arithmetic;
/// `2 * MIN_SUB` covers the absolute error (half the subnormal spacing) of the three roundings
/// should anything underflow. (Not simply `EPSILON (|ab| + |c|)`: when `ab + c` is just above a
/// rounding boundary and `fl(ab) + c` just below it, the results are one ulp of the result apart
/// on top of the product's own error.)
fn fma_tol_f64(a: f64, b: f64, c: f64) -> f64 {
    const MIN_SUB: f64 = f64::from_bits(1);
    (1.5 * (a * b).abs() + c.abs()) * f64::EPSILON * (1.0 + 4.0 * f64::EPSILON) + 2.0 * MIN_SUB
}

/// [`fma_tol_f64`] for `f32` arithmetic, evaluated in `f64` (where `a * b` of two `f32` is exact).
fn fma_tol_f32(a: f32, b: f32, c: f32) -> f64 {
    const MIN_SUB: f64 = 1.401298464324817e-45; // f32::from_bits(1)
    let (a, b, c) = (f64::from(a), f64::from(b), f64::from(c));
    (1.5 * (a * b).abs() + c.abs()) * f64::from(f32::EPSILON) * (1.0 + 4.0 * f64::from(f32::EPSILON)) + 2.0 * MIN_SUB
}

/// `|got - want| <= bound`, or both the same non-finite value.
#[track_caller]
fn assert_within_f64(what: &str, got: f64, want: f64, bound: f64) {
    if !got.is_finite() || !want.is_finite() {
        assert_f64(what, got, want);
        return;
    }
    let diff = (got - want).abs();
    assert!(diff <= bound, "{what}: got {got:e}, want {want:e}: differ by {diff:e}, more than {bound:e}");
}

#[track_caller]
fn assert_within_f32(what: &str, got: f32, want: f32, bound: f64) {
    if !got.is_finite() || !want.is_finite() {
        assert!(same_f32(got, want), "{what}: got {got:e}, want {want:e}");
        return;
    }
    let diff = (f64::from(got) - f64::from(want)).abs();
    assert!(diff <= bound, "{what}: got {got:e}, want {want:e}: differ by {diff:e}, more than {bound:e}");
}

/// The spacing of `f64` values at `|x|`'s binade: `2^(e - 52)` for `2^e <= |x| < 2^(e + 1)`,
/// the subnormal spacing below `MIN_POSITIVE`.
fn ulp_f64(x: f64) -> f64 {
    let e = (x.abs().to_bits() >> 52) as i64;
    match e {
        0 => f64::from_bits(1),
        1..=52 => f64::from_bits(1 << (e - 1)),
        _ => f64::from_bits(((e - 52) as u64) << 52),
    }
}

/// The spacing of `f32` values at `|x|`'s binade, as an `f64`.
fn ulp_f32(x: f32) -> f64 {
    let e = i32::try_from(x.abs().to_bits() >> 23).expect("8 bits");
    2f64.powi(e.max(1) - 127 - 23)
}

/// `got` and `want` in ulps of the larger of the two: `|got - want| / ulp(max(|got|, |want|))`
/// (exact: the difference of two nearby floats, and a power of two). `None` when either is not
/// finite or either is zero, where the caller compares bits instead (a zero keeps its sign, an
/// infinity and NaN must match).
fn ulps_f64(got: f64, want: f64) -> Option<f64> {
    if !got.is_finite() || !want.is_finite() || got == 0.0 || want == 0.0 {
        return None;
    }
    Some((got - want).abs() / ulp_f64(got.abs().max(want.abs())))
}

fn ulps_f32(got: f32, want: f32) -> Option<f64> {
    if !got.is_finite() || !want.is_finite() || got == 0.0 || want == 0.0 {
        return None;
    }
    Some((f64::from(got) - f64::from(want)).abs() / ulp_f32(got.abs().max(want.abs())))
}

/// Element by element within `max_ulps` (see [`ulps_f64`]); zeros, infinities and NaN exactly.
#[track_caller]
fn assert_ulps_f64(what: &str, args: &dyn Fn(usize) -> String, got: &[f64], want: &[f64], max_ulps: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    for k in 0..got.len() {
        let ok = match ulps_f64(got[k], want[k]) {
            Some(d) => d <= max_ulps,
            None => same_f64(got[k], want[k]),
        };
        assert!(
            ok,
            "{what}: element {k} of {}, f({}): got {:e} ({:#x}), want {:e} ({:#x}): {:?} ulp, more than {max_ulps}",
            got.len(),
            args(k),
            got[k],
            got[k].to_bits(),
            want[k],
            want[k].to_bits(),
            ulps_f64(got[k], want[k]),
        );
    }
}

#[track_caller]
fn assert_ulps_f32(what: &str, args: &dyn Fn(usize) -> String, got: &[f32], want: &[f32], max_ulps: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    for k in 0..got.len() {
        let ok = match ulps_f32(got[k], want[k]) {
            Some(d) => d <= max_ulps,
            None => same_f32(got[k], want[k]),
        };
        assert!(
            ok,
            "{what}: element {k} of {}, f({}): got {:e} ({:#x}), want {:e} ({:#x}): {:?} ulp, more than {max_ulps}",
            got.len(),
            args(k),
            got[k],
            got[k].to_bits(),
            want[k],
            want[k].to_bits(),
            ulps_f32(got[k], want[k]),
        );
    }
}

#[test]
fn ulp_helpers_measure_in_the_larger_binade() {
    assert_eq!(ulp_f64(1.0), f64::EPSILON);
    assert_eq!(ulp_f64(1.5), f64::EPSILON);
    assert_eq!(ulp_f64(-2.0), 2.0 * f64::EPSILON);
    assert_eq!(ulp_f64(f64::MIN_POSITIVE), f64::from_bits(1));
    assert_eq!(ulp_f64(f64::from_bits(3)), f64::from_bits(1));
    assert_eq!(ulp_f64(f64::MAX), 2f64.powi(1023 - 52));
    assert_eq!(ulp_f32(1.0), f64::from(f32::EPSILON));
    assert_eq!(ulp_f32(f32::MIN_POSITIVE), f64::from(f32::from_bits(1)));
    assert_eq!(ulps_f64(1.0, 1.0 + 3.0 * f64::EPSILON), Some(3.0));
    assert_eq!(ulps_f64(1.0, 1.0 - f64::EPSILON / 2.0), Some(0.5), "below 1 the spacing halves");
    assert_eq!(ulps_f32(-2.0, -2.0 - 2.0 * f32::EPSILON), Some(1.0));
    assert_eq!(ulps_f64(0.0, -0.0), None);
    assert_eq!(ulps_f64(f64::INFINITY, f64::MAX), None);
}

#[test]
fn fma_tolerance_covers_a_real_contraction() {
    // 1 + 2^-30 squared is 1 + 2^-29 + 2^-60: the product's rounding drops 2^-60, which FMA keeps.
    let a = 1.0 + 2f64.powi(-30);
    let c = -(1.0 + 2f64.powi(-29));
    let serial = a * a + c;
    let fused = a.mul_add(a, c);
    assert_eq!((serial, fused), (0.0, 2f64.powi(-60)));
    assert!((fused - serial).abs() <= fma_tol_f64(a, a, c));
    assert!((fused - serial).abs() > f64::EPSILON * (a * a + c).abs(), "the relative error is unbounded");
}

// ---------------------------------------------------------------------------------------------
// Reports and determinism.

/// Every loop of `report` is vectorized; its lane counts (per instruction set, per loop).
#[track_caller]
fn vectorized_lanes(name: &str, report: &str) -> Vec<usize> {
    let lines: Vec<&str> = report.lines().filter(|l| l.trim_start().starts_with("fastmath:")).collect();
    let loops = report.lines().filter(|l| l.starts_with("loop ")).count();
    assert!(loops > 0 && lines.len() == loops, "{name}: one fastmath line per loop expected:\n{report}");
    let mut lanes = Vec::new();
    for l in lines {
        let clones = l.trim_start().trim_start_matches("fastmath: ");
        // Each clone: `LABEL: lanes across i, 8 lanes`, maybe `, or <another> below N trips ...`.
        for clone in clones.split("; ") {
            for part in clone.split(", ") {
                if let Some(n) = part
                    .strip_suffix(" lanes")
                    .or_else(|| part.split(" lanes ").next().filter(|_| part.contains(" lanes (")))
                {
                    lanes.push(
                        n.trim().parse().unwrap_or_else(|_| panic!("{name}: a lane count in `{part}`:\n{report}")),
                    );
                }
            }
        }
    }
    lanes
}

/// A value's exact bits, for bitwise comparison of results of any shape.
trait Bits {
    fn bits(&self, out: &mut Vec<u64>);
}

macro_rules! bits_via {
    ($($t:ty => $e:expr),* $(,)?) => {$(
        impl Bits for $t {
            fn bits(&self, out: &mut Vec<u64>) {
                let f: fn(&$t) -> u64 = $e;
                out.push(f(self));
            }
        }
    )*};
}
bits_via!(f64 => |x| x.to_bits(), f32 => |x| u64::from(x.to_bits()), u64 => |x| *x, i64 => |x| *x as u64,
    u32 => |x| u64::from(*x), usize => |x| *x as u64, bool => |x| u64::from(*x));

impl<T: Bits> Bits for Vec<T> {
    fn bits(&self, out: &mut Vec<u64>) {
        out.push(self.len() as u64);
        self.iter().for_each(|x| x.bits(out));
    }
}

impl<A: Bits, B: Bits> Bits for (A, B) {
    fn bits(&self, out: &mut Vec<u64>) {
        self.0.bits(out);
        self.1.bits(out);
    }
}

impl<A: Bits, B: Bits, C: Bits> Bits for (A, B, C) {
    fn bits(&self, out: &mut Vec<u64>) {
        self.0.bits(out);
        self.1.bits(out);
        self.2.bits(out);
    }
}

fn bits_of<R: Bits>(r: &R) -> Vec<u64> {
    let mut v = Vec::new();
    r.bits(&mut v);
    v
}

/// For every level: `fastmath` gives the same bits on 3 runs; `parallel_fastmath` gives the same
/// bits on 3 runs and on pools of 1, 2 and 8 threads.
#[track_caller]
fn assert_deterministic<F: Copy + Send, R: Bits + Send>(cases: &[Case<F>], run: impl Fn(F) -> R + Sync) {
    for c in cases.iter().filter(|c| c.threads.is_none()) {
        let first = bits_of(&c.run(&run));
        for k in 1..3 {
            assert!(bits_of(&c.run(&run)) == first, "{}: run {k} differs from run 0", c.label(""));
        }
        if c.variant == "parallel_fastmath" {
            for t in [1, 2, 8] {
                let again = Case { threads: Some(t), ..*c };
                assert!(bits_of(&again.run(&run)) == first, "{}: differs from the default pool", again.label(""));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Element-wise `a * x + y`: one contractible multiply-add per element, f64 and f32.

#[kernel(parallel, fastmath)]
pub fn axpy(a: f64, x: &[f64], y: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = a * x[i] + y[i];
    }
}

#[kernel(parallel, fastmath)]
pub fn axpy_f32(a: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
    for i in prange(0..x.len()) {
        out[i] = a * x[i] + y[i];
    }
}

#[test]
fn axpy_is_within_one_contraction_of_serial() {
    type F = fn(f64, &[f64], &[f64], &mut [f64]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm axpy", n);
        let a = rng.f64_in(-3.0, 3.0);
        let (x, y) = (rng.vec_f64(n, -10.0, 10.0), rng.vec_f64(n, -10.0, 10.0));
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        axpy::serial(a, &x, &y, &mut want);
        for c in fm_cases!(axpy: F) {
            let mut got = init.clone();
            c.run(|f| f(a, &x, &y, &mut got));
            for k in 0..n {
                let what = c.label(&format!("n={n} element {k}"));
                assert_within_f64(&what, got[k], want[k], fma_tol_f64(a, x[k], y[k]));
            }
        }
    }
}

#[test]
fn axpy_f32_is_within_one_contraction_of_serial() {
    type F = fn(f32, &[f32], &[f32], &mut [f32]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm axpy_f32", n);
        let a = rng.f32_in(-3.0, 3.0);
        let (x, y) = (rng.vec_f32(n, -10.0, 10.0), rng.vec_f32(n, -10.0, 10.0));
        let init = rng.vec_f32(n, -1.0, 1.0);
        let mut want = init.clone();
        axpy_f32::serial(a, &x, &y, &mut want);
        for c in fm_cases!(axpy_f32: F) {
            let mut got = init.clone();
            c.run(|f| f(a, &x, &y, &mut got));
            for k in 0..n {
                let what = c.label(&format!("n={n} element {k}"));
                assert_within_f32(&what, got[k], want[k], fma_tol_f32(a, x[k], y[k]));
            }
        }
    }
}

/// With `a = 2` the product is exact, so contracting it changes nothing: bitwise equal.
#[test]
fn axpy_by_two_is_exact() {
    type F = fn(f64, &[f64], &[f64], &mut [f64]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm axpy two", n);
        let (x, y) = (rng.vec_f64(n, -10.0, 10.0), rng.vec_f64(n, -10.0, 10.0));
        let mut want = vec![0.0; n];
        axpy::serial(2.0, &x, &y, &mut want);
        for c in fm_cases!(axpy: F) {
            let mut got = vec![0.0; n];
            c.run(|f| f(2.0, &x, &y, &mut got));
            assert_all_f64(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The seed kernel: a tanh reduction, then an element-wise loop that reads it.

#[kernel(parallel, fastmath)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in prange(0..a.len()) {
        trace += a[i].tanh();
    }
    for i in prange(0..a.len()) {
        out[i] = a[i] + trace;
    }
    trace
}

/// Ulp bound of fastmath's `tanh` against std's: 4 (kernelize) + 2 (glibc).
const TANH_ULPS: f64 = 6.0;

/// The trace: each term within `TANH_ULPS` ulp of std's, `|t' - t| <= TANH_ULPS EPSILON |t|`
/// (an ulp of `t` is at most `EPSILON |t|`), and the terms summed in another order
/// (`2 n EPSILON sum|t|`). So `|got - want| <= (2 n + TANH_ULPS)(1 + 8 EPSILON) EPSILON sum|t|`.
/// The output loop then adds the trace the variant found: element-wise, exactly.
#[test]
fn go_fast_matches_serial_within_the_sum_and_tanh_bounds() {
    type F = fn(&[f64], &mut [f64]) -> f64;
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm go_fast", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        let t_want = go_fast::serial(&a, &mut want);
        let abs_sum: f64 = a.iter().map(|x| x.tanh().abs()).sum();
        let bound = (2.0 * n as f64 + TANH_ULPS) * (1.0 + 8.0 * f64::EPSILON) * f64::EPSILON * abs_sum;
        for c in fm_cases!(go_fast: F) {
            let mut got = init.clone();
            let t = c.run(|f| f(&a, &mut got));
            assert_within_f64(&c.label(&format!("n={n} trace")), t, t_want, bound);
            let with_t: Vec<f64> = a.iter().map(|x| x + t).collect();
            assert_all_f64(&c.label(&format!("n={n} out")), &got, &with_t);
        }
    }
}

#[test]
fn go_fast_is_deterministic() {
    type F = fn(&[f64], &mut [f64]) -> f64;
    for n in [1000, 100_003] {
        let a = Rng::for_case("fm go_fast det", n).vec_f64(n, -3.0, 3.0);
        assert_deterministic(&fm_cases!(go_fast: F), |f| {
            let mut out = vec![0.0; n];
            let t = f(&a, &mut out);
            (t, out)
        });
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Reductions: float sums; integer sum, min, max, bitwise; bool; float min and max.

#[kernel(parallel, fastmath)]
pub fn float_sums(a: &[f64], b: &[f32]) -> (f64, f64, f32) {
    let mut s = 0.25;
    let mut d = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
        d -= a[i].abs();
    }
    let mut t: f32 = 1.5;
    for i in prange(0..b.len()) {
        t += b[i];
    }
    (s, d, t)
}

/// Sums of `n` terms plus the start value: `n + 1` terms, `common`'s summation bound.
#[test]
fn float_sums_match_serial_within_the_summation_bound() {
    type F = fn(&[f64], &[f32]) -> (f64, f64, f32);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm float_sums", n);
        let a = rng.vec_f64(n, -1e3, 1e3);
        let b = rng.vec_f32(n, -10.0, 10.0);
        let (s, d, t) = float_sums::serial(&a, &b);
        let abs_a: f64 = a.iter().map(|x| x.abs()).sum();
        let abs_b: f32 = b.iter().map(|x| x.abs()).sum();
        for c in fm_cases!(float_sums: F) {
            let (gs, gd, gt) = c.run(|f| f(&a, &b));
            assert_sum_close_f64(&c.label(&format!("n={n} s")), gs, s, n + 1, abs_a + 0.25);
            assert_sum_close_f64(&c.label(&format!("n={n} d")), gd, d, n + 1, abs_a);
            assert_sum_close_f32(&c.label(&format!("n={n} t")), gt, t, n + 1, abs_b + 1.5);
        }
    }
}

/// Sums of small integers in `f64` are exact in every order: fastmath must then be exact too.
#[test]
fn float_sums_of_integers_are_exact() {
    type F = fn(&[f64], &[f32]) -> (f64, f64, f32);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm float_sums ints", n);
        let a: Vec<f64> = (0..n).map(|_| rng.i64_in(-1000, 1000) as f64).collect();
        let b: Vec<f32> = (0..n).map(|_| rng.i64_in(-30, 30) as f32).collect();
        let want = float_sums::serial(&a, &b);
        for c in fm_cases!(float_sums: F) {
            assert!(bits_of(&c.run(|f| f(&a, &b))) == bits_of(&want), "{}", c.label(&format!("n={n}")));
        }
    }
}

#[test]
fn float_sums_are_deterministic() {
    type F = fn(&[f64], &[f32]) -> (f64, f64, f32);
    for n in [1000, 100_003] {
        let mut rng = Rng::for_case("fm float_sums det", n);
        let (a, b) = (rng.vec_f64(n, -1e3, 1e3), rng.vec_f32(n, -10.0, 10.0));
        assert_deterministic(&fm_cases!(float_sums: F), |f| f(&a, &b));
    }
}

#[kernel(parallel, fastmath)]
pub fn int_reds(v: &[i64], w: &[u32], bits: &[u64]) -> (i64, i64, i64, i32, u32, u64, u64, u64) {
    let mut sum: i64 = 7;
    let mut lo: i64 = i64::MAX;
    let mut hi: i64 = i64::MIN;
    let mut narrow: i32 = 0;
    let mut wx: u32 = 0;
    for i in prange(0..v.len()) {
        sum += v[i];
        lo = lo.min(v[i]);
        hi = hi.max(v[i] * 3);
        narrow -= (v[i] % 1000) as i32;
        wx ^= w[i];
    }
    let mut or: u64 = 0;
    let mut and: u64 = u64::MAX;
    let mut xor: u64 = 0;
    for i in prange(0..bits.len()) {
        or |= bits[i] & 0xff00_0000_0000_00ff;
        and &= bits[i] | 0x0000_ffff_ffff_0000;
        xor ^= bits[i];
    }
    (sum, lo, hi, narrow, wx, or, and, xor)
}

#[test]
fn int_reductions_are_exact() {
    type F = fn(&[i64], &[u32], &[u64]) -> (i64, i64, i64, i32, u32, u64, u64, u64);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm int_reds", n);
        let v = rng.vec_i64(n, -1_000_000_000, 1_000_000_000);
        let w: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let bits = rng.vec_u64(n);
        let want = int_reds::serial(&v, &w, &bits);
        for c in fm_cases!(int_reds: F) {
            assert_eq!(c.run(|f| f(&v, &w, &bits)), want, "{}", c.label(&format!("n={n}")));
        }
    }
}

#[kernel(parallel, fastmath)]
pub fn bool_reds(a: &[f64], t: f64) -> (bool, bool, bool) {
    let mut any = false;
    let mut all = true;
    let mut odd = false;
    for i in prange(0..a.len()) {
        any |= a[i] > t;
        all &= a[i] < t + 1.0;
        odd ^= a[i] < 0.0;
    }
    (any, all, odd)
}

#[test]
fn bool_reductions_are_exact() {
    type F = fn(&[f64], f64) -> (bool, bool, bool);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm bool_reds", n);
        let mut a = rng.vec_f64(n, -1.0, 1.0);
        rng.sprinkle_specials(&mut a, 40);
        // A threshold that some sizes cross and some do not.
        for t in [0.999, 2.0, -2.0, rng.f64_in(0.9, 1.0)] {
            let want = bool_reds::serial(&a, t);
            for c in fm_cases!(bool_reds: F) {
                assert_eq!(c.run(|f| f(&a, t)), want, "{}", c.label(&format!("n={n} t={t}")));
            }
        }
    }
}

#[kernel(parallel, fastmath)]
pub fn min_max(a: &[f64]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for i in prange(0..a.len()) {
        lo = lo.min(a[i]);
        hi = hi.max(a[i]);
    }
    (lo, hi)
}

/// `min` and `max` are exact operations and ignore NaN: any order gives the same value.
#[test]
fn float_min_max_reductions_are_exact() {
    type F = fn(&[f64]) -> (f64, f64);
    for n in FM_SIZES {
        for specials in [false, true] {
            let mut rng = Rng::for_case(if specials { "fm min_max specials" } else { "fm min_max" }, n);
            let mut a = rng.vec_f64(n, -1e6, 1e6);
            if specials {
                rng.sprinkle_specials(&mut a, 4);
            }
            let want = min_max::serial(&a);
            for c in fm_cases!(min_max: F) {
                let got = c.run(|f| f(&a));
                assert!(bits_of(&got) == bits_of(&want), "{}: {got:?} vs serial {want:?}", c.label(&format!("n={n}")));
            }
        }
    }
}

/// Arrays whose extremes are zeros of both signs, in many lanes: `(a, -a)`.
fn signed_zero_ties(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Rng::for_case("fm min_max zeros", n);
    let a: Vec<f64> = (0..n)
        .map(|_| match rng.below(3) {
            0 => 0.0,
            1 => -0.0,
            _ => -rng.f64_in(1.0, 2.0),
        })
        .collect();
    let b = a.iter().map(|x| -x).collect();
    (a, b)
}

/// On ties between `0.0` and `-0.0` the value is the same (`0.0 == -0.0`); which zero comes out
/// depends on the order (Rust's `f64::max` may return either of two equal arguments).
#[test]
fn float_min_max_with_signed_zero_ties_give_a_zero() {
    type F = fn(&[f64]) -> (f64, f64);
    for n in [9, 33, 1000] {
        let (a, b) = signed_zero_ties(n);
        for v in [&a, &b] {
            let want = min_max::serial(v);
            for c in fm_cases!(min_max: F) {
                let got = c.run(|f| f(v));
                assert!(got == want, "{}: {got:?} vs serial {want:?}", c.label(&format!("n={n}")));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Reductions under a varying `if` / `else`.

/// As a user writes it: the `if` is the loop body's tail expression (no `;` after it).
#[kernel(parallel, fastmath)]
pub fn cond_sum(x: &[f64]) -> (f64, i64) {
    let mut s = 0.0;
    let mut neg: i64 = 0;
    for i in prange(0..x.len()) {
        if x[i] > 0.0 {
            s += x[i];
        } else {
            neg += 1;
        }
    }
    (s, neg)
}

/// The same with `;` after the `if`, which makes it a statement: the back end keeps it (see
/// `tail_expression_of_the_loop_body_runs`), so the masked reductions are still tested.
#[kernel(parallel, fastmath)]
pub fn cond_sum_stmt(x: &[f64]) -> (f64, i64) {
    let mut s = 0.0;
    let mut neg: i64 = 0;
    for i in prange(0..x.len()) {
        if x[i] > 0.0 {
            s += x[i];
        } else {
            neg += 1;
        };
    }
    (s, neg)
}

type CondSum = fn(&[f64]) -> (f64, i64);

/// The count is exact; the sum is a sum of the positive elements (summation bound over them).
fn check_cond_sum(cases: &[Case<CondSum>], serial: CondSum) {
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm cond_sum", n);
        let mut x = rng.vec_f64(n, -10.0, 10.0);
        rng.sprinkle_specials(&mut x, 300);
        // Infinities make the sum non-finite; keep NaN and zeros only (NaN > 0 is false).
        x.iter_mut().filter(|v| v.is_infinite()).for_each(|v| *v = f64::NAN);
        let (s, neg) = serial(&x);
        let abs: f64 = x.iter().filter(|&&v| v > 0.0).sum();
        let terms = x.iter().filter(|&&v| v > 0.0).count();
        for c in cases {
            let (gs, gneg) = c.run(|f| f(&x));
            assert_eq!(gneg, neg, "{}", c.label(&format!("n={n} count")));
            assert_sum_close_f64(&c.label(&format!("n={n} sum")), gs, s, terms, abs);
        }
    }
}

#[test]
fn cond_sum_matches_serial() {
    check_cond_sum(&fm_cases!(cond_sum: CondSum), cond_sum::serial);
}

#[test]
fn cond_sum_stmt_matches_serial() {
    check_cond_sum(&fm_cases!(cond_sum_stmt: CondSum), cond_sum_stmt::serial);
}

#[test]
fn cond_sum_is_deterministic() {
    for n in [1000, 100_003] {
        let x = Rng::for_case("fm cond_sum det", n).vec_f64(n, -10.0, 10.0);
        assert_deterministic(&fm_cases!(cond_sum_stmt: CondSum), |f| f(&x));
    }
}

/// The smallest kernel that shows the bug: the body is one `if` without `;`, and fastmath
/// never runs it (`out` keeps its zeros; serial writes the ones).
#[kernel(parallel, fastmath)]
pub fn tail_if_store(x: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        if x[i] > 0.0 {
            out[i] = 1.0;
        }
    }
}

/// The same with a `match` as the body's tail.
#[kernel(parallel, fastmath)]
pub fn tail_match_store(x: &[i64], out: &mut [i64]) {
    for i in prange(0..x.len()) {
        match x[i] {
            0 => out[i] = 5,
            _ => out[i] = 6,
        }
    }
}

#[test]
fn tail_expression_of_the_loop_body_runs() {
    type F = fn(&[f64], &mut [f64]);
    type G = fn(&[i64], &mut [i64]);
    let x = [1.0, -2.0, 3.0];
    let mut want = [0.0; 3];
    tail_if_store::serial(&x, &mut want);
    assert_eq!(want, [1.0, 0.0, 1.0]);
    for c in fm_cases!(tail_if_store: F) {
        let mut got = [0.0; 3];
        c.run(|f| f(&x, &mut got));
        assert_eq!(got, want, "{}", c.label(""));
    }
    let x = [0, 1, 0];
    for c in fm_cases!(tail_match_store: G) {
        let mut got = [0; 3];
        c.run(|f| f(&x, &mut got));
        assert_eq!(got, [5, 6, 5], "{}", c.label(""));
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Divergent `while` loops: per-lane trip counts.

#[kernel(parallel, fastmath)]
pub fn collatz(start: &[u64], steps: &mut [u32]) -> u64 {
    let mut total: u64 = 0;
    for i in prange(0..start.len()) {
        let mut x = start[i];
        let mut k: u32 = 0;
        while x != 1 {
            if x % 2 == 0 {
                x = x / 2;
            } else {
                x = 3 * x + 1;
            }
            k += 1;
        }
        steps[i] = k;
        total += k as u64;
    }
    total
}

#[test]
fn collatz_steps_are_exact() {
    type F = fn(&[u64], &mut [u32]) -> u64;
    for n in LOOP_SIZES {
        let mut rng = Rng::for_case("fm collatz", n);
        // Starting points below 10^4 reach at most about 2.7 * 10^7 and take at most 261 steps.
        let start: Vec<u64> = (0..n).map(|_| rng.i64_in(1, 10_000) as u64).collect();
        let mut want = vec![7; n];
        let t_want = collatz::serial(&start, &mut want);
        for c in fm_cases!(collatz: F) {
            let mut got = vec![7; n];
            let t = c.run(|f| f(&start, &mut got));
            assert_eq!(t, t_want, "{}", c.label(&format!("n={n} total")));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
    // 27 takes 111 steps, its neighbours a few: lanes finish far apart.
    let start = [27, 1, 2, 97, 871, 6171, 3, 1, 77_031, 1, 4, 5];
    let mut want = [0; 12];
    collatz::serial(&start, &mut want);
    assert_eq!(want[..4], [111, 0, 1, 118]);
    for c in fm_cases!(collatz: F) {
        let mut got = [0; 12];
        c.run(|f| f(&start, &mut got));
        assert_eq!(got, want, "{}", c.label("uneven"));
    }
}

#[kernel(parallel, fastmath)]
pub fn mandel(cr: &[f64], ci: &[f64], max_iter: u32, out: &mut [u32]) -> u64 {
    let mut total: u64 = 0;
    for i in prange(0..cr.len()) {
        let mut zr = 0.0;
        let mut zi = 0.0;
        let mut k: u32 = 0;
        while k < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr[i];
            zi = 2.0 * zr * zi + ci[i];
            zr = t;
            k += 1;
        }
        out[i] = k;
        total += k as u64;
    }
    total
}

/// Escape counts under contraction. `zr * zr - zi * zi` and `2 zr zi + ci` may each be one FMA,
/// so an orbit differs from serial's by a few ulps after one step, and the difference grows by
/// about `2 |z|` (at most 4 before escape) per step. The escape test `|z|^2 <= 4` decides
/// differently only when `|z_k|^2` lies within that difference of 4: after `k` steps at most
/// about `10 EPSILON 4^k`, below `3e-9` for `k < 10`, so an orbit that escapes (or not) within
/// 10 steps in either variant is decided identically, but for a negligible fraction of random
/// `c`. Slower orbits are near the boundary of the set, where the map is chaotic: once the two
/// orbits part, nothing bounds how far apart the counts end up (measured with 1,000,000 random
/// points: none differ at `max_iter` 100 and 200; at 1000, 80 points (0.008%) differ, by up to
/// 360 iterations). So the checks are: at most 0.5% of the points differ, every differing point
/// took at least 10 iterations in both variants, and the total is the sum of the counts.
#[test]
fn mandel_matches_serial_but_for_a_few_boundary_points() {
    type F = fn(&[f64], &[f64], u32, &mut [u32]) -> u64;
    for n in LOOP_SIZES {
        let mut rng = Rng::for_case("fm mandel", n);
        let (cr, ci) = (rng.vec_f64(n, -2.0, 0.6), rng.vec_f64(n, -1.2, 1.2));
        let mut want = vec![0; n];
        mandel::serial(&cr, &ci, 200, &mut want);
        for c in fm_cases!(mandel: F) {
            let mut got = vec![0; n];
            let total = c.run(|f| f(&cr, &ci, 200, &mut got));
            assert_eq!(total, got.iter().map(|&k| u64::from(k)).sum::<u64>(), "{}", c.label(&format!("n={n}")));
            let differ: Vec<usize> = (0..n).filter(|&k| got[k] != want[k]).collect();
            assert!(differ.len() * 200 <= n, "{}: {} of {n} points differ", c.label(""), differ.len());
            for &k in &differ {
                let what = c.label(&format!("n={n} point {k} c = {} + {}i", cr[k], ci[k]));
                assert!(got[k] >= 10 && want[k] >= 10, "{what}: {} iterations, serial {}", got[k], want[k]);
            }
        }
    }
}

/// Uneven lanes: half the points escape at once (`|c| > 2`), half lie inside the main cardioid
/// and run to the cap. Every orbit is decided far from the threshold: exact.
#[test]
fn mandel_with_very_uneven_lanes_is_exact() {
    type F = fn(&[f64], &[f64], u32, &mut [u32]) -> u64;
    for n in [3, 17, 33, 67, 1000] {
        let mut rng = Rng::for_case("fm mandel uneven", n);
        let inside: Vec<bool> = (0..n).map(|_| rng.below(2) == 0).collect();
        let cr: Vec<f64> =
            inside.iter().map(|&y| if y { rng.f64_in(-0.1, 0.1) } else { rng.f64_in(2.5, 3.0) }).collect();
        let ci: Vec<f64> = (0..n).map(|_| rng.f64_in(-0.1, 0.1)).collect();
        let mut want = vec![0; n];
        let t_want = mandel::serial(&cr, &ci, 300, &mut want);
        assert!((0..n).all(|k| want[k] == if inside[k] { 300 } else { 1 }));
        for c in fm_cases!(mandel: F) {
            let mut got = vec![0; n];
            assert_eq!(c.run(|f| f(&cr, &ci, 300, &mut got)), t_want, "{}", c.label(&format!("n={n}")));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. `loop` with a varying `break`, a varying `continue`, a serial `for` with varying bounds.

/// Decimal digits of each number: a `loop` whose `break` each lane takes at its own time.
#[kernel(parallel, fastmath)]
pub fn digits(v: &[u64], out: &mut [u32]) -> u32 {
    let mut most: u32 = 0;
    for i in prange(0..v.len()) {
        let mut x = v[i];
        let mut d: u32 = 0;
        loop {
            d += 1;
            x = x / 10;
            if x == 0 {
                break;
            }
        }
        out[i] = d;
        most = most.max(d);
    }
    most
}

#[test]
fn digits_loop_with_varying_break_is_exact() {
    type F = fn(&[u64], &mut [u32]) -> u32;
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm digits", n);
        // Every magnitude from 1 to 20 digits.
        let v: Vec<u64> = (0..n).map(|_| rng.next_u64() >> rng.below(64)).collect();
        let mut want = vec![0; n];
        let m_want = digits::serial(&v, &mut want);
        for c in fm_cases!(digits: F) {
            let mut got = vec![0; n];
            assert_eq!(c.run(|f| f(&v, &mut got)), m_want, "{}", c.label(&format!("n={n} max")));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

/// `continue` taken by some lanes: the rest of the body (a store and a reduction) is skipped
/// in those lanes only.
#[kernel(parallel, fastmath)]
pub fn skip_negative(a: &[f64], out: &mut [f64]) -> (f64, usize) {
    let mut s = 0.0;
    let mut kept: usize = 0;
    for i in prange(0..a.len()) {
        if a[i] < 0.0 {
            continue;
        }
        out[i] = a[i].sqrt();
        s += a[i];
        kept += 1;
    }
    (s, kept)
}

/// `out` is exact (a correctly rounded square root, or untouched); the count is exact; the sum
/// is a sum of the kept elements (summation bound).
#[test]
fn skip_negative_with_varying_continue_matches_serial() {
    type F = fn(&[f64], &mut [f64]) -> (f64, usize);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm skip_negative", n);
        let a = rng.vec_f64(n, -1.0, 1.0);
        let init = rng.vec_f64(n, 5.0, 6.0);
        let mut want = init.clone();
        let (s, kept) = skip_negative::serial(&a, &mut want);
        let abs: f64 = a.iter().filter(|&&x| x >= 0.0).sum();
        for c in fm_cases!(skip_negative: F) {
            let mut got = init.clone();
            let (gs, gkept) = c.run(|f| f(&a, &mut got));
            assert_all_f64(&c.label(&format!("n={n} out")), &got, &want);
            assert_eq!(gkept, kept, "{}", c.label(&format!("n={n} count")));
            assert_sum_close_f64(&c.label(&format!("n={n} sum")), gs, s, kept, abs);
        }
    }
}

#[test]
fn skip_negative_is_deterministic() {
    type F = fn(&[f64], &mut [f64]) -> (f64, usize);
    for n in [1000, 100_003] {
        let a = Rng::for_case("fm skip_negative det", n).vec_f64(n, -1.0, 1.0);
        assert_deterministic(&fm_cases!(skip_negative: F), |f| {
            let mut out = vec![0.0; n];
            let r = f(&a, &mut out);
            (r.0, out)
        });
    }
}

/// A serial `for j in 0..n_i` whose bound differs per iteration: with lanes across `i`, under
/// masks, each lane adds its own terms in serial's order (exact); with lanes along `j` (the
/// cost model's choice where that is cheaper), each row's sum is re-associated.
#[kernel(parallel, fastmath)]
pub fn ragged(a: &[f64], b: &[f64], out: &mut [f64], cnt: &mut [usize]) {
    for i in prange(0..a.len()) {
        let n_i = (a[i] as usize) % 7;
        let mut acc = 0.0;
        let mut c: usize = 0;
        for j in 0..n_i {
            acc += b[j] + a[i];
            c += j;
        }
        out[i] = acc;
        cnt[i] = c;
    }
}

#[test]
fn ragged_serial_for_with_varying_bounds_matches_serial() {
    type F = fn(&[f64], &[f64], &mut [f64], &mut [usize]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm ragged", n);
        let a = rng.vec_f64(n, 0.0, 100.0);
        let b = rng.vec_f64(7, -1.0, 1.0);
        let (mut want, mut want_c) = (vec![0.0; n], vec![0; n]);
        ragged::serial(&a, &b, &mut want, &mut want_c);
        for c in fm_cases!(ragged: F) {
            let (mut got, mut got_c) = (vec![0.0; n], vec![0; n]);
            c.run(|f| f(&a, &b, &mut got, &mut got_c));
            // Lanes along `j` re-associate each row's sum of at most 6 terms `b[j] + a[i]`
            // (each rounded once, as in serial): the sums bound of the header, per element.
            for i in 0..n {
                let terms = (a[i] as usize) % 7;
                let abs_sum: f64 = (0..terms).map(|j| (b[j] + a[i]).abs()).sum();
                assert_sum_close_f64(&c.label(&format!("n={n} element {i}")), got[i], want[i], terms, abs_sum);
            }
            assert_all_eq(&c.label(&format!("n={n} count")), &got_c, &want_c);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Stencils over the interior `1..n - 1`.

/// `a[i - 1] + 2 a[i] + a[i + 1]`: contraction may fuse `2.0 * a[i]` with `a[i - 1]`, but the
/// product by 2 is exact, so both forms round `a[i - 1] + 2 a[i]` once: exact.
#[kernel(parallel, fastmath)]
pub fn stencil2(a: &[f64], out: &mut [f64]) {
    let n = a.len();
    if n == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        out[i] = a[i - 1] + 2.0 * a[i] + a[i + 1];
    }
}

/// `a[i - 1] + w a[i] + a[i + 1]` with a weight `w` whose products round.
#[kernel(parallel, fastmath)]
pub fn stencil_w(a: &[f64], w: f64, out: &mut [f64]) {
    let n = a.len();
    if n == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        out[i] = a[i - 1] + w * a[i] + a[i + 1];
    }
}

#[kernel(parallel, fastmath)]
pub fn stencil_int(v: &[i64], out: &mut [i64]) {
    let n = v.len();
    if n == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        out[i] = v[i - 1] - 2 * v[i] + v[i + 1];
    }
}

/// Array lengths whose interiors (`n - 2` iterations) have the lengths of `FM_SIZES`.
fn stencil_sizes() -> impl Iterator<Item = usize> {
    [0, 1].into_iter().chain(FM_SIZES.into_iter().map(|n| n + 2))
}

#[test]
fn stencils_match_serial() {
    type F = fn(&[f64], &mut [f64]);
    type G = fn(&[f64], f64, &mut [f64]);
    type H = fn(&[i64], &mut [i64]);
    for n in stencil_sizes() {
        let mut rng = Rng::for_case("fm stencil", n);
        let a = rng.vec_f64(n, -5.0, 5.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        stencil2::serial(&a, &mut want);
        for c in fm_cases!(stencil2: F) {
            let mut got = init.clone();
            c.run(|f| f(&a, &mut got));
            assert_all_f64(&c.label(&format!("n={n}")), &got, &want);
        }

        // `t = fl(a[i-1] + w a[i])` in one or two roundings differs by `d = fma_tol(w, a[i], a[i-1])`
        // at most; then `fl(t + a[i+1])` and `fl(t' + a[i+1])` differ by at most
        // `d + u (|t + a[i+1]| + |t' + a[i+1]|)`, with `|t|, |t'| <= (|w a[i]| + |a[i-1]|)(1 + 2 u)`.
        let w = rng.f64_in(0.5, 2.0);
        let mut want = init.clone();
        stencil_w::serial(&a, w, &mut want);
        for c in fm_cases!(stencil_w: G) {
            let mut got = init.clone();
            c.run(|f| f(&a, w, &mut got));
            for k in 1..n.saturating_sub(1) {
                let d = fma_tol_f64(w, a[k], a[k - 1]);
                let t = ((w * a[k]).abs() + a[k - 1].abs()) * (1.0 + 2.0 * f64::EPSILON);
                let bound = d + f64::EPSILON * (t + a[k + 1].abs() + d) * (1.0 + 2.0 * f64::EPSILON);
                assert_within_f64(&c.label(&format!("n={n} element {k}")), got[k], want[k], bound);
            }
            if n >= 1 {
                assert_eq!((got[0], got[n - 1]), (init[0], init[n - 1]), "{}: edges are kept", c.label(""));
            }
        }

        let v = rng.vec_i64(n, -1 << 40, 1 << 40);
        let init = rng.vec_i64(n, -5, 5);
        let mut want = init.clone();
        stencil_int::serial(&v, &mut want);
        for c in fm_cases!(stencil_int: H) {
            let mut got = init.clone();
            c.run(|f| f(&v, &mut got));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 8. A gather, and writes under a varying `if` (masked stores).

#[kernel(parallel, fastmath)]
pub fn gather(x: &[f64], idx: &[usize], out: &mut [f64]) {
    for i in prange(0..idx.len()) {
        out[i] = x[idx[i]];
    }
}

/// A gather with enough work after it for lanes to win (`sqrt`, correctly rounded in both:
/// exact), so the gather's lane code runs.
#[kernel(parallel, fastmath)]
pub fn gather_sqrt(x: &[f64], idx: &[usize], out: &mut [f64]) {
    for i in prange(0..idx.len()) {
        out[i] = x[idx[i]].sqrt() + x[idx[i] / 2].sqrt();
    }
}

type GatherFn = fn(&[f64], &[usize], &mut [f64]);

/// Every variant of a gather kernel against `serial`, at `n` random indices into `x`: exact.
fn check_gather(rng: &mut Rng, n: usize, x: &[f64], serial: GatherFn, cases: Vec<Case<GatherFn>>) {
    let idx: Vec<usize> = (0..n).map(|_| rng.below(x.len())).collect();
    let mut want = vec![0.0; n];
    serial(x, &idx, &mut want);
    for c in cases {
        let mut got = vec![0.0; n];
        c.run(|f| f(x, &idx, &mut got));
        assert_all_f64(&c.label(&format!("n={n}")), &got, &want);
    }
}

#[test]
fn a_gather_in_lanes_is_exact_and_panics_like_serial() {
    assert!(gather_sqrt::REPORT.contains("AVX-512: lanes across i"), "{}", gather_sqrt::REPORT);
    assert!(gather_sqrt::REPORT.contains("gather required for `x`"), "{}", gather_sqrt::REPORT);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm gather_sqrt", n);
        let x = rng.vec_f64(97, 0.0, 100.0);
        check_gather(&mut rng, n, &x, gather_sqrt::serial, fm_cases!(gather_sqrt: GatherFn));
    }
    let (x, mut out) = (vec![4.0; 10], vec![0.0; 40]);
    let mut idx = vec![3; 40];
    idx[37] = 10;
    for c in fm_cases!(gather_sqrt: GatherFn) {
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.run(|f| f(&x, &idx, &mut out))));
        assert!(ran.is_err(), "{} did not panic on x[10]", c.label("n=40"));
    }
}

/// A store in one branch, another in the other, and a store after the `if`.
#[kernel(parallel, fastmath)]
pub fn masked_store(a: &[f64], pos: &mut [f64], neg: &mut [i64], all: &mut [f64]) {
    for i in prange(0..a.len()) {
        if a[i] > 0.0 {
            pos[i] = a[i] * 0.5;
        } else {
            neg[i] = i as i64;
        }
        all[i] = -a[i];
    }
}

#[test]
fn gather_and_masked_stores_are_exact() {
    type G = fn(&[f64], &mut [f64], &mut [i64], &mut [f64]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm gather", n);
        let x = rng.vec_f64(2 * n + 1, -1.0, 1.0);
        check_gather(&mut rng, n, &x, gather::serial, fm_cases!(gather: GatherFn));

        let mut a = rng.vec_f64(n, -1.0, 1.0);
        rng.sprinkle_specials(&mut a, 20);
        let (p0, n0, a0) = (rng.vec_f64(n, 7.0, 8.0), rng.vec_i64(n, -9, -1), vec![3.0; n]);
        let (mut wp, mut wn, mut wa) = (p0.clone(), n0.clone(), a0.clone());
        masked_store::serial(&a, &mut wp, &mut wn, &mut wa);
        for c in fm_cases!(masked_store: G) {
            let (mut gp, mut gn, mut ga) = (p0.clone(), n0.clone(), a0.clone());
            c.run(|f| f(&a, &mut gp, &mut gn, &mut ga));
            assert_all_f64(&c.label(&format!("n={n} pos")), &gp, &wp);
            assert_all_eq(&c.label(&format!("n={n} neg")), &gn, &wn);
            assert_all_f64(&c.label(&format!("n={n} all")), &ga, &wa);
        }
    }
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn gather_out_of_bounds_panics_like_serial() {
    let x = [1.0; 10];
    let idx = [0, 3, 10, 2];
    let mut out = [0.0; 4];
    for l in levels() {
        with_level(l, || gather::fastmath(&x, &idx, &mut out));
    }
}

// ---------------------------------------------------------------------------------------------
// 9. A collapsed 2-D prange over ndarray views, and a row-parallel matrix-vector product.

/// The 2-D views every ndarray kernel also runs on: standard, transposed, every other row,
/// and every other column backwards (a negative stride).
fn views2(a: &Array2<f64>) -> [(&'static str, ArrayView2<'_, f64>); 4] {
    [
        ("standard", a.view()),
        ("transposed", a.t()),
        ("rows ..;2", a.slice(s![..;2, ..])),
        ("cols ..;-2", a.slice(s![.., ..;-2])),
    ]
}

/// `a b + (i - j / 2)`: one contractible multiply-add; `i - 0.5 j` is exact (small integers and
/// halves), whether or not it is itself contracted.
#[kernel(parallel, fastmath)]
pub fn ew2d(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            out[[i, j]] = a[[i, j]] * b[[i, j]] + (i as f64 - 0.5 * j as f64);
        }
    }
}

#[test]
fn ew2d_is_within_one_contraction_of_serial_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in FM_SHAPES {
        let mut rng = Rng::for_case("fm ew2d", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -2.0, 2.0);
        let b = rng.array2(rows, cols, -2.0, 2.0);
        for ((view, av), (_, bv)) in views2(&a).into_iter().zip(views2(&b)) {
            let (r, c2) = av.dim();
            let init = rng.array2(r, c2, -1.0, 1.0);
            let mut want = init.clone();
            ew2d::serial(av.view(), bv.view(), want.view_mut());
            // Also into a transposed output.
            let init_t = init.t().as_standard_layout().into_owned();
            for c in fm_cases!(ew2d: F) {
                let mut got = init.clone();
                c.run(|f| f(av.view(), bv.view(), got.view_mut()));
                let mut got_t = init_t.clone();
                c.run(|f| f(av.view(), bv.view(), got_t.view_mut().reversed_axes()));
                for ((i, j), &w) in want.indexed_iter() {
                    let tol = fma_tol_f64(av[[i, j]], bv[[i, j]], i as f64 - 0.5 * j as f64);
                    let what = c.label(&format!("{rows}x{cols} {view} [{i}, {j}]"));
                    assert_within_f64(&what, got[[i, j]], w, tol);
                    assert_within_f64(&format!("{what} transposed out"), got_t[[j, i]], w, tol);
                }
            }
        }
    }
}

/// A collapsed 2-D loop over `&mut Array2` with a `max` reduction: `0.5 (u + f)` rounds once
/// (the product by 0.5 is exact and is not a multiply-add), so everything is exact.
#[kernel(parallel, fastmath)]
pub fn relax2d(u: &mut Array2<f64>, f: &Array2<f64>) -> f64 {
    let mut change: f64 = 0.0;
    for i in prange(0..u.nrows()) {
        for j in prange(0..u.ncols()) {
            let old = u[[i, j]];
            let new = 0.5 * (old + f[[i, j]]);
            u[[i, j]] = new;
            change = change.max((new - old).abs());
        }
    }
    change
}

#[test]
fn relax2d_is_exact() {
    type F = fn(&mut Array2<f64>, &Array2<f64>) -> f64;
    for (rows, cols) in FM_SHAPES {
        let mut rng = Rng::for_case("fm relax2d", rows * 1000 + cols);
        let u0 = rng.array2(rows, cols, -1.0, 1.0);
        // `f` larger than `u`: only `u`'s shape is iterated.
        let f0 = rng.array2(rows + 1, cols + 2, -1.0, 1.0);
        let mut want = u0.clone();
        let c_want = relax2d::serial(&mut want, &f0);
        for c in fm_cases!(relax2d: F) {
            let mut got = u0.clone();
            let ch = c.run(|f| f(&mut got, &f0));
            assert_f64(&c.label(&format!("{rows}x{cols} change")), ch, c_want);
            assert_all_f64(&c.label(&format!("{rows}x{cols}")), &got, &want);
        }
    }
}

#[kernel(parallel, fastmath)]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

/// Each `y[i]` is a dot product of `ncols` terms, contracted or not: `2 n EPSILON sum|a_ij x_j|`.
#[test]
fn matvec_matches_serial_within_the_dot_product_bound_on_strided_views() {
    type F = fn(ArrayView2<f64>, &[f64], &mut [f64]);
    let shapes = FM_SHAPES.into_iter().map(|(r, c)| (c, r)).chain(FM_SHAPES).chain([(100_003, 3)]);
    for (rows, cols) in shapes {
        let mut rng = Rng::for_case("fm matvec", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let x = rng.vec_f64(av.ncols(), -10.0, 10.0);
            let init = rng.vec_f64(av.nrows(), -1.0, 1.0);
            let mut want = init.clone();
            matvec::serial(av.view(), &x, &mut want);
            for c in fm_cases!(matvec: F) {
                let mut got = init.clone();
                c.run(|f| f(av.view(), &x, &mut got));
                for i in 0..av.nrows() {
                    let abs: f64 = (0..av.ncols()).map(|j| (av[[i, j]] * x[j]).abs()).sum();
                    let what = c.label(&format!("{rows}x{cols} {view} row {i}"));
                    assert_sum_close_f64(&what, got[i], want[i], av.ncols(), abs);
                }
            }
        }
    }
}

/// A slice read along the lanes' loop at two offsets, `x[j]` and `x[j + 1]` (one window over
/// both, cut at every vector step). Integers in f64: exact in any order.
#[kernel(parallel, fastmath)]
pub fn slice_along(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * (x[j] + 2.0 * x[j + 1]);
        }
        y[i] = s;
    }
}

#[test]
fn a_slice_along_the_lanes_is_exact_on_strided_views() {
    type F = fn(ArrayView2<f64>, &[f64], &mut [f64]);
    assert!(slice_along::REPORT.contains("AVX-512: lanes along j"), "{}", slice_along::REPORT);
    let shapes = FM_SHAPES.into_iter().map(|(r, c)| (c, r)).chain(FM_SHAPES).chain([(7, 100), (3, 257)]);
    for (rows, cols) in shapes {
        let mut rng = Rng::for_case("fm slice_along", rows * 1000 + cols);
        let a = Array2::from_shape_vec(
            (rows, cols),
            rng.vec_i64(rows * cols, -9, 9).into_iter().map(|v| v as f64).collect(),
        )
        .unwrap();
        for (view, av) in views2(&a) {
            let x: Vec<f64> = rng.vec_i64(av.ncols() + 1, -9, 9).into_iter().map(|v| v as f64).collect();
            let mut want = vec![0.0; av.nrows()];
            slice_along::serial(av.view(), &x, &mut want);
            for c in fm_cases!(slice_along: F) {
                let mut got = vec![1.0; av.nrows()];
                c.run(|f| f(av.view(), &x, &mut got));
                assert_all_f64(&c.label(&format!("{rows}x{cols} {view}")), &got, &want);
            }
        }
    }
}

/// `x` one element short: `serial` panics at the last `j`, and so does every variant (the
/// window does not cover the loop, and the loop runs as written).
#[test]
fn a_slice_along_the_lanes_too_short_panics_like_serial() {
    type F = fn(ArrayView2<f64>, &[f64], &mut [f64]);
    let a = Array2::from_elem((5, 70), 1.0);
    let x = vec![1.0; 70];
    let mut y = vec![0.0; 5];
    let serial = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| slice_along::serial(a.view(), &x, &mut y)));
    assert!(serial.is_err());
    for c in fm_cases!(slice_along: F) {
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.run(|f| f(a.view(), &x, &mut y))));
        assert!(ran.is_err(), "{} did not panic", c.label("5x70"));
    }
}

// ---------------------------------------------------------------------------------------------
// 9b. Lanes along inner loops (the prange loop scalar), row windows, the run-time switch, and
//     the relaxed scalar code: the cost model's other choices (`analyze/vector.rs`).

/// Row norms: lanes along `k` with a latency-bound reduction (four vectors, then one, then the
/// scalar remainder). Each sum of squares is re-associated: `2 n EPSILON sum|term|`, and the
/// square root (correctly rounded in both) halves the relative difference.
#[kernel(parallel, fastmath)]
pub fn row_norms(a: ArrayView2<f64>, out: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for k in 0..a.ncols() {
            s += a[[i, k]] * a[[i, k]];
        }
        out[i] = s.sqrt();
    }
}

#[test]
fn row_norms_match_serial_within_the_sum_bound_on_strided_views() {
    type F = fn(ArrayView2<f64>, &mut [f64]);
    let shapes = FM_SHAPES.into_iter().chain([(3, 47), (2, 96), (3, 100), (5, 257)]);
    for (rows, cols) in shapes {
        let mut rng = Rng::for_case("fm row_norms", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let mut want = vec![0.0; av.nrows()];
            row_norms::serial(av.view(), &mut want);
            for c in fm_cases!(row_norms: F) {
                let mut got = vec![0.0; av.nrows()];
                c.run(|f| f(av.view(), &mut got));
                for i in 0..av.nrows() {
                    let abs: f64 = (0..av.ncols()).map(|k| av[[i, k]] * av[[i, k]]).sum();
                    let what = c.label(&format!("{rows}x{cols} {view} row {i}"));
                    assert_sum_close_f64(&what, got[i] * got[i], want[i] * want[i], av.ncols() + 2, abs);
                }
            }
        }
    }
    assert!(row_norms::REPORT.contains("AVX-512: lanes along k"), "{}", row_norms::REPORT);
}

/// Rows written along `j` (a row window per written row, stores of whole vectors), with a
/// varying `if` and `continue` inside the inner loop, and a boundary read `b[[i, j + 1]]` the
/// window covers. `2.0 * x + y` rounds once either way: exact.
#[kernel(parallel, fastmath)]
pub fn rows_along(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        let m = out.ncols();
        for j in 0..m {
            let x = a[[i, j]];
            if x < -0.5 {
                out[[i, j]] = -1.0;
                continue;
            }
            let next = if j + 1 < m { b[[i, j + 1]] } else { 0.0 };
            out[[i, j]] = 2.0 * x + next;
        }
    }
}

#[test]
fn rows_along_are_exact_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in FM_SHAPES.into_iter().chain([(3, 47), (2, 96), (3, 100)]) {
        let mut rng = Rng::for_case("fm rows_along", rows * 1000 + cols);
        let (a, b) = (rng.array2(rows, cols, -1.0, 1.0), rng.array2(rows, cols + 1, -1.0, 1.0));
        for ((va, av), (vb, bv)) in views2(&a).into_iter().zip(views2(&b)) {
            let (r, c0) = (av.nrows().min(bv.nrows()), av.ncols().min(bv.ncols()));
            let (av, bv) = (av.slice(s![..r, ..c0]), bv.slice(s![..r, ..]));
            let mut want = Array2::from_elem((r, c0), 7.0);
            rows_along::serial(av, bv, want.view_mut());
            for c in fm_cases!(rows_along: F) {
                let mut got = Array2::from_elem((r, c0), 7.0);
                c.run(|f| f(av, bv, got.view_mut()));
                assert_all_f64(&c.label(&format!("{rows}x{cols} {va}/{vb}")), &got, &want);
                // And into a transposed output: its rows are not contiguous (the scalar code).
                let mut got_t = Array2::from_elem((c0, r), 7.0);
                c.run(|f| f(av, bv, got_t.view_mut().reversed_axes()));
                assert_all_f64(&c.label(&format!("{rows}x{cols} {va}/{vb} into a transposed view")), got_t.t(), &want);
            }
        }
    }
    assert!(rows_along::REPORT.contains("AVX-512: lanes along j"), "{}", rows_along::REPORT);
}

/// Pairwise distances: lanes along `k` for long rows, and the run-time switch to another
/// strategy below the trip count where that wins (`d` is known only when the loop starts).
#[kernel(parallel, fastmath)]
pub fn pairwise(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..b.nrows() {
            let mut s = 0.0;
            for k in 0..a.ncols() {
                let t = a[[i, k]] - b[[j, k]];
                s += t * t;
            }
            out[[i, j]] = s;
        }
    }
}

#[test]
fn pairwise_matches_serial_within_the_sum_bound_on_both_sides_of_the_switch() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    let report = pairwise::REPORT;
    assert!(report.contains("AVX-512: lanes along k"), "{report}");
    assert!(report.contains(" below "), "a run-time switch for short rows expected:\n{report}");
    for d in [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 65] {
        for (n, m) in [(1, 1), (5, 3), (9, 17), (33, 8)] {
            let mut rng = Rng::for_case("fm pairwise", d * 10_000 + n * 100 + m);
            let (a, b) = (rng.array2(n, d, -1.0, 1.0), rng.array2(m, d, -1.0, 1.0));
            let mut want = Array2::zeros((n, m));
            pairwise::serial(a.view(), b.view(), want.view_mut());
            for c in fm_cases!(pairwise: F) {
                let mut got = Array2::from_elem((n, m), 7.0);
                c.run(|f| f(a.view(), b.view(), got.view_mut()));
                for i in 0..n {
                    for j in 0..m {
                        let abs: f64 = (0..d).map(|k| (a[[i, k]] - b[[j, k]]).powi(2)).sum();
                        let what = c.label(&format!("d={d} {n}x{m} ({i}, {j})"));
                        // Each difference rounds once in both; the squares and their sum may be
                        // contracted and re-associated: the sum bound with one more term.
                        assert_sum_close_f64(&what, got[[i, j]], want[[i, j]], d + 1, abs);
                    }
                }
            }
        }
    }
}

/// `powi` by small literals, multiplied out in lanes and in the scalar code, in the order of
/// compiler-rt's `__powidf2` (what serial's `powi` computes): each power is serial's bits.
#[kernel(parallel, fastmath)]
pub fn powi_small(x: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].powi(2) - x[i].powi(3) + x[i].powi(-2) * x[i].powi(5) - x[i].powi(0);
    }
}

#[test]
fn powi_by_small_literals_is_serials_powi() {
    type F = fn(&[f64], &mut [f64]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm powi_small", n);
        let x = rng.vec_f64(n, -3.0, 3.0);
        let mut want = vec![0.0; n];
        powi_small::serial(&x, &mut want);
        for c in fm_cases!(powi_small: F) {
            let mut got = vec![0.0; n];
            c.run(|f| f(&x, &mut got));
            for i in 0..n {
                // The powers are serial's bits; `(p2 - p3) + pm2 * p5` may contract (the
                // one-contraction bound), and the last `- 1` rounds each of the two differing
                // values once more: `u |result|` each, so `EPSILON |result|` (with slack).
                let (p2, p3, pm2, p5) = (x[i].powi(2), x[i].powi(3), x[i].powi(-2), x[i].powi(5));
                let bound = fma_tol_f64(pm2, p5, p2 - p3) + want[i].abs() * f64::EPSILON * (1.0 + 4.0 * f64::EPSILON);
                assert_within_f64(&c.label(&format!("n={n} x={}", x[i])), got[i], want[i], bound);
            }
        }
    }
}

/// A loop no strategy vectorizes (a `.rev()` loop with varying bounds): the relaxed scalar
/// code, with kernelize's `tanh` (faster than glibc's in scalar code; 4 ulp, and std's 2).
#[kernel(parallel, fastmath)]
pub fn rev_tanh(x: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        let mut s = 0.0;
        for j in (0..(x[i] * 4.0) as usize % 5).rev() {
            s = s + 0.5 * (x[i] - j as f64).tanh();
        }
        out[i] = s;
    }
}

#[test]
fn relaxed_scalar_code_matches_serial_within_the_library_bounds() {
    type F = fn(&[f64], &mut [f64]);
    let report = rev_tanh::REPORT;
    assert!(report.contains("AVX-512: scalar code"), "{report}");
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm rev_tanh", n);
        let x = rng.vec_f64(n, 0.0, 2.0);
        let mut want = vec![0.0; n];
        rev_tanh::serial(&x, &mut want);
        for c in fm_cases!(rev_tanh: F) {
            let mut got = vec![0.0; n];
            c.run(|f| f(&x, &mut got));
            for i in 0..n {
                // At most 4 terms, each `0.5 tanh` within 6 ulp of std's; the sum in serial's
                // order (no re-association), its rounding differences bounded by the sum bound.
                let terms = (x[i] * 4.0) as usize % 5;
                let abs: f64 = (0..terms).map(|j| (0.5 * (x[i] - j as f64).tanh()).abs()).sum();
                let bound = abs * 6.0 * f64::EPSILON + 2.0 * terms as f64 * f64::EPSILON * abs;
                assert_within_f64(&c.label(&format!("n={n} element {i}")), got[i], want[i], bound);
            }
        }
    }
}

/// A 2-D loop with boundary conditions inside it (reads under `if`, outside the row windows,
/// from the whole rows): sums without products, in serial's order: exact.
#[kernel(parallel, fastmath)]
pub fn boundary2d(u: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            let l = if j > 0 { u[[i, j - 1]] } else { 0.0 };
            let r = if j + 1 < u.ncols() { u[[i, j + 1]] } else { 0.0 };
            out[[i, j]] = l + u[[i, j]] + r;
        }
    }
}

#[test]
fn boundary2d_is_exact_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in FM_SHAPES {
        let mut rng = Rng::for_case("fm boundary2d", rows * 1000 + cols);
        let u = rng.array2(rows, cols, -1.0, 1.0);
        for (view, uv) in views2(&u) {
            let mut want = Array2::from_elem(uv.dim(), 7.0);
            boundary2d::serial(uv, want.view_mut());
            for c in fm_cases!(boundary2d: F) {
                let mut got = Array2::from_elem(uv.dim(), 7.0);
                c.run(|f| f(uv, got.view_mut()));
                assert_all_f64(&c.label(&format!("{rows}x{cols} {view}")), &got, &want);
            }
        }
    }
}

/// A counter uniform among the lanes still in a divergent loop (`k`): one load of `lim[k]` for
/// all of them, not a gather (issue 12, reproducer 4). Counts: exact.
#[kernel(parallel, fastmath)]
pub fn uniform_counter(x: &[f64], y: &[f64], lim: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        let mut s = 0.0;
        for j in 0..y.len() {
            let d = x[i] - y[j];
            if d > 0.0 {
                let mut k = lim.len();
                while k > 0 {
                    k -= 1;
                    if d > lim[k] {
                        s += 1.0;
                        break;
                    }
                }
            }
        }
        out[i] = s;
    }
}

#[test]
fn uniform_counter_is_exact_and_not_gathered() {
    type F = fn(&[f64], &[f64], &[f64], &mut [f64]);
    let report = uniform_counter::REPORT;
    assert!(report.contains("gather required for none"), "{report}");
    for n in LOOP_SIZES.into_iter().filter(|&n| n <= 1000) {
        let mut rng = Rng::for_case("fm uniform_counter", n);
        let (x, y) = (rng.vec_f64(n, 0.0, 1.0), rng.vec_f64(37, 0.0, 1.0));
        let mut lim = rng.vec_f64(9, 0.0, 1.0);
        lim.sort_by(f64::total_cmp);
        let mut want = vec![0.0; n];
        uniform_counter::serial(&x, &y, &lim, &mut want);
        for c in fm_cases!(uniform_counter: F) {
            let mut got = vec![0.0; n];
            c.run(|f| f(&x, &y, &lim, &mut got));
            assert_all_f64(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

/// Lanes across `i` reading `x[i]` and `x[i + 1]` inside an inner loop: each vector step loads
/// them once, before the loop (issue 12: nbody's `x[i]` was put together lane by lane at every
/// trip). Three reductions over `j` make the lanes run across `i` (as in nbody). Integers in
/// f64: every product and sum is exact, in any order and with FMA.
#[kernel(parallel, fastmath)]
pub fn step_loads(x: &[f64], y: &[f64], out: &mut [f64], o2: &mut [f64], o3: &mut [f64]) {
    for i in prange(0..out.len()) {
        let mut s = 0.0;
        let mut t = 0.0;
        let mut u = 0.0;
        for j in 0..y.len() {
            let d = y[j] - x[i];
            s += d * x[i + 1];
            t += d * d;
            u += d * y[j];
        }
        out[i] = s;
        o2[i] = t;
        o3[i] = u;
    }
}

type StepLoads = fn(&[f64], &[f64], &mut [f64], &mut [f64], &mut [f64]);

#[test]
fn loads_before_an_inner_loop_are_exact() {
    let report = step_loads::REPORT;
    for isa in ["AVX-512", "AVX2+FMA", "baseline"] {
        assert!(report.contains(&format!("{isa}: lanes across i")), "{report}");
    }
    for n in LOOP_SIZES.into_iter().filter(|&n| n <= 1000) {
        let mut rng = Rng::for_case("fm step_loads", n);
        let x: Vec<f64> = rng.vec_i64(n + 1, -9, 9).into_iter().map(|v| v as f64).collect();
        // No trips at all, and 7: the loads are made even where the loop does not run.
        for trips in [0, 7] {
            let y: Vec<f64> = rng.vec_i64(trips, -9, 9).into_iter().map(|v| v as f64).collect();
            let mut want = [vec![0.0; n], vec![0.0; n], vec![0.0; n]];
            let [w1, w2, w3] = &mut want;
            step_loads::serial(&x, &y, w1, w2, w3);
            for c in fm_cases!(step_loads: StepLoads) {
                let mut got = [vec![1.0; n], vec![1.0; n], vec![1.0; n]];
                let [g1, g2, g3] = &mut got;
                c.run(|f| f(&x, &y, g1, g2, g3));
                for (g, w) in got.iter().zip(&want) {
                    assert_all_f64(&c.label(&format!("n={n} trips={trips}")), g, w);
                }
            }
        }
    }
}

/// `x[i + 1]` past the end of `x` for the last `i`: no panic when the inner loop does not run
/// (as in `serial`: the load made before it is not used), and the panic of `serial` when it does.
#[test]
fn loads_before_an_inner_loop_panic_only_where_serial_does() {
    let n = 37;
    let x = vec![2.0; n];
    let run = |f: StepLoads, y: &[f64]| {
        let mut o = [vec![0.0; n], vec![0.0; n], vec![0.0; n]];
        let [o1, o2, o3] = &mut o;
        f(&x, y, o1, o2, o3);
    };
    for (y, panics) in [(vec![], false), (vec![1.0; 3], true)] {
        let serial = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(step_loads::serial, &y)));
        assert_eq!(serial.is_err(), panics);
        for c in fm_cases!(step_loads: StepLoads) {
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.run(|f| run(f, &y))));
            assert_eq!(ran.is_err(), panics, "{} with {} trips", c.label("n=37"), y.len());
        }
    }
}

/// `&&` whose left side is uniform (`n > 0`, `k > 0` with `k` uniform among the lanes still in
/// the loop): the right side (`a[n - 1]`, `a[k - 1]`) runs only where serial runs it, so an
/// empty `a` neither overflows `k - 1` nor indexes out of bounds. Counts: exact.
#[kernel(parallel, fastmath)]
pub fn short_circuit(x: &[f64], a: &[f64], out: &mut [f64]) {
    let n = a.len();
    for i in prange(0..x.len()) {
        let mut k = n;
        let mut c = 0.0;
        while k > 0 && x[i] < a[k - 1] {
            k -= 1;
            c += 1.0;
        }
        out[i] = c + if n > 0 && a[n - 1] > x[i] { 10.0 } else { 0.0 };
    }
}

#[test]
fn a_uniform_left_side_of_and_decides_for_every_lane() {
    type F = fn(&[f64], &[f64], &mut [f64]);
    for n in FM_SIZES.into_iter().filter(|&n| n <= 1000) {
        for m in [0, 1, 5] {
            let mut rng = Rng::for_case("fm short_circuit", n * 10 + m);
            let x = rng.vec_f64(n, 0.0, 1.0);
            let mut a = rng.vec_f64(m, 0.0, 1.0);
            a.sort_by(f64::total_cmp);
            let mut want = vec![0.0; n];
            short_circuit::serial(&x, &a, &mut want);
            for c in fm_cases!(short_circuit: F) {
                let mut got = vec![0.0; n];
                c.run(|f| f(&x, &a, &mut got));
                assert_all_f64(&c.label(&format!("n={n} m={m}")), &got, &want);
            }
        }
    }
}

/// `powf` by literals `fastmath` computes without `pow`: `0.5` and `-0.5` through `sqrt` (with
/// pow's values at -0 and -inf), small integers by multiplication (as `powi`).
#[kernel(parallel, fastmath)]
pub fn powf_literals(x: &[f64], half: &mut [f64], minus_half: &mut [f64], cube: &mut [f64]) {
    for i in prange(0..x.len()) {
        half[i] = x[i].powf(0.5);
        minus_half[i] = x[i].powf(-0.5);
        cube[i] = x[i].powf(3.0);
    }
}

#[test]
fn powf_by_literals_keeps_pows_special_values() {
    type F = fn(&[f64], &mut [f64], &mut [f64], &mut [f64]);
    for n in FM_SIZES.into_iter().filter(|&n| n <= 1000) {
        let mut rng = Rng::for_case("fm powf_literals", n);
        let mut x = rng.vec_f64(n, -2.0, 1e6);
        rng.sprinkle_specials(&mut x, 5);
        let (mut h, mut mh, mut c) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        powf_literals::serial(&x, &mut h, &mut mh, &mut c);
        for case in fm_cases!(powf_literals: F) {
            let (mut gh, mut gmh, mut gc) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            case.run(|f| f(&x, &mut gh, &mut gmh, &mut gc));
            let args = |i: usize| format!("x = {:e}", x[i]);
            // sqrt and glibc's pow are both correctly rounded (pow within 1 ulp); `1 / sqrt`
            // rounds twice (1 ulp more); `x * x * x` rounds twice where pow rounds once.
            assert_ulps_f64(&case.label(&format!("n={n} 0.5")), &args, &gh, &h, 1.0);
            assert_ulps_f64(&case.label(&format!("n={n} -0.5")), &args, &gmh, &mh, 2.0);
            assert_ulps_f64(&case.label(&format!("n={n} 3")), &args, &gc, &c, 2.0);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Casts and exact float methods: `as`, `abs`, `min`, `max`, `clamp`, `floor`, `sqrt`; and
//     `mul_add`.

#[kernel(parallel, fastmath)]
pub fn casts(x: &[f64], k: &[i64], of: &mut [f64], oi: &mut [i32], ou: &mut [u8], ox: &mut [f32]) {
    for i in prange(0..x.len()) {
        of[i] = i as f64 + k[i] as f64;
        oi[i] = x[i] as i32;
        ou[i] = (k[i] as u8) ^ (x[i] as u8);
        ox[i] = x[i] as f32;
    }
}

#[test]
fn casts_are_exact() {
    type F = fn(&[f64], &[i64], &mut [f64], &mut [i32], &mut [u8], &mut [f32]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm casts", n);
        // Beyond i32's range on both sides (saturating), NaN (0), fractions of both signs.
        let mut x = rng.vec_f64(n, -3e9, 3e9);
        x.iter_mut().skip(1).step_by(3).for_each(|v| *v /= 1e9);
        rng.sprinkle_specials(&mut x, 10);
        let k = rng.vec_i64(n, -(1 << 52), 1 << 52);
        let mut want = (vec![0.0; n], vec![0; n], vec![0; n], vec![0.0; n]);
        casts::serial(&x, &k, &mut want.0, &mut want.1, &mut want.2, &mut want.3);
        for c in fm_cases!(casts: F) {
            let mut got = (vec![0.0; n], vec![0; n], vec![0; n], vec![0.0; n]);
            c.run(|f| f(&x, &k, &mut got.0, &mut got.1, &mut got.2, &mut got.3));
            assert_all_f64(&c.label(&format!("n={n} i as f64 + k as f64")), &got.0, &want.0);
            assert_all_eq(&c.label(&format!("n={n} x as i32")), &got.1, &want.1);
            assert_all_eq(&c.label(&format!("n={n} as u8")), &got.2, &want.2);
            assert_all_f32(&c.label(&format!("n={n} x as f32")), &got.3, &want.3);
        }
    }
}

#[kernel(parallel, fastmath)]
pub fn exact_ops(x: &[f64], y: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..x.len()) {
        out[[i, 0]] = x[i].abs();
        out[[i, 1]] = x[i].min(y[i]);
        out[[i, 2]] = x[i].max(y[i]);
        out[[i, 3]] = x[i].max(-1.0).min(1.5);
        out[[i, 4]] = x[i].floor();
        out[[i, 5]] = x[i].abs().sqrt();
        out[[i, 6]] = x[i].ceil();
        out[[i, 7]] = x[i].trunc();
        out[[i, 8]] = x[i].round();
        out[[i, 9]] = x[i].signum();
        out[[i, 10]] = y[i].recip();
        out[[i, 11]] = -x[i];
    }
}

#[kernel(parallel, fastmath)]
pub fn exact_ops_f32(x: &[f32], y: &[f32], mut out: ArrayViewMut2<f32>) {
    for i in prange(0..x.len()) {
        out[[i, 0]] = x[i].abs();
        out[[i, 1]] = x[i].min(y[i]);
        out[[i, 2]] = x[i].max(y[i]);
        out[[i, 3]] = x[i].max(-1.0).min(1.5);
        out[[i, 4]] = x[i].floor();
        out[[i, 5]] = x[i].abs().sqrt();
        out[[i, 6]] = x[i].ceil();
        out[[i, 7]] = x[i].trunc();
        out[[i, 8]] = x[i].round();
        out[[i, 9]] = x[i].signum();
        out[[i, 10]] = y[i].recip();
        out[[i, 11]] = (x[i] as i32) as f32;
    }
}

const EXACT_OPS: [&str; 12] = [
    "abs",
    "min",
    "max",
    "max(-1).min(1.5)",
    "floor",
    "abs().sqrt()",
    "ceil",
    "trunc",
    "round",
    "signum",
    "recip",
    "-x",
];

/// Inputs for the exact operations: halves and near-halves (rounding ties), small fractions of
/// both signs, numbers beyond `2^52` (already integers), and every special value.
fn exact_op_inputs(rng: &mut Rng, n: usize) -> Vec<f64> {
    let mut x: Vec<f64> = (0..n)
        .map(|k| match k % 5 {
            0 => rng.i64_in(-40, 40) as f64 * 0.5,
            1 => rng.f64_in(-1.0, 1.0) * 1e-3,
            2 => rng.f64_in(-1e17, 1e17),
            _ => rng.f64_in(-4.0, 4.0),
        })
        .collect();
    rng.sprinkle_specials(&mut x, 7);
    x
}

/// Each operation rounds once, correctly, or not at all: exact, NaN included.
#[test]
fn exact_float_methods_are_exact() {
    type F = fn(&[f64], &[f64], ArrayViewMut2<f64>);
    type G = fn(&[f32], &[f32], ArrayViewMut2<f32>);
    for n in FM_SIZES.into_iter().filter(|&n| n <= 10_007) {
        let mut rng = Rng::for_case("fm exact_ops", n);
        let x = exact_op_inputs(&mut rng, n);
        let y = exact_op_inputs(&mut rng, n);
        let mut want = Array2::from_elem((n, EXACT_OPS.len()), 9.0);
        exact_ops::serial(&x, &y, want.view_mut());
        let (x32, y32): (Vec<f32>, Vec<f32>) =
            (x.iter().map(|&v| v as f32).collect(), y.iter().map(|&v| v as f32).collect());
        let mut want32 = Array2::from_elem((n, EXACT_OPS.len()), 9.0f32);
        exact_ops_f32::serial(&x32, &y32, want32.view_mut());
        for (c, c32) in fm_cases!(exact_ops: F).into_iter().zip(fm_cases!(exact_ops_f32: G)) {
            let mut got = Array2::from_elem((n, EXACT_OPS.len()), 9.0);
            c.run(|f| f(&x, &y, got.view_mut()));
            let mut got32 = Array2::from_elem((n, EXACT_OPS.len()), 9.0f32);
            c32.run(|f| f(&x32, &y32, got32.view_mut()));
            for (col, op) in EXACT_OPS.iter().enumerate() {
                assert_all_f64(&c.label(&format!("n={n} {op}")), got.column(col), want.column(col));
                let op32 = if col == 11 { "as i32 as f32" } else { op };
                assert_all_f32(&c32.label(&format!("n={n} {op32}")), got32.column(col), want32.column(col));
            }
        }
    }
}

#[kernel(parallel, fastmath)]
pub fn clamp(x: &[f64], lo: f64, hi: f64, out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].clamp(lo, hi);
    }
}

#[kernel(parallel, fastmath)]
pub fn clamp_f32(x: &[f32], out: &mut [f32]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].clamp(-1.0, 1.5);
    }
}

/// `clamp` of a number (not NaN): exact, signed zeros included.
#[test]
fn clamp_of_numbers_is_exact() {
    type F = fn(&[f64], f64, f64, &mut [f64]);
    type G = fn(&[f32], &mut [f32]);
    for n in FM_SIZES.into_iter().filter(|&n| n <= 10_007) {
        let mut rng = Rng::for_case("fm clamp", n);
        let mut x = exact_op_inputs(&mut rng, n);
        x.retain(|v| !v.is_nan());
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        for (lo, hi) in [(-1.0, 1.5), (0.0, 0.0), (-0.0, 2.0), (f64::NEG_INFINITY, 0.5)] {
            let mut want = vec![9.0; x.len()];
            clamp::serial(&x, lo, hi, &mut want);
            for c in fm_cases!(clamp: F) {
                let mut got = vec![9.0; x.len()];
                c.run(|f| f(&x, lo, hi, &mut got));
                assert_all_f64(&c.label(&format!("n={n} clamp({lo}, {hi})")), &got, &want);
            }
        }
        let mut want = vec![9.0; x.len()];
        clamp_f32::serial(&x32, &mut want);
        for c in fm_cases!(clamp_f32: G) {
            let mut got = vec![9.0; x.len()];
            c.run(|f| f(&x32, &mut got));
            assert_all_f32(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

/// std: "Returns NaN if self is NaN." Writing `clamp` as `max(lo)` then `min(hi)` would turn NaN
/// into `lo`; the lanes must keep it, as std does.
#[test]
fn clamp_of_nan_is_nan() {
    type F = fn(&[f64], f64, f64, &mut [f64]);
    type G = fn(&[f32], &mut [f32]);
    let x = [f64::NAN, 0.5, f64::NAN];
    let mut want = [0.0; 3];
    clamp::serial(&x, -1.0, 1.5, &mut want);
    assert!(want[0].is_nan() && want[2].is_nan());
    for c in fm_cases!(clamp: F) {
        let mut got = [0.0; 3];
        c.run(|f| f(&x, -1.0, 1.5, &mut got));
        assert_all_f64(&c.label(""), &got, &want);
    }
    for c in fm_cases!(clamp_f32: G) {
        let mut got = [0.0; 3];
        c.run(|f| f(&[f32::NAN, 0.5, f32::NAN], &mut got));
        assert!(got[0].is_nan() && got[1] == 0.5 && got[2].is_nan(), "{}: {got:?}", c.label(""));
    }
}

#[kernel(parallel, fastmath)]
pub fn mul_add(x: &[f64], y: &[f64], z: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].mul_add(y[i], z[i]);
    }
}

/// std's `mul_add` rounds once. kernelize's clones with FMA (AVX2, AVX-512) use the instruction:
/// exact. The baseline clone has none and may round twice (`runtime::math`: "differs by at most
/// the error bound either way"), within one contraction ([`fma_tol_f64`]).
#[test]
fn mul_add_is_exact_with_fma_and_within_one_rounding_without() {
    type F = fn(&[f64], &[f64], &[f64], &mut [f64]);
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm mul_add", n);
        let (x, y, z) = (rng.vec_f64(n, -4.0, 4.0), rng.vec_f64(n, -4.0, 4.0), rng.vec_f64(n, -16.0, 16.0));
        let mut want = vec![0.0; n];
        mul_add::serial(&x, &y, &z, &mut want);
        for c in fm_cases!(mul_add: F) {
            let mut got = vec![0.0; n];
            c.run(|f| f(&x, &y, &z, &mut got));
            if c.level >= SimdLevel::Avx2Fma {
                assert_all_f64(&c.label(&format!("n={n}")), &got, &want);
            } else {
                for k in 0..n {
                    let what = c.label(&format!("n={n} element {k}"));
                    assert_within_f64(&what, got[k], want[k], fma_tol_f64(x[k], y[k], z[k]));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 11. Math functions per element, f64 and f32, within the ulp bounds of both libraries.

/// One column of the math kernels: the function, kernelize's documented bound in ulps, and
/// std's (glibc's `libm-test-ulps` for x86-64, round to nearest: at most 2 for every function
/// here, 4 for `f64::cbrt`; `powi` is 2 roundings for `n` = 3 and -2, at most 3 ulp).
struct MathFn {
    name: &'static str,
    lib: f64,
    std64: f64,
    std32: f64,
}

const fn mf(name: &'static str, lib: f64, std64: f64, std32: f64) -> MathFn {
    MathFn { name, lib, std64, std32 }
}

/// The columns of `math_f64` / `math_f32`. `x` and `z` are signed, `y` positive, and
/// `t = x / (1 + |x|)` lies in `(-1, 1)`.
const MATH_FNS: [MathFn; 23] = [
    mf("exp(x)", 2.0, 2.0, 2.0),
    mf("exp2(x)", 2.0, 2.0, 2.0),
    mf("exp_m1(x)", 2.0, 2.0, 2.0),
    mf("ln(y)", 2.0, 2.0, 2.0),
    mf("ln_1p(y)", 2.0, 2.0, 2.0),
    mf("log2(y)", 2.0, 2.0, 2.0),
    mf("log10(y)", 2.0, 2.0, 2.0),
    mf("sin(x)", 4.0, 2.0, 2.0),
    mf("cos(x)", 4.0, 2.0, 2.0),
    mf("tan(x)", 4.0, 2.0, 2.0),
    mf("tanh(x)", 4.0, 2.0, 2.0),
    mf("sinh(x)", 4.0, 2.0, 2.0),
    mf("cosh(x)", 4.0, 2.0, 2.0),
    mf("asin(t)", 4.0, 2.0, 2.0),
    mf("acos(t)", 4.0, 2.0, 2.0),
    mf("atan(x)", 4.0, 2.0, 2.0),
    mf("atan2(x, z)", 4.0, 2.0, 2.0),
    mf("powf(y, x)", 4.0, 2.0, 2.0),
    mf("powi(x, 3)", 4.0, 3.0, 3.0),
    mf("hypot(x, z)", 2.0, 2.0, 2.0),
    mf("cbrt(x)", 2.0, 4.0, 2.0),
    // Correctly rounded in both: exact.
    mf("sqrt(y)", 0.0, 0.0, 0.0),
    mf("powi(x, -2)", 4.0, 3.0, 3.0),
];

#[kernel(parallel, fastmath)]
pub fn math_f64(x: &[f64], y: &[f64], z: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..x.len()) {
        let t = x[i] / (1.0 + x[i].abs());
        out[[i, 0]] = x[i].exp();
        out[[i, 1]] = x[i].exp2();
        out[[i, 2]] = x[i].exp_m1();
        out[[i, 3]] = y[i].ln();
        out[[i, 4]] = y[i].ln_1p();
        out[[i, 5]] = y[i].log2();
        out[[i, 6]] = y[i].log10();
        out[[i, 7]] = x[i].sin();
        out[[i, 8]] = x[i].cos();
        out[[i, 9]] = x[i].tan();
        out[[i, 10]] = x[i].tanh();
        out[[i, 11]] = x[i].sinh();
        out[[i, 12]] = x[i].cosh();
        out[[i, 13]] = t.asin();
        out[[i, 14]] = t.acos();
        out[[i, 15]] = x[i].atan();
        out[[i, 16]] = x[i].atan2(z[i]);
        out[[i, 17]] = y[i].powf(x[i]);
        out[[i, 18]] = x[i].powi(3);
        out[[i, 19]] = x[i].hypot(z[i]);
        out[[i, 20]] = x[i].cbrt();
        out[[i, 21]] = y[i].sqrt();
        out[[i, 22]] = x[i].powi(-2);
    }
}

#[kernel(parallel, fastmath)]
pub fn math_f32(x: &[f32], y: &[f32], z: &[f32], mut out: ArrayViewMut2<f32>) {
    for i in prange(0..x.len()) {
        let t = x[i] / (1.0 + x[i].abs());
        out[[i, 0]] = x[i].exp();
        out[[i, 1]] = x[i].exp2();
        out[[i, 2]] = x[i].exp_m1();
        out[[i, 3]] = y[i].ln();
        out[[i, 4]] = y[i].ln_1p();
        out[[i, 5]] = y[i].log2();
        out[[i, 6]] = y[i].log10();
        out[[i, 7]] = x[i].sin();
        out[[i, 8]] = x[i].cos();
        out[[i, 9]] = x[i].tan();
        out[[i, 10]] = x[i].tanh();
        out[[i, 11]] = x[i].sinh();
        out[[i, 12]] = x[i].cosh();
        out[[i, 13]] = t.asin();
        out[[i, 14]] = t.acos();
        out[[i, 15]] = x[i].atan();
        out[[i, 16]] = x[i].atan2(z[i]);
        out[[i, 17]] = y[i].powf(x[i]);
        out[[i, 18]] = x[i].powi(3);
        out[[i, 19]] = x[i].hypot(z[i]);
        out[[i, 20]] = x[i].cbrt();
        out[[i, 21]] = y[i].sqrt();
        out[[i, 22]] = x[i].powi(-2);
    }
}

/// How the inputs of a math test are drawn.
#[derive(Clone, Copy)]
enum Dist {
    /// Uniform in `[lo, hi)`.
    Lin(f64, f64),
    /// `±10^u`, `u` uniform in `[lo, hi)` (signed only for `x` and `z`).
    Log(f64, f64),
}

fn sample(rng: &mut Rng, r: Dist, signed: bool) -> f64 {
    match r {
        Dist::Lin(lo, hi) => rng.f64_in(lo, hi),
        Dist::Log(lo, hi) => {
            let m = 10f64.powf(rng.f64_in(lo, hi));
            if signed && rng.below(2) == 0 { -m } else { m }
        }
    }
}

/// `(x, y, z)` of `n` elements in one regime, with special values mixed in.
fn math_inputs(rng: &mut Rng, n: usize, xz: Dist, y: Dist) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut x: Vec<f64> = (0..n).map(|_| sample(rng, xz, true)).collect();
    let mut y: Vec<f64> = (0..n).map(|_| sample(rng, y, false)).collect();
    let mut z: Vec<f64> = (0..n).map(|_| sample(rng, xz, true)).collect();
    for v in [&mut x, &mut y, &mut z] {
        rng.sprinkle_specials(v, 50);
    }
    (x, y, z)
}

/// Whether std's result at `x` is within its ulp bound for column `name`. std's `powi(x, -2)` is
/// `1 / (x * x)`: where `x * x` overflows it gives 0 although the exact result is a subnormal
/// number (kernelize computes it: `x = 1.56e155` gives `4.1e-311`), and where `x * x` is
/// subnormal its few bits make the quotient many ulp off. Those inputs are left out.
fn std_reliable(name: &str, x: f64, min_positive: f64, max: f64) -> bool {
    let sq = x * x;
    name != "powi(x, -2)" || !(sq > max || (sq > 0.0 && sq < min_positive))
}

/// The sizes of the math tests: every tail length, then enough for the parallel chunks.
const MATH_SIZES: [usize; 19] = [1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 19, 31, 32, 33, 35, 67, 2000];

/// The f64 input regimes: `x`, `z` and `y` ranges (see [`math_inputs`]).
const REGIMES_F64: [(&str, Dist, Dist); 4] = [
    ("small", Dist::Lin(-3.0, 3.0), Dist::Lin(0.0, 8.0)),
    ("wide", Dist::Lin(-750.0, 750.0), Dist::Log(-300.0, 300.0)),
    ("huge", Dist::Log(5.0, 308.0), Dist::Log(-308.0, 308.0)),
    // Subnormals included.
    ("tiny", Dist::Log(-323.0, -5.0), Dist::Log(-323.0, -5.0)),
];

/// `math_f64` against serial in one regime, on the columns `cols` selects.
fn check_math_f64(regime: usize, cols: impl Fn(&str) -> bool) {
    type F = fn(&[f64], &[f64], &[f64], ArrayViewMut2<f64>);
    let (regime, xz, yr) = REGIMES_F64[regime];
    for n in MATH_SIZES {
        let mut rng = Rng::for_case(&format!("fm math_f64 {regime}"), n);
        let (x, y, z) = math_inputs(&mut rng, n, xz, yr);
        let mut want = Array2::from_elem((n, MATH_FNS.len()), 7.0);
        math_f64::serial(&x, &y, &z, want.view_mut());
        let args = |k: usize| format!("x = {:e}, y = {:e}, z = {:e}", x[k], y[k], z[k]);
        for c in fm_cases!(math_f64: F) {
            let mut got = Array2::from_elem((n, MATH_FNS.len()), 7.0);
            c.run(|f| f(&x, &y, &z, got.view_mut()));
            for (col, m) in MATH_FNS.iter().enumerate().filter(|(_, m)| cols(m.name)) {
                let ok = |&k: &usize| std_reliable(m.name, x[k], f64::MIN_POSITIVE, f64::MAX);
                let keep: Vec<usize> = (0..n).filter(ok).collect();
                let g: Vec<f64> = keep.iter().map(|&k| got[[k, col]]).collect();
                let w: Vec<f64> = keep.iter().map(|&k| want[[k, col]]).collect();
                let args = |j: usize| args(keep[j]);
                let what = c.label(&format!("{regime} n={n} {}", m.name));
                assert_ulps_f64(&what, &args, &g, &w, m.lib + m.std64);
            }
        }
    }
}

#[test]
fn math_f64_is_within_the_ulp_bounds_of_serial_small() {
    check_math_f64(0, |_| true);
}

#[test]
fn math_f64_is_within_the_ulp_bounds_of_serial_wide() {
    check_math_f64(1, |_| true);
}

#[test]
fn math_f64_is_within_the_ulp_bounds_of_serial_huge() {
    check_math_f64(2, |_| true);
}

/// Includes `atan2` of a subnormal `y` without FMA, which an early version of the library got
/// wrong by 6e5 ulp (`atan2(4.1124560483e-314, 1.0874747057287121e-237)`).
#[test]
fn math_f64_is_within_the_ulp_bounds_of_serial_tiny() {
    check_math_f64(3, |_| true);
}

#[test]
fn math_f32_is_within_the_ulp_bounds_of_serial() {
    type F = fn(&[f32], &[f32], &[f32], ArrayViewMut2<f32>);
    let regimes = [
        ("small", Dist::Lin(-3.0, 3.0), Dist::Lin(0.0, 8.0)),
        ("wide", Dist::Lin(-100.0, 100.0), Dist::Log(-37.0, 38.0)),
        ("huge", Dist::Log(3.0, 38.0), Dist::Log(-38.0, 38.0)),
        ("tiny", Dist::Log(-45.0, -3.0), Dist::Log(-45.0, -3.0)),
    ];
    for (regime, xz, yr) in regimes {
        for n in MATH_SIZES {
            let mut rng = Rng::for_case(&format!("fm math_f32 {regime}"), n);
            let (x, y, z) = math_inputs(&mut rng, n, xz, yr);
            let to32 = |v: Vec<f64>| -> Vec<f32> { v.into_iter().map(|a| a as f32).collect() };
            let (x, y, z) = (to32(x), to32(y), to32(z));
            let mut want = Array2::from_elem((n, MATH_FNS.len()), 7.0f32);
            math_f32::serial(&x, &y, &z, want.view_mut());
            let args = |k: usize| format!("x = {:e}, y = {:e}, z = {:e}", x[k], y[k], z[k]);
            for c in fm_cases!(math_f32: F) {
                let mut got = Array2::from_elem((n, MATH_FNS.len()), 7.0f32);
                c.run(|f| f(&x, &y, &z, got.view_mut()));
                for (col, m) in MATH_FNS.iter().enumerate() {
                    let min = f64::from(f32::MIN_POSITIVE);
                    // `x * x` in f64 is exact for an f32 `x`: compared with f32's limits.
                    let ok = |&k: &usize| std_reliable(m.name, f64::from(x[k]), min, f64::from(f32::MAX));
                    let keep: Vec<usize> = (0..n).filter(ok).collect();
                    let g: Vec<f32> = keep.iter().map(|&k| got[[k, col]]).collect();
                    let w: Vec<f32> = keep.iter().map(|&k| want[[k, col]]).collect();
                    let args = |j: usize| args(keep[j]);
                    let what = c.label(&format!("{regime} n={n} {}", m.name));
                    assert_ulps_f32(&what, &args, &g, &w, m.lib + m.std32);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 12. A `match` on a varying value; a loop the back end does not vectorize; every REPORT.

/// A `match` on a value that differs between iterations: each arm under its lane mask.
#[kernel(parallel, fastmath)]
pub fn classify(v: &[i64], out: &mut [i64]) {
    for i in prange(0..v.len()) {
        out[i] = match v[i] % 3 {
            0 => 10,
            1 | -1 => 20 + v[i],
            _ => -30,
        };
    }
}

#[test]
fn classify_match_on_a_varying_value_is_exact() {
    type F = fn(&[i64], &mut [i64]);
    for n in FM_SIZES {
        let v = Rng::for_case("fm classify", n).vec_i64(n, -1000, 1000);
        let mut want = vec![0; n];
        classify::serial(&v, &mut want);
        for c in fm_cases!(classify: F) {
            let mut got = vec![0; n];
            c.run(|f| f(&v, &mut got));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

/// A serial `for` with `.rev()` over a range whose end differs between iterations: the back
/// end does not vectorize it (REPORT says why) and runs the loop's serial code in every clone.
#[kernel(parallel, fastmath)]
pub fn countdown(v: &[u32], out: &mut [u64]) {
    for i in prange(0..v.len()) {
        let mut acc: u64 = 0;
        for j in (0..v[i] % 9).rev() {
            acc = acc * 10 + j as u64;
        }
        out[i] = acc;
    }
}

#[test]
fn countdown_is_not_vectorized_and_still_exact() {
    type F = fn(&[u32], &mut [u64]);
    let report = countdown::REPORT;
    assert!(
        report.contains(
            "fastmath: AVX-512: scalar code (the AVX2 clone's); AVX2+FMA: scalar code; baseline: scalar code"
        ),
        "{report}"
    );
    assert!(report.contains("not possible: lanes across i: a serial `for` loop with `.rev()`"), "{report}");
    for n in FM_SIZES {
        let mut rng = Rng::for_case("fm countdown", n);
        let v: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let mut want = vec![0; n];
        countdown::serial(&v, &mut want);
        assert!(n < 100 || want.contains(&76_543_210), "some lanes run all 9 trips");
        for c in fm_cases!(countdown: F) {
            let mut got = vec![0; n];
            c.run(|f| f(&v, &mut got));
            assert_all_eq(&c.label(&format!("n={n}")), &got, &want);
        }
    }
}

/// Every kernel above but `countdown`, with the sizes its vectorized dimension is tested at.
fn kernels() -> Vec<(&'static str, &'static str, Vec<usize>)> {
    let fm = FM_SIZES.to_vec();
    let cols: Vec<usize> = FM_SHAPES.iter().map(|s| s.1).collect();
    let rows_and_cols: Vec<usize> = FM_SHAPES.iter().flat_map(|s| [s.0, s.1]).collect();
    vec![
        ("axpy", axpy::REPORT, fm.clone()),
        ("axpy_f32", axpy_f32::REPORT, fm.clone()),
        ("go_fast", go_fast::REPORT, fm.clone()),
        ("float_sums", float_sums::REPORT, fm.clone()),
        ("int_reds", int_reds::REPORT, fm.clone()),
        ("bool_reds", bool_reds::REPORT, fm.clone()),
        ("min_max", min_max::REPORT, fm.clone()),
        ("cond_sum", cond_sum::REPORT, fm.clone()),
        ("cond_sum_stmt", cond_sum_stmt::REPORT, fm.clone()),
        ("tail_if_store", tail_if_store::REPORT, fm.clone()),
        ("collatz", collatz::REPORT, LOOP_SIZES.to_vec()),
        ("mandel", mandel::REPORT, LOOP_SIZES.to_vec()),
        ("digits", digits::REPORT, fm.clone()),
        ("skip_negative", skip_negative::REPORT, fm.clone()),
        ("ragged", ragged::REPORT, fm.clone()),
        // Interior loops over `1..n - 1`: `n - 2` iterations.
        ("stencil2", stencil2::REPORT, stencil_sizes().map(|n| n.saturating_sub(2)).collect()),
        ("stencil_w", stencil_w::REPORT, stencil_sizes().map(|n| n.saturating_sub(2)).collect()),
        ("stencil_int", stencil_int::REPORT, stencil_sizes().map(|n| n.saturating_sub(2)).collect()),
        ("gather", gather::REPORT, fm.clone()),
        ("masked_store", masked_store::REPORT, fm.clone()),
        ("ew2d", ew2d::REPORT, cols.clone()),
        ("relax2d", relax2d::REPORT, cols),
        ("tail_match_store", tail_match_store::REPORT, fm.clone()),
        ("matvec", matvec::REPORT, rows_and_cols),
        ("casts", casts::REPORT, fm.clone()),
        ("exact_ops", exact_ops::REPORT, fm.clone()),
        ("exact_ops_f32", exact_ops_f32::REPORT, fm.clone()),
        ("clamp", clamp::REPORT, fm.clone()),
        ("clamp_f32", clamp_f32::REPORT, fm.clone()),
        ("mul_add", mul_add::REPORT, fm.clone()),
        ("math_f64", math_f64::REPORT, MATH_SIZES.to_vec()),
        ("math_f32", math_f32::REPORT, MATH_SIZES.to_vec()),
        ("classify", classify::REPORT, fm),
    ]
}

/// Every loop of every kernel that runs in lanes is tested at `W - 1`, `W`, `W + 1` and
/// `2W + 3` iterations for each of its lane counts `W` (the tail empty, full and one lane wide,
/// and more than one full vector before a tail). Loops the cost model leaves to the scalar code
/// (which LLVM's loop vectorizer vectorizes where it can) have no lane count of kernelize's.
#[test]
fn every_kernel_is_tested_around_its_lane_counts() {
    let mut with_lanes = 0;
    for (name, report, sizes) in kernels() {
        let lanes = vectorized_lanes(name, report);
        with_lanes += usize::from(!lanes.is_empty());
        for w in lanes {
            for n in [w - 1, w, w + 1, 2 * w + 3] {
                assert!(sizes.contains(&n), "{name}: {w} lanes, but never run at {n} iterations:\n{report}");
            }
        }
    }
    assert!(with_lanes >= 15, "the kernels above exercise the lanes: only {with_lanes} run in them");
}

/// The lane counts the back end chooses: one vector register per varying value for
/// straight-line code (f64: 8/4/2 on AVX-512, AVX2, baseline; f32 twice those), four for varying
/// control flow (32/16/8) and for cheap reductions (add latency). An element-wise loop LLVM
/// vectorizes by itself (no reduction, no math-library call, contiguous accesses: `axpy`, the
/// second loop of `go_fast`) runs the scalar code, in every clone.
#[test]
fn lane_counts_follow_the_element_type_and_the_control_flow() {
    assert_eq!(vectorized_lanes("go_fast", go_fast::REPORT), [8, 4, 2], "the tanh loop; then an element-wise one");
    assert!(
        go_fast::REPORT
            .contains("AVX-512: scalar code (the AVX2 clone's); AVX2+FMA: scalar code; baseline: scalar code")
    );
    assert_eq!(vectorized_lanes("axpy", axpy::REPORT), [] as [usize; 0], "{}", axpy::REPORT);
    assert_eq!(vectorized_lanes("axpy_f32", axpy_f32::REPORT), [] as [usize; 0]);
    // Cheap float sums: four vectors each; both are memory-bound (`abs` costs one unit, as an
    // addition does) and run the AVX2 code on AVX-512 CPUs: 4 x 4 f64 lanes, 4 x 8 f32 lanes.
    assert_eq!(vectorized_lanes("float_sums", float_sums::REPORT), [16, 16, 8, 32, 32, 16]);
    assert!(float_sums::REPORT.contains("(the AVX2 code: memory-bound)"), "{}", float_sums::REPORT);
    // The baseline clone (SSE2: 2 lanes, no FMA, masks by and/andnot/or) runs the escape loop
    // as scalar code: the cost model estimates its lanes above 80% of the scalar code's cost.
    assert_eq!(vectorized_lanes("mandel", mandel::REPORT), [32, 16]);
    assert!(mandel::REPORT.contains("baseline: scalar code"), "{}", mandel::REPORT);
    assert!(mandel::REPORT.contains("masks for `while`") || mandel::REPORT.contains("`while`"), "{}", mandel::REPORT);
    // `x[idx[i]]` lane by lane costs more than the scalar code: no lanes.
    assert!(gather::REPORT.contains("AVX-512: scalar code"), "{}", gather::REPORT);
    assert!(go_fast::REPORT.contains("reductions keep partial lanes"), "{}", go_fast::REPORT);
}
