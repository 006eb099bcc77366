use kernelize::prange;

pub fn tuple_pattern(pairs: &[(usize, f64)], out: &mut [f64]) {
    for (i, v) in prange(pairs.iter().copied()) {
        out[i] = v;
    }
}

pub fn ref_pattern(v: &[f64]) -> f64 {
    let mut s = 0.0;
    for &x in prange(v.iter()) {
        s += x;
    }
    s
}

pub fn wildcard(n: usize) -> usize {
    let mut c = 0;
    for _ in prange(0..n) {
        c += 1;
    }
    c
}

pub fn let_else_in_prange(cells: &[Option<f64>], out: &mut [f64]) {
    for i in prange(0..cells.len()) {
        let Some(v) = cells[i] else {
            out[i] = f64::NAN;
            continue;
        };
        out[i] = v;
    }
}
