use kernelize::{kernel, prange};

#[kernel(parallel)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in prange(0..a.len()) {
        trace += a[i].tanh();
    }
    for i in prange(0..a.len()) {
        out[i] = a[i] + trace;
    }
    trace
}

fn main() {
    let a = [0.5, 1.0, 2.0];
    let mut out = [0.0; 3];
    let trace = go_fast(&a, &mut out);
    let expected: f64 = a.iter().map(|x: &f64| x.tanh()).sum();
    assert_eq!(trace, expected);
    for k in 0..3 {
        assert_eq!(out[k], a[k] + expected);
    }
    let mut out2 = [0.0; 3];
    assert_eq!(go_fast::serial(&a, &mut out2), trace);
    assert_eq!(out, out2);
    assert!(go_fast::REPORT.contains("reduction"));
}
