use kernelize::{kernel, prange};

#[kernel]
fn scale(a: std::collections::HashMap<usize, f64>, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[&i];
    }
}

fn main() {}
