use kernelize::{kernel, prange};

#[kernel]
fn last(a: &[f64]) -> f64 {
    let mut last = 0.0;
    for i in prange(0..a.len()) {
        last = a[i];
    }
    last
}

fn main() {}
