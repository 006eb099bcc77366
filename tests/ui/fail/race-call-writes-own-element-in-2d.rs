use kernelize::{kernel, prange};
use kernelize::ndarray::ArrayViewMut2;

fn bump(x: &mut f64) {
    *x += 1.0;
}

#[kernel]
fn grid(mut out: ArrayViewMut2<f64>, rows: &mut [f64]) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            out[[i, j]] = 0.0;
            bump(&mut rows[i]);
        }
    }
}

fn main() {}
