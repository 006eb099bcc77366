// `cuda` runs a prange body as GPU threads: a call to a user function cannot be compiled
// there (it is plain Rust in `serial` and `parallel`).
use kernelize::{kernel, prange};

fn smooth(x: f64) -> f64 {
    x / (1.0 + x.abs())
}

#[kernel(parallel, cuda)]
fn apply(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = smooth(a[i]);
    }
}

fn main() {}
