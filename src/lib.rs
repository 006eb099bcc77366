//! kernelize brings Numba's speed tools to Rust at compile time.
//!
//! Write an ordinary function whose independent loops use [`prange`], put `#[kernel]` on it,
//! and the macro writes compiled variants of it (see the README for the kernel language).
//!
//! # Examples
//!
//! ```
//! use kernelize::{kernel, prange};
//!
//! #[kernel]
//! pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
//!     let mut trace = 0.0;
//!     for i in prange(0..a.len()) {
//!         trace += a[i].tanh();
//!     }
//!     for i in prange(0..a.len()) {
//!         out[i] = a[i] + trace;
//!     }
//!     trace
//! }
//!
//! let a = [0.5, 1.0, 2.0];
//! let mut out = [0.0; 3];
//! let trace = go_fast(&a, &mut out);
//! assert_eq!(trace, go_fast::serial(&a, &mut out));
//! assert!(go_fast::REPORT.contains("reduction"));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[doc(inline)]
pub use kernelize_macros::kernel;
#[doc(inline)]
pub use kernelize_runtime::{
    CUDA_MIN_ELEMENTS, Error, ErrorKind, Machine, SimdLevel, Target, UnknownTarget, forced_target, machine, prange,
};

/// The GPU: device choice, device-resident arrays, availability.
///
/// With the `cuda` feature, `#[kernel(cuda)]` functions run their prange loops on an NVIDIA GPU
/// through `name::cuda(..)` (host arrays copied in and out at each call) and
/// `name::cuda_device(..)` (arrays already on the device, nothing copied). The CUDA driver is
/// loaded when first needed; where there is none, every call returns an [`Error`]:
///
/// ```
/// use kernelize::{kernel, prange};
///
/// #[kernel(cuda)]
/// fn double(a: &[f32], out: &mut [f32]) {
///     for i in prange(0..a.len()) {
///         out[i] = 2.0 * a[i];
///     }
/// }
///
/// let a = vec![1.0f32; 1000];
/// let mut out = vec![0.0; 1000];
/// match double::cuda(&a, &mut out) {
///     Ok(()) => assert_eq!(out[999], 2.0),
///     Err(e) => println!("no GPU: {e}"), // e.g. the `cuda` feature is off, or no driver
/// }
///
/// // Device-resident arrays: upload once, run many times, download once.
/// if let Ok(dev) = kernelize::cuda::device() {
///     let a = dev.upload(&a).unwrap();
///     let mut out = dev.zeros::<f32>(1000).unwrap();
///     double::cuda_device(&a, &mut out).unwrap();
///     assert_eq!(out.to_vec().unwrap()[0], 2.0);
/// }
/// ```
pub mod cuda {
    // Named one by one, not `*`: the runtime's `cuda::hidden` (what generated code calls, which
    // trusts its caller to pass PTX and arguments that agree) stays out of the public API; the
    // generated code reaches it as `kernelize::__private::cuda`.
    #[doc(inline)]
    pub use kernelize_runtime::cuda::{Device, DeviceMatrix, DeviceVec, Elem, device, is_available};
}

pub use ndarray;

/// The `parallel` variant's team and chunking rule.
///
/// Every `parallel` variant runs on one team of `KERNELIZE_NUM_THREADS` threads (default: every
/// hardware thread). Iterations are cut into chunks whose boundaries depend only on the loop's
/// length and estimated cost, so reductions give bitwise identical results for every thread
/// count:
///
/// ```
/// use kernelize::{kernel, prange};
/// use kernelize::parallel::with_threads;
///
/// #[kernel(parallel)]
/// fn total(a: &[f64]) -> f64 {
///     let mut s = 0.0;
///     for i in prange(0..a.len()) {
///         s += a[i];
///     }
///     s
/// }
///
/// let a: Vec<f64> = (0..100_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
/// let one = with_threads(1, || total::parallel(&a));
/// let eight = with_threads(8, || total::parallel(&a));
/// assert_eq!(one.to_bits(), eight.to_bits());
/// ```
pub mod parallel {
    #[doc(inline)]
    pub use kernelize_runtime::parallel::{
        MIN_CHUNK, MIN_WORK, TARGET_CHUNKS, chunk_len, chunk_rows, min_work, num_threads, with_threads,
    };
}

/// The `fastmath` variant's instruction sets.
///
/// Each `fastmath` loop body is compiled for x86-64 baseline (SSE2), AVX2+FMA and AVX-512;
/// the widest one the CPU has is chosen once per process ([`level`](simd::level)).
/// `KERNELIZE_ISA=baseline|avx2|avx512` forces one, and [`with_level`](simd::with_level)
/// runs a closure with another, so tests can compare every clone:
///
/// ```
/// use kernelize::{kernel, prange};
/// use kernelize::simd::{levels, with_level};
///
/// #[kernel(fastmath)]
/// fn norm2(a: &[f64]) -> f64 {
///     let mut s = 0.0;
///     for i in prange(0..a.len()) {
///         s += a[i] * a[i];
///     }
///     s
/// }
///
/// let a: Vec<f64> = (0..1000).map(|i| i as f64).collect();
/// for level in levels() {
///     let s = with_level(level, || norm2::fastmath(&a));
///     assert_eq!(s, 332_833_500.0, "{level}");
/// }
/// ```
pub mod simd {
    #[doc(inline)]
    pub use kernelize_runtime::simd::{level, levels, with_level};
}

/// The math library of the `fastmath` variants: each function over SIMD lanes, with its
/// accuracy in ulps documented.
#[doc(inline)]
pub use kernelize_runtime::math;

/// Paths used by code that `#[kernel]` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use kernelize_runtime as runtime;
    pub use kernelize_runtime::__private::*;
    pub use ndarray;

    /// The `parallel` variant's team and chunking rule.
    ///
    /// Every `parallel` variant runs on one team of `KERNELIZE_NUM_THREADS` threads (default: every
    /// hardware thread). Iterations are cut into chunks whose boundaries depend only on the loop's
    /// length and estimated cost, so reductions give bitwise identical results for every thread
    /// count:
    ///
    /// ```
    /// use kernelize::{kernel, prange};
    /// use kernelize::parallel::with_threads;
    ///
    /// #[kernel(parallel)]
    /// fn total(a: &[f64]) -> f64 {
    ///     let mut s = 0.0;
    ///     for i in prange(0..a.len()) {
    ///         s += a[i];
    ///     }
    ///     s
    /// }
    ///
    /// let a: Vec<f64> = (0..100_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
    /// let one = with_threads(1, || total::parallel(&a));
    /// let eight = with_threads(8, || total::parallel(&a));
    /// assert_eq!(one.to_bits(), eight.to_bits());
    /// ```
    pub mod parallel {
        #[doc(inline)]
        pub use kernelize_runtime::parallel::{
            MIN_CHUNK, MIN_CHUNK_WORK, MIN_WORK, TARGET_CHUNKS, chunk_len, chunk_len_for, chunk_rows_for, num_threads,
            with_threads,
        };
    }
}
