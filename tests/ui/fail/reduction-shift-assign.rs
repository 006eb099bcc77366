use kernelize::{kernel, prange};

#[kernel]
fn reduce(a: &[u32]) -> u32 {
    let mut s = 1;
    for i in prange(0..a.len()) {
        s <<= a[i];
    }
    s
}

fn main() {}
