use std::f64::consts::{PI, TAU, E};

pub fn polar(x: f64, y: f64) -> (f64, f64) {
    (x.hypot(y), y.atan2(x))
}

pub fn misc(x: f64) -> f64 {
    let a = x.tanh() + x.sinh() * x.cosh();
    let b = x.abs().sqrt().cbrt() + x.powi(3) - x.powf(0.25f64.abs());
    let c = (x * PI / 180.0).sin() + (TAU - x).cos().asin().acos();
    let d = x.mul_add(E, 1e-9).ln_1p() + x.exp_m1() + x.log10() + x.log2();
    let e = x.clamp(-1.0, 1.0).signum().copysign(-0.0) + x.rem_euclid(2.0);
    a + b + c + d + e
}

pub fn near_equal(a: f32, b: f32) -> bool {
    (a - b).abs() <= f32::EPSILON * a.abs().max(b.abs()).max(1.0)
}
