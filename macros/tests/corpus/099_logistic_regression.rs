use kernelize::prange;
use ndarray::{Array1, ArrayView1, ArrayView2};

pub fn logistic_grad(x: ArrayView2<f64>, y: ArrayView1<f64>, w: ArrayView1<f64>) -> (f64, Array1<f64>) {
    let (n, d) = x.dim();
    let mut grad = Array1::<f64>::zeros(d);
    let mut loss = 0.0;
    for i in prange(0..n) {
        let mut z = 0.0;
        for j in 0..d {
            z += x[[i, j]] * w[j];
        }
        let p = 1.0 / (1.0 + (-z).exp());
        let p = p.clamp(1e-12, 1.0 - 1e-12);
        loss -= y[i] * p.ln() + (1.0 - y[i]) * (1.0 - p).ln();
        for j in 0..d {
            grad[j] += (p - y[i]) * x[[i, j]];
        }
    }
    (loss / n as f64, grad / n as f64)
}
