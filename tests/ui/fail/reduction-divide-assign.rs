use kernelize::{kernel, prange};

#[kernel(parallel)]
fn reduce(a: &[f64]) -> f64 {
    let mut s = 1.0;
    for i in prange(0..a.len()) {
        s /= a[i];
    }
    s
}

fn main() {}
