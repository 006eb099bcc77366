//! kernelize brings Numba's speed tools to Rust at compile time.
//!
//! Write an ordinary function whose independent loops use [`prange`], put [`#[kernel]`](kernel)
//! on it, and the macro checks the loops for data races, finds the reductions, and writes
//! compiled variants of the function: serial, parallel on all cores, SIMD lanes with relaxed
//! floating point, and CUDA. Calling the function runs the best variant for the machine.
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
//!
//! The [`guide`] is the whole manual (the project's README): each variant's execution model,
//! the runtime, performance against Numba, and development.
//!
//! # Options
//!
//! | `#[kernel(..)]` | adds | |
//! |---|---|---|
//! | (none) | `name::serial`, `name::REPORT` | the reference: one thread, IEEE arithmetic, bounds checks hoisted out of the loop |
//! | `parallel` | `name::parallel` | prange loops split into chunks on a team of threads; reductions combined in chunk order, so bitwise identical for every thread count ([`parallel`]) |
//! | `fastmath` | `name::fastmath` (and `name::parallel_fastmath` with `parallel`) | prange loops in SIMD lanes with relaxed floating point, compiled for three instruction sets and chosen at run time ([`simd`]) |
//! | `cuda` | `name::cuda`, `name::cuda_device`, `name::PTX` | each prange loop a PTX entry written while the crate compiles, run on an NVIDIA GPU with the `cuda` feature, or on the CPU's PTX simulator with `cuda_sim` ([`cuda`]) |
//!
//! Options combine: `#[kernel(parallel, fastmath, cuda)]`. `name(..)` runs the best variant
//! present (see [`Target`]).
//!
//! # What `#[kernel]` generates
//!
//! | item | what it is |
//! |---|---|
//! | `name(args)` | the function, same signature, runs the best variant |
//! | `name::serial(args)` | one thread, IEEE arithmetic: the reference every other variant is tested against |
//! | `name::parallel(args)` | prange loops split across the threads of a team |
//! | `name::fastmath(args)` | one thread, prange loops in SIMD lanes, relaxed floating point |
//! | `name::parallel_fastmath(args)` | the chunks of `parallel`, each in SIMD lanes |
//! | `name::cuda(args) -> Result<R, Error>` | host code on the CPU, prange loops on the GPU; arrays copied in (and back if written) |
//! | `name::cuda_device(args)` | the same with device arrays ([`cuda::DeviceVec`], [`cuda::DeviceMatrix`]) in place of the array parameters; nothing copied |
//! | `name::PTX: &str` | the PTX module, one `.entry name_loopK` per prange loop |
//! | `name::REPORT: &str` | per prange loop: reductions found, arrays written and read, bounds checks hoisted, code outside the kernel language; with `fastmath`, what each instruction set runs and why |
//!
//! The variants are associated functions of an empty struct named like the function, so
//! `go_fast::serial` reads like a module path and kernels work inside function bodies too.
//!
//! # The kernel language
//!
//! Code outside `prange` loops is *host code*: any Rust, kept as written. The body of a
//! `prange` loop runs once per iteration, in any order, and is written in the kernel language:
//!
//! - parameters: scalars (`f32 f64 i8..i64 u8..u64 isize usize bool`), slices `&[T]` and
//!   `&mut [T]`, [`ndarray`] views `ArrayView1/2<T>`, `ArrayViewMut1/2<T>` (strided too) and
//!   `&Array1/2<T>`, `&mut Array1/2<T>`;
//! - `let` (with or without a type), literals typed as rustc types them, arithmetic,
//!   comparison, logic, bit operations, `as` casts, compound assignment;
//! - indexing `x[i]`, `x[[i, j]]`, `x[(i, j)]`; `len()`, `nrows()`, `ncols()`, `shape()[k]`;
//! - the math methods `abs sqrt cbrt exp exp2 exp_m1 ln ln_1p log2 log10 sin cos tan tanh sinh
//!   cosh asin acos atan atan2 powi powf hypot mul_add min max clamp floor ceil round trunc
//!   signum recip`, and constants such as `f64::consts::PI`, `f32::EPSILON`, `i32::MAX`;
//! - `if`/`else`, `match` on integers, serial `for` over ranges (`.rev()`, `.step_by(k)`),
//!   `while`, `loop`, `break`, `continue`, labels;
//! - two directly nested `prange` loops form one 2-D iteration space.
//!
//! Anything else in a prange loop (a call to your own function, `println!`) is kept as written
//! by `serial` and `parallel`, and `REPORT` lists it; `fastmath` and `cuda` refuse it with a
//! compile error, since they compile the body for SIMD lanes or GPU threads.
//!
//! # Rules, checked at compile time
//!
//! Numba trusts you to write race-free `prange` loops; kernelize checks, whatever the options:
//!
//! - a loop writes an array only at the iteration's own element, `out[i]` (`out[[i, j]]`);
//!   `out[i + 1] = ..` or reading `out[i - 1]` while writing `out[i]` does not compile;
//! - a scalar declared before the loop and changed in it must be a *reduction*: `s += e`,
//!   `s -= e`, `s *= e`, `s = s.max(e)`, `s = s.min(e)`, and `|=`, `&=`, `^=` for integers;
//! - `return`, `?` and `break` cannot leave a prange loop (`continue` ends the iteration).
//!
//! Every mistake is a compile error at the offending tokens that says what to write instead:
//!
//! ```compile_fail
//! use kernelize::{kernel, prange};
//!
//! #[kernel]
//! fn shift(a: &[f64], out: &mut [f64]) {
//!     for i in prange(0..a.len() - 1) {
//!         out[i + 1] = a[i]; // data race: iterations i and i + 1 write the same element
//!     }
//! }
//! ```
//!
//! # Environment variables
//!
//! | variable | effect |
//! |---|---|
//! | `KERNELIZE_TARGET` | `serial`, `parallel`, `fastmath`, `parallel_fastmath`, `cuda` or `cuda_sim`: every kernel runs that variant (see [`forced_target`]) |
//! | `KERNELIZE_NUM_THREADS` | threads of the `parallel` team (default: every hardware thread) |
//! | `KERNELIZE_MIN_WORK` | loops with less estimated work run on the calling thread (default [`parallel::MIN_WORK`]; `0` splits every loop) |
//! | `KERNELIZE_SPIN_US` | how long the team's workers spin after a loop before they park (default 200) |
//! | `KERNELIZE_PROC_BIND` | `false`: the workers are not bound to CPUs (default `true` on Linux) |
//! | `KERNELIZE_ISA` | `baseline`, `avx2` or `avx512`: the instruction set `fastmath` runs |
//! | `KERNELIZE_DEVICE` | the CUDA device `cuda` uses (default 0) |
#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// Options: `parallel`, `fastmath`, `cuda`, in any combination (see [Options](crate#options),
/// and [What `#[kernel]` generates](crate#what-kernel-generates)). The function's prange loops
/// must follow [the kernel language](crate#the-kernel-language) and
/// [its rules](crate#rules-checked-at-compile-time).
///
/// ```
/// use kernelize::{kernel, prange};
///
/// #[kernel(parallel, fastmath)]
/// fn dot(a: &[f32], b: &[f32]) -> f32 {
///     let mut s = 0.0;
///     for i in prange(0..a.len().min(b.len())) {
///         s += a[i] * b[i];
///     }
///     s
/// }
///
/// let a = vec![0.5f32; 1001];
/// assert_eq!(dot::serial(&a, &a), 250.25);
/// assert!((dot(&a, &a) - 250.25).abs() < 1e-3); // fastmath reassociates the sum
/// ```
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

/// The manual: the project's README, from the kernel language to performance against Numba.
#[doc = include_str!("../README.md")]
pub mod guide {}

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
