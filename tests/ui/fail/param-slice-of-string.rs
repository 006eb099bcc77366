use kernelize::{kernel, prange};

#[kernel]
fn scale(a: &[String], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i].len() as f64;
    }
}

fn main() {}
