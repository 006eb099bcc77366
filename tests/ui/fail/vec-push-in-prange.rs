use kernelize::{kernel, prange};

#[kernel]
fn collect(a: &[f64]) -> usize {
    let mut v = Vec::new();
    for i in prange(0..a.len()) {
        v.push(i);
    }
    v.len()
}

fn main() {}
