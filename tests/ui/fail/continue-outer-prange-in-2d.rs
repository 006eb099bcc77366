use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

#[kernel]
fn fill(mut out: ArrayViewMut2<f64>) {
    'rows: for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            if j > i {
                continue 'rows;
            }
            out[[i, j]] = 1.0;
        }
    }
}

fn main() {}
