use kernelize::prange;

pub fn shadow_index(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        let i = a.len() - 1 - i;
        out[i] = a[i];
    }
}

pub fn shadow_acc(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        let s = a[i] * 2.0;
        let _ = s;
    }
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

pub fn shadow_prange_name(a: &mut [u8]) {
    let prange = |r: std::ops::Range<usize>| r;
    for i in prange(0..a.len()) {
        a[i] = 0;
    }
}
