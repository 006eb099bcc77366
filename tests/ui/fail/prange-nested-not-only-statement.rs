use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

#[kernel]
fn fill(mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        let row = i as f64;
        for j in prange(0..out.ncols()) {
            out[[i, j]] = row;
        }
    }
}

fn main() {}
