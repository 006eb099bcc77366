use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], ref factor: f64, out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = *factor * a[i];
    }
}

fn main() {}
