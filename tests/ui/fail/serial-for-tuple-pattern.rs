use kernelize::{kernel, prange};

#[kernel]
fn body(out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let mut s = 0.0;
        for (j, k) in 0..10 {
            s += (j + k) as f64;
        }
        out[i] = s;
    }
}

fn main() {}
