use kernelize::{kernel, prange};

#[kernel]
fn body(k: &[i32], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = match k[i] {
            0u8 => 1.0,
            _ => 2.0,
        };
    }
}

fn main() {}
