use kernelize::prange;
use ndarray::{Array1, ArrayView1, ArrayViewMut1};

pub fn trapz(y: ArrayView1<f64>, x: ArrayView1<f64>) -> f64 {
    let mut s = 0.0;
    for i in prange(1..y.len()) {
        s += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
    }
    s
}

pub fn diff(y: ArrayView1<f64>, mut out: ArrayViewMut1<f64>) {
    for i in prange(0..y.len() - 1) {
        out[i] = y[i + 1] - y[i];
    }
}

pub fn linspace(a: f64, b: f64, n: usize) -> Array1<f64> {
    let mut out = Array1::<f64>::zeros(n);
    let step = (b - a) / (n - 1) as f64;
    for i in prange(0..n) {
        out[i] = a + step * i as f64;
    }
    out
}
