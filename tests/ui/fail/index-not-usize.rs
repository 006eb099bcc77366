use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let k = i as i32;
        out[i] = a[k];
    }
}

fn main() {}
