use kernelize::{kernel, prange};

fn total(x: &[f64]) -> f64 {
    x.iter().sum()
}

#[kernel]
fn normalize(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i] / total(&out);
    }
}

fn main() {}
