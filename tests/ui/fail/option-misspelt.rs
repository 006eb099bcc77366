use kernelize::{kernel, prange};

#[kernel(paralel)]
fn scale(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
