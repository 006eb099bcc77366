//! SIMD lanes for the `fastmath` variant: the lane type the generated code computes with, the
//! instruction set chosen at run time, and the clones that compile a loop body for each.
//!
//! A varying value of a vectorized prange loop is a [`Lanes<T, W>`]: `W` iterations' values
//! side by side. Its operations are loops over the lanes, `#[inline(always)]`, so that inside
//! a clone compiled for AVX-512 (say) LLVM turns each of them into vector instructions. A lane
//! mask is a `Lanes<bool, W>`.
//!
//! The generated code writes each loop body once per instruction set, as a closure handed to
//! [`avx512`], [`avx2`] or [`baseline`]; [`level`] says which one to call. Those functions
//! run the closure inside a function compiled with the instruction set's target features,
//! after checking that the CPU has them, so no generated code needs `unsafe`.

use crate::SimdLevel;
use std::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Not, Rem, Shl, Shr, Sub};
use std::sync::OnceLock;

/// `W` values of type `T`, one per SIMD lane.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(transparent)]
pub struct Lanes<T, const W: usize>(pub [T; W]);

impl<T: Copy + Default, const W: usize> Lanes<T, W> {
    /// Every lane holds `x`.
    #[inline(always)]
    pub fn splat(x: T) -> Self {
        Lanes([x; W])
    }

    /// Lane `l` holds `f(l)`.
    #[inline(always)]
    pub fn from_fn(mut f: impl FnMut(usize) -> T) -> Self {
        let mut out = [T::default(); W];
        #[allow(clippy::needless_range_loop, reason = "the plain index loop is what LLVM vectorizes")]
        for l in 0..W {
            out[l] = f(l);
        }
        Lanes(out)
    }

    /// `f` applied to each lane.
    #[inline(always)]
    pub fn map<U: Copy + Default>(self, f: impl Fn(T) -> U) -> Lanes<U, W> {
        Lanes::from_fn(|l| f(self.0[l]))
    }

    /// `f` applied to each pair of lanes.
    #[inline(always)]
    pub fn zip<U: Copy, R: Copy + Default>(self, other: Lanes<U, W>, f: impl Fn(T, U) -> R) -> Lanes<R, W> {
        Lanes::from_fn(|l| f(self.0[l], other.0[l]))
    }

    /// The lanes of `a[at..at + W]`: one vector load.
    ///
    /// # Panics
    ///
    /// If the slice is shorter than `at + W`.
    #[inline(always)]
    pub fn load(a: &[T], at: usize) -> Self {
        let chunk: &[T; W] = a[at..at + W].try_into().expect("a slice of W elements");
        Lanes(*chunk)
    }

    /// The `W` elements from `a[at]` as lanes, if they are all in bounds (`at + W` may wrap:
    /// then they are not).
    #[inline(always)]
    pub fn load_checked(a: &[T], at: usize) -> Option<Self> {
        let chunk: &[T; W] = a.get(at..at.wrapping_add(W))?.try_into().ok()?;
        Some(Lanes(*chunk))
    }

    /// Like [`Lanes::load`], but lanes outside `mask` read nothing and hold `zero`.
    #[inline(always)]
    pub fn load_masked(a: &[T], at: usize, mask: Lanes<bool, W>, zero: T) -> Self {
        Lanes::from_fn(|l| if mask.0[l] { a[at + l] } else { zero })
    }

    /// Writes the lanes to `a[at..at + W]`: one vector store.
    #[inline(always)]
    pub fn store(self, a: &mut [T], at: usize) {
        let chunk: &mut [T; W] = (&mut a[at..at + W]).try_into().expect("a slice of W elements");
        *chunk = self.0;
    }

    /// Writes the lanes in `mask` to `a[at + l]`; the others leave `a` as it was. `a[at..at + W]`
    /// must be in bounds (a full vector of the loop: it is read and written back whole).
    #[inline(always)]
    pub fn store_blend(self, a: &mut [T], at: usize, mask: Lanes<bool, W>) {
        let old = Lanes::load(a, at);
        Lanes::select(mask, self, old).store(a, at);
    }

    /// Writes the lanes in `mask` to `a[at + l]`, one by one (the last, partial vector).
    #[inline(always)]
    pub fn store_masked(self, a: &mut [T], at: usize, mask: Lanes<bool, W>) {
        for l in 0..W {
            if mask.0[l] {
                a[at + l] = self.0[l];
            }
        }
    }

