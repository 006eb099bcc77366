// Reductions: `+= -= *=`, `s = s.max(..)`, `s = f64::min(.., s)`, `|= &= ^=` on integers and
// bools, under `if`, and several in one loop.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn stats(a: &[f64]) -> (f64, f64, f64, f64, f64, f64) {
    let mut sum = 0.0;
    let mut neg = 0.0;
    let mut prod = 1.0;
    let mut hi = f64::NEG_INFINITY;
    let mut lo = f64::INFINITY;
    let mut pos_sum = 0.0;
    for i in prange(0..a.len()) {
        let x = a[i];
        sum += x;
        neg -= x;
        prod *= 1.0 + x * 0.001;
        hi = hi.max(x);
        lo = f64::min(x, lo);
        if x > 0.0 {
            pos_sum += x;
        }
    }
    (sum, neg, prod, hi, lo, pos_sum)
}

#[kernel(parallel)]
fn bits(a: &[u32]) -> (u32, u32, u32, i64, usize) {
    let mut or = 0;
    let mut and = u32::MAX;
    let mut xor = 0;
    let mut big = i64::MIN;
    let mut evens = 0;
    for i in prange(0..a.len()) {
        or |= a[i];
        and &= a[i] | 1;
        xor ^= a[i];
        big = big.max(a[i] as i64 * 3);
        if a[i] % 2 == 0 {
            evens += 1;
        }
    }
    (or, and, xor, big, evens)
}

#[kernel(parallel)]
fn any_all(a: &[f64], limit: f64) -> (bool, bool) {
    let mut any = false;
    let mut all = true;
    for i in prange(0..a.len()) {
        any |= a[i] > limit;
        all &= a[i] > 0.0;
    }
    (any, all)
}

#[kernel(parallel)]
fn sum32(a: &[f32]) -> f32 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s = s + a[i] * a[i];
    }
    s
}

fn main() {
    let a = [1.5, -2.0, 3.25, 0.0, -0.5, 8.0];
    let (sum, neg, prod, hi, lo, pos) = stats(&a);
    let mut want_sum = 0.0;
    let mut want_prod = 1.0;
    let mut want_neg = 0.0;
    let mut want_pos = 0.0;
    for &x in &a {
        want_sum += x;
        want_neg -= x;
        want_prod *= 1.0 + x * 0.001;
        if x > 0.0 {
            want_pos += x;
        }
    }
    assert_eq!((sum, neg, prod, hi, lo, pos), (want_sum, want_neg, want_prod, 8.0, -2.0, want_pos));
    assert_eq!(stats(&[]), (0.0, 0.0, 1.0, f64::NEG_INFINITY, f64::INFINITY, 0.0));

    let a = [0b1010_u32, 0b0110, 0b0011, 7];
    assert_eq!(bits(&a), (0b1111, 0b0011 & 0b1011 & 0b0111 & 7, 0b1010 ^ 0b0110 ^ 0b0011 ^ 7, 30, 2));

    assert_eq!(any_all(&[1.0, 2.0, 3.0], 2.5), (true, true));
    assert_eq!(any_all(&[1.0, -2.0, 3.0], 5.0), (false, false));

    let a = [1.0_f32, 2.0, 3.0];
    assert_eq!(sum32(&a), 14.0);
    assert!(stats::REPORT.contains("reduction"), "{}", stats::REPORT);
}
