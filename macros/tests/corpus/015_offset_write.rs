use kernelize::prange;

pub fn shift_right(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len() - 1) {
        out[i + 1] = a[i];
    }
}

pub fn shift_left_in_place(a: &mut [f64]) {
    for i in prange(0..a.len() - 1) {
        a[i] = a[i + 1];
    }
}
