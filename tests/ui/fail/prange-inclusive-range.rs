use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64]) {
    let n = a.len() - 1;
    for i in prange(0..=n) {
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
