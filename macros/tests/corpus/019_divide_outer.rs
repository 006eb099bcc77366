use kernelize::prange;

pub fn weird_divide(a: &[f64]) -> f64 {
    let mut acc = 1.0e6;
    for i in prange(0..a.len()) {
        acc /= a[i];
    }
    acc
}

pub fn mixed_ops(a: &[f64]) -> f64 {
    let mut x = 1.0;
    for i in prange(0..a.len()) {
        x += a[i];
        x *= 0.5;
    }
    x
}
