use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f32], b: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i] + b[i];
    }
}

fn main() {}
