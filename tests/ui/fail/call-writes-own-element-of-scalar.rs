use kernelize::{kernel, prange};

fn bump(x: &mut f64) {
    *x += 1.0;
}

#[kernel]
fn count(a: &[f64], total: f64) {
    for i in prange(0..a.len()) {
        bump(&mut total[i]);
    }
}

fn main() {}
