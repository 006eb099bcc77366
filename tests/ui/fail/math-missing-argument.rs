use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i].powi();
    }
}

fn main() {}
