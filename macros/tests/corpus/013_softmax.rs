use kernelize::prange;

pub fn softmax(x: &[f32], out: &mut [f32]) {
    let mut m = f32::NEG_INFINITY;
    for i in prange(0..x.len()) {
        m = m.max(x[i]);
    }
    let mut z = 0.0f32;
    for i in prange(0..x.len()) {
        let e = (x[i] - m).exp();
        out[i] = e;
        z += e;
    }
    for i in prange(0..x.len()) {
        out[i] /= z;
    }
}

fn log_sum_exp(x: &[f64]) -> f64 {
    let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    m + x.iter().map(|v| (v - m).exp()).sum::<f64>().ln()
}
