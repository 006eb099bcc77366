pub fn lower_bound(v: &[f64], x: f64) -> usize {
    let (mut lo, mut hi) = (0usize, v.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if v[mid] < x { lo = mid + 1; } else { hi = mid; }
    }
    lo
}

pub fn interp_table(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    let i = lower_bound(xs, x).clamp(1, xs.len() - 1);
    let t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
    ys[i - 1] + t * (ys[i] - ys[i - 1])
}
