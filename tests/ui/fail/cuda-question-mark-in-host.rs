// `name::cuda` returns `Result<R, kernelize::Error>`: a `?` in host code would change meaning.
use kernelize::{kernel, prange};

#[kernel(cuda)]
fn checked(a: &[f64], out: &mut [f64]) -> Option<f64> {
    let n = a.len().checked_sub(1)?;
    for i in prange(0..n) {
        out[i] = a[i] * 2.0;
    }
    Some(out[0])
}

fn main() {}
