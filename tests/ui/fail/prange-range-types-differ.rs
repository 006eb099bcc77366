use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[f64], out: &mut [f64], start: u32) {
    for i in prange(start..a.len()) {
        out[i] = 2.0 * a[i];
    }
}

fn main() {}
