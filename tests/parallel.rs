//! Equivalence and determinism of the `parallel` variant (issue 3).
//!
//! Every kernel here has `#[kernel(parallel)]`, and `name::serial` is the reference:
//!
//! - outputs written element by element are bit-identical to `serial` (each chunk runs the
//!   serial code of its iterations, so each element gets the same operations in the same order);
//! - integer and bitwise reductions, and float `max`/`min`, equal `serial` exactly (the
//!   operators are associative and commutative on these values);
//! - float sums and products are combined per chunk, a different order than `serial`'s, so they
//!   agree within the bound of two summation orders (`assert_sum_close_f64` in `common`:
//!   `|parallel - serial| <= 2 n EPSILON sum|term|`);
//! - every reduction is bitwise identical across runs and across pools of 1, 2 and 8 threads
//!   (chunk boundaries depend on the loop length only, partials are combined in chunk order).
//!
//! No timing is checked here; the benches do that.

// The reference computations index on purpose: they are the kernels' loops, minus kernelize.
#![allow(clippy::needless_range_loop, clippy::manual_memcpy, clippy::float_cmp)]

mod common;

use common::{
    Rng, SHAPES, SIZES, assert_all_eq, assert_all_f32, assert_all_f64, assert_f64, assert_product_close_f64,
    assert_sum_close_f32, assert_sum_close_f64,
};
use kernelize::ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, s};
use kernelize::parallel::{MIN_WORK, chunk_len, min_work, num_threads, with_threads};
use kernelize::{kernel, prange};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// `[("name::parallel", name::parallel), ("name", name)]`: the variant under test and the
/// dispatching function (which runs `parallel` unless `KERNELIZE_TARGET` forces another).
macro_rules! par_variants {
    ($k:ident : $t:ty) => {
        [(concat!(stringify!($k), "::parallel"), $k::parallel as $t), (stringify!($k), $k as $t)]
    };
}

/// The sizes of the determinism checks; `BIG` only for a few cheap kernels.
const DET_SIZES: [usize; 2] = [1000, 100_003];
const BIG: usize = 1_000_003;

// ---------------------------------------------------------------------------------------------
// Determinism: results as bits, compared across runs and pools.

/// A value's exact bits, for bitwise comparison of results of any shape.
trait Bits {
    fn bits(&self, out: &mut Vec<u64>);
}

impl Bits for f64 {
    fn bits(&self, out: &mut Vec<u64>) {
        out.push(self.to_bits());
    }
}

impl Bits for f32 {
    fn bits(&self, out: &mut Vec<u64>) {
        out.push(u64::from(self.to_bits()));
    }
}

macro_rules! bits_int {
    ($($t:ty)*) => {$(
        impl Bits for $t {
            fn bits(&self, out: &mut Vec<u64>) {
                out.push(*self as u64);
            }
        }
    )*};
}
bits_int!(u64 i64 u32 i32 usize bool);

impl<T: Bits> Bits for Vec<T> {
    fn bits(&self, out: &mut Vec<u64>) {
        out.push(self.len() as u64);
        self.iter().for_each(|x| x.bits(out));
    }
}

impl<T: Bits> Bits for Array2<T> {
    fn bits(&self, out: &mut Vec<u64>) {
        out.push(self.nrows() as u64);
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

impl<A: Bits, B: Bits, C: Bits, D: Bits> Bits for (A, B, C, D) {
    fn bits(&self, out: &mut Vec<u64>) {
        self.0.bits(out);
        self.1.bits(out);
        self.2.bits(out);
        self.3.bits(out);
    }
}

fn bits_of<R: Bits>(r: &R) -> Vec<u64> {
    let mut v = Vec::new();
    r.bits(&mut v);
    v
}

/// `run` (a call of a `parallel` variant) gives bitwise the same result 5 times on the default
/// pool, and on pools of 1, 2 and 8 threads. With `dispatch`, the dispatching function gives
/// the same bits too (unless `KERNELIZE_TARGET` forces another target).
#[track_caller]
fn assert_deterministic<R: Bits + Send>(
    what: &str,
    run: impl Fn() -> R + Sync,
    dispatch: Option<&(dyn Fn() -> R + Sync)>,
) {
    let first = bits_of(&run());
    for k in 1..5 {
        assert!(bits_of(&run()) == first, "{what}: run {k} on the default pool differs from run 0");
    }
    for t in [1, 2, 8] {
        let got = with_threads(t, || bits_of(&run()));
        assert!(got == first, "{what}: with_threads({t}) differs from the default pool ({} threads)", num_threads());
    }
    if let Some(d) = dispatch
        && kernelize::forced_target().ok().flatten().is_none()
    {
        assert!(bits_of(&d()) == first, "{what}: the dispatching function differs from ::parallel");
    }
}

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    if let Some(s) = err.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = err.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        String::from("<not a string>")
    }
}

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

/// Shapes with about 1000 and 100k elements, for the determinism checks of 2-D kernels.
const DET_SHAPES: [(usize, usize); 3] = [(40, 25), (317, 316), (1000, 3)];

// ---------------------------------------------------------------------------------------------
// 1. The seed kernel: a tanh reduction, then an element-wise loop that reads it.

#[kernel(parallel)]
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

#[test]
fn go_fast_matches_serial() {
    type F = fn(&[f64], &mut [f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("par go_fast", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        let t_want = go_fast::serial(&a, &mut want);
        let abs_sum: f64 = a.iter().map(|x| x.tanh().abs()).sum();
        for (v, f) in par_variants!(go_fast: F) {
            let mut got = init.clone();
            let t = f(&a, &mut got);
            assert_sum_close_f64(&format!("{v} n={n} trace"), t, t_want, n, abs_sum);
            // The second loop adds the trace this variant found: element-wise, exactly.
            let with_t: Vec<f64> = a.iter().map(|x| x + t).collect();
            assert_all_f64(&format!("{v} n={n} out"), &got, &with_t);
            if t.to_bits() == t_want.to_bits() {
                assert_all_f64(&format!("{v} n={n} out vs serial"), &got, &want);
            }
        }
    }
    assert!(go_fast::REPORT.contains("reduction"), "{}", go_fast::REPORT);
}

#[test]
fn go_fast_is_deterministic() {
    for n in DET_SIZES {
        let a = Rng::for_case("par go_fast det", n).vec_f64(n, -3.0, 3.0);
        let run = || {
            let mut out = vec![0.0; n];
            let t = go_fast::parallel(&a, &mut out);
            (t, out)
        };
        let dispatch = || {
            let mut out = vec![0.0; n];
            let t = go_fast(&a, &mut out);
            (t, out)
        };
        assert_deterministic(&format!("go_fast n={n}"), run, Some(&dispatch));
    }
}

// ---------------------------------------------------------------------------------------------
// 2, 3. Element-wise maps with many math functions, f64 and f32.

#[kernel(parallel)]
pub fn math_map(a: &[f64], b: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = b[i];
        let t1 = x.exp() + y.ln_1p() + x.abs().sqrt() * x.sin() + x.atan2(y) + x.powi(3);
        let t2 = x.mul_add(y, 1.0).clamp(-2.0, 2.0) + x.cbrt() - x.exp2() * 0.125 + x.exp_m1();
        let t3 = y.ln() + y.log2() * y.log10() + x.cos() * x.tan() + x.sinh() - x.cosh() + x.tanh();
        let t4 = (x * 0.25).asin() + (x * 0.25).acos() + x.atan() + y.powf(x) + x.hypot(y);
        let t5 = x.floor() + x.ceil() * x.round() - x.trunc() + x.signum() + y.recip();
        let t6 = x.min(y).max(-1.0) * std::f64::consts::PI + std::f64::consts::LN_2;
        out[i] = t1 + t2 + t3 + t4 + t5 + t6;
    }
}

#[kernel(parallel)]
pub fn math_map_f32(a: &[f32], b: &[f32], out: &mut [f32]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = b[i];
        let t1 = x.cbrt() + x.exp2() - x.exp_m1() + x.exp();
        let t2 = y.ln() + y.log2() * y.log10() + y.ln_1p();
        let t3 = x.cos() * x.tan() + x.sinh() - x.cosh() + x.tanh() + x.sin();
        let t4 = (x * 0.25).asin() + (x * 0.25).acos() + x.atan() + x.atan2(y);
        let t5 = y.powf(x) + x.hypot(y) + x.powi(2) + x.mul_add(y, 0.5) + y.sqrt();
        let t6 = x.floor() + x.ceil() * x.round() - x.trunc() + x.signum() + y.recip();
        let t7 = x.min(y).max(-1.0) * std::f32::consts::PI + std::f32::consts::E + x.abs().clamp(0.1, 2.0);
        out[i] = t1 + t2 + t3 + t4 + t5 + t6 + t7;
    }
}

