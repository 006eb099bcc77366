use kernelize::{kernel, prange};

#[kernel]
fn total(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for x in prange(a.iter()) {
        s += *x;
    }
    s
}

fn main() {}
