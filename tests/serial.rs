//! Equivalence of the serial variant with the same loops written by hand.
//!
//! Every kernel below has a reference function: the same statements, in the same order, as
//! plain Rust with no kernelize. Same operations in the same order give bit-identical floats,
//! so `name::serial(..)` and the dispatching `name(..)` must match the reference exactly (NaN
//! matches NaN; everything else is compared by bits) on random inputs of many sizes and on
//! strided ndarray views.

// The reference functions index on purpose: they are the kernels' loops, minus kernelize.
#![allow(
    clippy::needless_range_loop,
    clippy::manual_memcpy,
    clippy::assign_op_pattern,
    clippy::manual_is_multiple_of,
    clippy::neg_cmp_op_on_partial_ord
)]

mod common;

use common::{Rng, SHAPES, SIZES, assert_all_eq, assert_all_f32, assert_all_f64, assert_f32, assert_f64};
use kernelize::ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, s};
use kernelize::{kernel, prange};

/// `[("name::serial", name::serial), ("name", name)]`, both as the fn pointer type `$t`.
macro_rules! variants {
    ($k:ident : $t:ty) => {
        [(concat!(stringify!($k), "::serial"), $k::serial as $t), (stringify!($k), $k as $t)]
    };
}

// ---------------------------------------------------------------------------------------------
// 1. The seed kernel: a tanh reduction, then an element-wise loop that reads it.

#[kernel]
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

fn go_fast_ref(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in 0..a.len() {
        trace += a[i].tanh();
    }
    for i in 0..a.len() {
        out[i] = a[i] + trace;
    }
    trace
}

