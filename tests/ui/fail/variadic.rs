use kernelize::{kernel, prange};

#[kernel]
fn scale(n: usize, ...) -> f64 {
    let mut s = 0.0;
    for i in prange(0..n) {
        s += i as f64;
    }
    s
}

fn main() {}
