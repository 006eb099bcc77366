use kernelize::{kernel, prange};

#[kernel(parallel)]
fn running(a: &[f64], out: &mut [f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
        out[i] = s;
    }
    s
}

fn main() {}
