//! `tsteps - 1` double steps of the 2-D Jacobi five-point stencil, `A -> B -> A` (PolyBench
//! `jacobi-2d`).
//!
//! Origin: spcl/npbench, `npbench/benchmarks/polybench/jacobi_2d/jacobi_2d_numba_np.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `kernel`.
//!
//! Hot loop: a serial time loop; inside, two 2-D stencils over the interior.
//!
//! Port: each array expression `B[1:-1, 1:-1] = 0.2 * (A[1:-1, 1:-1] + A[1:-1, :-2] + ...)`,
//! which Numba's `parallel=True` runs as a 2-D parallel loop, is a 2-D `prange` with the sum in
//! the source's order. The interior of an array with fewer than 3 rows or columns is empty, as
//! numpy's slices are: `saturating_sub(1)` keeps `n - 1` from overflowing.

use kernelize::ndarray::ArrayViewMut2;
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn jacobi_2d(tsteps: usize, mut a: ArrayViewMut2<f64>, mut b: ArrayViewMut2<f64>) {
    for _t in 1..tsteps {
        for i in prange(1..a.nrows().saturating_sub(1)) {
            for j in prange(1..a.ncols().saturating_sub(1)) {
                b[[i, j]] = 0.2 * (a[[i, j]] + a[[i, j - 1]] + a[[i, j + 1]] + a[[i + 1, j]] + a[[i - 1, j]]);
            }
        }
        for i in prange(1..b.nrows().saturating_sub(1)) {
            for j in prange(1..b.ncols().saturating_sub(1)) {
                a[[i, j]] = 0.2 * (b[[i, j]] + b[[i, j - 1]] + b[[i, j + 1]] + b[[i + 1, j]] + b[[i - 1, j]]);
            }
        }
    }
}
