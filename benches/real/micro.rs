//! The five reproducers of issue 12, as written there: each isolates one way `fastmath` or
//! `parallel_fastmath` lost to `serial` or to Numba.

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

/// Reproducer 1, "short loop, heavy body": few iterations (the n = 1024), each 2000
/// square roots; `parallel_fastmath` chunks of `max(ceil(n / 256), 4)` iterations waste lanes.
#[kernel(parallel, fastmath)]
pub fn heavy(x: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        let mut s = 0.0;
        for j in 0..2000 {
            s += (x[i] + j as f64).sqrt();
        }
        out[i] = s;
    }
}

/// Reproducer 2, "writing a 2-D array": `sin` of every element of an `n x 4` array, rows in
/// parallel, written into a 2-D output.
#[kernel(parallel, fastmath)]
pub fn rows2d(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..a.ncols() {
            out[[i, j]] = a[[i, j]].sin();
        }
    }
}

/// Reproducer 3, "`x.powi(2)` in lanes": the sum of the squares of each row of an `n x 3` array,
/// squared with `powi(2)`.
#[kernel(parallel, fastmath)]
pub fn powi2(a: ArrayView2<f64>, out: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for k in 0..a.ncols() {
            s += a[[i, k]].powi(2);
        }
        out[i] = s;
    }
}

/// Reproducer 4, "uniform indices gathered under a divergent `while`": `y[j]` and `lim[k]` are
/// the same in every lane, but the `while` runs under a mask.
#[kernel(parallel, fastmath)]
pub fn uniform_j(x: &[f64], y: &[f64], lim: &[f64], out: &mut [f64]) {
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

/// Reproducer 5, "row-walking inner loops": pairwise distances between the rows of `a` and of
/// `b`, over the first `d` columns (`d` given at run time: 3 and 16 in the benches).
#[kernel(parallel, fastmath)]
pub fn pairwise_dist(a: ArrayView2<f64>, b: ArrayView2<f64>, d: usize, mut out: ArrayViewMut2<f64>) {
    let n = a.nrows();
    let m = b.nrows();
    for i in prange(0..n) {
        for j in 0..m {
            let mut s = 0.0;
            for k in 0..d {
                let t = a[[i, k]] - b[[j, k]];
                s += t * t;
            }
            out[[i, j]] = s.sqrt();
        }
    }
}