    /// `a[at + l]` for the lanes of `mask`: one vector load when all `W` elements are in
    /// bounds (lanes outside the mask may read, nothing else), else lane by lane, where a lane
    /// of the mask that is out of bounds panics as `a[at + l]` would.
    #[inline(always)]
    pub fn load_at(a: &[T], at: usize, mask: Lanes<bool, W>) -> Self {
        match a.get(at..at.wrapping_add(W)) {
            Some(chunk) => Lanes(chunk.try_into().expect("a slice of W elements")),
            None => Lanes::from_fn(|l| if mask.0[l] { a[at.wrapping_add(l)] } else { T::default() }),
        }
    }

    /// Writes the lanes of `mask` to `a[at + l]`: a blended vector store when all `W` elements
    /// are in bounds, else lane by lane (a lane of the mask out of bounds panics).
    ///
    /// Only for elements no other thread touches: the loop's own elements.
    #[inline(always)]
    pub fn store_at(self, a: &mut [T], at: usize, mask: Lanes<bool, W>) {
        match a.get_mut(at..at.wrapping_add(W)) {
            Some(chunk) => {
                let chunk: &mut [T; W] = chunk.try_into().expect("a slice of W elements");
                *chunk = Lanes::select(mask, self, Lanes(*chunk)).0;
            }
            None => {
                for l in 0..W {
                    if mask.0[l] {
                        a[at.wrapping_add(l)] = self.0[l];
                    }
                }
            }
        }
    }

    /// `a` in the lanes of `mask`, `b` in the others.
    #[inline(always)]
    pub fn select(mask: Lanes<bool, W>, a: Self, b: Self) -> Self {
        Lanes::from_fn(|l| if mask.0[l] { a.0[l] } else { b.0[l] })
    }

    /// The lanes folded from lane 0 up: a fixed order, so the result is reproducible.
    #[inline(always)]
    pub fn fold<A>(self, init: A, f: impl Fn(A, T) -> A) -> A {
        self.0.into_iter().fold(init, f)
    }

    /// The lanes combined pairwise, halves first (`W = 8`: `((l0 ∘ l4) ∘ (l2 ∘ l6)) ∘ ((l1 ∘ l5)
    /// ∘ (l3 ∘ l7))`): a fixed order, so the result is reproducible, in `log2 W` vector steps
    /// instead of `W - 1` dependent ones. `W` must be a power of two. `R` is the lanes of one
    /// vector register of the clone (the generated code knows it); when the lanes fit in one,
    /// they enter the fold through `opaque_lanes` (see there why); when they fill several,
    /// the registers are added first, as vectors (in the order of the halving), and the one
    /// left goes through it.
    #[inline(always)]
    pub fn fold_tree<const R: usize>(self, f: impl Fn(T, T) -> T) -> T
    where
        T: 'static,
    {
        let mut v = self.0;
        let mut w = W;
        if W <= R {
            opaque_lanes(&mut v);
        } else if R > 1 && W.is_multiple_of(R) {
            // The registers first, added as vectors (register `k` and `k + n/2`: the halving
            // below, register by register); then the one left, through the barrier.
            let (regs, _) = v.as_chunks_mut::<R>();
            let mut n = regs.len();
            while n > 1 {
                n /= 2;
                for k in 0..n {
                    let b = regs[k + n];
                    for (x, y) in regs[k].iter_mut().zip(b) {
                        *x = f(*x, y);
                    }
                }
            }
            opaque_lanes(&mut regs[0]);
            w = R;
        }
        while w > 1 {
            w /= 2;
            for l in 0..w {
                v[l] = f(v[l], v[l + w]);
            }
        }
        v[0]
    }
}

