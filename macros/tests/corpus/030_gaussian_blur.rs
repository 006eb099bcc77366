use std::f64::consts::PI;

pub fn gaussian_kernel(sigma: f64, radius: usize) -> Vec<f64> {
    let mut k = Vec::with_capacity(2 * radius + 1);
    let norm = 1.0 / (2.0 * PI * sigma * sigma).sqrt();
    for i in 0..=2 * radius {
        let x = i as f64 - radius as f64;
        k.push(norm * (-(x * x) / (2.0 * sigma * sigma)).exp());
    }
    let s: f64 = k.iter().sum();
    k.iter_mut().for_each(|v| *v /= s);
    k
}

pub fn convolve_row(row: &[f64], kernel: &[f64], out: &mut [f64]) {
    let r = kernel.len() / 2;
    let n = row.len();
    for i in 0..n {
        let mut acc = 0.0;
        for (j, &kv) in kernel.iter().enumerate() {
            let idx = (i + j).saturating_sub(r).min(n - 1);
            acc += row[idx] * kv;
        }
        out[i] = acc;
    }
}
