use kernelize::{kernel, prange};

/// A copy of the prange variable is still the iteration's own index.
#[kernel(parallel)]
fn reverse_pairs(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let j = i;
        let k = a.len() - 1 - i;
        out[j] = a[k];
    }
}

fn main() {
    let a = [1.0, 2.0, 3.0];
    let mut out = [0.0; 3];
    reverse_pairs(&a, &mut out);
    assert_eq!(out, [3.0, 2.0, 1.0]);
}
