use kernelize::{kernel, prange};

#[kernel(parallel)]
fn scale(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        if a[i] < 0.0 {
            break;
        }
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
