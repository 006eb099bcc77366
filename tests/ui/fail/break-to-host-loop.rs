use kernelize::{kernel, prange};

#[kernel]
fn steps(a: &[f64], out: &mut [f64], n: usize) {
    'time: for _step in 0..n {
        for i in prange(0..a.len()) {
            if a[i] < 0.0 {
                break 'time;
            }
            out[i] += a[i];
        }
    }
}

fn main() {}
