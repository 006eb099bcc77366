use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &[f64]) {
    for i in prange(0..out.len()) {
        a[i] = out[i];
    }
}

fn main() {}
