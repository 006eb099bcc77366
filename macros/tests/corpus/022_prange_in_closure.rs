use kernelize::prange;

pub fn make_scaler(k: f64) -> impl Fn(&[f64], &mut [f64]) {
    move |a: &[f64], out: &mut [f64]| {
        for i in prange(0..a.len()) {
            out[i] = a[i] * k;
        }
    }
}

pub fn apply_twice(a: &mut [f64]) {
    let step = |v: &mut [f64]| {
        for i in prange(0..v.len()) {
            v[i] = v[i].sqrt();
        }
    };
    step(a);
    step(a);
}
