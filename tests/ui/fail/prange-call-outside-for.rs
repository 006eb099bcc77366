use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let steps = prange(0..4);
        out[i] = 2.0 * a[i] + steps.len() as f64;
    }
}

fn main() {}
