use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayView2;

#[kernel]
fn row_sums(a: ArrayView2<f64>, out: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            out[i] += a[[i, j]];
        }
    }
}

fn main() {}