/// Leaves each lane of `v` as it is, through an empty `asm!` statement per lane (floating-point
/// lanes on x86-64, outside Miri; other lanes are not touched).
///
/// [`Lanes::fold_tree`] passes the lanes of one register, the partial sums (say) that a loop
/// has computed in lanes, on their way into the fold.
///
/// The lanes are an array, so LLVM sees `W` scalars and leaves it to its SLP vectorizer to put
/// them back into vector registers. That vectorizer works from a pairwise fold of the lanes
/// first, two lanes at a time, and then pairs the lanes of the loop that computed them the same
/// way: an 8-lane sum of the AVX-512 clone ran as four 128-bit accumulators (`vfmadd231pd
/// %xmm`), the tanh sum of the AVX2 clone in 128-bit halves. Past an `asm!` statement the
/// vectorizer cannot follow the lanes, so it vectorizes the loop by itself, as wide as the
/// register, and the fold starts from lanes extracted from it (a few shuffles). For the lanes
/// of several registers, the barrier is on the register left after adding them register by
/// register: without it, a 32-lane dot product of the AVX-512 clone ran as sixteen 128-bit
/// accumulators (`vfmadd231pd %xmm`, with matvec's along its rows), and a 16-lane one of the
/// AVX2 clone as eight, where each is now four registers of the clone's width. (Barriers on
/// every lane of several registers left a 16-lane sum of the AVX2 clone in scalar code.)
#[inline(always)]
fn opaque_lanes<T: 'static>(v: &mut [T]) {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    for x in v.iter_mut() {
        let x: &mut dyn core::any::Any = x;
        if let Some(x) = x.downcast_mut::<f64>() {
            // SAFETY: an empty template with one operand read and written in the same register:
            // no instruction, no memory or stack access, `x` unchanged.
            #[allow(unsafe_code)]
            unsafe {
                core::arch::asm!("/* {0} */", inout(xmm_reg) * x, options(pure, nomem, nostack, preserves_flags));
            }
        } else if let Some(x) = x.downcast_mut::<f32>() {
            // SAFETY: as above.
            #[allow(unsafe_code)]
            unsafe {
                core::arch::asm!("/* {0} */", inout(xmm_reg) * x, options(pure, nomem, nostack, preserves_flags));
            }
        }
    }
    #[cfg(not(all(target_arch = "x86_64", not(miri))))]
    let _ = v;
}

impl<const W: usize> Lanes<bool, W> {
    /// The mask of the first `n` lanes.
    #[inline(always)]
    pub fn first(n: usize) -> Self {
        Lanes::from_fn(|l| l < n)
    }

    /// Whether any lane is set.
    #[inline(always)]
    pub fn any(self) -> bool {
        self.0.into_iter().fold(false, |a, b| a | b)
    }

    /// Whether every lane is set.
    #[inline(always)]
    pub fn all(self) -> bool {
        self.0.into_iter().fold(true, |a, b| a & b)
    }
}

impl<T: Copy + Default + PartialOrd, const W: usize> Lanes<T, W> {
    /// `self < o`, lane by lane.
    #[inline(always)]
    pub fn lt(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a < b)
    }
    /// `self <= o`, lane by lane.
    #[inline(always)]
    pub fn le(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a <= b)
    }
    /// `self > o`, lane by lane.
    #[inline(always)]
    pub fn gt(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a > b)
    }
    /// `self >= o`, lane by lane.
    #[inline(always)]
    pub fn ge(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a >= b)
    }
    /// `self == o`, lane by lane.
    #[inline(always)]
    pub fn eq(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a == b)
    }
    /// `self != o`, lane by lane.
    #[inline(always)]
    pub fn ne(self, o: Self) -> Lanes<bool, W> {
        self.zip(o, |a, b| a != b)
    }
}

/// The scalar operations lanes are made of. Integer arithmetic wraps: lanes outside the mask
/// compute on values nobody reads, and must not panic on them.
pub trait Scalar: Copy + PartialOrd + Default {
    /// `a + b` (wrapping for integers).
    fn add(a: Self, b: Self) -> Self;
    /// `a - b` (wrapping for integers).
    fn sub(a: Self, b: Self) -> Self;
    /// `a * b` (wrapping for integers).
    fn mul(a: Self, b: Self) -> Self;
    /// `a / b`; integers: `b == 0` gives 0 (only lanes outside the mask divide by 0).
    fn div(a: Self, b: Self) -> Self;
    /// `a % b`; integers: `b == 0` gives 0.
    fn rem(a: Self, b: Self) -> Self;
    /// `-a` (wrapping for integers).
    fn neg(a: Self) -> Self;
    /// `a` plus the lane number `l`: the value of the prange variable in lane `l`.
    fn plus_lane(a: Self, l: usize) -> Self;
}

