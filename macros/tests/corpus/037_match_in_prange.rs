use kernelize::prange;

pub fn piecewise(x: &[i32], out: &mut [f64]) {
    for i in prange(0..x.len()) {
        out[i] = match x[i] {
            ..=-10 => -1.0,
            -9..=-1 => x[i] as f64 / 10.0,
            0 => 0.0,
            v @ 1..=9 if v % 3 == 0 => 0.3,
            1..=9 => x[i] as f64 / 10.0,
            _ => 1.0,
        };
    }
}
