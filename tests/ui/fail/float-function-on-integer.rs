use kernelize::{kernel, prange};

#[kernel]
fn body(k: i32, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = k.sqrt() as f64;
    }
}

fn main() {}