macro_rules! scalar_int {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            #[inline(always)] fn add(a: Self, b: Self) -> Self { a.wrapping_add(b) }
            #[inline(always)] fn sub(a: Self, b: Self) -> Self { a.wrapping_sub(b) }
            #[inline(always)] fn mul(a: Self, b: Self) -> Self { a.wrapping_mul(b) }
            #[inline(always)] fn div(a: Self, b: Self) -> Self { a.checked_div(b).unwrap_or(0) }
            #[inline(always)] fn rem(a: Self, b: Self) -> Self { a.checked_rem(b).unwrap_or(0) }
            #[inline(always)] fn neg(a: Self) -> Self { (0 as $t).wrapping_sub(a) }
            #[inline(always)] fn plus_lane(a: Self, l: usize) -> Self { a.wrapping_add(l as $t) }
        }
    )*};
}
scalar_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! scalar_float {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            #[inline(always)] fn add(a: Self, b: Self) -> Self { a + b }
            #[inline(always)] fn sub(a: Self, b: Self) -> Self { a - b }
            #[inline(always)] fn mul(a: Self, b: Self) -> Self { a * b }
            #[inline(always)] fn div(a: Self, b: Self) -> Self { a / b }
            #[inline(always)] fn rem(a: Self, b: Self) -> Self { a % b }
            #[inline(always)] fn neg(a: Self) -> Self { -a }
            #[inline(always)] fn plus_lane(a: Self, l: usize) -> Self { a + l as $t }
        }
    )*};
}
scalar_float!(f32, f64);

impl<T: Scalar, const W: usize> Lanes<T, W> {
    /// Lane `l` holds `start + l`: the prange variable of `W` consecutive iterations.
    #[inline(always)]
    pub fn iota(start: T) -> Self {
        Lanes::from_fn(|l| T::plus_lane(start, l))
    }
}

macro_rules! lane_op {
    ($tr:ident, $f:ident, $scalar:ident) => {
        impl<T: Scalar, const W: usize> $tr for Lanes<T, W> {
            type Output = Self;
            #[inline(always)]
            fn $f(self, o: Self) -> Self {
                self.zip(o, T::$scalar)
            }
        }
    };
}
lane_op!(Add, add, add);
lane_op!(Sub, sub, sub);
lane_op!(Mul, mul, mul);
lane_op!(Div, div, div);
lane_op!(Rem, rem, rem);

impl<T: Scalar, const W: usize> Neg for Lanes<T, W> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map(T::neg)
    }
}

macro_rules! lane_bit_op {
    ($tr:ident, $f:ident, $op:tt) => {
        impl<T: Copy + Default + $tr<Output = T>, const W: usize> $tr for Lanes<T, W> {
            type Output = Self;
            #[inline(always)]
            fn $f(self, o: Self) -> Self {
                self.zip(o, |a, b| a $op b)
            }
        }
    };
}
lane_bit_op!(BitAnd, bitand, &);
lane_bit_op!(BitOr, bitor, |);
lane_bit_op!(BitXor, bitxor, ^);

impl<T: Copy + Default + Not<Output = T>, const W: usize> Not for Lanes<T, W> {
    type Output = Self;
    #[inline(always)]
    fn not(self) -> Self {
        self.map(|a| !a)
    }
}

/// Shifts wrap the shift amount, as `wrapping_shl` does: no lane panics.
macro_rules! lane_shift {
    ($($t:ty),*) => {$(
        impl<const W: usize> Shl<Lanes<u32, W>> for Lanes<$t, W> {
            type Output = Self;
            #[inline(always)]
            fn shl(self, o: Lanes<u32, W>) -> Self {
                self.zip(o, |a, b| a.wrapping_shl(b))
            }
        }
        impl<const W: usize> Shr<Lanes<u32, W>> for Lanes<$t, W> {
            type Output = Self;
            #[inline(always)]
            fn shr(self, o: Lanes<u32, W>) -> Self {
                self.zip(o, |a, b| a.wrapping_shr(b))
            }
        }
    )*};
}
lane_shift!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! lane_fma {
    ($($t:ident => $fmadd:ident),*) => {$(
        impl<const W: usize> Lanes<$t, W> {
            /// `self * b + c`: one fused rounding when `FMA` (the clone has the instruction),
            /// two otherwise; `fastmath` allows either.
            #[inline(always)]
            pub fn fmadd<const FMA: bool>(self, b: Self, c: Self) -> Self {
                Lanes::from_fn(|l| crate::math::$fmadd::<FMA>(self.0[l], b.0[l], c.0[l]))
            }
        }
    )*};
}
lane_fma!(f64 => fmadd_f64, f32 => fmadd_f32);

