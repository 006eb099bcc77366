pub fn mat3_mul(a: [[f64; 3]; 3], b: [[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let mut c = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            for k in 0..3 {
                c[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    c
}

pub fn minmax(v: &[f64]) -> (f64, f64) {
    let mut t = (f64::MAX, f64::MIN);
    for &x in v {
        t.0 = t.0.min(x);
        t.1 = t.1.max(x);
    }
    t
}

pub fn swap_tuple((a, b): (f64, f64)) -> (f64, f64) {
    (b, a)
}

pub fn eight() -> [f32; 8] {
    let mut a = [0.0; 8];
    a[3] = 1.5;
    let [x, y, ..] = a;
    a[0] = x + y;
    a
}
