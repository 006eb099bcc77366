use kernelize::prange;

pub fn upwind(u: &[f64], out: &mut [f64], vel: f64, dt: f64, dx: f64) {
    let c = vel * dt / dx;
    let n = u.len();
    for i in prange(0..n) {
        let left = if i == 0 { u[n - 1] } else { u[i - 1] };
        let right = if i + 1 == n { u[0] } else { u[i + 1] };
        out[i] = if vel >= 0.0 {
            u[i] - c * (u[i] - left)
        } else {
            u[i] - c * (right - u[i])
        };
    }
}

pub fn cfl_ok(vel: f64, dt: f64, dx: f64) -> bool { (vel * dt / dx).abs() <= 1.0 }
