use kernelize::prange;

pub fn sum_iter(v: &Vec<f64>) -> f64 {
    let mut s = 0.0;
    for x in prange(v.iter()) {
        s += *x;
    }
    s
}

pub fn inclusive(n: usize, out: &mut [u64]) {
    for i in prange(0..=n) {
        out[i] = (i * i) as u64;
    }
}

pub fn mut_index(out: &mut [usize]) {
    for mut i in prange(0..out.len()) {
        i %= 7;
        out[i] = i;
    }
}
