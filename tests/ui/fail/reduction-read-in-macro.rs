use kernelize::{kernel, prange};

#[kernel]
fn total(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
        println!("{s}");
    }
    s
}

fn main() {}
