// A destructuring `let` whose value is not a tuple of values (here an `if` choosing between
// two tuples) is outside the kernel language: `fastmath` cannot run it in SIMD lanes.
use kernelize::{kernel, prange};

#[kernel(fastmath)]
fn spread(a: &[f64], b: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let (lo, hi) = if a[i] < b[i] { (a[i], b[i]) } else { (b[i], a[i]) };
        out[i] = hi - lo;
    }
}

fn main() {}
