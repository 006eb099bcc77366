use kernelize::{kernel, prange};

#[kernel(parallel)]
fn mixed(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        if a[i] > 0.0 {
            s += a[i];
        } else {
            s *= a[i];
        }
    }
    s
}

fn main() {}
