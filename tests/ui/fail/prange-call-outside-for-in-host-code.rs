use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64]) {
    let indices = prange(0..a.len());
    for i in indices {
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
