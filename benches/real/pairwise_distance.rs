//! Pairwise Euclidean distances between the rows of two point sets.
//!
//! Origin: IntelPython/dpbench, `dpbench/benchmarks/default/pairwise_distance/pairwise_distance_numba_npr.py`,
//! commit 0b59bd251543e0e3ab6dc53c07f694757d32f3b3 (Apache-2.0), function `pairwise_distance`.
//!
//! Hot loop: `prange` over the rows of `X1`; for each, a serial loop over the rows of `X2` and
//! an innermost loop along the features of both rows (contiguous), a sum of squares.
//! Port: line for line. The source's output `D` is `dist` here (Rust names are lower case and
//! `d` is the accumulator in both).

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn pairwise_distance(x1: ArrayView2<f64>, x2: ArrayView2<f64>, mut dist: ArrayViewMut2<f64>) {
    let x1_rows = x1.nrows();
    let x2_rows = x2.nrows();
    let x1_cols = x1.ncols();
    for i in prange(0..x1_rows) {
        for j in 0..x2_rows {
            let mut d = 0.0;
            for k in 0..x1_cols {
                let tmp = x1[[i, k]] - x2[[j, k]];
                d += tmp * tmp;
            }
            dist[[i, j]] = d.sqrt();
        }
    }
}
