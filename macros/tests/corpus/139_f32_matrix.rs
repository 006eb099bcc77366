use kernelize::prange;
use ndarray::{Array2, ArrayView2, ArrayViewMut2};

pub fn add_scaled(a: ArrayView2<f32>, b: ArrayView2<f32>, s: f32, mut c: ArrayViewMut2<f32>) {
    for i in prange(0..a.nrows()) {
        for j in 0..a.ncols() {
            c[[i, j]] = a[[i, j]] + s * b[[i, j]];
        }
    }
}

pub fn row_sums(a: &Array2<f32>) -> Vec<f32> {
    let mut out = vec![0.0; a.nrows()];
    for i in prange(0..a.nrows()) {
        let mut s = 0.0f32;
        for j in 0..a.ncols() {
            s += a[[i, j]];
        }
        out[i] = s;
    }
    out
}

pub fn col_sums_racy(a: ArrayView2<f32>, out: &mut [f32]) {
    for i in prange(0..a.nrows()) {
        for j in 0..a.ncols() {
            out[j] += a[[i, j]];
        }
    }
}

pub fn frobenius(a: ArrayView2<f64>) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            s += a[[i, j]] * a[[i, j]];
        }
    }
    s.sqrt()
}
