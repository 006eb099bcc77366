pub fn fit_line(x: &[f64], y: &[f64]) -> Option<(f64, f64)> {
    let n = x.len() as f64;
    if n < 2.0 {
        return None;
    }
    let (sx, sy, sxx, sxy) = x.iter().zip(y).fold((0.0, 0.0, 0.0, 0.0), |(a, b, c, d), (&xi, &yi)| {
        (a + xi, b + yi, c + xi * xi, d + xi * yi)
    });
    let denom = n * sxx - sx * sx;
    if denom.abs() < f64::EPSILON {
        return None;
    }
    let slope = (n * sxy - sx * sy) / denom;
    let intercept = (sy - slope * sx) / n;
    Some((slope, intercept))
}

pub fn r_squared(x: &[f64], y: &[f64], slope: f64, intercept: f64) -> f64 {
    let my = y.iter().sum::<f64>() / y.len() as f64;
    let ss_tot: f64 = y.iter().map(|v| (v - my).powi(2)).sum();
    let ss_res: f64 = x.iter().zip(y).map(|(a, b)| (b - slope.mul_add(*a, intercept)).powi(2)).sum();
    1.0 - ss_res / ss_tot
}
