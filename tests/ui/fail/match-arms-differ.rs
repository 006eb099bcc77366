use kernelize::{kernel, prange};

#[kernel]
fn body(k: &[i32], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = match k[i] {
            0 => 1.0,
            _ => 2,
        };
    }
}

fn main() {}
