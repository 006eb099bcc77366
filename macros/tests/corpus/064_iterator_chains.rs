pub fn weighted_pos_sum(a: &[f64], w: &[f64]) -> f64 {
    a.iter().zip(w.iter()).map(|(x, y)| x * y).filter(|v| *v > 0.0).sum()
}

pub fn moving_avg(v: &[f64], k: usize) -> Vec<f64> {
    v.windows(k).map(|w| w.iter().sum::<f64>() / k as f64).collect()
}

pub fn sum_blocks(v: &[f32]) -> f32 {
    let chunks = v.chunks_exact(4);
    let rem: f32 = chunks.remainder().iter().sum();
    chunks.map(|c| c[0] + c[1] + c[2] + c[3]).fold(rem, |a, b| a + b)
}

pub fn argmax(v: &[f64]) -> Option<usize> {
    v.iter()
        .enumerate()
        .filter(|(_, x)| !x.is_nan())
        .max_by(|(_, a), (_, b)| a.partial_cmp(b).unwrap())
        .map(|(i, _)| i)
}
