use ndarray::{Array1, ArrayView2};

pub fn power_iteration(a: ArrayView2<f64>, iters: usize) -> (f64, Array1<f64>) {
    let n = a.nrows();
    let mut v = Array1::from_elem(n, 1.0 / (n as f64).sqrt());
    let mut lambda = 0.0;
    for _ in 0..iters {
        let w = a.dot(&v);
        let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            break;
        }
        lambda = v.dot(&w);
        v = w / norm;
    }
    (lambda, v)
}
