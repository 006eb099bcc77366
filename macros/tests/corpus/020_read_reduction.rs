use kernelize::prange;

pub fn running_mean(a: &[f64], out: &mut [f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
        out[i] = s / (i + 1) as f64;
    }
    s
}

pub fn conditional_reset(a: &[i32]) -> i32 {
    let mut s = 0;
    for i in prange(0..a.len()) {
        if s > 100 {
            s = 0;
        }
        s += a[i];
    }
    s
}
