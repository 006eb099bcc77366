use kernelize::{kernel, prange};

#[kernel]
fn scale<const N: usize>(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = N as f64 * a[i];
    }
}

fn main() {}
