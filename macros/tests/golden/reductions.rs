// golden: ir expanded
pub fn stats(a: &[f64], flags: &[u32]) -> (usize, f64, f64, u32) {
    let mut count = 0;
    let mut hi = f64::NEG_INFINITY;
    let mut prod = 1.0;
    let mut bits = 0u32;
    for i in prange(0..a.len()) {
        if a[i] > 0.5 {
            count += 1;
        }
        hi = hi.max(a[i]);
        prod *= 1.0 + a[i] * 1e-3;
        bits |= flags[i] & 0xF0;
    }
    (count, hi, prod, bits)
}
