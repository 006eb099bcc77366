use kernelize::prange;

pub fn argmin(a: &[f64]) -> usize {
    let mut best = f64::INFINITY;
    let mut idx = 0;
    for i in prange(0..a.len()) {
        if a[i] < best {
            best = a[i];
            idx = i;
        }
    }
    idx
}

pub fn minmax(a: &[i32]) -> (i32, i32) {
    let mut lo = i32::MAX;
    let mut hi = i32::MIN;
    for i in prange(0..a.len()) {
        lo = lo.min(a[i]);
        hi = std::cmp::max(hi, a[i]);
    }
    (lo, hi)
}

pub fn sub_reduce(a: &[f64]) -> f64 {
    let mut s = 100.0;
    for i in prange(0..a.len()) {
        s -= a[i];
    }
    s
}

pub fn assign_expand(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s = s + a[i];
    }
    s
}
