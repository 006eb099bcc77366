use kernelize::{kernel, prange};

#[kernel(fastmath)]
fn scale(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = 2.0 * a[i];
    }
}

fn main() {
    let a = [1.0, 2.0, 3.0];
    let mut out = [0.0; 3];
    scale::fastmath(&a, &mut out);
    assert_eq!(out, [2.0, 4.0, 6.0]);
}
