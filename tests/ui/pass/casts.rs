// `as` casts between every kind of scalar, in prange bodies.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn casts(a: &[f64], ints: &mut [i64], small: &mut [u8], back: &mut [f32], flags: &mut [u8], idx: &mut [f64]) {
    for i in prange(0..a.len()) {
        ints[i] = a[i] as i64;
        small[i] = a[i] as u8;
        back[i] = (a[i] as f32) * 2.0;
        flags[i] = (a[i] > 0.0) as u8;
        idx[i] = i as f64 + (ints[i] as i32) as f64;
    }
}

fn main() {
    let a = [-3.7, 0.0, 2.5, 300.9, 1e20];
    let (mut ints, mut small, mut back, mut flags, mut idx) = ([0; 5], [0; 5], [0.0; 5], [0; 5], [0.0; 5]);
    casts(&a, &mut ints, &mut small, &mut back, &mut flags, &mut idx);
    for k in 0..5 {
        assert_eq!(ints[k], a[k] as i64);
        assert_eq!(small[k], a[k] as u8);
        assert_eq!(back[k], (a[k] as f32) * 2.0);
        assert_eq!(flags[k], (a[k] > 0.0) as u8);
        assert_eq!(idx[k], k as f64 + ((a[k] as i64) as i32) as f64);
    }
    // Saturating float-to-int casts, as in Rust.
    assert_eq!(small, [0, 0, 2, 255, 255]);
}