#[test]
fn math_maps_match_serial() {
    type F = fn(&[f64], &[f64], &mut [f64]);
    type G = fn(&[f32], &[f32], &mut [f32]);
    for n in SIZES {
        let mut rng = Rng::for_case("par math_map", n);
        let mut a = rng.vec_f64(n, -3.0, 3.0);
        rng.sprinkle_specials(&mut a, 50);
        let b = rng.vec_f64(n, -0.5, 4.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        math_map::serial(&a, &b, &mut want);
        for (v, f) in par_variants!(math_map: F) {
            let mut got = init.clone();
            f(&a, &b, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }

        let (x, y) = (rng.vec_f32(n, -3.0, 3.0), rng.vec_f32(n, 0.5, 4.0));
        let init = rng.vec_f32(n, -1.0, 1.0);
        let mut want = init.clone();
        math_map_f32::serial(&x, &y, &mut want);
        for (v, f) in par_variants!(math_map_f32: G) {
            let mut got = init.clone();
            f(&x, &y, &mut got);
            assert_all_f32(&format!("{v} n={n}"), &got, &want);
        }
        if n == 100_003 {
            let got = with_threads(8, || {
                let mut got = init.clone();
                math_map_f32::parallel(&x, &y, &mut got);
                got
            });
            assert_all_f32(&format!("with_threads(8) n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. A 3-point stencil over the interior; the edges of `out` stay as they were.

#[kernel(parallel)]
pub fn stencil3(a: &[f64], out: &mut [f64], w: f64) {
    let n = a.len();
    if n == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        out[i] = (a[i - 1] + w * a[i] + a[i + 1]) / 3.0;
    }
}

#[test]
fn stencil3_matches_serial() {
    type F = fn(&[f64], &mut [f64], f64);
    for n in SIZES {
        let mut rng = Rng::for_case("par stencil3", n);
        let a = rng.vec_f64(n, -5.0, 5.0);
        let w = rng.f64_in(0.5, 2.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        stencil3::serial(&a, &mut want, w);
        for (v, f) in par_variants!(stencil3: F) {
            let mut got = init.clone();
            f(&a, &mut got, w);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
            if n >= 2 {
                assert_eq!((got[0], got[n - 1]), (init[0], init[n - 1]), "{v} n={n}: the edges are kept");
            }
        }
    }
}

#[test]
#[should_panic(expected = "the prange loop over 1..9 writes `out`, but `out` has only 5 elements along that axis")]
fn stencil3_parallel_with_a_short_out_panics_naming_it() {
    let a = [1.0; 10];
    let mut out = [0.0; 5];
    stencil3::parallel(&a, &mut out, 1.0);
}

#[test]
fn stencil3_short_out_panics_before_any_write_at_every_size() {
    for n in [10, 100_003] {
        let a = vec![1.0; n];
        let mut out = vec![7.0; n - 2];
        let msg = panic_message(|| stencil3::parallel(&a, &mut out, 1.0));
        let want = format!(
            "the prange loop over 1..{} writes `out`, but `out` has only {} elements along that axis",
            n - 1,
            n - 2
        );
        assert_eq!(msg, want, "n={n}");
        assert!(out.iter().all(|&x| x == 7.0), "n={n}: nothing is written before the check");
        // The dispatching function runs the same check.
        if kernelize::forced_target().ok().flatten().is_none() {
            assert_eq!(panic_message(|| stencil3(&a, &mut out, 1.0)), want, "n={n} dispatch");
        }
    }
}

// A read-only array that is too short panics as in `serial` (the hoisted window check).
#[kernel(parallel)]
pub fn forward_diff(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i + 2] - 2.0 * a[i + 1] + a[i];
    }
}

#[test]
#[should_panic(
    expected = "index out of bounds: the prange loop over i in 0..8 accesses `a[i + 2]`, which for i = 7 is outside `a` (len 9)"
)]
fn forward_diff_parallel_with_a_short_input_panics_naming_it() {
    let a = [1.0; 9];
    let mut out = [0.0; 8];
    forward_diff::parallel(&a, &mut out);
}

#[test]
fn forward_diff_short_input_panics_like_serial_at_every_size() {
    for n in [8, 100_003] {
        let a = vec![1.0; n + 1];
        let mut out = vec![7.0; n];
        let want = panic_message(|| forward_diff::serial(&a, &mut out));
        assert!(
            want.contains(&format!("accesses `a[i + 2]`, which for i = {} is outside `a` (len {})", n - 1, n + 1)),
            "{want}"
        );
        assert_eq!(panic_message(|| forward_diff::parallel(&a, &mut out)), want, "n={n}");
        assert!(out.iter().all(|&x| x == 7.0), "n={n}: nothing is written before the check");
        let a = vec![1.5; n + 2];
        let mut want = vec![0.0; n];
        forward_diff::serial(&a, &mut want);
        forward_diff::parallel(&a, &mut out);
        assert_all_f64(&format!("n={n}"), &out, &want);
    }
}

// Two written arrays, the second one short: neither is touched.
#[kernel(parallel)]
pub fn split_signs(a: &[f64], pos: &mut [f64], neg: &mut [f64]) {
    for i in prange(0..a.len()) {
        pos[i] = a[i].max(0.0);
        neg[i] = a[i].min(0.0);
    }
}

#[test]
fn split_signs_with_a_short_second_output_panics_before_writing_either() {
    for n in [9, 100_003] {
        let a = vec![-1.0; n];
        let mut pos = vec![7.0; n];
        let mut neg = vec![7.0; n - 1];
        let msg = panic_message(|| split_signs::parallel(&a, &mut pos, &mut neg));
        assert_eq!(
            msg,
            format!("the prange loop over 0..{n} writes `neg`, but `neg` has only {} elements along that axis", n - 1)
        );
        assert!(pos.iter().all(|&x| x == 7.0) && neg.iter().all(|&x| x == 7.0), "n={n}: nothing written");
        // Longer outputs are fine: only the loop's range is written.
        let mut neg = vec![7.0; n + 3];
        split_signs::parallel(&a, &mut pos, &mut neg);
        assert!(pos.iter().all(|&x| x == 0.0) && neg[..n].iter().all(|&x| x == -1.0) && neg[n..] == [7.0; 3]);
    }
}

// ---------------------------------------------------------------------------------------------
// 5. `+=` and `-=` on f64 and f32, from a non-zero start.

#[kernel(parallel)]
pub fn sum_sub(a: &[f64], b: &[f64]) -> (f64, f64) {
    let mut s = 0.5;
    let mut d = 100.0;
    for i in prange(0..a.len()) {
        s += a[i];
        d -= b[i] * a[i];
    }
    (s, d)
}

#[kernel(parallel)]
pub fn sum_sub_f32(x: &[f32]) -> (f32, f32) {
    let mut s = 0.0;
    let mut d = 0.0;
    for i in prange(0..x.len()) {
        s += x[i];
        d -= x[i] * x[i];
    }
    (s, d)
}

#[test]
fn sum_sub_matches_serial_within_the_summation_bound() {
    type F = fn(&[f64], &[f64]) -> (f64, f64);
    type G = fn(&[f32]) -> (f32, f32);
    for n in SIZES {
        let mut rng = Rng::for_case("par sum_sub", n);
        let (a, b) = (rng.vec_f64(n, -1.0, 1.0), rng.vec_f64(n, -1e3, 1e3));
        let (s, d) = sum_sub::serial(&a, &b);
        // The start values are terms too.
        let abs_s = 0.5 + a.iter().map(|x| x.abs()).sum::<f64>();
        let abs_d = 100.0 + a.iter().zip(&b).map(|(x, y)| (x * y).abs()).sum::<f64>();
        for (v, f) in par_variants!(sum_sub: F) {
            let (gs, gd) = f(&a, &b);
            assert_sum_close_f64(&format!("{v} n={n} +="), gs, s, n + 1, abs_s);
            assert_sum_close_f64(&format!("{v} n={n} -="), gd, d, n + 1, abs_d);
        }
        let x = rng.vec_f32(n, -1.0, 1.0);
        let (s, d) = sum_sub_f32::serial(&x);
        let abs_s: f32 = x.iter().map(|x| x.abs()).sum();
        let abs_d: f32 = x.iter().map(|x| x * x).sum();
        for (v, f) in par_variants!(sum_sub_f32: G) {
            let (gs, gd) = f(&x);
            assert_sum_close_f32(&format!("{v} n={n} f32 +="), gs, s, n, abs_s);
            assert_sum_close_f32(&format!("{v} n={n} f32 -="), gd, d, n, abs_d);
        }
    }
    // A loop of one chunk, with the sums starting at 0.0 (the identity): the chunk's partial
    // adds the terms in serial's order, and adding it to 0.0 is exact, so the bits match.
    // (With another start, as in `sum_sub`, the start is added last, after the partial.)
    let x: Vec<f32> = (0..4).map(|k| 0.1 * k as f32).collect();
    assert_eq!(chunk_len(x.len()), 4);
    assert_eq!(bits_of(&sum_sub_f32::parallel(&x)), bits_of(&sum_sub_f32::serial(&x)));
}

#[test]
fn sum_sub_is_deterministic() {
    for n in DET_SIZES.into_iter().chain([BIG]) {
        let mut rng = Rng::for_case("par sum_sub det", n);
        let (a, b) = (rng.vec_f64(n, -1.0, 1.0), rng.vec_f64(n, -1e3, 1e3));
        assert_deterministic(&format!("sum_sub n={n}"), || sum_sub::parallel(&a, &b), Some(&|| sum_sub(&a, &b)));
        let x = rng.vec_f32(n, -1.0, 1.0);
        assert_deterministic(&format!("sum_sub_f32 n={n}"), || sum_sub_f32::parallel(&x), Some(&|| sum_sub_f32(&x)));
    }
}

// ---------------------------------------------------------------------------------------------
// 6. `*=` on f64.

#[kernel(parallel)]
pub fn product(a: &[f64]) -> f64 {
    let mut p = 1.0;
    for i in prange(0..a.len()) {
        p *= a[i];
    }
    p
}

#[test]
fn product_matches_serial_within_the_product_bound() {
    type F = fn(&[f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("par product", n);
        // Factors near 1, so the product of 100k of them neither overflows nor underflows.
        let a = rng.vec_f64(n, 0.99, 1.01);
        let want = product::serial(&a);
        for (v, f) in par_variants!(product: F) {
            assert_product_close_f64(&format!("{v} n={n}"), f(&a), want, n);
        }
    }
    let a = Rng::for_case("par product det", 0).vec_f64(100_003, 0.99, 1.01);
    assert_deterministic("product n=100003", || product::parallel(&a), Some(&|| product(&a)));
    let a = Rng::for_case("par product det", 1).vec_f64(1000, 0.99, 1.01);
    assert_deterministic("product n=1000", || product::parallel(&a), Some(&|| product(&a)));
}

// ---------------------------------------------------------------------------------------------
// 7. Float `max` and `min`, also over NaN, infinities and signed zeros: exact.

#[kernel(parallel)]
pub fn min_max(a: &[f64]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for i in prange(0..a.len()) {
        lo = lo.min(a[i]);
        hi = hi.max(a[i]);
    }
    (lo, hi)
}

#[test]
fn min_max_matches_serial_exactly() {
    type F = fn(&[f64]) -> (f64, f64);
    for n in SIZES {
        for specials in [false, true] {
            let mut rng = Rng::for_case(if specials { "par min_max specials" } else { "par min_max" }, n);
            let mut a = rng.vec_f64(n, -1e6, 1e6);
            if specials {
                rng.sprinkle_specials(&mut a, 4);
            }
            let (lo, hi) = min_max::serial(&a);
            for (v, f) in par_variants!(min_max: F) {
                let (glo, ghi) = f(&a);
                assert_f64(&format!("{v} n={n} specials={specials} min"), glo, lo);
                assert_f64(&format!("{v} n={n} specials={specials} max"), ghi, hi);
            }
        }
    }
    let nan = vec![f64::NAN; 100_003];
    assert_eq!(bits_of(&min_max::parallel(&nan)), bits_of(&(f64::INFINITY, f64::NEG_INFINITY)));
}

/// Ties between `0.0` and `-0.0`: the extreme is a zero, both signs occur in many chunks.
#[test]
fn min_max_with_signed_zero_ties_match_serial() {
    for n in [9, 1000, 100_003] {
        let mut rng = Rng::for_case("par min_max zeros", n);
        let a: Vec<f64> = (0..n)
            .map(|_| match rng.below(3) {
                0 => 0.0,
                1 => -0.0,
                _ => -rng.f64_in(1.0, 2.0),
            })
            .collect();
        let b: Vec<f64> = a.iter().map(|x| -x).collect();
        for v in [&a, &b] {
            let want = min_max::serial(v);
            let got = min_max::parallel(v);
            assert_eq!(bits_of(&got), bits_of(&want), "n={n}: {got:?} vs serial {want:?}");
            assert_deterministic(&format!("min_max zeros n={n}"), || min_max::parallel(v), None);
        }
    }
}

#[test]
fn min_max_is_deterministic() {
    for n in DET_SIZES {
        let mut rng = Rng::for_case("par min_max det", n);
        let mut a = rng.vec_f64(n, -1e6, 1e6);
        rng.sprinkle_specials(&mut a, 10);
        assert_deterministic(&format!("min_max n={n}"), || min_max::parallel(&a), Some(&|| min_max(&a)));
    }
}

// ---------------------------------------------------------------------------------------------
// 8. Integer reductions: `+= -= *=`, `max`, `min`, on i64 and u32.

#[kernel(parallel)]
pub fn int_reds(v: &[i64], w: &[u32]) -> (i64, i64, i64, i64, i64, u32, u32, u32) {
    let mut sum: i64 = 0;
    let mut sub: i64 = 1000;
    let mut prod: i64 = 1;
    let mut hi = i64::MIN;
    let mut lo = i64::MAX;
    let mut wsum: u32 = 0;
    let mut whi: u32 = 0;
    let mut wlo = u32::MAX;
    for i in prange(0..v.len()) {
        sum += v[i];
        sub -= v[i] * 3;
        if v[i] % 1000 == 0 {
            prod *= -1;
        }
        hi = hi.max(v[i]);
        lo = lo.min(v[i]);
        wsum += w[i] % 16;
        whi = whi.max(w[i]);
        wlo = wlo.min(w[i]);
    }
    (sum, sub, prod, hi, lo, wsum, whi, wlo)
}

#[test]
fn int_reds_match_serial_exactly() {
    type F = fn(&[i64], &[u32]) -> (i64, i64, i64, i64, i64, u32, u32, u32);
    for n in SIZES {
        let mut rng = Rng::for_case("par int_reds", n);
        let v = rng.vec_i64(n, -(1 << 40), 1 << 40);
        let w: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let want = int_reds::serial(&v, &w);
        for (name, f) in par_variants!(int_reds: F) {
            assert_eq!(f(&v, &w), want, "{name} n={n}");
        }
    }
}

#[test]
fn int_reds_are_deterministic() {
    for n in DET_SIZES.into_iter().chain([BIG]) {
        let mut rng = Rng::for_case("par int_reds det", n);
        let v = rng.vec_i64(n, -(1 << 40), 1 << 40);
        let w: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let r = int_reds::parallel(&v, &w);
        let run = || {
            let r = int_reds::parallel(&v, &w);
            vec![r.0, r.1, r.2, r.3, r.4, i64::from(r.5), i64::from(r.6), i64::from(r.7)]
        };
        assert_eq!(r, int_reds::serial(&v, &w), "n={n}");
        assert_deterministic(&format!("int_reds n={n}"), run, None);
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Bit reductions `|= &= ^=` on u64 and on bool.

#[kernel(parallel)]
pub fn bits_u64(v: &[u64], mask: u64) -> (u64, u64, u64) {
    let mut or = 0;
    let mut xor = 0;
    let mut and = u64::MAX;
    for i in prange(0..v.len()) {
        or |= v[i] & !mask;
        xor ^= v[i] >> 3;
        and &= v[i] | mask;
    }
    (or, xor, and)
}

#[kernel(parallel)]
pub fn bits_bool(a: &[f64], t: f64) -> (bool, bool, bool) {
    let mut any = false;
    let mut all = true;
    let mut odd = false;
    for i in prange(0..a.len()) {
        any |= a[i] > t;
        all &= a[i] > -t;
        odd ^= a[i] < 0.0;
    }
    (any, all, odd)
}

#[test]
fn bit_reductions_match_serial_exactly() {
    type F = fn(&[u64], u64) -> (u64, u64, u64);
    type G = fn(&[f64], f64) -> (bool, bool, bool);
    for n in SIZES {
        let mut rng = Rng::for_case("par bits", n);
        let v = rng.vec_u64(n);
        // Few zero bits in the mask, so `&=` does not reach its fixed point at once.
        let mask = rng.next_u64() | rng.next_u64() | rng.next_u64() | rng.next_u64();
        let want = bits_u64::serial(&v, mask);
        for (name, f) in par_variants!(bits_u64: F) {
            assert_eq!(f(&v, mask), want, "{name} n={n}");
        }
        let a = rng.vec_f64(n, -1.0, 1.0);
        // Thresholds where `any` and `all` go either way at these sizes.
        for t in [0.5, 0.999_9, 1.0] {
            let want = bits_bool::serial(&a, t);
            for (name, f) in par_variants!(bits_bool: G) {
                assert_eq!(f(&a, t), want, "{name} n={n} t={t}");
            }
        }
    }
}

#[test]
fn bit_reductions_are_deterministic() {
    for n in DET_SIZES.into_iter().chain([BIG]) {
        let mut rng = Rng::for_case("par bits det", n);
        let v = rng.vec_u64(n);
        let mask = rng.next_u64() | rng.next_u64() | rng.next_u64() | rng.next_u64() | rng.next_u64();
        assert_deterministic(&format!("bits_u64 n={n}"), || bits_u64::parallel(&v, mask), Some(&|| bits_u64(&v, mask)));
        let a = rng.vec_f64(n, -1.0, 1.0);
        assert_deterministic(&format!("bits_bool n={n}"), || bits_bool::parallel(&a, 0.999_99), None);
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Reductions under `if` / `else if` / `else`, nested.

#[kernel(parallel)]
pub fn cond_reds(a: &[f64], k: &[i64], t: f64) -> (f64, f64, i64, u64) {
    let mut pos = 0.0;
    let mut lowest = f64::INFINITY;
    let mut evens: i64 = 0;
    let mut flags: u64 = 0;
    for i in prange(0..a.len()) {
        if a[i] > t {
            pos += a[i];
            if k[i] % 2 == 0 {
                evens += k[i];
            }
        } else if a[i] < -t {
            lowest = lowest.min(a[i] * 2.0);
        } else {
            flags |= 1 << (k[i] & 63);
        }
    }
    (pos, lowest, evens, flags)
}

#[test]
fn cond_reds_match_serial() {
    type F = fn(&[f64], &[i64], f64) -> (f64, f64, i64, u64);
    for n in SIZES {
        let mut rng = Rng::for_case("par cond_reds", n);
        let a = rng.vec_f64(n, -1.0, 1.0);
        let k = rng.vec_i64(n, -1000, 1000);
        let t = 0.3;
        let want = cond_reds::serial(&a, &k, t);
        let abs_pos: f64 = a.iter().filter(|&&x| x > t).sum();
        let taken = a.iter().filter(|&&x| x > t).count();
        for (name, f) in par_variants!(cond_reds: F) {
            let got = f(&a, &k, t);
            assert_sum_close_f64(&format!("{name} n={n} pos"), got.0, want.0, taken, abs_pos);
            assert_f64(&format!("{name} n={n} lowest"), got.1, want.1);
            assert_eq!((got.2, got.3), (want.2, want.3), "{name} n={n}");
        }
    }
}

#[test]
fn cond_reds_are_deterministic() {
    for n in DET_SIZES {
        let mut rng = Rng::for_case("par cond_reds det", n);
        let a = rng.vec_f64(n, -1.0, 1.0);
        let k = rng.vec_i64(n, -1000, 1000);
        assert_deterministic(
            &format!("cond_reds n={n}"),
            || cond_reds::parallel(&a, &k, 0.3),
            Some(&|| cond_reds(&a, &k, 0.3)),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 11. Several reductions in one loop: a count and a max together.

#[kernel(parallel)]
pub fn count_max(a: &[i64], t: i64) -> (usize, i64, u32) {
    let mut count = 0;
    let mut best = i64::MIN;
    let mut small: u32 = 0;
    for i in prange(0..a.len()) {
        if a[i] > t {
            count += 1;
            best = best.max(a[i]);
        }
        if a[i] < -t {
            small += 1;
        }
    }
    (count, best, small)
}

#[test]
fn count_max_matches_serial_exactly() {
    type F = fn(&[i64], i64) -> (usize, i64, u32);
    for n in SIZES {
        let mut rng = Rng::for_case("par count_max", n);
        let a = rng.vec_i64(n, -1_000_000, 1_000_000);
        let want = count_max::serial(&a, 500_000);
        for (name, f) in par_variants!(count_max: F) {
            assert_eq!(f(&a, 500_000), want, "{name} n={n}");
        }
    }
    for n in DET_SIZES {
        let a = Rng::for_case("par count_max det", n).vec_i64(n, -1_000_000, 1_000_000);
        assert_deterministic(
            &format!("count_max n={n}"),
            || count_max::parallel(&a, 1000),
            Some(&|| count_max(&a, 1000)),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 12. Integer prange variables: `i64` and `i32` loops, a reduction of the loop variable itself,
//     and an `i32` loop starting below zero.

#[kernel(parallel)]
pub fn index_reds(a: &[i64]) -> (i64, i32, i32, i64) {
    let n = a.len() as i64;
    let mut weighted: i64 = 0;
    for i in prange(0..n) {
        weighted += i * a[i as usize];
    }
    let m = a.len() as i32;
    let mut x: i32 = 0;
    let mut top: i32 = i32::MIN;
    let mut total: i64 = 0;
    for k in prange(-3..m) {
        x ^= k;
        top = top.max(k);
        total += k as i64;
    }
    (weighted, x, top, total)
}

#[test]
fn index_reds_match_serial_exactly() {
    type F = fn(&[i64]) -> (i64, i32, i32, i64);
    for n in SIZES {
        let a = Rng::for_case("par index_reds", n).vec_i64(n, -1000, 1000);
        let want = index_reds::serial(&a);
        // And against the loops written by hand.
        let m = n as i32;
        let hand = (
            (0..n).map(|i| i as i64 * a[i]).sum::<i64>(),
            (-3..m).fold(0, |x, k| x ^ k),
            (-3..m).max().unwrap_or(i32::MIN),
            (-3..m).map(i64::from).sum::<i64>(),
        );
        assert_eq!(want, hand, "serial n={n}");
        for (name, f) in par_variants!(index_reds: F) {
            assert_eq!(f(&a), want, "{name} n={n}");
        }
    }
    for n in DET_SIZES {
        let a = Rng::for_case("par index_reds det", n).vec_i64(n, -1000, 1000);
        assert_deterministic(&format!("index_reds n={n}"), || index_reds::parallel(&a), None);
    }
}

// ---------------------------------------------------------------------------------------------
// 13. Mandelbrot rows: a 1-D prange over rows, a serial loop over columns, an escape-time
//     `while` loop per pixel; also the total iteration count (an integer reduction).

#[kernel(parallel)]
pub fn mandel_rows(cre: &[f64], cim: &[f64], max_iter: u32, mut out: ArrayViewMut2<u32>) -> u64 {
    let mut total: u64 = 0;
    for r in prange(0..out.nrows()) {
        for c in 0..out.ncols() {
            let cr = cre[r];
            let ci = cim[c];
            let mut zr = 0.0;
            let mut zi = 0.0;
            let mut k: u32 = 0;
            while k < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            out[[r, c]] = k;
            total += k as u64;
        }
    }
    total
}

/// A 2-D collapsed prange over the pixels of the same picture, with `loop` and `break`.
#[kernel(parallel)]
pub fn mandel_grid(cre: &[f64], cim: &[f64], max_iter: u32, mut out: ArrayViewMut2<u32>) -> u32 {
    let mut deepest: u32 = 0;
    for r in prange(0..out.nrows()) {
        for c in prange(0..out.ncols()) {
            let cr = cre[r];
            let ci = cim[c];
            let mut zr = 0.0;
            let mut zi = 0.0;
            let mut k: u32 = 0;
            loop {
                if k >= max_iter || zr * zr + zi * zi > 4.0 {
                    break;
                }
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            out[[r, c]] = k;
            deepest = deepest.max(k);
        }
    }
    deepest
}

#[test]
fn mandelbrot_matches_serial_on_random_pictures() {
    type F = fn(&[f64], &[f64], u32, ArrayViewMut2<u32>) -> u64;
    type G = fn(&[f64], &[f64], u32, ArrayViewMut2<u32>) -> u32;
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("par mandel", rows * 1000 + cols);
        let (cre, cim) = (rng.vec_f64(rows.max(cols), -2.0, 0.6), rng.vec_f64(rows.max(cols), -1.2, 1.2));
        let init = Array2::<u32>::from_shape_fn((rows, cols), |_| rng.next_u64() as u32);
        let mut want = init.clone();
        let t_want = mandel_rows::serial(&cre, &cim, 80, want.view_mut());
        let mut want_g = init.clone();
        let d_want = mandel_grid::serial(&cre, &cim, 80, want_g.view_mut());
        assert_eq!(want, want_g, "{rows}x{cols}: the two serial kernels agree");
        for (v, f) in par_variants!(mandel_rows: F) {
            let mut got = init.clone();
            assert_eq!(f(&cre, &cim, 80, got.view_mut()), t_want, "{v} {rows}x{cols}");
            assert_eq!(got, want, "{v} {rows}x{cols}");
        }
        for (v, f) in par_variants!(mandel_grid: G) {
            let mut got = init.clone();
            assert_eq!(f(&cre, &cim, 80, got.view_mut()), d_want, "{v} {rows}x{cols}");
            assert_eq!(got, want, "{v} {rows}x{cols}");
        }
        // Strided outputs: transposed, and every other row of a taller array.
        let init_t = Array2::<u32>::from_elem((cols, rows), 5);
        let mut want_t = init_t.clone();
        mandel_rows::serial(&cre, &cim, 80, want_t.view_mut().reversed_axes());
        let mut got_t = init_t.clone();
        mandel_rows::parallel(&cre, &cim, 80, got_t.view_mut().reversed_axes());
        assert_eq!(got_t, want_t, "{rows}x{cols} transposed out");
        let mut got_t = init_t.clone();
        mandel_grid::parallel(&cre, &cim, 80, got_t.view_mut().reversed_axes());
        assert_eq!(got_t, want_t, "{rows}x{cols} grid, transposed out");
        let init_s = Array2::<u32>::from_elem((2 * rows, cols), 5);
        let mut want_s = init_s.clone();
        mandel_rows::serial(&cre, &cim, 80, want_s.slice_mut(s![..;2, ..]));
        let mut got_s = init_s.clone();
        mandel_grid::parallel(&cre, &cim, 80, got_s.slice_mut(s![..;2, ..]));
        assert_eq!(got_s, want_s, "{rows}x{cols} grid, every other row");
    }
}

/// Very uneven work: the left half of the picture escapes at once (`|c| > 2`), the right half
/// lies in the disk `|c| < 1/4` inside the main cardioid and runs every pixel to the cap. The
/// kernel's rows are the picture's columns (it writes the transposed view), so the first half of
/// the prange loop's chunks is nearly free and the second half is all the work.
#[test]
fn mandelbrot_rows_with_uneven_work_match_serial() {
    let (width, height, cap) = (64, 24, 1500);
    let cre: Vec<f64> = (0..width)
        .map(
            |x| if x < width / 2 { 2.5 + x as f64 * 0.01 } else { -0.15 + 0.3 * (x - width / 2) as f64 / width as f64 },
        )
        .collect();
    let cim: Vec<f64> = (0..height).map(|y| -0.1 + 0.2 * y as f64 / height as f64).collect();
    let mut want = Array2::<u32>::zeros((height, width));
    let t_want = mandel_rows::serial(&cre, &cim, cap, want.view_mut().reversed_axes());
    assert!(want.slice(s![.., ..width / 2]).iter().all(|&k| k == 1), "left half escapes at once");
    assert!(want.slice(s![.., width / 2..]).iter().all(|&k| k == cap), "right half runs to the cap");
    assert_eq!(t_want, (height * width / 2) as u64 * (u64::from(cap) + 1));
    let run = || {
        let mut img = Array2::<u32>::zeros((height, width));
        let t = mandel_rows::parallel(&cre, &cim, cap, img.view_mut().reversed_axes());
        (t, img)
    };
    let (t, img) = run();
    assert_eq!(t, t_want);
    assert_eq!(img, want);
    for threads in [1, 2, 8] {
        let (t, img) = with_threads(threads, run);
        assert_eq!((t, &img), (t_want, &want), "with_threads({threads})");
    }
    // The same picture through the collapsed 2-D loop.
    let mut got = Array2::<u32>::zeros((height, width));
    assert_eq!(mandel_grid::parallel(&cre, &cim, cap, got.view_mut().reversed_axes()), cap);
    assert_eq!(got, want, "mandel_grid");
    let got = with_threads(8, || {
        let mut got = Array2::<u32>::zeros((height, width));
        mandel_grid::parallel(&cre, &cim, cap, got.view_mut().reversed_axes());
        got
    });
    assert_eq!(got, want, "mandel_grid with_threads(8)");
}

#[test]
fn mandelbrot_reductions_are_deterministic() {
    for (rows, cols) in [(40, 25), (317, 316)] {
        let mut rng = Rng::for_case("par mandel det", rows * 1000 + cols);
        // Mostly outside the set, so 100k pixels stay cheap in a debug build.
        let (cre, cim) = (rng.vec_f64(rows, -2.5, 1.0), rng.vec_f64(cols, -1.5, 1.5));
        let run = || {
            let mut o = Array2::<u32>::zeros((rows, cols));
            (mandel_rows::parallel(&cre, &cim, 40, o.view_mut()), o)
        };
        assert_deterministic(&format!("mandel_rows {rows}x{cols}"), run, None);
        let run = || {
            let mut o = Array2::<u32>::zeros((rows, cols));
            (mandel_grid::parallel(&cre, &cim, 40, o.view_mut()), o)
        };
        assert_deterministic(&format!("mandel_grid {rows}x{cols}"), run, None);
    }
}

// ---------------------------------------------------------------------------------------------
// 14. Matrix-vector product and row norms: a 1-D prange over rows, a serial inner loop.

#[kernel(parallel)]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

#[kernel(parallel)]
pub fn row_norms(a: ArrayView2<f64>, mut out: ArrayViewMut1<f64>) -> (f64, f64) {
    let mut largest: f64 = 0.0;
    let mut smallest = f64::INFINITY;
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * a[[i, j]];
        }
        let norm = s.sqrt();
        out[i] = norm;
        largest = largest.max(norm);
        smallest = smallest.min(norm);
    }
    (largest, smallest)
}

#[test]
fn matvec_and_row_norms_match_serial_on_strided_views() {
    type F = fn(ArrayView2<f64>, &[f64], &mut [f64]);
    type G = fn(ArrayView2<f64>, ArrayViewMut1<f64>) -> (f64, f64);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("par matvec", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let x = rng.vec_f64(av.ncols(), -10.0, 10.0);
            let init = rng.vec_f64(av.nrows(), -1.0, 1.0);
            let mut want = init.clone();
            matvec::serial(av.view(), &x, &mut want);
            for (v, f) in par_variants!(matvec: F) {
                let mut got = init.clone();
                f(av.view(), &x, &mut got);
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
            // Row norms into a contiguous, a strided and a reversed output.
            let init = Array1::from(rng.vec_f64(2 * av.nrows(), -1.0, 1.0));
            let mut want = init.clone();
            let r_want = row_norms::serial(av.view(), want.slice_mut(s![..;2]));
            let mut want_rev = init.clone();
            row_norms::serial(av.view(), want_rev.slice_mut(s![..av.nrows();-1]));
            for (v, f) in par_variants!(row_norms: G) {
                let mut got = init.clone();
                let r = f(av.view(), got.slice_mut(s![..;2]));
                assert_eq!(bits_of(&r), bits_of(&r_want), "{v} {rows}x{cols} {view}");
                assert_all_f64(&format!("{v} {rows}x{cols} {view} out ..;2"), &got, &want);
                let mut got = init.clone();
                f(av.view(), got.slice_mut(s![..av.nrows();-1]));
                assert_all_f64(&format!("{v} {rows}x{cols} {view} out reversed"), &got, &want_rev);
            }
        }
    }
    // A tall matrix: 100k rows, enough chunks for every thread.
    let a = Rng::for_case("par matvec tall", 0).array2(100_003, 3, -1.0, 1.0);
    let x = [0.5, -2.0, 3.0];
    let mut want = vec![0.0; 100_003];
    matvec::serial(a.view(), &x, &mut want);
    for t in [1, 2, 8] {
        let got = with_threads(t, || {
            let mut got = vec![0.0; 100_003];
            matvec::parallel(a.view(), &x, &mut got);
            got
        });
        assert_all_f64(&format!("matvec tall with_threads({t})"), &got, &want);
    }
}

#[test]
fn row_norms_are_deterministic() {
    for (rows, cols) in DET_SHAPES {
        let a = Rng::for_case("par row_norms det", rows * 1000 + cols).array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let run = || {
                let mut out = Array1::<f64>::zeros(av.nrows());
                let r = row_norms::parallel(av.view(), out.view_mut());
                (r, out.to_vec())
            };
            assert_deterministic(&format!("row_norms {rows}x{cols} {view}"), run, None);
        }
    }
}

#[test]
#[should_panic(expected = "the prange loop over 0..10 writes `y`, but `y` has only 9 elements along that axis")]
fn matvec_parallel_with_a_short_y_panics_naming_it() {
    let a = Array2::<f64>::zeros((10, 4));
    let mut y = [0.0; 9];
    matvec::parallel(a.view(), &[1.0; 4], &mut y);
}

#[test]
#[should_panic(
    expected = "the prange loop over i in 0..10 accesses `out[i]`, which for i = 9 is outside `out` (len 4)"
)]
fn row_norms_parallel_with_a_short_view_panics_naming_it() {
    let a = Array2::<f64>::zeros((10, 4));
    let mut out = Array1::<f64>::zeros(8);
    row_norms::parallel(a.view(), out.slice_mut(s![..;2]));
}

// ---------------------------------------------------------------------------------------------
// 15. Nested prange (a collapsed 2-D loop) over `ArrayViewMut2`, and over `&mut Array2` with a
//     max reduction.

#[kernel(parallel)]
pub fn ew2d(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = out.nrows();
    let m = out.ncols();
    for i in prange(0..n) {
        for j in prange(0..m) {
            out[[i, j]] = a[[i, j]] * b[(i, j)] + (a[[i, j]] - b[[i, j]]).abs().sqrt() - (i as f64) * 0.5 + j as f64;
        }
    }
}

#[kernel(parallel)]
pub fn relax2d(u: &mut Array2<f64>, f: &Array2<f64>, w: f64) -> f64 {
    let n = u.nrows();
    let m = u.ncols();
    let mut change: f64 = 0.0;
    for i in prange(0..n) {
        for j in prange(0..m) {
            let old = u[[i, j]];
            let new = old + w * (f[[i, j]] - old).tanh();
            u[[i, j]] = new;
            change = change.max((new - old).abs());
        }
    }
    change
}

#[test]
fn ew2d_matches_serial_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("par ew2d", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -2.0, 2.0);
        let b = rng.array2(rows, cols, -2.0, 2.0);
        for ((view, av), (_, bv)) in views2(&a).into_iter().zip(views2(&b)) {
            let shape = av.dim();
            let init = rng.array2(shape.0, shape.1, -1.0, 1.0);
            let mut want = init.clone();
            ew2d::serial(av.view(), bv.view(), want.view_mut());
            let init_t = init.t().as_standard_layout().into_owned();
            let mut want_t = init_t.clone();
            ew2d::serial(av.view(), bv.view(), want_t.view_mut().reversed_axes());
            for (v, f) in par_variants!(ew2d: F) {
                let mut got = init.clone();
                f(av.view(), bv.view(), got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
                let mut got_t = init_t.clone();
                f(av.view(), bv.view(), got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
        // Output every other row of a taller array, and every other column backwards.
        let init = rng.array2(2 * rows, 2 * cols, -1.0, 1.0);
        let mut want = init.clone();
        ew2d::serial(a.view(), b.view(), want.slice_mut(s![..;2, ..;-2]));
        for (v, f) in par_variants!(ew2d: F) {
            let mut got = init.clone();
            f(a.view(), b.view(), got.slice_mut(s![..;2, ..;-2]));
            assert_all_f64(&format!("{v} {rows}x{cols} out ..;2, ..;-2"), &got, &want);
        }
    }
}

#[test]
fn relax2d_matches_serial() {
    type F = fn(&mut Array2<f64>, &Array2<f64>, f64) -> f64;
    for (rows, cols) in SHAPES.into_iter().chain([(1000, 101)]) {
        let mut rng = Rng::for_case("par relax2d", rows * 1000 + cols);
        let u0 = rng.array2(rows, cols, -1.0, 1.0);
        // `f` larger than `u`: only `u`'s shape is read.
        let f = rng.array2(rows + 1, cols + 2, -1.0, 1.0);
        let mut want = u0.clone();
        let c_want = relax2d::serial(&mut want, &f, 0.7);
        for (v, k) in par_variants!(relax2d: F) {
            let mut got = u0.clone();
            assert_f64(&format!("{v} {rows}x{cols} change"), k(&mut got, &f, 0.7), c_want);
            assert_all_f64(&format!("{v} {rows}x{cols}"), &got, &want);
        }
        // A transposed (column-major) owned array.
        let mut want = u0.t().to_owned();
        let ft = f.t().to_owned();
        let c_want = relax2d::serial(&mut want, &ft, 0.3);
        let mut got = u0.t().to_owned();
        assert_f64(&format!("{rows}x{cols} transposed change"), relax2d::parallel(&mut got, &ft, 0.3), c_want);
        assert_all_f64(&format!("{rows}x{cols} transposed"), &got, &want);
    }
    for (rows, cols) in DET_SHAPES {
        let mut rng = Rng::for_case("par relax2d det", rows * 1000 + cols);
        let u0 = rng.array2(rows, cols, -1.0, 1.0);
        let f = rng.array2(rows, cols, -1.0, 1.0);
        let run = || {
            let mut u = u0.clone();
            (relax2d::parallel(&mut u, &f, 0.5), u)
        };
        assert_deterministic(&format!("relax2d {rows}x{cols}"), run, None);
    }
}

#[test]
fn relax2d_with_a_short_read_array_panics() {
    let mut u = Array2::<f64>::zeros((40, 30));
    let f = Array2::<f64>::zeros((40, 29));
    let msg = panic_message(|| {
        relax2d::parallel(&mut u, &f, 0.5);
    });
    let msg_serial = panic_message(|| {
        relax2d::serial(&mut u, &f, 0.5);
    });
    // Checked before the loop starts, in both variants, naming the array and the axis.
    let want =
        "the prange loop over j in 0..30 accesses `f[[.., j]]`, which for j = 29 is outside axis 1 of `f` (length 29)";
    assert!(msg_serial.contains(want), "{msg_serial}");
    assert_eq!(msg, msg_serial);
}

// ---------------------------------------------------------------------------------------------
// 16. Column-parallel writes: a prange over columns, a serial loop down each column.

#[kernel(parallel)]
pub fn col_cumsum(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) -> f64 {
    let n = a.nrows();
    let m = a.ncols();
    let mut top = f64::NEG_INFINITY;
    for j in prange(0..m) {
        let mut s = 0.0;
        for i in 0..n {
            s += a[[i, j]];
            out[[i, j]] = s;
        }
        top = top.max(s);
    }
    top
}

#[test]
fn col_cumsum_matches_serial_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayViewMut2<f64>) -> f64;
    for (rows, cols) in SHAPES.into_iter().chain([(3, 20_000)]) {
        let mut rng = Rng::for_case("par col_cumsum", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let init = rng.array2(av.nrows(), av.ncols(), -1.0, 1.0);
            let mut want = init.clone();
            let t_want = col_cumsum::serial(av.view(), want.view_mut());
            let mut want_t = init.t().to_owned();
            col_cumsum::serial(av.view(), want_t.view_mut().reversed_axes());
            for (v, f) in par_variants!(col_cumsum: F) {
                let mut got = init.clone();
                assert_f64(&format!("{v} {rows}x{cols} {view} top"), f(av.view(), got.view_mut()), t_want);
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
                let mut got_t = init.t().to_owned();
                f(av.view(), got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
    }
}

#[test]
fn col_cumsum_is_deterministic() {
    for (rows, cols) in [(25, 40), (3, 33_335), (316, 317)] {
        let a = Rng::for_case("par col_cumsum det", rows * 1000 + cols).array2(rows, cols, -1.0, 1.0);
        let run = || {
            let mut out = Array2::<f64>::zeros((rows, cols));
            (col_cumsum::parallel(a.view(), out.view_mut()), out)
        };
        assert_deterministic(&format!("col_cumsum {rows}x{cols}"), run, None);
    }
}

#[test]
#[should_panic(expected = "the prange loop over 0..6 writes `out`, but `out` has only 5 elements along that axis")]
fn col_cumsum_parallel_with_too_few_columns_panics_naming_it() {
    let a = Array2::<f64>::zeros((4, 6));
    let mut out = Array2::<f64>::zeros((4, 5));
    col_cumsum::parallel(a.view(), out.view_mut());
}

// ---------------------------------------------------------------------------------------------
// 17. A 5-point Jacobi step over the interior points.

#[kernel(parallel)]
pub fn jacobi(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = a.nrows();
    let m = a.ncols();
    if n == 0 || m == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        for j in prange(1..m - 1) {
            out[[i, j]] = 0.25 * (a[[i - 1, j]] + a[[i + 1, j]] + a[[i, j - 1]] + a[[i, j + 1]]);
        }
    }
}

#[test]
fn jacobi_matches_serial_on_strided_views() {
    type F = fn(ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES.into_iter().chain([(2000, 40)]) {
        let mut rng = Rng::for_case("par jacobi", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let init = rng.array2(av.nrows(), av.ncols(), -1.0, 1.0);
            let mut want = init.clone();
            jacobi::serial(av.view(), want.view_mut());
            let init_t = init.t().as_standard_layout().into_owned();
            let mut want_t = init_t.clone();
            jacobi::serial(av.view(), want_t.view_mut().reversed_axes());
            for (v, f) in par_variants!(jacobi: F) {
                let mut got = init.clone();
                f(av.view(), got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
                let mut got_t = init_t.clone();
                f(av.view(), got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
    }
}

#[test]
#[should_panic(
    expected = "the prange loop over i in 1..9 accesses `out[[i, ..]]`, which for i = 8 is outside axis 0 of `out` (length 3)"
)]
fn jacobi_parallel_with_too_few_rows_panics_naming_it() {
    let a = Array2::<f64>::zeros((10, 10));
    let mut out = Array2::<f64>::zeros((3, 10));
    jacobi::parallel(a.view(), out.view_mut());
}

// ---------------------------------------------------------------------------------------------
// 18. Several prange loops with host code between them: a count and a max, then host scalars
//     and a host `Vec`, then two element-wise loops, the last with a sum.

#[kernel(parallel)]
pub fn two_phase(a: &[f64], out: &mut [f64]) -> (usize, f64, f64) {
    let mut positive = 0;
    let mut peak: f64 = 0.0;
    for i in prange(0..a.len()) {
        peak = peak.max(a[i].abs());
        if a[i] > 0.0 {
            positive += 1;
        }
    }
    let scale = if peak > 0.0 { 1.0 / peak } else { 1.0 };
    let bias = positive as f64 / (a.len().max(1) as f64);
    let mut scratch: Vec<f64> = vec![0.0; a.len()];
    for i in prange(0..a.len()) {
        scratch[i] = a[i] * scale;
    }
    let mut ss = 0.0;
    for i in prange(0..a.len()) {
        out[i] = scratch[i] - bias;
        ss += out[i] * out[i];
    }
    (positive, peak, ss)
}

#[test]
fn two_phase_matches_serial() {
    type F = fn(&[f64], &mut [f64]) -> (usize, f64, f64);
    for n in SIZES {
        let mut rng = Rng::for_case("par two_phase", n);
        let a = rng.vec_f64(n, -3.0, 2.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        let (c, p, ss) = two_phase::serial(&a, &mut want);
        let abs_ss: f64 = want.iter().map(|x| x * x).sum();
        for (v, f) in par_variants!(two_phase: F) {
            let mut got = init.clone();
            let (gc, gp, gss) = f(&a, &mut got);
            assert_eq!(gc, c, "{v} n={n} count");
            assert_f64(&format!("{v} n={n} peak"), gp, p);
            // The count and the peak are exact, so the element-wise loops see the same scalars.
            assert_all_f64(&format!("{v} n={n} out"), &got, &want);
            assert_sum_close_f64(&format!("{v} n={n} ss"), gss, ss, n, abs_ss);
        }
    }
    for n in DET_SIZES {
        let a = Rng::for_case("par two_phase det", n).vec_f64(n, -3.0, 2.0);
        let run = || {
            let mut out = vec![0.0; n];
            (two_phase::parallel(&a, &mut out), out)
        };
        assert_deterministic(&format!("two_phase n={n}"), run, None);
    }
}

// ---------------------------------------------------------------------------------------------
// 19. Code outside the kernel language in the body: a user function and closures (one from
//     the host, one defined in the body), allowed for `parallel`.

fn soften(x: f64, k: f64) -> f64 {
    x / (1.0 + (x * k).abs())
}

#[kernel(parallel)]
pub fn calls(a: &[f64], k: f64, out: &mut [f64]) -> f64 {
    let shift = |x: f64| x * 0.5 + k;
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        let sq = |y: f64| y * y;
        let v = soften(a[i], k) + shift(a[i]) - sq(a[i]);
        out[i] = v;
        s += v;
    }
    s
}

#[test]
fn calls_match_serial() {
    type F = fn(&[f64], f64, &mut [f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("par calls", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        let s = calls::serial(&a, 1.5, &mut want);
        let hand: Vec<f64> = a.iter().map(|&x| soften(x, 1.5) + (x * 0.5 + 1.5) - x * x).collect();
        assert_all_f64(&format!("serial n={n} by hand"), &want, &hand);
        let abs_sum: f64 = want.iter().map(|x| x.abs()).sum();
        for (v, f) in par_variants!(calls: F) {
            let mut got = init.clone();
            let gs = f(&a, 1.5, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
            assert_sum_close_f64(&format!("{v} n={n} sum"), gs, s, n, abs_sum);
        }
    }
    for n in DET_SIZES {
        let a = Rng::for_case("par calls det", n).vec_f64(n, -3.0, 3.0);
        let run = || {
            let mut out = vec![0.0; n];
            (calls::parallel(&a, 1.5, &mut out), out)
        };
        assert_deterministic(&format!("calls n={n}"), run, None);
    }
}

/// 1.0 when called on one of the team's worker threads, 0.0 on any other thread.
fn on_pool() -> f64 {
    if std::thread::current().name().is_some_and(|n| n.starts_with("kernelize-")) { 1.0 } else { 0.0 }
}

#[kernel(parallel)]
pub fn where_run(out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = on_pool();
    }
}

#[kernel(parallel)]
pub fn where_run2d(mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            out[[i, j]] = on_pool();
        }
    }
}

/// Large loops run on the team (the calling thread and its workers: some chunks on workers),
/// small ones (below `min_work()`) on the calling thread alone; for a 2-D loop the work counts
/// both ranges.
#[test]
fn large_loops_run_on_the_pool_and_small_ones_on_the_caller() {
    // A team of its own: the default one may be busy with another test's loop (a loop that
    // finds the team busy runs on its calling thread).
    with_threads(2, large_loops_on_a_team);
}

fn large_loops_on_a_team() {
    // A worker that has not woken when the calling thread reaches its block leaves it to be
    // taken (on a loaded machine, under a parallel test run), so each check allows some tries.
    let tries = 20;
    let mut out = vec![-1.0; 100_003];
    let on_team = (0..tries).any(|_| {
        where_run::parallel(&mut out);
        assert!(out.iter().all(|&x| x >= 0.0), "every iteration ran");
        out.contains(&1.0)
    });
    assert!(on_team, "100003 iterations ran on the team, workers included (in one of {tries} calls)");
    where_run::serial(&mut out);
    assert!(out.iter().all(|&x| x == 0.0), "serial runs on the calling thread");
    // 100 x 1000 and 16 x 5000: few rows, but the inner range makes the work large.
    for (r, c) in [(100, 1000), (16, 5000), (317, 316)] {
        let mut o = Array2::<f64>::from_elem((r, c), -1.0);
        let on_team = (0..tries).any(|_| {
            where_run2d::parallel(o.view_mut());
            assert!(o.iter().all(|&x| x >= 0.0), "every iteration ran");
            o.iter().any(|&x| x == 1.0)
        });
        assert!(on_team, "{r}x{c} ran on the team (in one of {tries} calls)");
    }
    if min_work() == MIN_WORK {
        let mut out = vec![-1.0; 8];
        where_run::parallel(&mut out);
        assert!(out.iter().all(|&x| x == 0.0), "8 iterations ran on the calling thread: {out:?}");
        let mut o = Array2::<f64>::from_elem((8, 8), -1.0);
        where_run2d::parallel(o.view_mut());
        assert!(o.iter().all(|&x| x == 0.0), "8x8 ran on the calling thread");
    }
}

// ---------------------------------------------------------------------------------------------
// 20. `continue` and labels: a labeled prange loop continued from a serial inner loop,
//     labeled serial loops with `continue 'label` / `break 'label`, a plain `continue`
//     before a reduction.

#[kernel(parallel)]
pub fn labeled(a: ArrayView2<f64>, t: f64, out: &mut [i64]) -> (i64, u32) {
    let mut total: i64 = 0;
    let mut skipped: u32 = 0;
    'row: for i in prange(0..a.nrows()) {
        for j in 0..a.ncols() {
            if a[[i, j]].is_nan() {
                skipped += 1;
                continue 'row;
            }
        }
        let mut hits: i64 = 0;
        'rep: for r in 0..3 {
            'col: for j in 0..a.ncols() {
                if a[[i, j]] < -t {
                    continue 'rep;
                }
                if a[[i, j]] > t {
                    break 'col;
                }
                if j % 2 == 1 {
                    continue;
                }
                hits += r + 1;
            }
        }
        out[i] = hits;
        if hits == 0 {
            continue;
        }
        total += hits;
    }
    (total, skipped)
}

fn labeled_ref(a: ArrayView2<f64>, t: f64, out: &mut [i64]) -> (i64, u32) {
    let mut total: i64 = 0;
    let mut skipped: u32 = 0;
    'row: for i in 0..a.nrows() {
        for j in 0..a.ncols() {
            if a[[i, j]].is_nan() {
                skipped += 1;
                continue 'row;
            }
        }
        let mut hits: i64 = 0;
        'rep: for r in 0..3 {
            'col: for j in 0..a.ncols() {
                if a[[i, j]] < -t {
                    continue 'rep;
                }
                if a[[i, j]] > t {
                    break 'col;
                }
                if j % 2 == 1 {
                    continue;
                }
                hits += r + 1;
            }
        }
        out[i] = hits;
        if hits == 0 {
            continue;
        }
        total += hits;
    }
    (total, skipped)
}

#[test]
fn labeled_matches_serial() {
    type F = fn(ArrayView2<f64>, f64, &mut [i64]) -> (i64, u32);
    for (rows, cols) in SHAPES.into_iter().chain([(20_000, 5)]) {
        let mut rng = Rng::for_case("par labeled", rows * 1000 + cols);
        let mut a = rng.array2(rows, cols, -1.0, 1.0);
        for x in a.iter_mut() {
            if rng.below(40) == 0 {
                *x = f64::NAN;
            }
        }
        for (view, av) in views2(&a) {
            let init: Vec<i64> = (0..av.nrows()).map(|_| -7).collect();
            let mut want = init.clone();
            let r_want = labeled::serial(av.view(), 0.9, &mut want);
            let mut hand = init.clone();
            assert_eq!(labeled_ref(av.view(), 0.9, &mut hand), r_want, "serial {rows}x{cols} {view} by hand");
            assert_all_eq(&format!("serial {rows}x{cols} {view} by hand"), &want, &hand);
            for (v, f) in par_variants!(labeled: F) {
                let mut got = init.clone();
                assert_eq!(f(av.view(), 0.9, &mut got), r_want, "{v} {rows}x{cols} {view}");
                assert_all_eq(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
        }
        if rows == 20_000 {
            let run = || {
                let mut out = vec![0; rows];
                (labeled::parallel(a.view(), 0.9, &mut out), out)
            };
            assert_deterministic("labeled 20000x5", run, None);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 21. 1-D ndarray views, strided and reversed: a write and a dot product in one loop.

#[kernel(parallel)]
pub fn axpy_view(alpha: f64, x: ArrayView1<f64>, mut y: ArrayViewMut1<f64>) -> f64 {
    let mut dot = 0.0;
    for i in prange(0..y.len()) {
        dot += x[i] * y[i];
        y[i] = alpha * x[i] + y[i];
    }
    dot
}

#[test]
fn axpy_view_matches_serial_on_strided_views() {
    type F = fn(f64, ArrayView1<f64>, ArrayViewMut1<f64>) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("par axpy_view", n);
        let x = Array1::from(rng.vec_f64(2 * n, -1.0, 1.0));
        let y0 = Array1::from(rng.vec_f64(2 * n, -1.0, 1.0));
        let xs: [(&str, ArrayView1<f64>); 3] =
            [("x[..n]", x.slice(s![..n])), ("x[..;2]", x.slice(s![..;2])), ("x[..;-2]", x.slice(s![..;-2]))];
        for (xv, xview) in xs {
            for yv in ["y[n..]", "y[..;2]", "y[..;-2]"] {
                fn slice<'a>(y: &'a mut Array1<f64>, yv: &str, n: usize) -> ArrayViewMut1<'a, f64> {
                    match yv {
                        "y[n..]" => y.slice_mut(s![n..]),
                        "y[..;2]" => y.slice_mut(s![..;2]),
                        _ => y.slice_mut(s![..;-2]),
                    }
                }
                let mut want = y0.clone();
                let d = axpy_view::serial(0.75, xview.view(), slice(&mut want, yv, n));
                let abs_sum: f64 = {
                    let yy = slice(&mut y0.clone(), yv, n).to_owned();
                    xview.iter().zip(yy.iter()).map(|(a, b)| (a * b).abs()).sum()
                };
                for (v, f) in par_variants!(axpy_view: F) {
                    let mut got = y0.clone();
                    let gd = f(0.75, xview.view(), slice(&mut got, yv, n));
                    assert_all_f64(&format!("{v} n={n} {xv} {yv}"), &got, &want);
                    assert_sum_close_f64(&format!("{v} n={n} {xv} {yv} dot"), gd, d, n, abs_sum);
                }
            }
        }
    }
}

#[test]
fn axpy_view_is_deterministic() {
    for n in DET_SIZES {
        let mut rng = Rng::for_case("par axpy_view det", n);
        let x = Array1::from(rng.vec_f64(2 * n, -1.0, 1.0));
        let y0 = Array1::from(rng.vec_f64(2 * n, -1.0, 1.0));
        let run = || {
            let mut y = y0.clone();
            let d = axpy_view::parallel(0.75, x.slice(s![..;-2]), y.slice_mut(s![..;2]));
            (d, y.to_vec())
        };
        assert_deterministic(&format!("axpy_view n={n}"), run, None);
    }
}

// ---------------------------------------------------------------------------------------------
// 22. Problems found, kept as minimal reproductions.

#[kernel(parallel)]
pub fn sum_from_neg_zero(a: &[f64]) -> f64 {
    let mut s = -0.0;
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

/// IEEE `+` has the identity `-0.0` (`-0.0 + x == x` for every `x`, while `0.0 + -0.0 == 0.0`).
#[test]
fn sum_from_negative_zero_keeps_the_sign_of_zero() {
    let a = [-0.0f64; 8];
    assert_f64("n=8", sum_from_neg_zero::parallel(&a), sum_from_neg_zero::serial(&a));
    let a = vec![-0.0f64; 100_003];
    assert_f64("n=100003", sum_from_neg_zero::parallel(&a), sum_from_neg_zero::serial(&a));
}

/// Issue 3: "Length mismatches between arrays panic with a message that names the parameter,
/// before any thread starts." A 1-D array read at the prange index gets that (a hoisted window);
/// a 2-D array read at `[[i, j]]` does not.
#[test]
fn ew2d_parallel_with_a_short_read_array_panics_naming_it_before_writing() {
    let a = Array2::<f64>::zeros((40, 29));
    let b = Array2::<f64>::zeros((40, 30));
    let mut out = Array2::<f64>::from_elem((40, 30), 7.0);
    let msg = panic_message(|| ew2d::parallel(a.view(), b.view(), out.view_mut()));
    assert!(msg.contains("`a`"), "{msg}");
    assert!(out.iter().all(|&x| x == 7.0), "nothing is written before the check");
}

// ---------------------------------------------------------------------------------------------
// 23. The report says the loops are parallel.

#[test]
fn every_kernel_reports_its_parallel_loops() {
    for (name, report) in [
        ("go_fast", go_fast::REPORT),
        ("math_map", math_map::REPORT),
        ("math_map_f32", math_map_f32::REPORT),
        ("stencil3", stencil3::REPORT),
        ("forward_diff", forward_diff::REPORT),
        ("split_signs", split_signs::REPORT),
        ("sum_sub", sum_sub::REPORT),
        ("sum_sub_f32", sum_sub_f32::REPORT),
        ("product", product::REPORT),
        ("min_max", min_max::REPORT),
        ("int_reds", int_reds::REPORT),
        ("bits_u64", bits_u64::REPORT),
        ("bits_bool", bits_bool::REPORT),
        ("cond_reds", cond_reds::REPORT),
        ("count_max", count_max::REPORT),
        ("index_reds", index_reds::REPORT),
        ("mandel_rows", mandel_rows::REPORT),
        ("mandel_grid", mandel_grid::REPORT),
        ("matvec", matvec::REPORT),
        ("row_norms", row_norms::REPORT),
        ("ew2d", ew2d::REPORT),
        ("relax2d", relax2d::REPORT),
        ("col_cumsum", col_cumsum::REPORT),
        ("jacobi", jacobi::REPORT),
        ("two_phase", two_phase::REPORT),
        ("calls", calls::REPORT),
        ("where_run", where_run::REPORT),
        ("where_run2d", where_run2d::REPORT),
        ("labeled", labeled::REPORT),
        ("axpy_view", axpy_view::REPORT),
    ] {
        assert!(!report.is_empty(), "{name}");
        assert!(report.contains("parallel"), "{name}: {report}");
        assert!(!report.contains("not generated"), "{name}: {report}");
    }
}
