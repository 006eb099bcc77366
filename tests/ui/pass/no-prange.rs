// Kernels with no prange loop at all: plain host code, kept as written.
use kernelize::ndarray::Array2;
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

#[kernel(parallel)]
fn prefix_sum(a: &mut [i64]) {
    for i in 1..a.len() {
        a[i] += a[i - 1];
    }
}

#[kernel(parallel)]
fn trace(m: &Array2<f64>) -> f64 {
    (0..m.nrows().min(m.ncols())).map(|k| m[[k, k]]).sum()
}

#[kernel(parallel)]
fn nothing() {}

#[kernel(parallel)]
fn plain_prange_loop(out: &mut [usize]) {
    for i in prange(0..out.len()) {
        out[i] = i;
    }
}

fn main() {
    assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]), 32.0);
    let mut a = [1, 2, 3, 4];
    prefix_sum(&mut a);
    assert_eq!(a, [1, 3, 6, 10]);
    prefix_sum::serial(&mut a);
    assert_eq!(a, [1, 4, 10, 20]);
    let m = Array2::from_shape_fn((3, 2), |(i, j)| (i * 2 + j) as f64);
    assert_eq!(trace(&m), 0.0 + 3.0);
    nothing();
    nothing::serial();
    let mut o = [9; 4];
    plain_prange_loop(&mut o);
    assert_eq!(o, [0, 1, 2, 3]);
    assert!(!dot::REPORT.is_empty());
}
