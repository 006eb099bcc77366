//! Back ends: each reads the IR and the analysis (never syn) and writes one variant.

pub mod cuda;
mod prelude;
pub mod ptx;
pub mod rayon;
mod reduce;
mod rows;
pub mod rust;
pub mod serial;
pub mod simd;

#[cfg(test)]
mod tests;
