// Unsuffixed literals take the type rustc gives them: `0.0` next to an `f32` is `f32`,
// `3` next to a `u32` is `u32`, and unconstrained ones fall back to `i32` / `f64`.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn affine32(a: &[f32], out: &mut [f32]) -> f32 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        let x = a[i] * 2.0 + 1.0;
        let y = if x > 0.0 { x } else { 0.0 };
        out[i] = y;
        s += y;
    }
    s
}

#[kernel(parallel)]
fn ints(a: &[u8], out: &mut [u32]) {
    for i in prange(0..a.len()) {
        let k = a[i] as u32 * 3 + 1;
        out[i] = k % 7;
    }
}

#[kernel(parallel)]
fn fallback(out: &mut [f64]) {
    for i in prange(0..out.len()) {
        let z = 1;
        let w = 0.5;
        let m: i64 = 4;
        out[i] = (z + 2) as f64 + w + (m * 2) as f64 + i as f64;
    }
}

fn main() {
    let a = [-2.0_f32, -0.25, 0.0, 1.5, 3.0];
    let mut out = [0.0_f32; 5];
    let s = affine32(&a, &mut out);
    let want: Vec<f32> = a.iter().map(|&x| (x * 2.0 + 1.0).max(0.0)).collect();
    assert_eq!(out.to_vec(), want);
    assert_eq!(s, want.iter().sum::<f32>());

    let a = [0_u8, 1, 2, 200, 255];
    let mut out = [0_u32; 5];
    ints(&a, &mut out);
    assert_eq!(out, [1, 4, 0, 601 % 7, 766 % 7]);

    let mut out = [0.0; 3];
    fallback(&mut out);
    assert_eq!(out, [11.5, 12.5, 13.5]);
}
