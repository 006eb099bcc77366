use kernelize::{kernel, prange};

#[kernel]
fn body(a: kernelize::ndarray::ArrayView2<f64>, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i];
    }
}

fn main() {}
