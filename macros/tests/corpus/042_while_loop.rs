pub fn bisect<F: Fn(f64) -> f64>(f: F, mut lo: f64, mut hi: f64, tol: f64) -> f64 {
    let mut iter = 0;
    while hi - lo > tol && iter < 200 {
        let mid = 0.5 * (lo + hi);
        if f(lo) * f(mid) <= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
        iter += 1;
    }
    0.5 * (lo + hi)
}

pub fn newton_sqrt(x: f64) -> f64 {
    let mut g = x.max(1.0);
    loop {
        let next = 0.5 * (g + x / g);
        if (next - g).abs() < 1e-12 {
            return next;
        }
        g = next;
    }
}
