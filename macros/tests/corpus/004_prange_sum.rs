use kernelize::prange;

/// Parallel sum reduction.
pub fn psum(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

pub fn psum_squares(a: &[f32]) -> f32 {
    let mut s = 0.0f32;
    for i in prange(0..a.len()) {
        let v = a[i];
        s += v * v;
    }
    s
}
