// Constants (`f64::consts::PI`, `std::f64::consts::E`, `f32::EPSILON`, `i32::MAX`, `u8::MAX`),
// f32 math, and the math methods that also take integers (`abs min max clamp signum`).
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn consts(out: &mut [f64], small: &mut [f32], ints: &mut [i64]) {
    for i in prange(0..out.len()) {
        let r = i as f64;
        out[i] = f64::consts::PI * r * r + std::f64::consts::E + f64::EPSILON;
        small[i] = (i as f32 + f32::EPSILON).sqrt() * f32::consts::FRAC_PI_2;
        ints[i] = i32::MAX as i64 + u8::MAX as i64 + i64::MIN / 4;
    }
}

#[kernel(parallel)]
fn int_math(a: &[i32], out: &mut [i32]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        out[i] = x.abs() + x.min(3) * 10 + x.max(-3) * 100 + x.clamp(-1, 1) * 1000 + x.signum() * 10000;
    }
}

#[kernel(parallel)]
fn f32_math(a: &[f32], out: &mut [f32]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        out[i] = x.sin().powi(2) + f32::cos(x).powf(2.0) + x.hypot(1.0).ln() + f32::INFINITY.min(x);
    }
}

fn main() {
    let mut out = [0.0; 4];
    let mut small = [0.0_f32; 4];
    let mut ints = [0_i64; 4];
    consts(&mut out, &mut small, &mut ints);
    for k in 0..4 {
        let r = k as f64;
        assert_eq!(out[k], std::f64::consts::PI * r * r + std::f64::consts::E + f64::EPSILON);
        assert_eq!(small[k], (k as f32 + f32::EPSILON).sqrt() * std::f32::consts::FRAC_PI_2);
        assert_eq!(ints[k], i32::MAX as i64 + 255 + i64::MIN / 4);
    }

    let a = [-7, -1, 0, 2, 9];
    let mut o = [0; 5];
    int_math(&a, &mut o);
    for k in 0..5 {
        let x = a[k];
        assert_eq!(o[k], x.abs() + x.min(3) * 10 + x.max(-3) * 100 + x.clamp(-1, 1) * 1000 + x.signum() * 10000);
    }

    let a = [0.0_f32, 0.5, -1.25, 3.0];
    let mut o = [0.0_f32; 4];
    f32_math(&a, &mut o);
    for k in 0..4 {
        let x = a[k];
        assert_eq!(o[k], x.sin().powi(2) + x.cos().powf(2.0) + x.hypot(1.0).ln() + f32::INFINITY.min(x));
    }
}
