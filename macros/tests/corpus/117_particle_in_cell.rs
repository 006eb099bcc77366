use kernelize::prange;

/// Cloud-in-cell charge deposition: many particles hit the same cell (racy under prange).
pub fn deposit(xs: &[f64], q: f64, dx: f64, rho: &mut [f64]) {
    let ng = rho.len();
    for p in prange(0..xs.len()) {
        let s = xs[p] / dx;
        let i = s.floor() as usize % ng;
        let f = s - s.floor();
        rho[i] += q * (1.0 - f);
        rho[(i + 1) % ng] += q * f;
    }
}

pub fn push(xs: &mut [f64], vs: &mut [f64], e: &[f64], qm: f64, dt: f64, dx: f64, len: f64) {
    let ng = e.len();
    for p in prange(0..xs.len()) {
        let s = xs[p] / dx;
        let i = s as usize % ng;
        let f = s.fract();
        let ep = e[i] * (1.0 - f) + e[(i + 1) % ng] * f;
        vs[p] += qm * ep * dt;
        xs[p] = (xs[p] + vs[p] * dt).rem_euclid(len);
    }
}
