//! Smoothed-particle hydrodynamics: density and pressure forces (2-D, brute force).
use kernelize::prange;
use std::f64::consts::PI;

pub struct Particles {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub vx: Vec<f64>,
    pub vy: Vec<f64>,
    pub rho: Vec<f64>,
    pub p: Vec<f64>,
}

#[inline(always)]
fn poly6(r2: f64, h: f64) -> f64 {
    let h2 = h * h;
    if r2 >= h2 {
        return 0.0;
    }
    4.0 / (PI * h.powi(8)) * (h2 - r2).powi(3)
}

#[inline(always)]
fn spiky_grad(r: f64, h: f64) -> f64 {
    if r >= h || r == 0.0 {
        0.0
    } else {
        -30.0 / (PI * h.powi(5)) * (h - r).powi(2)
    }
}

pub fn compute_density(ps: &mut Particles, mass: f64, h: f64, k: f64, rho0: f64) {
    let n = ps.x.len();
    for i in prange(0..n) {
        let mut rho = 0.0;
        for j in 0..n {
            let dx = ps.x[i] - ps.x[j];
            let dy = ps.y[i] - ps.y[j];
            rho += mass * poly6(dx * dx + dy * dy, h);
        }
        ps.rho[i] = rho;
        ps.p[i] = k * (rho - rho0);
    }
}

pub fn pressure_forces(ps: &Particles, mass: f64, h: f64, fx: &mut [f64], fy: &mut [f64]) {
    let n = ps.x.len();
    for i in prange(0..n) {
        let (mut ax, mut ay) = (0.0, 0.0);
        for j in 0..n {
            if i == j {
                continue;
            }
            let dx = ps.x[i] - ps.x[j];
            let dy = ps.y[i] - ps.y[j];
            let r = dx.hypot(dy);
            if r < 1e-12 {
                continue;
            }
            let shared = (ps.p[i] + ps.p[j]) / (2.0 * ps.rho[j]);
            let g = spiky_grad(r, h);
            ax -= mass * shared * g * dx / r;
            ay -= mass * shared * g * dy / r;
        }
        fx[i] = ax;
        fy[i] = ay;
    }
}

impl Particles {
    pub fn integrate(&mut self, fx: &[f64], fy: &[f64], dt: f64, bounds: (f64, f64)) {
        let (w, hgt) = bounds;
        for i in prange(0..self.x.len()) {
            let inv = 1.0 / self.rho[i].max(1e-9);
            self.vx[i] += dt * fx[i] * inv;
            self.vy[i] += dt * (fy[i] * inv - 9.81);
            self.x[i] += dt * self.vx[i];
            self.y[i] += dt * self.vy[i];
            if self.x[i] < 0.0 { self.x[i] = 0.0; self.vx[i] *= -0.5; }
            if self.x[i] > w { self.x[i] = w; self.vx[i] *= -0.5; }
            if self.y[i] < 0.0 { self.y[i] = 0.0; self.vy[i] *= -0.5; }
            if self.y[i] > hgt { self.y[i] = hgt; self.vy[i] *= -0.5; }
        }
    }
}
