use kernelize::{kernel, prange};

#[kernel]
fn scale(a: kernelize::ndarray::Array2<f64>, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[[i, 0]];
    }
}

fn main() {}
