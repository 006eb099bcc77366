use kernelize::prange;

pub fn ema(x: &[f64], alpha: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(x.len());
    let mut prev = match x.first() { Some(&v) => v, None => return out };
    for &v in x {
        prev = alpha * v + (1.0 - alpha) * prev;
        out.push(prev);
    }
    out
}

pub fn autocorr(x: &[f64], max_lag: usize, out: &mut [f64]) {
    let n = x.len();
    let mean = x.iter().sum::<f64>() / n as f64;
    let var: f64 = x.iter().map(|v| (v - mean) * (v - mean)).sum();
    for lag in prange(0..=max_lag) {
        let mut s = 0.0;
        for t in 0..n - lag {
            s += (x[t] - mean) * (x[t + lag] - mean);
        }
        out[lag] = s / var;
    }
}

pub fn rolling_max(x: &[f64], k: usize, out: &mut [f64]) {
    for i in prange(k - 1..x.len()) {
        let mut m = f64::MIN;
        for j in i + 1 - k..=i {
            m = m.max(x[j]);
        }
        out[i] = m;
    }
}
