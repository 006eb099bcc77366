use kernelize::prange;

pub fn pmax(a: &[f64]) -> f64 {
    let mut m = f64::NEG_INFINITY;
    for i in prange(0..a.len()) {
        m = m.max(a[i]);
    }
    m
}

pub fn pmin_abs(a: &[f32]) -> f32 {
    let mut m = f32::INFINITY;
    for i in prange(0..a.len()) {
        m = m.min(a[i].abs());
    }
    m
}
