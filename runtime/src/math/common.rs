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
