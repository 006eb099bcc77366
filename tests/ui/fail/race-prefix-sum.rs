use kernelize::{kernel, prange};

#[kernel(parallel)]
fn body(b: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        if i > 0 {
            out[i] = out[i - 1] + b[i];
        }
    }
}

fn main() {}
