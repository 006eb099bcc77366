use kernelize::ndarray::ArrayViewMut2;
use kernelize::{kernel, prange};

// A symmetric matrix filled from both sides (covariance): row `i` and column `i` at once.
#[kernel(parallel)]
fn mirror(mut cov: ArrayViewMut2<f64>) {
    for i in prange(0..cov.nrows()) {
        for j in i..cov.ncols() {
            cov[[i, j]] = (i * j) as f64;
            cov[[j, i]] = (i * j) as f64;
        }
    }
}

fn main() {}
