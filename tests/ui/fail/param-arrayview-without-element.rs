use kernelize::{kernel, prange};

#[kernel]
fn scale(a: kernelize::ndarray::ArrayView1, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i];
    }
}

fn main() {}
