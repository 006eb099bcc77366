use kernelize::{kernel, prange};

#[kernel]
fn body(flags: &[i32], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        if flags[i] {
            out[i] = 1.0;
        }
    }
}

fn main() {}
