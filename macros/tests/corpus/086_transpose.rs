use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn transpose(a: ArrayView2<f64>, mut t: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..a.ncols() {
            t[[j, i]] = a[[i, j]];
        }
    }
}

pub fn transpose_blocked(a: &[f32], t: &mut [f32], n: usize) {
    const B: usize = 32;
    for ib in prange((0..n).step_by(B)) {
        for jb in (0..n).step_by(B) {
            for i in ib..(ib + B).min(n) {
                for j in jb..(jb + B).min(n) {
                    t[j * n + i] = a[i * n + j];
                }
            }
        }
    }
}