#[test]
fn go_fast_matches_hand_written() {
    type F = fn(&[f64], &mut [f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("go_fast", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        let t_want = go_fast_ref(&a, &mut want);
        for (v, f) in variants!(go_fast: F) {
            let mut got = init.clone();
            let t = f(&a, &mut got);
            assert_f64(&format!("{v} n={n} trace"), t, t_want);
            assert_all_f64(&format!("{v} n={n} out"), &got, &want);
        }
    }
    assert!(go_fast::REPORT.contains("reduction"), "{}", go_fast::REPORT);
}

// ---------------------------------------------------------------------------------------------
// 2. saxpy, f32.

#[kernel]
pub fn saxpy(alpha: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
    for i in prange(0..out.len()) {
        out[i] = alpha * x[i] + y[i];
    }
}

fn saxpy_ref(alpha: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
    for i in 0..out.len() {
        out[i] = alpha * x[i] + y[i];
    }
}

#[test]
fn saxpy_matches_hand_written() {
    type F = fn(f32, &[f32], &[f32], &mut [f32]);
    for n in SIZES {
        let mut rng = Rng::for_case("saxpy", n);
        let alpha = rng.f32_in(-2.0, 2.0);
        let (x, y) = (rng.vec_f32(n, -10.0, 10.0), rng.vec_f32(n, -10.0, 10.0));
        let init = rng.vec_f32(n, -1.0, 1.0);
        let mut want = init.clone();
        saxpy_ref(alpha, &x, &y, &mut want);
        for (v, f) in variants!(saxpy: F) {
            let mut got = init.clone();
            f(alpha, &x, &y, &mut got);
            assert_all_f32(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. A 3-point stencil over the interior; the edges of `out` stay as they were.

#[kernel]
pub fn stencil3(a: &[f64], out: &mut [f64], w: f64) {
    let n = a.len();
    if n == 0 {
        return;
    }
    for i in prange(1..n - 1) {
        out[i] = (a[i - 1] + w * a[i] + a[i + 1]) / 3.0;
    }
}

fn stencil3_ref(a: &[f64], out: &mut [f64], w: f64) {
    let n = a.len();
    if n == 0 {
        return;
    }
    for i in 1..n - 1 {
        out[i] = (a[i - 1] + w * a[i] + a[i + 1]) / 3.0;
    }
}

#[test]
fn stencil3_matches_hand_written() {
    type F = fn(&[f64], &mut [f64], f64);
    for n in SIZES {
        let mut rng = Rng::for_case("stencil3", n);
        let a = rng.vec_f64(n, -5.0, 5.0);
        let w = rng.f64_in(0.5, 2.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        stencil3_ref(&a, &mut want, w);
        if n >= 2 {
            assert_eq!((want[0], want[n - 1]), (init[0], init[n - 1]), "the reference keeps the edges");
        }
        for (v, f) in variants!(stencil3: F) {
            let mut got = init.clone();
            f(&a, &mut got, w);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

#[test]
#[should_panic(
    expected = "index out of bounds: the prange loop over i in 1..9 accesses `out[i]`, which for i = 8 is outside `out` (len 5)"
)]
fn stencil3_with_a_short_out_panics_naming_the_array() {
    let a = [1.0; 10];
    let mut out = [0.0; 5];
    stencil3::serial(&a, &mut out, 1.0);
}

#[test]
#[should_panic(
    expected = "index out of bounds: the prange loop over i in 1..9 accesses `out[i]`, which for i = 8 is outside `out` (len 5)"
)]
fn stencil3_dispatch_with_a_short_out_panics_naming_the_array() {
    let a = [1.0; 10];
    let mut out = [0.0; 5];
    stencil3(&a, &mut out, 1.0);
}

// ---------------------------------------------------------------------------------------------
// 4. Dot product.

#[kernel]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i] * b[i];
    }
    s
}

fn dot_ref(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

#[test]
fn dot_matches_hand_written() {
    type F = fn(&[f64], &[f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("dot", n);
        let (a, b) = (rng.vec_f64(n, -1.0, 1.0), rng.vec_f64(n, -1e3, 1e3));
        let want = dot_ref(&a, &b);
        for (v, f) in variants!(dot: F) {
            assert_f64(&format!("{v} n={n}"), f(&a, &b), want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 5, 6. Max and min reductions, also over NaN, infinities and signed zeros.

#[kernel]
pub fn max_of(a: &[f64]) -> f64 {
    let mut m = f64::NEG_INFINITY;
    for i in prange(0..a.len()) {
        m = m.max(a[i]);
    }
    m
}

fn max_of_ref(a: &[f64]) -> f64 {
    let mut m = f64::NEG_INFINITY;
    for i in 0..a.len() {
        m = m.max(a[i]);
    }
    m
}

#[kernel]
pub fn min_of(a: &[f64]) -> f64 {
    let mut m = f64::INFINITY;
    for i in prange(0..a.len()) {
        m = m.min(a[i]);
    }
    m
}

fn min_of_ref(a: &[f64]) -> f64 {
    let mut m = f64::INFINITY;
    for i in 0..a.len() {
        m = m.min(a[i]);
    }
    m
}

#[test]
fn max_and_min_match_hand_written() {
    type F = fn(&[f64]) -> f64;
    for n in SIZES {
        for specials in [false, true] {
            let mut rng = Rng::for_case(if specials { "max_min_specials" } else { "max_min" }, n);
            let mut a = rng.vec_f64(n, -1e6, 1e6);
            if specials {
                rng.sprinkle_specials(&mut a, 4);
            }
            let (want_max, want_min) = (max_of_ref(&a), min_of_ref(&a));
            for (v, f) in variants!(max_of: F) {
                assert_f64(&format!("{v} n={n} specials={specials}"), f(&a), want_max);
            }
            for (v, f) in variants!(min_of: F) {
                assert_f64(&format!("{v} n={n} specials={specials}"), f(&a), want_min);
            }
        }
    }
    // All NaN: both stay at their start value.
    let nan = [f64::NAN; 9];
    assert_eq!(max_of::serial(&nan), f64::NEG_INFINITY);
    assert_eq!(min_of(&nan), f64::INFINITY);
}

// ---------------------------------------------------------------------------------------------
// 7. Product.

#[kernel]
pub fn product(a: &[f64]) -> f64 {
    let mut p = 1.0;
    for i in prange(0..a.len()) {
        p *= a[i];
    }
    p
}

fn product_ref(a: &[f64]) -> f64 {
    let mut p = 1.0;
    for i in 0..a.len() {
        p *= a[i];
    }
    p
}

#[test]
fn product_matches_hand_written() {
    type F = fn(&[f64]) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("product", n);
        let a = rng.vec_f64(n, 0.9, 1.1);
        let want = product_ref(&a);
        for (v, f) in variants!(product: F) {
            assert_f64(&format!("{v} n={n}"), f(&a), want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 8. A count under `if`, typed `usize`; and the same with the type left to inference.

#[kernel]
pub fn count_above(a: &[f64]) -> usize {
    let mut count: usize = 0;
    for i in prange(0..a.len()) {
        if a[i] > 0.5 {
            count += 1;
        }
    }
    count
}

fn count_above_ref(a: &[f64]) -> usize {
    let mut count: usize = 0;
    for i in 0..a.len() {
        if a[i] > 0.5 {
            count += 1;
        }
    }
    count
}

#[kernel]
pub fn count_above_inferred(a: &[f64], t: f64) -> usize {
    let mut count = 0;
    for i in prange(0..a.len()) {
        if a[i] > t {
            count += 1;
        }
    }
    count
}

fn count_above_inferred_ref(a: &[f64], t: f64) -> usize {
    let mut count = 0;
    for i in 0..a.len() {
        if a[i] > t {
            count += 1;
        }
    }
    count
}

#[test]
fn count_above_matches_hand_written() {
    type F = fn(&[f64]) -> usize;
    type G = fn(&[f64], f64) -> usize;
    for n in SIZES {
        let mut rng = Rng::for_case("count_above", n);
        let a = rng.vec_f64(n, 0.0, 1.0);
        let t = rng.unit();
        let (want, want_t) = (count_above_ref(&a), count_above_inferred_ref(&a, t));
        for (v, f) in variants!(count_above: F) {
            assert_eq!(f(&a), want, "{v} n={n}");
        }
        for (v, f) in variants!(count_above_inferred: G) {
            assert_eq!(f(&a, t), want_t, "{v} n={n}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Bit reductions on integers: `|=`, `^=`, `&=` in one loop.

#[kernel]
pub fn bits(v: &[u64], mask: u64) -> (u64, u64, u64) {
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

fn bits_ref(v: &[u64], mask: u64) -> (u64, u64, u64) {
    let mut or = 0;
    let mut xor = 0;
    let mut and = u64::MAX;
    for i in 0..v.len() {
        or |= v[i] & !mask;
        xor ^= v[i] >> 3;
        and &= v[i] | mask;
    }
    (or, xor, and)
}

#[kernel]
pub fn bits_i64(v: &[i64]) -> i64 {
    let mut acc: i64 = -1;
    for i in prange(0..v.len()) {
        if v[i] < 0 {
            acc &= v[i] << 1;
        }
    }
    acc
}

fn bits_i64_ref(v: &[i64]) -> i64 {
    let mut acc: i64 = -1;
    for i in 0..v.len() {
        if v[i] < 0 {
            acc &= v[i] << 1;
        }
    }
    acc
}

#[test]
fn bit_reductions_match_hand_written() {
    type F = fn(&[u64], u64) -> (u64, u64, u64);
    type G = fn(&[i64]) -> i64;
    for n in SIZES {
        let mut rng = Rng::for_case("bits", n);
        let v = rng.vec_u64(n);
        // Few zero bits in the mask, so `&=` does not reach its fixed point at once.
        let mask = rng.next_u64() | rng.next_u64() | rng.next_u64();
        let want = bits_ref(&v, mask);
        for (name, f) in variants!(bits: F) {
            assert_eq!(f(&v, mask), want, "{name} n={n}");
        }
        let w = rng.vec_i64(n, -(1 << 40), 1 << 40);
        let want = bits_i64_ref(&w);
        for (name, f) in variants!(bits_i64: G) {
            assert_eq!(f(&w), want, "{name} n={n}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Two reductions in one loop, combined by host code afterwards.

#[kernel]
pub fn mean_var(a: &[f64]) -> (f64, f64) {
    let mut s = 0.0;
    let mut s2 = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
        s2 += a[i] * a[i];
    }
    let n = a.len() as f64;
    let mean = s / n;
    (mean, s2 / n - mean * mean)
}

fn mean_var_ref(a: &[f64]) -> (f64, f64) {
    let mut s = 0.0;
    let mut s2 = 0.0;
    for i in 0..a.len() {
        s += a[i];
        s2 += a[i] * a[i];
    }
    let n = a.len() as f64;
    let mean = s / n;
    (mean, s2 / n - mean * mean)
}

#[test]
fn mean_var_matches_hand_written() {
    type F = fn(&[f64]) -> (f64, f64);
    for n in SIZES {
        let mut rng = Rng::for_case("mean_var", n);
        let a = rng.vec_f64(n, -2.0, 7.0);
        let (m, var) = mean_var_ref(&a);
        for (v, f) in variants!(mean_var: F) {
            let (gm, gvar) = f(&a);
            assert_f64(&format!("{v} n={n} mean"), gm, m);
            assert_f64(&format!("{v} n={n} var"), gvar, var);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 11. An f32 sum: `0.0` next to `f32` is `f32`.

#[kernel]
pub fn sum_f32(x: &[f32]) -> f32 {
    let mut s = 0.0;
    for i in prange(0..x.len()) {
        s += x[i];
    }
    s
}

fn sum_f32_ref(x: &[f32]) -> f32 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i];
    }
    s
}

#[test]
fn sum_f32_matches_hand_written() {
    type F = fn(&[f32]) -> f32;
    for n in SIZES {
        let mut rng = Rng::for_case("sum_f32", n);
        let x = rng.vec_f32(n, -1.0, 1.0);
        let want = sum_f32_ref(&x);
        for (v, f) in variants!(sum_f32: F) {
            assert_f32(&format!("{v} n={n}"), f(&x), want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 12. Element-wise maps with many math functions, f64 and f32.

#[kernel]
pub fn math_map(a: &[f64], b: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i].exp() + b[i].ln_1p() + a[i].abs().sqrt() * a[i].sin() + a[i].atan2(b[i]) + a[i].powi(3)
            - a[i].mul_add(b[i], 1.0).clamp(-2.0, 2.0);
    }
}

fn math_map_ref(a: &[f64], b: &[f64], out: &mut [f64]) {
    for i in 0..a.len() {
        out[i] = a[i].exp() + b[i].ln_1p() + a[i].abs().sqrt() * a[i].sin() + a[i].atan2(b[i]) + a[i].powi(3)
            - a[i].mul_add(b[i], 1.0).clamp(-2.0, 2.0);
    }
}

#[kernel]
pub fn math_map_f32(a: &[f32], b: &[f32], out: &mut [f32]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = b[i];
        let t1 = x.cbrt() + x.exp2() - x.exp_m1();
        let t2 = y.ln() + y.log2() * y.log10();
        let t3 = x.cos() * x.tan() + x.sinh() - x.cosh() + x.tanh();
        let t4 = (x * 0.25).asin() + (x * 0.25).acos() + x.atan();
        let t5 = y.powf(x) + x.hypot(y);
        let t6 = x.floor() + x.ceil() * x.round() - x.trunc() + x.signum() + y.recip();
        let t7 = x.min(y).max(-1.0) * std::f32::consts::PI + std::f32::consts::E;
        out[i] = t1 + t2 + t3 + t4 + t5 + t6 + t7;
    }
}

fn math_map_f32_ref(a: &[f32], b: &[f32], out: &mut [f32]) {
    for i in 0..a.len() {
        let x = a[i];
        let y = b[i];
        let t1 = x.cbrt() + x.exp2() - x.exp_m1();
        let t2 = y.ln() + y.log2() * y.log10();
        let t3 = x.cos() * x.tan() + x.sinh() - x.cosh() + x.tanh();
        let t4 = (x * 0.25).asin() + (x * 0.25).acos() + x.atan();
        let t5 = y.powf(x) + x.hypot(y);
        let t6 = x.floor() + x.ceil() * x.round() - x.trunc() + x.signum() + y.recip();
        let t7 = x.min(y).max(-1.0) * std::f32::consts::PI + std::f32::consts::E;
        out[i] = t1 + t2 + t3 + t4 + t5 + t6 + t7;
    }
}

#[test]
fn math_maps_match_hand_written() {
    type F = fn(&[f64], &[f64], &mut [f64]);
    type G = fn(&[f32], &[f32], &mut [f32]);
    for n in SIZES {
        let mut rng = Rng::for_case("math_map", n);
        let mut a = rng.vec_f64(n, -3.0, 3.0);
        rng.sprinkle_specials(&mut a, 50);
        let b = rng.vec_f64(n, -0.5, 4.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        math_map_ref(&a, &b, &mut want);
        for (v, f) in variants!(math_map: F) {
            let mut got = init.clone();
            f(&a, &b, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }

        let (x, y) = (rng.vec_f32(n, -3.0, 3.0), rng.vec_f32(n, 0.5, 4.0));
        let init = rng.vec_f32(n, -1.0, 1.0);
        let mut want = init.clone();
        math_map_f32_ref(&x, &y, &mut want);
        for (v, f) in variants!(math_map_f32: G) {
            let mut got = init.clone();
            f(&x, &y, &mut got);
            assert_all_f32(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 13. Mandelbrot escape time: a per-pixel `while` loop; iteration counts in `u32`.

#[kernel]
pub fn mandelbrot(cre: &[f64], cim: &[f64], max_iter: u32, out: &mut [u32]) {
    for i in prange(0..out.len()) {
        let cr = cre[i];
        let ci = cim[i];
        let mut zr = 0.0;
        let mut zi = 0.0;
        let mut k = 0;
        while k < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            k += 1;
        }
        out[i] = k;
    }
}

fn mandelbrot_ref(cre: &[f64], cim: &[f64], max_iter: u32, out: &mut [u32]) {
    for i in 0..out.len() {
        let cr = cre[i];
        let ci = cim[i];
        let mut zr = 0.0;
        let mut zi = 0.0;
        let mut k = 0;
        while k < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            k += 1;
        }
        out[i] = k;
    }
}

#[test]
fn mandelbrot_matches_hand_written() {
    type F = fn(&[f64], &[f64], u32, &mut [u32]);
    for n in SIZES {
        let mut rng = Rng::for_case("mandelbrot", n);
        let (cre, cim) = (rng.vec_f64(n, -2.0, 0.6), rng.vec_f64(n, -1.2, 1.2));
        let max_iter = 50;
        let init: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let mut want = init.clone();
        mandelbrot_ref(&cre, &cim, max_iter, &mut want);
        for (v, f) in variants!(mandelbrot: F) {
            let mut got = init.clone();
            f(&cre, &cim, max_iter, &mut got);
            assert_all_eq(&format!("{v} n={n}"), &got, &want);
        }
    }
}

/// The same on a pixel grid: a 2-D prange, `loop` with `break`, coordinates from `as` casts.
#[kernel]
pub fn mandelbrot_grid(x0: f64, y0: f64, step: f64, max_iter: u32, mut out: ArrayViewMut2<u32>) {
    for r in prange(0..out.nrows()) {
        for c in prange(0..out.ncols()) {
            let cr = x0 + c as f64 * step;
            let ci = y0 + r as f64 * step;
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
        }
    }
}

fn mandelbrot_grid_ref(x0: f64, y0: f64, step: f64, max_iter: u32, mut out: ArrayViewMut2<u32>) {
    for r in 0..out.nrows() {
        for c in 0..out.ncols() {
            let cr = x0 + c as f64 * step;
            let ci = y0 + r as f64 * step;
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
        }
    }
}

#[test]
fn mandelbrot_grid_matches_hand_written() {
    type F = fn(f64, f64, f64, u32, ArrayViewMut2<u32>);
    for (rows, cols) in SHAPES {
        let step = 2.4 / (rows.max(cols).max(1) as f64);
        let want_full = {
            let mut o = Array2::<u32>::from_elem((rows, cols), 7);
            mandelbrot_grid_ref(-2.0, -1.2, step, 60, o.view_mut());
            o
        };
        for (v, f) in variants!(mandelbrot_grid: F) {
            let mut got = Array2::<u32>::from_elem((rows, cols), 7);
            f(-2.0, -1.2, step, 60, got.view_mut());
            assert_eq!(got, want_full, "{v} {rows}x{cols}");
            // Strided output views: transposed, and every other row of a taller array.
            let mut want = Array2::<u32>::from_elem((cols, rows), 7);
            mandelbrot_grid_ref(-2.0, -1.2, step, 60, want.view_mut().reversed_axes());
            let mut got = Array2::<u32>::from_elem((cols, rows), 7);
            f(-2.0, -1.2, step, 60, got.view_mut().reversed_axes());
            assert_eq!(got, want, "{v} {rows}x{cols} transposed out");
            let mut want = Array2::<u32>::from_elem((2 * rows, cols), 7);
            mandelbrot_grid_ref(-2.0, -1.2, step, 60, want.slice_mut(s![..;2, ..]));
            let mut got = Array2::<u32>::from_elem((2 * rows, cols), 7);
            f(-2.0, -1.2, step, 60, got.slice_mut(s![..;2, ..]));
            assert_eq!(got, want, "{v} {rows}x{cols} every other row");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 14. `match` on integers in the body.

#[kernel]
pub fn classify(k: &[i64], a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        out[i] = match k[i] {
            0 => x,
            1 => -x,
            2 | 3 => x * 2.0,
            4..=6 => x.abs().sqrt(),
            -5..=-1 => x * x,
            _ => 0.5,
        };
        match k[i] % 4 {
            0 => {
                out[i] += 1.0;
            }
            1 => {
                out[i] -= 1.0;
            }
            _ => {}
        }
    }
}

fn classify_ref(k: &[i64], a: &[f64], out: &mut [f64]) {
    for i in 0..a.len() {
        let x = a[i];
        out[i] = match k[i] {
            0 => x,
            1 => -x,
            2 | 3 => x * 2.0,
            4..=6 => x.abs().sqrt(),
            -5..=-1 => x * x,
            _ => 0.5,
        };
        match k[i] % 4 {
            0 => {
                out[i] += 1.0;
            }
            1 => {
                out[i] -= 1.0;
            }
            _ => {}
        }
    }
}

#[test]
fn classify_matches_hand_written() {
    type F = fn(&[i64], &[f64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("classify", n);
        let k = rng.vec_i64(n, -7, 9);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        classify_ref(&k, &a, &mut want);
        for (v, f) in variants!(classify: F) {
            let mut got = init.clone();
            f(&k, &a, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// A `match` arm whose body is an assignment without braces, on an array with a hoisted window
// and on a reduction; and code outside the kernel language that touches the iteration's own
// element of an array the loop writes (the window must not hold that array borrowed).
#[kernel]
pub fn classify_arm(k: &[i64], a: &[f64], out: &mut [f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        out[i] = a[i];
        match k[i] {
            0 => out[i] += 1.0,
            1 => s += a[i],
            _ => out[i] = std::convert::identity(out[i]) * 2.0,
        }
    }
    s
}

fn classify_arm_ref(k: &[i64], a: &[f64], out: &mut [f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        out[i] = a[i];
        match k[i] {
            0 => out[i] += 1.0,
            1 => s += a[i],
            _ => out[i] *= 2.0,
        }
    }
    s
}

#[test]
fn classify_arm_matches_by_hand() {
    for n in SIZES {
        let mut rng = Rng::for_case("classify_arm", n);
        let k: Vec<i64> = (0..n).map(|_| (rng.next_u64() % 3) as i64).collect();
        let a = rng.vec_f64(n, -1.0, 1.0);
        let mut want = vec![0.0; n];
        let ws = classify_arm_ref(&k, &a, &mut want);
        let mut got = vec![0.0; n];
        assert_eq!(classify_arm::serial(&k, &a, &mut got).to_bits(), ws.to_bits(), "n={n}");
        assert_all_f64(&format!("serial n={n}"), &got, &want);
        let mut got = vec![0.0; n];
        assert_eq!(classify_arm(&k, &a, &mut got).to_bits(), ws.to_bits(), "n={n}");
        assert_all_f64(&format!("dispatch n={n}"), &got, &want);
    }
}

// ---------------------------------------------------------------------------------------------
// 15. A serial inner loop per iteration: row sums of a 2-D array.

#[kernel]
pub fn row_sums(a: ArrayView2<f64>, out: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]];
        }
        out[i] = s;
    }
}

fn row_sums_ref(a: ArrayView2<f64>, out: &mut [f64]) {
    for i in 0..a.nrows() {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]];
        }
        out[i] = s;
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

#[test]
fn row_sums_match_hand_written() {
    type F = fn(ArrayView2<f64>, &mut [f64]);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("row_sums", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let init = rng.vec_f64(av.nrows(), -1.0, 1.0);
            let mut want = init.clone();
            row_sums_ref(av.view(), &mut want);
            for (v, f) in variants!(row_sums: F) {
                let mut got = init.clone();
                f(av.view(), &mut got);
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 16. Matrix-vector product: an `ArrayView2` and slices.

#[kernel]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

fn matvec_ref(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in 0..a.nrows() {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

#[test]
fn matvec_matches_hand_written() {
    type F = fn(ArrayView2<f64>, &[f64], &mut [f64]);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("matvec", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let x = rng.vec_f64(av.ncols(), -10.0, 10.0);
            let init = rng.vec_f64(av.nrows(), -1.0, 1.0);
            let mut want = init.clone();
            matvec_ref(av.view(), &x, &mut want);
            for (v, f) in variants!(matvec: F) {
                let mut got = init.clone();
                f(av.view(), &x, &mut got);
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 17. Nested prange: a 2-D element-wise kernel over `ArrayViewMut2`, `[[i, j]]` and `[(i, j)]`.

#[kernel]
pub fn ew2d(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = out.nrows();
    let m = out.ncols();
    for i in prange(0..n) {
        for j in prange(0..m) {
            out[[i, j]] = a[[i, j]] * b[(i, j)] + (a[[i, j]] - b[[i, j]]).abs().sqrt() - (i as f64) * 0.5 + j as f64;
        }
    }
}

fn ew2d_ref(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = out.nrows();
    let m = out.ncols();
    for i in 0..n {
        for j in 0..m {
            out[[i, j]] = a[[i, j]] * b[(i, j)] + (a[[i, j]] - b[[i, j]]).abs().sqrt() - (i as f64) * 0.5 + j as f64;
        }
    }
}

#[test]
fn ew2d_matches_hand_written() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("ew2d", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -2.0, 2.0);
        let b = rng.array2(rows, cols, -2.0, 2.0);
        for ((view, av), (_, bv)) in views2(&a).into_iter().zip(views2(&b)) {
            let shape = av.dim();
            // Output: a fresh standard array, and the transposed view of one.
            let init = rng.array2(shape.0, shape.1, -1.0, 1.0);
            let mut want = init.clone();
            ew2d_ref(av.view(), bv.view(), want.view_mut());
            let init_t = init.t().as_standard_layout().into_owned();
            let mut want_t = init_t.clone();
            ew2d_ref(av.view(), bv.view(), want_t.view_mut().reversed_axes());
            for (v, f) in variants!(ew2d: F) {
                let mut got = init.clone();
                f(av.view(), bv.view(), got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
                let mut got_t = init_t.clone();
                f(av.view(), bv.view(), got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
        // Output every other row of a taller array: the rows between stay untouched.
        let init = rng.array2(2 * rows, cols, -1.0, 1.0);
        let mut want = init.clone();
        ew2d_ref(a.view(), b.view(), want.slice_mut(s![..;2, ..]));
        for (v, f) in variants!(ew2d: F) {
            let mut got = init.clone();
            f(a.view(), b.view(), got.slice_mut(s![..;2, ..]));
            assert_all_f64(&format!("{v} {rows}x{cols} out rows ..;2"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 18. A 2-D 5-point Jacobi step over the interior points.

#[kernel]
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

fn jacobi_ref(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = a.nrows();
    let m = a.ncols();
    if n == 0 || m == 0 {
        return;
    }
    for i in 1..n - 1 {
        for j in 1..m - 1 {
            out[[i, j]] = 0.25 * (a[[i - 1, j]] + a[[i + 1, j]] + a[[i, j - 1]] + a[[i, j + 1]]);
        }
    }
}

#[test]
fn jacobi_matches_hand_written() {
    type F = fn(ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("jacobi", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let init = rng.array2(av.nrows(), av.ncols(), -1.0, 1.0);
            let mut want = init.clone();
            jacobi_ref(av.view(), want.view_mut());
            for (v, f) in variants!(jacobi: F) {
                let mut got = init.clone();
                f(av.view(), got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
            // A strided output: the transposed view of an array.
            let init_t = init.t().as_standard_layout().into_owned();
            let mut want_t = init_t.clone();
            jacobi_ref(av.view(), want_t.view_mut().reversed_axes());
            for (v, f) in variants!(jacobi: F) {
                let mut got_t = init_t.clone();
                f(av.view(), got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 19. Host code with a time-step loop around prange loops; a host `Vec` the loops use.

#[kernel]
pub fn heat(u: &mut [f64], alpha: f64, steps: usize) -> f64 {
    let n = u.len();
    if n == 0 {
        return 0.0;
    }
    let mut tmp: Vec<f64> = u.to_vec();
    for _ in 0..steps {
        for i in prange(1..n - 1) {
            tmp[i] = u[i] + alpha * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        for i in prange(1..n - 1) {
            u[i] = tmp[i];
        }
    }
    let mut total = 0.0;
    for i in prange(0..n) {
        total += u[i];
    }
    total
}

fn heat_ref(u: &mut [f64], alpha: f64, steps: usize) -> f64 {
    let n = u.len();
    if n == 0 {
        return 0.0;
    }
    let mut tmp: Vec<f64> = u.to_vec();
    for _ in 0..steps {
        for i in 1..n - 1 {
            tmp[i] = u[i] + alpha * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        for i in 1..n - 1 {
            u[i] = tmp[i];
        }
    }
    let mut total = 0.0;
    for i in 0..n {
        total += u[i];
    }
    total
}

#[test]
fn heat_matches_hand_written() {
    type F = fn(&mut [f64], f64, usize) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("heat", n);
        let init = rng.vec_f64(n, 0.0, 100.0);
        let mut want = init.clone();
        let total = heat_ref(&mut want, 0.2, 10);
        for (v, f) in variants!(heat: F) {
            let mut got = init.clone();
            assert_f64(&format!("{v} n={n} total"), f(&mut got, 0.2, 10), total);
            assert_all_f64(&format!("{v} n={n} u"), &got, &want);
        }
    }
}

/// The same in 2-D on `&mut Array2`, with a host-side `Array2` the loops write.
#[kernel]
pub fn heat2d(u: &mut Array2<f64>, alpha: f64, steps: usize) {
    let n = u.nrows();
    let m = u.ncols();
    if n < 3 || m < 3 {
        return;
    }
    let mut next: Array2<f64> = u.clone();
    for _ in 0..steps {
        for i in prange(1..n - 1) {
            for j in prange(1..m - 1) {
                next[[i, j]] = u[[i, j]]
                    + alpha * (u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]] - 4.0 * u[[i, j]]);
            }
        }
        u.assign(&next);
    }
}

fn heat2d_ref(u: &mut Array2<f64>, alpha: f64, steps: usize) {
    let n = u.nrows();
    let m = u.ncols();
    if n < 3 || m < 3 {
        return;
    }
    let mut next: Array2<f64> = u.clone();
    for _ in 0..steps {
        for i in 1..n - 1 {
            for j in 1..m - 1 {
                next[[i, j]] = u[[i, j]]
                    + alpha * (u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]] - 4.0 * u[[i, j]]);
            }
        }
        u.assign(&next);
    }
}

#[test]
fn heat2d_matches_hand_written() {
    type F = fn(&mut Array2<f64>, f64, usize);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("heat2d", rows * 1000 + cols);
        let init = rng.array2(rows, cols, 0.0, 1.0);
        // A column-major array too: `&mut Array2` need not be in standard layout.
        let init_f = init.t().as_standard_layout().into_owned().reversed_axes();
        for (layout, init) in [("row-major", init.clone()), ("column-major", init_f)] {
            let mut want = init.clone();
            heat2d_ref(&mut want, 0.1, 4);
            for (v, f) in variants!(heat2d: F) {
                let mut got = init.clone();
                f(&mut got, 0.1, 4);
                assert_all_f64(&format!("{v} {rows}x{cols} {layout}"), &got, &want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 20. 1-D views: `ArrayView1` in, `ArrayViewMut1` out, with a reduction; run on columns.

#[kernel]
pub fn scaled_copy(a: ArrayView1<f64>, mut out: ArrayViewMut1<f64>, k: f64) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        out[i] = k * a[i];
        s += a[i];
    }
    s
}

fn scaled_copy_ref(a: ArrayView1<f64>, mut out: ArrayViewMut1<f64>, k: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        out[i] = k * a[i];
        s += a[i];
    }
    s
}

#[test]
fn scaled_copy_matches_hand_written_on_views() {
    type F = fn(ArrayView1<f64>, ArrayViewMut1<f64>, f64) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("scaled_copy", n);
        let k = rng.f64_in(-3.0, 3.0);
        let a = rng.array1(n, -1.0, 1.0);
        let init = rng.array1(n, -1.0, 1.0);
        let mut want = init.clone();
        let s = scaled_copy_ref(a.view(), want.view_mut(), k);
        for (v, f) in variants!(scaled_copy: F) {
            let mut got = init.clone();
            assert_f64(&format!("{v} n={n} sum"), f(a.view(), got.view_mut(), k), s);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
        // Strided: every third element reversed.
        let mut want = init.clone();
        let s = scaled_copy_ref(a.slice(s![..;-3]), want.slice_mut(s![..;3]), k);
        for (v, f) in variants!(scaled_copy: F) {
            let mut got = init.clone();
            assert_f64(&format!("{v} n={n} ..;-3 sum"), f(a.slice(s![..;-3]), got.slice_mut(s![..;3]), k), s);
            assert_all_f64(&format!("{v} n={n} ..;-3"), &got, &want);
        }
    }
    // Non-contiguous columns of row-major arrays.
    for (rows, cols) in SHAPES {
        if cols == 0 {
            continue;
        }
        let mut rng = Rng::for_case("scaled_copy columns", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        let col = rng.below(cols);
        let init = rng.array2(rows, cols, -1.0, 1.0);
        let mut want = init.clone();
        let s = scaled_copy_ref(a.column(col), want.column_mut(cols - 1 - col), 0.5);
        for (v, f) in variants!(scaled_copy: F) {
            let mut got = init.clone();
            assert_f64(
                &format!("{v} {rows}x{cols} column sum"),
                f(a.column(col), got.column_mut(cols - 1 - col), 0.5),
                s,
            );
            assert_all_f64(&format!("{v} {rows}x{cols} column"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 21. `&Array1` and `&mut Array1`: read-modify-write of the iteration's own element.

#[kernel]
pub fn axpy_array(alpha: f64, x: &Array1<f64>, y: &mut Array1<f64>) {
    for i in prange(0..y.len()) {
        y[i] = alpha * x[i] + y[i];
    }
}

fn axpy_array_ref(alpha: f64, x: &Array1<f64>, y: &mut Array1<f64>) {
    for i in 0..y.len() {
        y[i] = alpha * x[i] + y[i];
    }
}

#[test]
fn axpy_array_matches_hand_written() {
    type F = fn(f64, &Array1<f64>, &mut Array1<f64>);
    for n in SIZES {
        let mut rng = Rng::for_case("axpy_array", n);
        let alpha = rng.f64_in(-2.0, 2.0);
        let x = rng.array1(n, -1.0, 1.0);
        let init = rng.array1(n, -1.0, 1.0);
        let mut want = init.clone();
        axpy_array_ref(alpha, &x, &mut want);
        for (v, f) in variants!(axpy_array: F) {
            let mut got = init.clone();
            f(alpha, &x, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 22. A reduction over a 2-D prange on `&Array2`.

#[kernel]
pub fn frobenius(a: &Array2<f64>) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            s += a[[i, j]] * a[[i, j]];
        }
    }
    s.sqrt()
}

fn frobenius_ref(a: &Array2<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..a.nrows() {
        for j in 0..a.ncols() {
            s += a[[i, j]] * a[[i, j]];
        }
    }
    s.sqrt()
}

#[test]
fn frobenius_matches_hand_written() {
    type F = fn(&Array2<f64>) -> f64;
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("frobenius", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        let a_f = a.t().as_standard_layout().into_owned().reversed_axes();
        for (layout, a) in [("row-major", a), ("column-major", a_f)] {
            let want = frobenius_ref(&a);
            for (v, f) in variants!(frobenius: F) {
                assert_f64(&format!("{v} {rows}x{cols} {layout}"), f(&a), want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 23. Serial loops of every kind inside a prange body: `.rev()`, `.step_by(k)`, `a..=b`.

#[kernel]
pub fn poly(c: &[f64], x: &[f64], out: &mut [f64]) {
    let d = c.len();
    for i in prange(0..x.len()) {
        let mut acc = 0.0;
        for k in (0..d).rev() {
            acc = acc * x[i] + c[k];
        }
        let mut even = 0.0;
        for k in (0..d).step_by(2) {
            even += c[k];
        }
        let mut tri = 0.0;
        for k in 1..=3 {
            tri += (k as f64) * x[i];
        }
        out[i] = acc + even - tri;
    }
}

fn poly_ref(c: &[f64], x: &[f64], out: &mut [f64]) {
    let d = c.len();
    for i in 0..x.len() {
        let mut acc = 0.0;
        for k in (0..d).rev() {
            acc = acc * x[i] + c[k];
        }
        let mut even = 0.0;
        for k in (0..d).step_by(2) {
            even += c[k];
        }
        let mut tri = 0.0;
        for k in 1..=3 {
            tri += (k as f64) * x[i];
        }
        out[i] = acc + even - tri;
    }
}

#[test]
fn poly_matches_hand_written() {
    type F = fn(&[f64], &[f64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("poly", n);
        let c = rng.vec_f64(1 + n % 7, -1.0, 1.0);
        let x = rng.vec_f64(n, -1.5, 1.5);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        poly_ref(&c, &x, &mut want);
        for (v, f) in variants!(poly: F) {
            let mut got = init.clone();
            f(&c, &x, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 24. `loop`, `break` and `continue` in a serial loop inside the body: Collatz steps.

#[kernel]
pub fn collatz(v: &[u64], out: &mut [u32]) {
    for i in prange(0..v.len()) {
        let mut x = v[i];
        let mut steps = 0;
        loop {
            if x <= 1 {
                break;
            }
            steps += 1;
            if x % 2 == 0 {
                x /= 2;
                continue;
            }
            x = 3 * x + 1;
        }
        out[i] = steps;
    }
}

fn collatz_ref(v: &[u64], out: &mut [u32]) {
    for i in 0..v.len() {
        let mut x = v[i];
        let mut steps = 0;
        loop {
            if x <= 1 {
                break;
            }
            steps += 1;
            if x % 2 == 0 {
                x /= 2;
                continue;
            }
            x = 3 * x + 1;
        }
        out[i] = steps;
    }
}

#[test]
fn collatz_matches_hand_written() {
    type F = fn(&[u64], &mut [u32]);
    for n in SIZES {
        let mut rng = Rng::for_case("collatz", n);
        let v: Vec<u64> = (0..n).map(|_| rng.i64_in(1, 100_000) as u64).collect();
        let init: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let mut want = init.clone();
        collatz_ref(&v, &mut want);
        for (name, f) in variants!(collatz: F) {
            let mut got = init.clone();
            f(&v, &mut got);
            assert_all_eq(&format!("{name} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 25. `continue` in the prange body, a `-=` reduction under `if`, an `if` expression.

#[kernel]
pub fn clip_skip(a: &[f64], out: &mut [f64], lo: f64) -> f64 {
    let mut neg = 0.0;
    for i in prange(0..a.len()) {
        if a[i] < lo {
            neg -= a[i];
            continue;
        }
        out[i] = if a[i] > 1.0 { 1.0 } else { a[i] * 0.5 };
    }
    neg
}

fn clip_skip_ref(a: &[f64], out: &mut [f64], lo: f64) -> f64 {
    let mut neg = 0.0;
    for i in 0..a.len() {
        if a[i] < lo {
            neg -= a[i];
            continue;
        }
        out[i] = if a[i] > 1.0 { 1.0 } else { a[i] * 0.5 };
    }
    neg
}

#[test]
fn clip_skip_matches_hand_written() {
    type F = fn(&[f64], &mut [f64], f64) -> f64;
    for n in SIZES {
        let mut rng = Rng::for_case("clip_skip", n);
        let a = rng.vec_f64(n, -2.0, 2.0);
        let init = rng.vec_f64(n, 5.0, 6.0);
        let mut want = init.clone();
        let neg = clip_skip_ref(&a, &mut want, -0.5);
        for (v, f) in variants!(clip_skip: F) {
            let mut got = init.clone();
            assert_f64(&format!("{v} n={n} neg"), f(&a, &mut got, -0.5), neg);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 26. Integer arithmetic and `as` casts between widths; an `i64` sum.

#[kernel]
pub fn int_mix(v: &[i32], w: &[u8], out: &mut [i64]) -> i64 {
    let mut s: i64 = 0;
    for i in prange(0..v.len()) {
        let x = v[i] as i64;
        let y = w[i] as i64;
        out[i] = x * y - (x >> 2) + (y ^ 0x55) - x % 7 + (w[i] / 3) as i64;
        s += x % 1000;
    }
    s
}

fn int_mix_ref(v: &[i32], w: &[u8], out: &mut [i64]) -> i64 {
    let mut s: i64 = 0;
    for i in 0..v.len() {
        let x = v[i] as i64;
        let y = w[i] as i64;
        out[i] = x * y - (x >> 2) + (y ^ 0x55) - x % 7 + (w[i] / 3) as i64;
        s += x % 1000;
    }
    s
}

#[test]
fn int_mix_matches_hand_written() {
    type F = fn(&[i32], &[u8], &mut [i64]) -> i64;
    for n in SIZES {
        let mut rng = Rng::for_case("int_mix", n);
        let v: Vec<i32> = (0..n).map(|_| rng.i64_in(i32::MIN.into(), i32::MAX.into()) as i32).collect();
        let w: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
        let init = rng.vec_i64(n, -5, 5);
        let mut want = init.clone();
        let s = int_mix_ref(&v, &w, &mut want);
        for (name, f) in variants!(int_mix: F) {
            let mut got = init.clone();
            assert_eq!(f(&v, &w, &mut got), s, "{name} n={n} sum");
            assert_all_eq(&format!("{name} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 27. `bool` parameters and logic: `&&`, `||`, `!`, `!=` on bools.

#[kernel]
pub fn select(a: &[f64], b: &[f64], flip: bool, out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let c = (a[i] > b[i]) != flip && !(a[i] < -0.9 || b[i] < -0.9);
        out[i] = if c { a[i] } else { b[i] };
    }
}

fn select_ref(a: &[f64], b: &[f64], flip: bool, out: &mut [f64]) {
    for i in 0..a.len() {
        let c = (a[i] > b[i]) != flip && !(a[i] < -0.9 || b[i] < -0.9);
        out[i] = if c { a[i] } else { b[i] };
    }
}

#[test]
fn select_matches_hand_written() {
    type F = fn(&[f64], &[f64], bool, &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("select", n);
        let (a, b) = (rng.vec_f64(n, -1.0, 1.0), rng.vec_f64(n, -1.0, 1.0));
        for flip in [false, true] {
            let init = rng.vec_f64(n, -1.0, 1.0);
            let mut want = init.clone();
            select_ref(&a, &b, flip, &mut want);
            for (v, f) in variants!(select: F) {
                let mut got = init.clone();
                f(&a, &b, flip, &mut got);
                assert_all_f64(&format!("{v} n={n} flip={flip}"), &got, &want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 28. Row-parallel writes: any `j` in the row of a prange loop over `i`; `shape()`, `[(i, j)]`.

#[kernel]
pub fn row_scale(a: ArrayView2<f64>, w: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..a.shape()[1] {
            out[(i, j)] = a[[i, j]] * w[i] - j as f64;
        }
    }
}

fn row_scale_ref(a: ArrayView2<f64>, w: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in 0..a.nrows() {
        for j in 0..a.shape()[1] {
            out[(i, j)] = a[[i, j]] * w[i] - j as f64;
        }
    }
}

#[test]
fn row_scale_matches_hand_written() {
    type F = fn(ArrayView2<f64>, &[f64], ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("row_scale", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let w = rng.vec_f64(av.nrows(), -2.0, 2.0);
            let init = rng.array2(av.nrows(), av.ncols(), -1.0, 1.0);
            let mut want = init.clone();
            row_scale_ref(av.view(), &w, want.view_mut());
            let init_t = init.t().as_standard_layout().into_owned();
            let mut want_t = init_t.clone();
            row_scale_ref(av.view(), &w, want_t.view_mut().reversed_axes());
            for (v, f) in variants!(row_scale: F) {
                let mut got = init.clone();
                f(av.view(), &w, got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
                let mut got_t = init_t.clone();
                f(av.view(), &w, got_t.view_mut().reversed_axes());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}, transposed out"), &got_t, &want_t);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 29. Integer min/max reductions, one under `if`; `match` with guards and bindings.

#[kernel]
pub fn int_range(v: &[i64]) -> (i64, i64) {
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    for i in prange(0..v.len()) {
        lo = lo.min(v[i]);
        if v[i] % 2 == 0 {
            hi = hi.max(v[i]);
        }
    }
    (lo, hi)
}

fn int_range_ref(v: &[i64]) -> (i64, i64) {
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    for i in 0..v.len() {
        lo = lo.min(v[i]);
        if v[i] % 2 == 0 {
            hi = hi.max(v[i]);
        }
    }
    (lo, hi)
}

#[kernel]
pub fn match_guards(k: &[i64], out: &mut [f64]) {
    for i in prange(0..k.len()) {
        out[i] = match k[i] {
            n if n > 100 => 1.0,
            0 | 1 => 2.0,
            n => n as f64 * 0.5,
        };
    }
}

fn match_guards_ref(k: &[i64], out: &mut [f64]) {
    for i in 0..k.len() {
        out[i] = match k[i] {
            n if n > 100 => 1.0,
            0 | 1 => 2.0,
            n => n as f64 * 0.5,
        };
    }
}

#[test]
fn int_range_and_match_guards_match_hand_written() {
    type F = fn(&[i64]) -> (i64, i64);
    type G = fn(&[i64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("int_range", n);
        let v = rng.vec_i64(n, -1_000_000_000, 1_000_000_000);
        let want = int_range_ref(&v);
        for (name, f) in variants!(int_range: F) {
            assert_eq!(f(&v), want, "{name} n={n}");
        }
        let k = rng.vec_i64(n, -3, 200);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        match_guards_ref(&k, &mut want);
        for (name, f) in variants!(match_guards: G) {
            let mut got = init.clone();
            f(&k, &mut got);
            assert_all_f64(&format!("{name} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 30. A gather (`a[idx[i] as usize]`) and a stencil with offsets 0..=2 from a loop at 0.

#[kernel]
pub fn gather(idx: &[u32], a: &[f64], out: &mut [f64]) {
    for i in prange(0..idx.len()) {
        out[i] = a[idx[i] as usize];
    }
}

fn gather_ref(idx: &[u32], a: &[f64], out: &mut [f64]) {
    for i in 0..idx.len() {
        out[i] = a[idx[i] as usize];
    }
}

#[kernel]
pub fn forward_diff(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i + 2] - 2.0 * a[i + 1] + a[i];
    }
}

fn forward_diff_ref(a: &[f64], out: &mut [f64]) {
    for i in 0..out.len() {
        out[i] = a[i + 2] - 2.0 * a[i + 1] + a[i];
    }
}

#[test]
fn gather_and_forward_diff_match_hand_written() {
    type F = fn(&[u32], &[f64], &mut [f64]);
    type G = fn(&[f64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("gather", n);
        let a = rng.vec_f64(n + 2, -1.0, 1.0);
        let idx: Vec<u32> = (0..n).map(|_| rng.below(n + 2) as u32).collect();
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        gather_ref(&idx, &a, &mut want);
        for (v, f) in variants!(gather: F) {
            let mut got = init.clone();
            f(&idx, &a, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
        let mut want = init.clone();
        forward_diff_ref(&a, &mut want);
        for (v, f) in variants!(forward_diff: G) {
            let mut got = init.clone();
            f(&a, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

#[test]
#[should_panic(
    expected = "index out of bounds: the prange loop over i in 0..8 accesses `a[i + 2]`, which for i = 7 is outside `a` (len 9)"
)]
fn forward_diff_with_a_short_input_panics_naming_the_array() {
    let a = [1.0; 9];
    let mut out = [0.0; 8];
    forward_diff::serial(&a, &mut out);
}

// ---------------------------------------------------------------------------------------------
// 31. Host state changed between prange loops and captured by them; a prange loop in a host
//     `if`; a labeled `break` out of nested serial loops; a 2-D reduction with `continue`.

#[kernel]
pub fn host_state(a: &[f32], out: &mut [f32], go: bool) -> f32 {
    let w = 2.0;
    let mut scale = 1.0;
    let mut s = 0.0;
    for t in 0..3 {
        scale *= 0.5;
        if go {
            for i in prange(0..a.len()) {
                out[i] = a[i] * w * scale + t as f32;
            }
        } else {
            for i in prange(0..a.len()) {
                s += a[i] * scale;
            }
        }
    }
    s
}

fn host_state_ref(a: &[f32], out: &mut [f32], go: bool) -> f32 {
    let w = 2.0;
    let mut scale = 1.0;
    let mut s = 0.0;
    for t in 0..3 {
        scale *= 0.5;
        if go {
            for i in 0..a.len() {
                out[i] = a[i] * w * scale + t as f32;
            }
        } else {
            for i in 0..a.len() {
                s += a[i] * scale;
            }
        }
    }
    s
}

#[kernel]
pub fn first_above(a: ArrayView2<f64>, t: f64, out: &mut [usize]) {
    for i in prange(0..a.nrows()) {
        let mut found = a.ncols();
        'scan: for j in 0..a.ncols() {
            for _rep in 0..2 {
                if a[[i, j]] > t {
                    found = j;
                    break 'scan;
                }
            }
        }
        out[i] = found;
    }
}

fn first_above_ref(a: ArrayView2<f64>, t: f64, out: &mut [usize]) {
    for i in 0..a.nrows() {
        let mut found = a.ncols();
        'scan: for j in 0..a.ncols() {
            for _rep in 0..2 {
                if a[[i, j]] > t {
                    found = j;
                    break 'scan;
                }
            }
        }
        out[i] = found;
    }
}

#[kernel]
pub fn positive_sum(a: ArrayView2<f64>) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            if a[[i, j]] < 0.0 {
                continue;
            }
            s += a[[i, j]];
        }
    }
    s
}

fn positive_sum_ref(a: ArrayView2<f64>) -> f64 {
    let mut s = 0.0;
    for i in 0..a.nrows() {
        for j in 0..a.ncols() {
            if a[[i, j]] < 0.0 {
                continue;
            }
            s += a[[i, j]];
        }
    }
    s
}

#[test]
fn host_state_matches_hand_written() {
    type F = fn(&[f32], &mut [f32], bool) -> f32;
    for n in SIZES {
        let mut rng = Rng::for_case("host_state", n);
        let a = rng.vec_f32(n, -1.0, 1.0);
        let init = rng.vec_f32(n, -1.0, 1.0);
        for go in [false, true] {
            let mut want = init.clone();
            let s = host_state_ref(&a, &mut want, go);
            for (v, f) in variants!(host_state: F) {
                let mut got = init.clone();
                assert_f32(&format!("{v} n={n} go={go} sum"), f(&a, &mut got, go), s);
                assert_all_f32(&format!("{v} n={n} go={go}"), &got, &want);
            }
        }
    }
}

#[test]
fn first_above_and_positive_sum_match_hand_written() {
    type F = fn(ArrayView2<f64>, f64, &mut [usize]);
    type G = fn(ArrayView2<f64>) -> f64;
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("first_above", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let init: Vec<usize> = (0..av.nrows()).map(|_| rng.below(1000)).collect();
            let mut want = init.clone();
            first_above_ref(av.view(), 0.9, &mut want);
            for (v, f) in variants!(first_above: F) {
                let mut got = init.clone();
                f(av.view(), 0.9, &mut got);
                assert_all_eq(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
            let want = positive_sum_ref(av.view());
            for (v, f) in variants!(positive_sum: G) {
                assert_f64(&format!("{v} {rows}x{cols} {view}"), f(av.view()), want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 32. Serial loop adapters over a range built from the prange variable: `(0..=i.min(4)).rev().step_by(2)`.

#[kernel]
pub fn back_window(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let mut s = 0.0;
        for k in (0..=i.min(4)).rev().step_by(2) {
            s += a[i - k];
        }
        out[i] = s;
    }
}

fn back_window_ref(a: &[f64], out: &mut [f64]) {
    for i in 0..a.len() {
        let mut s = 0.0;
        for k in (0..=i.min(4)).rev().step_by(2) {
            s += a[i - k];
        }
        out[i] = s;
    }
}

#[test]
fn back_window_matches_hand_written() {
    type F = fn(&[f64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("back_window", n);
        let a = rng.vec_f64(n, -1.0, 1.0);
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        back_window_ref(&a, &mut want);
        for (v, f) in variants!(back_window: F) {
            let mut got = init.clone();
            f(&a, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 33. A 2-D prange with 1-D slices indexed by each of the two variables, at offsets.

#[kernel]
pub fn conv_rows(a: ArrayView2<f64>, wr: &[f64], wc: &[f64], mut out: ArrayViewMut2<f64>) {
    let n = a.nrows();
    let m = a.ncols();
    if m == 0 {
        return;
    }
    for i in prange(0..n) {
        for j in prange(1..m - 1) {
            out[[i, j]] = a[[i, j]] * wr[i + 1] + wc[j - 1] * wc[j + 1];
        }
    }
}

fn conv_rows_ref(a: ArrayView2<f64>, wr: &[f64], wc: &[f64], mut out: ArrayViewMut2<f64>) {
    let n = a.nrows();
    let m = a.ncols();
    if m == 0 {
        return;
    }
    for i in 0..n {
        for j in 1..m - 1 {
            out[[i, j]] = a[[i, j]] * wr[i + 1] + wc[j - 1] * wc[j + 1];
        }
    }
}

/// Row-parallel writes over a triangle: the serial inner loop's bound depends on `i`.
#[kernel]
pub fn lower_tri(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = a.nrows().min(a.ncols());
    for i in prange(0..n) {
        for j in 0..i + 1 {
            out[[i, j]] = a[[i, j]] + a[[j, i]];
        }
    }
}

fn lower_tri_ref(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    let n = a.nrows().min(a.ncols());
    for i in 0..n {
        for j in 0..i + 1 {
            out[[i, j]] = a[[i, j]] + a[[j, i]];
        }
    }
}

#[test]
fn conv_rows_and_lower_tri_match_hand_written() {
    type F = fn(ArrayView2<f64>, &[f64], &[f64], ArrayViewMut2<f64>);
    type G = fn(ArrayView2<f64>, ArrayViewMut2<f64>);
    for (rows, cols) in SHAPES {
        let mut rng = Rng::for_case("conv_rows", rows * 1000 + cols);
        let a = rng.array2(rows, cols, -1.0, 1.0);
        for (view, av) in views2(&a) {
            let wr = rng.vec_f64(av.nrows() + 1, -1.0, 1.0);
            let wc = rng.vec_f64(av.ncols(), -1.0, 1.0);
            let init = rng.array2(av.nrows(), av.ncols(), -1.0, 1.0);
            let mut want = init.clone();
            conv_rows_ref(av.view(), &wr, &wc, want.view_mut());
            for (v, f) in variants!(conv_rows: F) {
                let mut got = init.clone();
                f(av.view(), &wr, &wc, got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
            let mut want = init.clone();
            lower_tri_ref(av.view(), want.view_mut());
            for (v, f) in variants!(lower_tri: G) {
                let mut got = init.clone();
                f(av.view(), got.view_mut());
                assert_all_f64(&format!("{v} {rows}x{cols} {view}"), &got, &want);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 34. Operator precedence, unary minus, casts and literal forms, as the macro re-prints them.

#[kernel]
pub fn precedence(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = b[i];
        let z = c[i];
        let t1 = x - (y - z) + x / (y * z) - -(x * y) + -x.abs() + (-x).abs();
        let t2 = (x as i64 * 3) as f64 + ((x * 10.0) as i64 % 7) as f64 + -2.0f64.powi(2) + (-2.0f64).powi(2);
        let t3 = x % 1.5 - (x - y) * z + x / y / z - x / (y / z) + x - y - z - (x - (y + z));
        let t4 = (x < y) as i32 as f64 + (!(x < y)) as i32 as f64 + ((x < y) == (z < y)) as u8 as f64;
        let t5 = ((y.abs() * 10.0) as u8 as u32) as f64 + ((1 << 3 | 4 & 6 ^ 1) + (7 >> 1 << 2)) as f64;
        let t6 = x * 1e-3 + 1_000.5 + 0x10 as f64 + 0.5f64 + 2.0_f64.sqrt() + (i as f64).sqrt();
        let t7 = (x + y).sqrt().abs() * -z.max(x) - (-(x - -y)) + (if x > y { 1.0 } else { 2.0 }) * 3.0;
        let t8 = -x as i64 as f64 - (-(x as i64)) as f64 + ((x * 100.0) as i32 / 7 * 3 - 5 % 3) as f64;
        let t9 = (x * 200.0) as i8 as f64 + (z * 1e5) as u16 as f64 + (y * 1e3) as isize as f64;
        out[i] = t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9;
    }
}

fn precedence_ref(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) {
    for i in 0..a.len() {
        let x = a[i];
        let y = b[i];
        let z = c[i];
        let t1 = x - (y - z) + x / (y * z) - -(x * y) + -x.abs() + (-x).abs();
        let t2 = (x as i64 * 3) as f64 + ((x * 10.0) as i64 % 7) as f64 + -2.0f64.powi(2) + (-2.0f64).powi(2);
        let t3 = x % 1.5 - (x - y) * z + x / y / z - x / (y / z) + x - y - z - (x - (y + z));
        let t4 = (x < y) as i32 as f64 + (!(x < y)) as i32 as f64 + ((x < y) == (z < y)) as u8 as f64;
        let t5 = ((y.abs() * 10.0) as u8 as u32) as f64 + ((1 << 3 | 4 & 6 ^ 1) + (7 >> 1 << 2)) as f64;
        let t6 = x * 1e-3 + 1_000.5 + 0x10 as f64 + 0.5f64 + 2.0_f64.sqrt() + (i as f64).sqrt();
        let t7 = (x + y).sqrt().abs() * -z.max(x) - (-(x - -y)) + (if x > y { 1.0 } else { 2.0 }) * 3.0;
        let t8 = -x as i64 as f64 - (-(x as i64)) as f64 + ((x * 100.0) as i32 / 7 * 3 - 5 % 3) as f64;
        let t9 = (x * 200.0) as i8 as f64 + (z * 1e5) as u16 as f64 + (y * 1e3) as isize as f64;
        out[i] = t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9;
    }
}

#[test]
fn precedence_matches_hand_written() {
    type F = fn(&[f64], &[f64], &[f64], &mut [f64]);
    for n in SIZES {
        let mut rng = Rng::for_case("precedence", n);
        let (a, b, c) = (rng.vec_f64(n, -3.0, 3.0), rng.vec_f64(n, -3.0, 3.0), rng.vec_f64(n, -3.0, 3.0));
        let init = rng.vec_f64(n, -1.0, 1.0);
        let mut want = init.clone();
        precedence_ref(&a, &b, &c, &mut want);
        for (v, f) in variants!(precedence: F) {
            let mut got = init.clone();
            f(&a, &b, &c, &mut got);
            assert_all_f64(&format!("{v} n={n}"), &got, &want);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 35. Every kernel has a report.

#[test]
fn every_kernel_has_a_report() {
    for (name, report) in [
        ("go_fast", go_fast::REPORT),
        ("saxpy", saxpy::REPORT),
        ("stencil3", stencil3::REPORT),
        ("dot", dot::REPORT),
        ("max_of", max_of::REPORT),
        ("min_of", min_of::REPORT),
        ("product", product::REPORT),
        ("count_above", count_above::REPORT),
        ("count_above_inferred", count_above_inferred::REPORT),
        ("bits", bits::REPORT),
        ("bits_i64", bits_i64::REPORT),
        ("mean_var", mean_var::REPORT),
        ("sum_f32", sum_f32::REPORT),
        ("math_map", math_map::REPORT),
        ("math_map_f32", math_map_f32::REPORT),
        ("mandelbrot", mandelbrot::REPORT),
        ("mandelbrot_grid", mandelbrot_grid::REPORT),
        ("classify", classify::REPORT),
        ("row_sums", row_sums::REPORT),
        ("matvec", matvec::REPORT),
        ("ew2d", ew2d::REPORT),
        ("jacobi", jacobi::REPORT),
        ("heat", heat::REPORT),
        ("heat2d", heat2d::REPORT),
        ("scaled_copy", scaled_copy::REPORT),
        ("axpy_array", axpy_array::REPORT),
        ("frobenius", frobenius::REPORT),
        ("poly", poly::REPORT),
        ("collatz", collatz::REPORT),
        ("clip_skip", clip_skip::REPORT),
        ("int_mix", int_mix::REPORT),
        ("select", select::REPORT),
        ("row_scale", row_scale::REPORT),
        ("int_range", int_range::REPORT),
        ("match_guards", match_guards::REPORT),
        ("gather", gather::REPORT),
        ("forward_diff", forward_diff::REPORT),
        ("host_state", host_state::REPORT),
        ("first_above", first_above::REPORT),
        ("positive_sum", positive_sum::REPORT),
        ("back_window", back_window::REPORT),
        ("conv_rows", conv_rows::REPORT),
        ("lower_tri", lower_tri::REPORT),
        ("precedence", precedence::REPORT),
    ] {
        assert!(!report.is_empty(), "{name}");
        assert!(!report.contains("not generated"), "{name}: {report}");
    }
}
