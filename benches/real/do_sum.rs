//! The sum of the square roots of an array: the `prange` reduction example of Numba's
//! performance tips.
//!
//! Origin: numba/numba, `docs/source/user/performance-tips.rst` ("Parallel=True"),
//! commit 06d78b8bba0cd429c61f9165c8c77880d6ab7f5a (BSD-2-Clause), function
//! `do_sum_parallel_fast` (`@njit(parallel=True, fastmath=True)`).
//!
//! Hot loop: a `prange` `+=` reduction of `sqrt` over a contiguous array. Port: line for line.

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn do_sum_parallel_fast(a: &[f64]) -> f64 {
    let n = a.len();
    let mut acc = 0.0;
    for i in prange(0..n) {
        acc += a[i].sqrt();
    }
    acc
}
