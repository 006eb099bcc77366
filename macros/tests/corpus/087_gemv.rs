use kernelize::prange;
use ndarray::{Array1, ArrayView1, ArrayView2};

pub fn gemv(alpha: f64, a: ArrayView2<f64>, x: ArrayView1<f64>, beta: f64, y: &mut Array1<f64>) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = alpha * s + beta * y[i];
    }
}
