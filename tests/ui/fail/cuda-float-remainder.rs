// PTX has no float remainder instruction with Rust's `%` semantics: refused, with a way out.
use kernelize::{kernel, prange};

#[kernel(cuda)]
fn wrap(x: &[f64], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = x[i] % 1.0;
    }
}

fn main() {}