/// Row `r` of a 2-D array as a slice, when it exists and its elements are contiguous: what
/// lets `a[[r, j]]` over a vectorized `j` be a vector load (else the lanes gather).
pub trait Rows<T> {
    /// Row `r`, if it exists and is contiguous.
    fn row_slice(&self, r: usize) -> Option<&[T]>;

    /// Row `r` from column `c` to its end, if it exists and is contiguous.
    #[inline(always)]
    fn row_at(&self, r: usize, c: usize) -> Option<&[T]> {
        self.row_slice(r)?.get(c..)
    }
}

/// Row `r` of a 2-D array as a mutable slice (see [`Rows`]).
pub trait RowsMut<T> {
    /// Row `r`, mutably, if it exists and is contiguous.
    fn row_slice_mut(&mut self, r: usize) -> Option<&mut [T]>;

    /// Row `r` from column `c` to its end, mutably, if it exists and is contiguous.
    #[inline(always)]
    fn row_at_mut(&mut self, r: usize, c: usize) -> Option<&mut [T]> {
        self.row_slice_mut(r)?.get_mut(c..)
    }
}

impl<T, S: ndarray::Data<Elem = T>> Rows<T> for ndarray::ArrayBase<S, ndarray::Ix2> {
    #[inline(always)]
    fn row_slice(&self, r: usize) -> Option<&[T]> {
        if r >= self.nrows() {
            return None;
        }
        self.row(r).to_slice()
    }
}

impl<T, S: ndarray::DataMut<Elem = T>> RowsMut<T> for ndarray::ArrayBase<S, ndarray::Ix2> {
    #[inline(always)]
    fn row_slice_mut(&mut self, r: usize) -> Option<&mut [T]> {
        if r >= self.nrows() {
            return None;
        }
        self.row_mut(r).into_slice()
    }
}

impl<T, R: Rows<T> + ?Sized> Rows<T> for &R {
    #[inline(always)]
    fn row_slice(&self, r: usize) -> Option<&[T]> {
        (**self).row_slice(r)
    }
    #[inline(always)]
    fn row_at(&self, r: usize, c: usize) -> Option<&[T]> {
        (**self).row_at(r, c)
    }
}

impl<T, R: Rows<T> + ?Sized> Rows<T> for &mut R {
    #[inline(always)]
    fn row_slice(&self, r: usize) -> Option<&[T]> {
        (**self).row_slice(r)
    }
    #[inline(always)]
    fn row_at(&self, r: usize, c: usize) -> Option<&[T]> {
        (**self).row_at(r, c)
    }
}

impl<T, R: RowsMut<T> + ?Sized> RowsMut<T> for &mut R {
    #[inline(always)]
    fn row_slice_mut(&mut self, r: usize) -> Option<&mut [T]> {
        (**self).row_slice_mut(r)
    }
    #[inline(always)]
    fn row_at_mut(&mut self, r: usize, c: usize) -> Option<&mut [T]> {
        (**self).row_at_mut(r, c)
    }
}

/// `as` between lane types.
pub trait CastTo<U> {
    /// `self as U`.
    fn cast(self) -> U;
}

macro_rules! casts {
    ($($from:ty),*) => {$( casts!(@to $from; i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64); )*};
    (@to $from:ty; $($to:ty),*) => {$(
        impl CastTo<$to> for $from {
            #[inline(always)]
            fn cast(self) -> $to {
                self as $to
            }
        }
    )*};
}
casts!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

macro_rules! bool_casts {
    ($($to:ty),*) => {$(
        impl CastTo<$to> for bool {
            #[inline(always)]
            fn cast(self) -> $to {
                self as $to
            }
        }
    )*};
}
bool_casts!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<T: Copy + Default, const W: usize> Lanes<T, W> {
    /// `self as U`, lane by lane.
    #[inline(always)]
    pub fn cast<U: Copy + Default>(self) -> Lanes<U, W>
    where
        T: CastTo<U>,
    {
        self.map(CastTo::cast)
    }
}

/// The instruction set the `fastmath` variants use in this process: the widest the CPU has,
/// or the one `KERNELIZE_ISA` names (`baseline`, `avx2`, `avx512`). Chosen on the first call.
///
/// # Panics
///
/// If `KERNELIZE_ISA` names an unknown level, or one this CPU lacks (running its code would
/// be undefined behaviour).
pub fn level() -> SimdLevel {
    static LEVEL: OnceLock<SimdLevel> = OnceLock::new();
    if let Some(forced) = OVERRIDE.get() {
        return forced;
    }
    *LEVEL.get_or_init(|| {
        let detected = crate::machine().simd;
        match std::env::var("KERNELIZE_ISA") {
            Ok(v) if !v.is_empty() => match forced(&v, detected) {
                Ok(level) => level,
                Err(e) => panic!("{e}"),
            },
            _ => detected,
        }
    })
}

