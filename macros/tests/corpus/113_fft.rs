use std::f64::consts::PI;

#[derive(Clone, Copy, Debug)]
pub struct C64 { pub re: f64, pub im: f64 }

fn cmul(a: C64, b: C64) -> C64 {
    C64 { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re }
}

/// Iterative radix-2 Cooley-Tukey, in place. `x.len()` must be a power of two.
pub fn fft(x: &mut [C64], inverse: bool) {
    let n = x.len();
    assert!(n.is_power_of_two());
    let bits = n.trailing_zeros();
    for i in 0..n {
        let j = i.reverse_bits() >> (usize::BITS - bits);
        if j > i {
            x.swap(i, j);
        }
    }
    let sign = if inverse { 1.0 } else { -1.0 };
    let mut len = 2;
    while len <= n {
        let ang = sign * 2.0 * PI / len as f64;
        let wl = C64 { re: ang.cos(), im: ang.sin() };
        for start in (0..n).step_by(len) {
            let mut w = C64 { re: 1.0, im: 0.0 };
            for k in 0..len / 2 {
                let u = x[start + k];
                let v = cmul(x[start + k + len / 2], w);
                x[start + k] = C64 { re: u.re + v.re, im: u.im + v.im };
                x[start + k + len / 2] = C64 { re: u.re - v.re, im: u.im - v.im };
                w = cmul(w, wl);
            }
        }
        len <<= 1;
    }
    if inverse {
        let inv = 1.0 / n as f64;
        for v in x.iter_mut() {
            v.re *= inv;
            v.im *= inv;
        }
    }
}

pub fn magnitude(x: &[C64], out: &mut [f64]) {
    for i in kernelize::prange(0..x.len()) {
        out[i] = x[i].re.hypot(x[i].im);
    }
}
