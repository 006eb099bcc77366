//! Triangular matrix product `B = alpha * (B + strictly-lower(A)^T B)` (PolyBench `trmm`).
//!
//! Origin: spcl/npbench, `npbench/benchmarks/polybench/trmm/trmm_numba_npr.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `kernel`.
//!
//! Hot loop: a serial loop over the rows `i` of `B`; inside, `prange` over the columns `j`, each
//! a dot product down column `i` of `A` and column `j` of `B` (strided). Then `B *= alpha`.
//!
//! Port: `B[i, j] += np.dot(A[i + 1:, i], B[i + 1:, j])` (BLAS in Numba) is a serial loop;
//! iteration `j` writes and reads only column `j` of `B`, so the loop is race-free, as the
//! source assumes. `B *= alpha` is a 2-D `prange` (a parallel array expression in Numba).

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn trmm(alpha: f64, a: ArrayView2<f64>, mut b: ArrayViewMut2<f64>) {
    for i in 0..b.nrows() {
        for j in prange(0..b.ncols()) {
            let mut dot = 0.0;
            for k in i + 1..b.nrows() {
                dot += a[[k, i]] * b[[k, j]];
            }
            b[[i, j]] += dot;
        }
    }
    for i in prange(0..b.nrows()) {
        for j in prange(0..b.ncols()) {
            b[[i, j]] *= alpha;
        }
    }
}
