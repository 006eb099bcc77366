use kernelize::{kernel, prange};

#[kernel]
fn reduce(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s = a[i] - s;
    }
    s
}

fn main() {}
