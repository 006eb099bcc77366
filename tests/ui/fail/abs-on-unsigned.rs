use kernelize::{kernel, prange};

#[kernel]
fn magnitude(a: &[u32], out: &mut [u32]) {
    for i in prange(0..a.len()) {
        out[i] = a[i].abs();
    }
}

fn main() {}
