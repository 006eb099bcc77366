// Code outside the kernel language inside a prange body is kept as plain Rust in the
// serial variant: calls to user functions, `println!`, method calls, closures, tuples.
use kernelize::{kernel, prange};

fn smooth(x: f64) -> f64 {
    x / (1.0 + x.abs())
}

#[kernel(parallel)]
fn apply(a: &[f64], out: &mut [f64], verbose: bool) {
    for i in prange(0..a.len()) {
        let y = smooth(a[i]);
        let twice = |v: f64| v * 2.0;
        let (p, q) = (y, twice(y));
        if verbose {
            println!("a[{i}] = {} -> {y}", a[i]);
        }
        out[i] = p + q + [1.0, 2.0][i % 2] + a[i].to_degrees();
    }
}

fn main() {
    let a = [-1.0, 0.0, 2.0];
    let mut out = [0.0; 3];
    apply(&a, &mut out, true);
    for k in 0..3 {
        let y = smooth(a[k]);
        assert_eq!(out[k], y + 2.0 * y + [1.0, 2.0][k % 2] + a[k].to_degrees());
    }
    assert!(!apply::REPORT.is_empty());
}
