//! Symmetric matrix product `C = alpha * A B + beta * C`, `A` symmetric and read from its lower
//! triangle (PolyBench `symm`).
//!
//! Origin: spcl/npbench, `npbench/benchmarks/polybench/symm/symm_numba_npr.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `kernel`.
//!
//! Hot loop: a serial loop over the rows `i`; inside, `prange` over the columns `j`: an update
//! of column `j` of `C` above row `i` and a dot product down column `j` of `B` (both strided)
//! with row `i` of `A` (contiguous); then row `i` of `C` element-wise.
//!
//! Port: line for line, the array expressions as loops: `C[:i, j] += alpha * B[i, j] * A[i, :i]`
//! and `temp2[j] = B[:i, j] @ A[i, :i]` (BLAS in Numba) are serial loops, `C *= beta` and
//! `C[i, :] += alpha * B[i, :] * A[i, i] + alpha * temp2` are `prange` loops (parallel array
//! expressions in Numba). `temp2 = np.empty(C.shape[1])` is the output parameter `temp2`
//! (each element written before it is read).

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn symm(
    alpha: f64,
    beta: f64,
    mut c: ArrayViewMut2<f64>,
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    temp2: &mut [f64],
) {
    for i in prange(0..c.nrows()) {
        for j in prange(0..c.ncols()) {
            c[[i, j]] *= beta;
        }
    }
    for i in 0..c.nrows() {
        for j in prange(0..c.ncols()) {
            for k in 0..i {
                c[[k, j]] += alpha * b[[i, j]] * a[[i, k]];
            }
            let mut dot = 0.0;
            for k in 0..i {
                dot += b[[k, j]] * a[[i, k]];
            }
            temp2[j] = dot;
        }
        for j in prange(0..c.ncols()) {
            c[[i, j]] += alpha * b[[i, j]] * a[[i, i]] + alpha * temp2[j];
        }
    }
}
