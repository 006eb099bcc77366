//! Shared helpers for the integration tests: a small seeded random generator (SplitMix64,
//! no dependencies) and exact comparisons that report the first differing element.

#![allow(dead_code)]
// Test helpers report failures by panicking.
#![allow(clippy::panic)]

use kernelize::ndarray::{Array1, Array2};
use std::fmt::Debug;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test inputs.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A generator for one test case: the seed mixes the test's name and the size, so every
    /// (test, size) pair gets its own fixed stream.
    pub fn for_case(test: &str, size: usize) -> Self {
        // FNV-1a over the name, then the size folded in.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in test.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut r = Self(h ^ (size as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `[lo, hi)`.
    pub fn f64_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in `[lo, hi)`, rounded to `f32`.
    pub fn f32_in(&mut self, lo: f32, hi: f32) -> f32 {
        (f64::from(lo) + (f64::from(hi) - f64::from(lo)) * self.unit()) as f32
    }

    /// Uniform in `lo..=hi`.
    pub fn i64_in(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.wrapping_sub(lo) as u64;
        if span == u64::MAX {
            return self.next_u64() as i64;
        }
        lo.wrapping_add((self.next_u64() % (span + 1)) as i64)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn vec_f64(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        (0..n).map(|_| self.f64_in(lo, hi)).collect()
    }

    pub fn vec_f32(&mut self, n: usize, lo: f32, hi: f32) -> Vec<f32> {
        (0..n).map(|_| self.f32_in(lo, hi)).collect()
    }

    pub fn vec_i64(&mut self, n: usize, lo: i64, hi: i64) -> Vec<i64> {
        (0..n).map(|_| self.i64_in(lo, hi)).collect()
    }

    /// Full-range random bits.
    pub fn vec_u64(&mut self, n: usize) -> Vec<u64> {
        (0..n).map(|_| self.next_u64()).collect()
    }

    pub fn array1(&mut self, n: usize, lo: f64, hi: f64) -> Array1<f64> {
        Array1::from(self.vec_f64(n, lo, hi))
    }

    /// A standard-layout (row-major) array.
    pub fn array2(&mut self, rows: usize, cols: usize, lo: f64, hi: f64) -> Array2<f64> {
        let v = self.vec_f64(rows * cols, lo, hi);
        Array2::from_shape_vec((rows, cols), v).expect("shape matches length")
    }

    /// `v` with about one element in `every` replaced by a special value (NaN, +-inf, +-0).
    pub fn sprinkle_specials(&mut self, v: &mut [f64], every: usize) {
        const SPECIAL: [f64; 5] = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0];
        for x in v.iter_mut() {
            if self.below(every) == 0 {
                *x = SPECIAL[self.below(SPECIAL.len())];
            }
        }
    }
}

/// The 1-D sizes every kernel runs at: empty, one, around a SIMD width, odd, large.
pub const SIZES: [usize; 7] = [0, 1, 7, 8, 9, 1000, 100_003];

/// The 2-D shapes every 2-D kernel runs at.
pub const SHAPES: [(usize, usize); 7] = [(0, 0), (1, 1), (7, 9), (8, 8), (9, 7), (31, 33), (317, 316)];

/// Equal as floats, where every NaN equals every NaN (payloads are not compared) and
/// otherwise the bits must match (so `0.0` and `-0.0` differ).
pub fn same_f64(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

pub fn same_f32(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[track_caller]
pub fn assert_f64(what: &str, got: f64, want: f64) {
    assert!(same_f64(got, want), "{what}: got {got:e} ({:#x}), want {want:e} ({:#x})", got.to_bits(), want.to_bits());
}

#[track_caller]
pub fn assert_f32(what: &str, got: f32, want: f32) {
    assert!(same_f32(got, want), "{what}: got {got:e} ({:#x}), want {want:e} ({:#x})", got.to_bits(), want.to_bits());
}

/// Element by element, bit-exact (NaN matches NaN); names the first difference.
#[track_caller]
pub fn assert_all_f64<'a>(what: &str, got: impl IntoIterator<Item = &'a f64>, want: impl IntoIterator<Item = &'a f64>) {
    let (got, want): (Vec<f64>, Vec<f64>) = (got.into_iter().copied().collect(), want.into_iter().copied().collect());
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    if let Some(k) = (0..got.len()).find(|&k| !same_f64(got[k], want[k])) {
        panic!(
            "{what}: first difference at element {k} of {}: got {:e} ({:#x}), want {:e} ({:#x})",
            got.len(),
            got[k],
            got[k].to_bits(),
            want[k],
            want[k].to_bits()
        );
    }
}

#[track_caller]
pub fn assert_all_f32<'a>(what: &str, got: impl IntoIterator<Item = &'a f32>, want: impl IntoIterator<Item = &'a f32>) {
    let (got, want): (Vec<f32>, Vec<f32>) = (got.into_iter().copied().collect(), want.into_iter().copied().collect());
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    if let Some(k) = (0..got.len()).find(|&k| !same_f32(got[k], want[k])) {
        panic!(
            "{what}: first difference at element {k} of {}: got {:e} ({:#x}), want {:e} ({:#x})",
            got.len(),
            got[k],
            got[k].to_bits(),
            want[k],
            want[k].to_bits()
        );
    }
}