thread_local! {
    static OVERRIDE: std::cell::Cell<Option<SimdLevel>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with the `fastmath` variants called on this thread using the clone for `level`
/// (a `parallel_fastmath` variant chooses on the calling thread too), so tests can run every
/// clone this CPU has.
///
/// # Panics
///
/// If the CPU lacks `level`.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::{SimdLevel, simd};
///
/// let lanes = simd::with_level(SimdLevel::Baseline, || simd::level());
/// assert_eq!(lanes, SimdLevel::Baseline);
/// ```
pub fn with_level<R>(level: SimdLevel, f: impl FnOnce() -> R) -> R {
    let detected = crate::machine().simd;
    assert!(level <= detected, "the {level} clone cannot run here: this CPU has only {detected}");
    struct Restore(Option<SimdLevel>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.set(self.0);
        }
    }
    let _restore = Restore(OVERRIDE.replace(Some(level)));
    f()
}

/// The levels this CPU can run, narrowest first.
pub fn levels() -> Vec<SimdLevel> {
    let detected = crate::machine().simd;
    [SimdLevel::Baseline, SimdLevel::Avx2Fma, SimdLevel::Avx512].into_iter().filter(|l| *l <= detected).collect()
}

/// The level `KERNELIZE_ISA=value` asks for, if this CPU (with `detected`) can run it.
pub fn forced(value: &str, detected: SimdLevel) -> Result<SimdLevel, String> {
    let level = match value.trim().to_ascii_lowercase().as_str() {
        "baseline" => SimdLevel::Baseline,
        "avx2" => SimdLevel::Avx2Fma,
        "avx512" => SimdLevel::Avx512,
        other => {
            return Err(format!("KERNELIZE_ISA=`{other}` is not an instruction set; use baseline, avx2 or avx512"));
        }
    };
    if level > detected {
        return Err(format!("KERNELIZE_ISA asks for {level}, but this CPU has only {detected}"));
    }
    Ok(level)
}

/// Runs `f` compiled for AVX-512 (F, BW, CD, DQ, VL, with AVX2 and FMA).
///
/// # Panics
///
/// If the CPU lacks AVX-512: the generated code calls this only when [`level`] says so.
#[inline(always)]
pub fn avx512<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        assert!(crate::machine().simd >= SimdLevel::Avx512, "this CPU has no AVX-512");
        // SAFETY: the CPU has every feature `avx512_clone` is compiled with (checked above).
        #[allow(unsafe_code)]
        unsafe {
            avx512_clone(f)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        panic!("AVX-512 exists only on x86-64")
    }
}

/// Runs `f` compiled for AVX2 and FMA.
///
/// # Panics
///
/// If the CPU lacks AVX2 or FMA.
#[inline(always)]
pub fn avx2<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        assert!(crate::machine().simd >= SimdLevel::Avx2Fma, "this CPU has no AVX2+FMA");
        // SAFETY: the CPU has every feature `avx2_clone` is compiled with (checked above).
        #[allow(unsafe_code)]
        unsafe {
            avx2_clone(f)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        panic!("AVX2 exists only on x86-64")
    }
}

