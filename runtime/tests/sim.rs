//! `cuda_sim`, the PTX simulator: every instruction of its subset against Rust, whole kernels
//! of kernelize's PTX back end against Rust, planted faults, parse errors and fuzzing, speed.
//!
//! `cargo test -p kernelize-runtime --features cuda_sim --test sim`

#![cfg(feature = "cuda_sim")]

#[path = "sim/faults.rs"]
mod faults;
#[path = "sim/fuzz.rs"]
mod fuzz;
#[path = "sim/harness.rs"]
mod harness;
#[path = "sim/kernels.rs"]
mod kernels;
#[path = "sim/ops.rs"]
mod ops;
#[path = "sim/parsing.rs"]
mod parsing;
#[path = "sim/speed.rs"]
mod speed;
