use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[bool], out: &mut [bool]) {
    for i in prange(0..out.len()) {
        out[i] = a[i] + true;
    }
}

fn main() {}
