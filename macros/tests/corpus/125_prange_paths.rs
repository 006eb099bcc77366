use kernelize::prange as par;
use kernelize::*;

pub fn aliased(a: &mut [f32]) {
    for i in par(0..a.len()) {
        a[i] += 1.0;
    }
}

pub fn full_path(a: &mut [f32]) {
    for i in ::kernelize::prange(0..a.len()) {
        a[i] -= 1.0;
    }
}

pub fn glob(a: &mut [f32]) {
    for i in prange(0..a.len()) {
        a[i] *= 3.0;
    }
}

pub fn method_style(a: &mut [f32]) {
    for (i, x) in prange(0..a.len()).zip(0..) {
        a[i] = x as f32;
    }
}
