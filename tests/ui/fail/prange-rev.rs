use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()).rev() {
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
