use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

#[kernel]
fn fill(mut out: ArrayViewMut2<f64>, depth: usize) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            for k in prange(0..depth) {
                out[[i, j]] = k as f64;
            }
        }
    }
}

fn main() {}
