use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let x = if a[i] > 0.0 { a[i] } else { 0 };
        out[i] = x;
    }
}

fn main() {}
