use kernelize::{kernel, prange};

#[kernel]
fn body(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let get = |k: usize| unsafe { *a.get_unchecked(k) };
        out[i] = get(i);
    }
}

fn main() {}
