use kernelize::{kernel, prange};

#[kernel]
fn body(k: i32, out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let mut s = 0.0;
        for j in (0..10).step_by(k) {
            s += j as f64;
        }
        out[i] = s;
    }
}

fn main() {}
