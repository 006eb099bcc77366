use kernelize::{kernel, prange};

#[kernel]
fn classify(k: &[i32], out: &mut [f64]) {
    for i in prange(0..k.len()) {
        out[i] = match k[i] {
            n if n => 1.0,
            _ => 0.0,
        };
    }
}

fn main() {}
