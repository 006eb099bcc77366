//! Single-precision a*x plus y, the classic BLAS level-1 kernel.

pub fn saxpy(a: f32, x: &[f32], y: &mut [f32]) {
    for i in 0..x.len() {
        y[i] = a * x[i] + y[i];
    }
}

pub fn daxpy_fma(a: f64, x: &[f64], y: &mut [f64]) {
    let n = x.len().min(y.len());
    for i in 0..n {
        y[i] = a.mul_add(x[i], y[i]);
    }
}
