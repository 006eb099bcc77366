//! Back ends: each reads the IR and the analysis and writes one variant. None reads syn's
//! syntax tree, except `cuda`, which still re-parses the host code to rewrite its `return`s
//! (issue 14 moves that into the front end); `ptx` parses its math library's source.

pub mod cuda;
mod names;
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
