use kernelize::prange;

pub fn scale2(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i] * 2.0;
    }
}
