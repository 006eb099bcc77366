use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64]) {
    let mut run = || {
        for i in prange(0..a.len()) {
            out[i] = 2.0 * a[i];
        }
    };
    run();
}

fn main() {}
