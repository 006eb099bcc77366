use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

#[kernel]
fn lower(mut out: ArrayViewMut2<f64>) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..i) {
            out[[i, j]] = 1.0;
        }
    }
}

fn main() {}
