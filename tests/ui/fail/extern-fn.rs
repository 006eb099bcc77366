use kernelize::{kernel, prange};

#[kernel]
extern "C" fn scale(a: f64, out: f64) -> f64 {
    let mut s = 0.0;
    for i in prange(0..4) {
        s += a * out + i as f64;
    }
    s
}

fn main() {}
