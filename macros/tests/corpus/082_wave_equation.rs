use kernelize::prange;

pub fn wave_step(prev: &[f64], cur: &[f64], next: &mut [f64], c: f64, dt: f64, dx: f64) {
    let r2 = (c * dt / dx).powi(2);
    let n = cur.len();
    for i in prange(1..n - 1) {
        next[i] = 2.0 * cur[i] - prev[i] + r2 * (cur[i + 1] - 2.0 * cur[i] + cur[i - 1]);
    }
    next[0] = 0.0;
    next[n - 1] = 0.0;
}
