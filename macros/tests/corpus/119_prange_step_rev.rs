use kernelize::prange;

pub fn every_other(a: &mut [f64]) {
    for i in prange((0..a.len()).step_by(2)) {
        a[i] = 0.0;
    }
}

pub fn reversed(a: &[f64], out: &mut [f64]) {
    let n = a.len();
    for i in prange((0..n).rev()) {
        out[n - 1 - i] = a[i];
    }
}

pub fn range_var(a: &mut [i32]) {
    let r = 1..a.len();
    for i in prange(r) {
        a[i] = a[i].wrapping_neg();
    }
}

pub fn inclusive_var(lo: usize, hi: usize, out: &mut Vec<usize>) {
    for i in prange(lo..=hi) {
        out[i - lo] = i;
    }
}
