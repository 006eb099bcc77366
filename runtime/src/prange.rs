use core::ops::Range;

/// Marks a `for` loop whose iterations are independent, so `#[kernel]` may run them in any
/// order: on several threads, in SIMD lanes, or one per GPU thread (Numba's `prange`).
///
/// Outside a `#[kernel]` function, `prange` returns its range unchanged, so code that uses
/// it stays ordinary, runnable Rust.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::prange;
///
/// let a = [1.0, 2.0, 3.0];
/// let mut out = [0.0; 3];
/// for i in prange(0..a.len()) {
///     out[i] = 2.0 * a[i];
/// }
/// assert_eq!(out, [2.0, 4.0, 6.0]);
/// ```
#[inline(always)]
pub fn prange<Idx>(range: Range<Idx>) -> Range<Idx> {
    range
}
