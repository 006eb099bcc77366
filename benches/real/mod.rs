//! The real-program suite: programs ported line for line from public Numba code, and the five
//! reproducers of issue 12 as micro-kernels, each under `#[kernel(parallel, fastmath)]`.
//!
//! One file per program; each names its origin (repository, path, commit, license) and says what
//! the port had to change and why. `README.md` beside this file has the table. The Numba side,
//! the sources themselves run on bit-identical inputs, is `benches/peers/real_programs.py`.
//!
//! Included with `#[path = "../real/mod.rs"] mod real;` next to `mod kernels;` (the inputs,
//! `kernels::{unit, inputs, matrix}`, are shared with the first suite) by
//! `benches/peers/kernelize.rs` and `tests/real.rs`.

#![allow(dead_code)]

// Each module holds one program, named like the module: `real::knn::knn`.

pub mod arc_distance;
pub mod azimint_naive;
pub mod black_scholes;
pub mod do_sum;
pub mod fdtd_2d;
pub mod gpairs;
pub mod ident_loops;
pub mod jacobi_2d;
pub mod kde;
pub mod kmeans;
pub mod knn;
pub mod l2_norm;
pub mod lennard_jones;
pub mod micro;
pub mod pairwise_distance;
pub mod spmv;
pub mod symm;
pub mod syrk;
pub mod trmm;
