use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let x;
        x = 2.0 * a[i];
        out[i] = x;
    }
}

fn main() {}
