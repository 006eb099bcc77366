use kernelize::{kernel, prange};

#[kernel]
fn body(out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = -i as f64;
    }
}

fn main() {}
