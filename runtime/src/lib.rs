//! Runtime support for [kernelize](https://docs.rs/kernelize): the `prange` marker, the
//! targets a kernel can run on and the rule that picks one, and CPU detection.
//!
//! Users reach everything here through the `kernelize` facade crate; generated code reaches
//! the hidden helpers through `kernelize::__private`.

#![deny(missing_docs)]
#![deny(unsafe_code)]

mod cpu;
pub mod cuda;
mod error;
pub mod math;
pub mod parallel;
mod prange;
#[cfg(feature = "cuda_sim")]
pub mod sim;
pub mod simd;
mod target;
#[allow(unsafe_code, reason = "the team's work pointer and chunk slots; see the safety comments in team.rs")]
mod team;

#[doc(hidden)]
pub mod __private;

pub use cpu::{Machine, SimdLevel, machine};
pub use error::{Error, ErrorKind};
pub use prange::prange;
#[doc(hidden)]
pub use target::CallCost;
pub use target::{CUDA_MIN_ELEMENTS, Target, UnknownTarget, forced_target};