/// Runs `f` compiled for what every CPU of the architecture has (SSE2 on x86-64, NEON on
/// aarch64).
#[inline(never)]
pub fn baseline<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[target_feature(enable = "avx512f,avx512bw,avx512cd,avx512dq,avx512vl,avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
#[inline(never)]
unsafe fn avx512_clone<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[target_feature(enable = "avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
#[inline(never)]
unsafe fn avx2_clone<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_compute_lane_by_lane() {
        let a = Lanes([1.0, 2.0, 3.0]);
        let b = Lanes::splat(2.0);
        assert_eq!((a * b + a).0, [3.0, 6.0, 9.0]);
        assert_eq!(a.lt(b).0, [true, false, false]);
        assert_eq!(Lanes::select(a.ge(b), a, -a).0, [-1.0, 2.0, 3.0]);
        assert_eq!(Lanes::<usize, 4>::iota(7).0, [7, 8, 9, 10]);
        assert_eq!(Lanes([250u8, 5]) + Lanes([10, 5]), Lanes([4, 10]), "integer lanes wrap");
        assert_eq!(Lanes([7i32, 7]) / Lanes([2, 0]), Lanes([3, 0]), "division by zero in a dead lane");
        assert_eq!(Lanes([1.5f64, -2.5]).cast::<i32>().0, [1, -2]);
        assert_eq!(Lanes([1u64, 2, 4]).fold(0, |a, b| a * 10 + b), 124);
    }

    #[test]
    fn tree_folds_pair_the_halves() {
        let v = Lanes([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]);
        assert_eq!(v.fold_tree::<8>(|a, b| a + b), 255.0);
        // The order: `a * 16 + b` records who meets whom, `((l0 l2) (l1 l3))`.
        let order = Lanes([1u64, 2, 3, 4]).fold_tree::<4>(|a, b| a * 16 + b);
        assert_eq!(order, (16 + 3) * 16 + (2 * 16 + 4));
        // Registers added first (several lanes per register) meet in the same order.
        let eight = Lanes::<u64, 8>::from_fn(|l| l as u64 + 1);
        let want = eight.fold_tree::<8>(|a, b| a * 16 + b);
        for got in [
            eight.fold_tree::<1>(|a, b| a * 16 + b),
            eight.fold_tree::<2>(|a, b| a * 16 + b),
            eight.fold_tree::<4>(|a, b| a * 16 + b),
        ] {
            assert_eq!(got, want);
        }
        // The lanes per register place the barrier, not the order: the same bits for each.
        let x = Lanes::<f64, 16>::from_fn(|l| 1.0 / (l as f64 + 3.0));
        let want = x.fold_tree::<16>(|a, b| a + b);
        for got in [x.fold_tree::<1>(|a, b| a + b), x.fold_tree::<2>(|a, b| a + b), x.fold_tree::<8>(|a, b| a + b)] {
            assert_eq!(got.to_bits(), want.to_bits());
        }
        let y = Lanes::<f32, 8>::from_fn(|l| 1.0 / (l as f32 + 3.0));
        assert_eq!(y.fold_tree::<4>(|a, b| a + b).to_bits(), y.fold_tree::<8>(|a, b| a + b).to_bits());
    }

    #[test]
    fn masks() {
        let m = Lanes::<bool, 4>::first(2);
        assert_eq!(m.0, [true, true, false, false]);
        assert!(m.any() && !m.all());
        assert!(!Lanes::<bool, 4>::first(0).any());
        let mut a = [0.0; 6];
        Lanes([1.0, 2.0, 3.0, 4.0]).store_masked(&mut a, 2, m);
        assert_eq!(a, [0.0, 0.0, 1.0, 2.0, 0.0, 0.0]);
        Lanes([5.0, 6.0, 7.0, 8.0]).store_blend(&mut a, 2, !m);
        assert_eq!(a, [0.0, 0.0, 1.0, 2.0, 7.0, 8.0]);
        assert_eq!(Lanes::load_masked(&a, 4, Lanes::first(2), -1.0).0, [7.0, 8.0, -1.0, -1.0]);
    }

    #[test]
    fn forced_levels() {
        assert_eq!(forced("baseline", SimdLevel::Avx512), Ok(SimdLevel::Baseline));
        assert_eq!(forced(" AVX2 ", SimdLevel::Avx512), Ok(SimdLevel::Avx2Fma));
        let e = forced("avx512", SimdLevel::Avx2Fma).unwrap_err();
        assert!(e.contains("has only AVX2+FMA"), "{e}");
        let e = forced("sse4", SimdLevel::Avx512).unwrap_err();
        assert!(e.contains("use baseline, avx2 or avx512"), "{e}");
    }

    #[test]
    fn clones_run_what_they_are_given() {
        let v = Lanes::<f64, 8>::iota(0.0);
        let s = baseline(|| v.fold(0.0, |a, b| a + b));
        assert_eq!(s, 28.0);
        let here = crate::machine().simd;
        if here >= SimdLevel::Avx2Fma {
            assert_eq!(avx2(|| (v * v).fold(0.0, |a, b| a + b)), 140.0);
        }
        if here >= SimdLevel::Avx512 {
            assert_eq!(avx512(|| (v * v).fold(0.0, |a, b| a + b)), 140.0);
        }
    }
}
