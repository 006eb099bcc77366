use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f32]) {
    for i in prange(0..out.len()) {
        let x: f32 = a[i];
        out[i] = x;
    }
}

fn main() {}
