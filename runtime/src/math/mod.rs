//! The math library of the `fastmath` back end: each function written once, branch-free where
//! it can be, and evaluated per SIMD lane.
//!
//! Every function takes and returns lane arrays `[T; W]`; a scalar call is `W = 1`. The const
//! parameter `FMA` says whether the instruction set being compiled for has fused multiply-add:
//! generated code passes `true` inside its AVX2 and AVX-512 clones and `false` in the baseline
//! clone, so `mul_add` never becomes a slow library call. The result differs by at most the
//! error bound in the table below either way.
//!
//! Functions are `#[inline(always)]` so that they are compiled inside the caller's
//! `#[target_feature]` clone, where LLVM turns the loops over lanes into vector code. Rare
//! inputs that need a slow path (a huge argument to `sin`) are fixed lane by lane after the
//! branch-free pass, only when a lane needs it.
//!
//! Special values (±0, subnormals, ±inf, NaN, overflow and underflow) give what `std` gives.
//!
//! # Examples
//!
//! ```
//! use kernelize_runtime::math;
//!
//! // Four lanes, with FMA: what the AVX2 clone computes.
//! let y = math::f64::exp::<true, 4>([0.0, 1.0, -1.0, f64::INFINITY]);
//! assert_eq!(y[0], 1.0);
//! assert!((y[1] - std::f64::consts::E).abs() <= f64::EPSILON * 3.0);
//! assert_eq!(y[3], f64::INFINITY);
//! ```
//!
#![doc = include_str!("ACCURACY.md")]

mod common;
mod explog;
mod trig;

pub use common::{fmadd_f32, fmadd_f64};

/// `f64` functions over lane arrays.
pub mod f64 {
    pub use super::explog::f64::*;
    pub use super::trig::f64::*;
}

/// `f32` functions over lane arrays.
pub mod f32 {
    pub use super::explog::f32::*;
    pub use super::trig::f32::*;
}
