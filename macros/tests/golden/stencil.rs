// golden: ir expanded
fn stencil(a: &[f32], out: &mut [f32], w: f32) {
    let n = a.len();
    for i in prange(1..n - 1) {
        let s = a[i - 1] + a[i] * w + a[i + 1];
        out[i] = if s > 0.0 { s.sqrt() } else { 0.0 };
    }
}
