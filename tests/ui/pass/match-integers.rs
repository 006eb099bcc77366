// `match` on integers: literals, ranges, `|`, guards, bindings, `_`, negative literals.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn bucket(k: &[i32], out: &mut [f64]) {
    for i in prange(0..k.len()) {
        out[i] = match k[i] {
            0 => 0.0,
            1 | 2 | 3 => 1.0,
            -5..=-1 => -1.0,
            4..10 => 2.0,
            n if n % 2 == 0 => n as f64 * 0.5,
            _ => 99.0,
        };
    }
}

#[kernel(parallel)]
fn digits(k: &[u8], out: &mut [u32]) {
    for i in prange(0..k.len()) {
        let d = k[i] % 10;
        let v = match d {
            0 => 10,
            x if x > 5 => x as u32 * 2,
            x => x as u32,
        };
        out[i] = v;
    }
}

fn main() {
    let k = [0, 1, 3, -3, -6, 4, 9, 10, 11, 24];
    let mut out = [0.0; 10];
    bucket(&k, &mut out);
    assert_eq!(out, [0.0, 1.0, 1.0, -1.0, -3.0, 2.0, 2.0, 5.0, 99.0, 12.0]);

    let k = [10_u8, 17, 3, 255];
    let mut out = [0_u32; 4];
    digits(&k, &mut out);
    assert_eq!(out, [10, 14, 3, 5]);
}
