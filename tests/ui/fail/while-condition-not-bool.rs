use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[u32], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let mut k = a[i];
        while k {
            k -= 1;
        }
        out[i] = k as f64;
    }
}

fn main() {}
