use kernelize::{kernel, prange};

#[kernel(parallel)]
fn body(idx: &[usize], a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[idx[i]] = a[i];
    }
}

fn main() {}
