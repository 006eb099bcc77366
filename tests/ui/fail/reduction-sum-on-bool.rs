use kernelize::{kernel, prange};

#[kernel]
fn reduce(a: &[bool]) -> bool {
    let mut s = false;
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

fn main() {}
