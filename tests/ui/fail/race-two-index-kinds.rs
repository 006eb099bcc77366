use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

#[kernel]
fn symmetric(mut out: ArrayViewMut2<f64>) {
    let n = out.nrows();
    for i in prange(0..n) {
        for j in prange(0..n) {
            out[[i, j]] = 1.0;
            out[[j, i]] = 1.0;
        }
    }
}

fn main() {}