/// Element by element for types with exact equality (integers); names the first difference.
#[track_caller]
pub fn assert_all_eq<T: PartialEq + Debug>(what: &str, got: &[T], want: &[T]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths differ");
    if let Some(k) = (0..got.len()).find(|&k| got[k] != want[k]) {
        panic!("{what}: first difference at element {k} of {}: got {:?}, want {:?}", got.len(), got[k], want[k]);
    }
}

/// `got` and `want` are two sums of the same `n` terms in different orders (the `parallel`
/// variant adds per-chunk partials, `serial` adds left to right), and `abs_sum` is the sum of
/// the terms' magnitudes. Each order rounds `n - 1` times, and the classical bound for
/// recursive summation (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
/// eq. 4.4) puts each within `(n - 1) * u / (1 - (n - 1) * u) * abs_sum` of the exact sum,
/// with `u = EPSILON / 2`. So the two differ by at most about `(n - 1) * EPSILON * abs_sum`;
/// `2 * n * EPSILON * abs_sum` bounds that with room for the `1 / (1 - (n - 1) u)` factor while
/// `n * EPSILON` is small. Non-finite results must match exactly (as [`same_f64`]).
#[track_caller]
pub fn assert_sum_close_f64(what: &str, got: f64, want: f64, n: usize, abs_sum: f64) {
    if !got.is_finite() || !want.is_finite() {
        assert_f64(what, got, want);
        return;
    }
    let bound = 2.0 * n as f64 * f64::EPSILON * abs_sum;
    let diff = (got - want).abs();
    assert!(
        diff <= bound,
        "{what}: sums differ by {diff:e}, more than 2 n eps sum|term| = {bound:e} (n = {n}, sum|term| = {abs_sum:e}): \
         got {got:e}, want {want:e}"
    );
}

/// [`assert_sum_close_f64`] for `f32` sums: the same bound with `f32::EPSILON`.
#[track_caller]
pub fn assert_sum_close_f32(what: &str, got: f32, want: f32, n: usize, abs_sum: f32) {
    if !got.is_finite() || !want.is_finite() {
        assert_f32(what, got, want);
        return;
    }
    let bound = 2.0 * n as f64 * f64::from(f32::EPSILON) * f64::from(abs_sum);
    let diff = (f64::from(got) - f64::from(want)).abs();
    assert!(
        diff <= bound,
        "{what}: sums differ by {diff:e}, more than 2 n eps sum|term| = {bound:e} (n = {n}, sum|term| = {abs_sum:e}): \
         got {got:e}, want {want:e}"
    );
}

/// `got` and `want` are two products of the same `n` factors in different orders. Each
/// multiplication has a relative error of at most `u = EPSILON / 2`, so each order is within a
/// relative `(n - 1) u / (1 - (n - 1) u)` of the exact product (Higham, Lemma 3.1) when nothing
/// overflows or underflows; the two differ by at most about `(n - 1) * EPSILON` relative to
/// the product, bounded here by `2 * n * EPSILON * max(|got|, |want|)`, as for sums.
#[track_caller]
pub fn assert_product_close_f64(what: &str, got: f64, want: f64, n: usize) {
    if !got.is_finite() || !want.is_finite() || got == 0.0 || want == 0.0 {
        assert_f64(what, got, want);
        return;
    }
    let bound = 2.0 * n as f64 * f64::EPSILON * got.abs().max(want.abs());
    let diff = (got - want).abs();
    assert!(
        diff <= bound,
        "{what}: products differ by {diff:e}, more than 2 n eps |p| = {bound:e} (n = {n}): got {got:e}, want {want:e}"
    );
}
