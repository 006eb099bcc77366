use kernelize::prange;
use ndarray::{Array2, ArrayView2};

/// Naive dense matrix product c = a * b.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>, c: &mut Array2<f64>) {
    let n = a.nrows();
    let m = b.ncols();
    let k = a.ncols();
    for i in prange(0..n) {
        for j in 0..m {
            let mut acc = 0.0;
            for p in 0..k {
                acc += a[[i, p]] * b[[p, j]];
            }
            c[[i, j]] = acc;
        }
    }
}
