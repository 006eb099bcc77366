use kernelize::prange;

/// Three-point Jacobi smoothing, boundaries copied.
pub fn jacobi_1d(u: &[f64], out: &mut [f64]) {
    let n = u.len();
    out[0] = u[0];
    out[n - 1] = u[n - 1];
    for i in prange(1..n - 1) {
        out[i] = (u[i - 1] + u[i] + u[i + 1]) / 3.0;
    }
}

pub fn laplacian_1d(u: &[f64], dx: f64, out: &mut [f64]) {
    let inv = 1.0 / (dx * dx);
    for i in 1..u.len() - 1 {
        out[i] = (u[i - 1] - 2.0 * u[i] + u[i + 1]) * inv;
    }
}
