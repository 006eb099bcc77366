use kernelize::prange;

pub fn tuple_reduce(a: &[f64]) -> (f64, f64) {
    let mut acc = (0.0, 0.0);
    for i in prange(0..a.len()) {
        acc.0 += a[i];
        acc.1 += a[i] * a[i];
    }
    acc
}

pub fn array_reduce(a: &[usize]) -> [u32; 4] {
    let mut buckets = [0u32; 4];
    for i in prange(0..a.len()) {
        buckets[a[i] % 4] += 1;
    }
    buckets
}

pub fn product_reduce(a: &[f64]) -> f64 {
    let mut p = 1.0;
    for i in prange(0..a.len()) {
        p *= a[i];
    }
    p
}

pub fn bitwise_reduce(a: &[u64]) -> (u64, u64, u64) {
    let (mut or, mut and, mut xor) = (0u64, !0u64, 0u64);
    for i in prange(0..a.len()) {
        or |= a[i];
        and &= a[i];
        xor ^= a[i];
    }
    (or, and, xor)
}
