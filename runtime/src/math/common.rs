//! Helpers shared by the math functions.

/// `a * b + c`, fused into one rounding when `FMA` (the clone has the instruction), else two.
#[inline(always)]
pub fn fmadd_f64<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

/// `a * b + c`, fused into one rounding when `FMA` (the clone has the instruction), else two.
#[inline(always)]
pub fn fmadd_f32<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

/// `a + b` as an unevaluated sum `(s, e)`: `s = fl(a + b)` and `s + e = a + b` exactly (Knuth).
#[inline(always)]
pub(super) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// [`two_sum`] when `|a| >= |b|` (or `a`'s exponent is at least `b`'s) (Dekker).
#[inline(always)]
pub(super) fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}
