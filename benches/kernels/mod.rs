//! The kernels of the benchmark suite and of the Numba comparison, each with every CPU
//! variant, and the inputs both sides compute the same way.
//!
//! Included with `#[path = "kernels/mod.rs"] mod kernels;` by `benches/suite.rs` and
//! `benches/peers/kernelize.rs`; `benches/peers/numba_kernels.py` holds the same kernels for
//! Numba, written line for line like these.

#![allow(dead_code)]

use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

/// The seed kernel: a tanh trace, then `a + trace` (Numba's "5 minute guide").
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

/// `y = alpha * x + y` in single precision.
#[kernel(parallel, fastmath)]
pub fn saxpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for i in prange(0..x.len()) {
        y[i] = alpha * x[i] + y[i];
    }
}

/// `sum(x * y)`.
#[kernel(parallel, fastmath)]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..x.len()) {
        s += x[i] * y[i];
    }
    s
}

/// `sum(ln(1 + exp(x)))`.
#[kernel(parallel, fastmath)]
pub fn softplus_sum(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..x.len()) {
        s += x[i].exp().ln_1p();
    }
    s
}

/// Escape-time counts of the points `(cr[i], ci[i])`, at most `max_iter` iterations.
#[kernel(parallel, fastmath)]
pub fn mandelbrot(cr: &[f64], ci: &[f64], out: &mut [u32], max_iter: u32) {
    for i in prange(0..cr.len()) {
        let x0 = cr[i];
        let y0 = ci[i];
        let mut x = 0.0;
        let mut y = 0.0;
        let mut k = 0;
        while k < max_iter && x * x + y * y <= 4.0 {
            let t = x * x - y * y + x0;
            y = 2.0 * x * y + y0;
            x = t;
            k += 1;
        }
        out[i] = k;
    }
}

/// One Jacobi step of the 2-D Laplace equation on the interior (5-point stencil).
#[kernel(parallel, fastmath)]
pub fn jacobi(u: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(1..u.nrows() - 1) {
        for j in prange(1..u.ncols() - 1) {
            out[[i, j]] = 0.25 * (u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]]);
        }
    }
}

/// Gravitational accelerations of `n` bodies on each other (softened, G = 1), O(n^2).
#[kernel(parallel, fastmath)]
pub fn nbody(x: &[f64], y: &[f64], z: &[f64], m: &[f64], ax: &mut [f64], ay: &mut [f64], az: &mut [f64]) {
    for i in prange(0..x.len()) {
        let mut sx = 0.0;
        let mut sy = 0.0;
        let mut sz = 0.0;
        for j in 0..x.len() {
            let dx = x[j] - x[i];
            let dy = y[j] - y[i];
            let dz = z[j] - z[i];
            let r2 = dx * dx + dy * dy + dz * dz + 1e-3;
            let inv = 1.0 / (r2 * r2.sqrt());
            sx += m[j] * dx * inv;
            sy += m[j] * dy * inv;
            sz += m[j] * dz * inv;
        }
        ax[i] = sx;
        ay[i] = sy;
        az[i] = sz;
    }
}

/// `y = A x`, one row per iteration.
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

/// Input `k` of stream `seed`: a value in [0, 1) from SplitMix64's finalizer applied to
/// `k + seed * 2^32` (so streams of different seeds are unrelated), keeping the top 53 bits:
/// integer arithmetic modulo 2^64 and one exact division, which Python computes bit for bit.
pub fn unit(k: usize, seed: u64) -> f64 {
    let mut z = (k as u64).wrapping_add(seed << 32).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / 9_007_199_254_740_992.0
}

/// `n` inputs in `[lo, hi)`: `lo + (hi - lo) * unit(k, seed)`.
pub fn inputs(n: usize, seed: u64, lo: f64, hi: f64) -> Vec<f64> {
    (0..n).map(|k| lo + (hi - lo) * unit(k, seed)).collect()
}

/// A `rows x cols` matrix of inputs, row-major.
pub fn matrix(rows: usize, cols: usize, seed: u64, lo: f64, hi: f64) -> Array2<f64> {
    Array2::from_shape_vec((rows, cols), inputs(rows * cols, seed, lo, hi)).unwrap_or_default()
}
