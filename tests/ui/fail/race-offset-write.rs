use kernelize::{kernel, prange};

#[kernel(parallel)]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        if i + 1 < a.len() {
            out[i + 1] = a[i];
        }
    }
}

fn main() {}
