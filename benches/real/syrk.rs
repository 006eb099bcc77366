//! Symmetric rank-k update of the lower triangle, `C = alpha * A A^T + beta * C` (PolyBench
//! `syrk`).
//!
//! Origin: spcl/npbench, `npbench/benchmarks/polybench/syrk/syrk_numba_n.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `kernel`.
//!
//! Hot loop: `prange` over the rows `i` of `C` (a triangular space: row `i` has `i + 1`
//! elements); serial loops over the columns `k` of `A` and along row `i` of `C` (contiguous),
//! reading column `k` of `A` (strided).
//!
//! Port: npbench has no `prange` version of `syrk`; its outer loop over `i` writes only row `i`
//! of `C`, so it is the `prange` here (and on the Numba side). `C[i, :i + 1] *= beta` and
//! `C[i, :i + 1] += alpha * A[i, k] * A[:i + 1, k]` are serial loops along the row, with the
//! source's order of the products.

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn syrk(alpha: f64, beta: f64, mut c: ArrayViewMut2<f64>, a: ArrayView2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..i + 1 {
            c[[i, j]] *= beta;
        }
        for k in 0..a.ncols() {
            for j in 0..i + 1 {
                c[[i, j]] += alpha * a[[i, k]] * a[[j, k]];
            }
        }
    }
}
