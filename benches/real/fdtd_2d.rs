//! `tmax` steps of the 2-D finite-difference time-domain method for Maxwell's equations
//! (PolyBench `fdtd-2d`): fields `ex`, `ey`, `hz`, source `fict`.
//!
//! Origin: spcl/npbench, `npbench/benchmarks/polybench/fdtd_2d/fdtd_2d_numba_np.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `kernel`.
//!
//! Hot loop: a serial time loop; inside, one row assignment and three 2-D stencils, each reading
//! the other fields at neighbours `[i - 1, j]`, `[i, j - 1]`, `[i + 1, j]`, `[i, j + 1]`.
//!
//! Port: each array statement, which Numba's `parallel=True` runs as a parallel loop, is a
//! `prange` (2-D where the statement is 2-D), with the source's operand order: `x -= e` is
//! `x = x - e`. Slices that are empty in numpy (`hz[:-1, :-1]` of a one-row field) stay empty:
//! `saturating_sub(1)`.

use kernelize::ndarray::ArrayViewMut2;
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn fdtd_2d(
    tmax: usize,
    mut ex: ArrayViewMut2<f64>,
    mut ey: ArrayViewMut2<f64>,
    mut hz: ArrayViewMut2<f64>,
    fict: &[f64],
) {
    for t in 0..tmax {
        for j in prange(0..ey.ncols()) {
            ey[[0, j]] = fict[t];
        }
        for i in prange(1..ey.nrows()) {
            for j in prange(0..ey.ncols()) {
                ey[[i, j]] -= 0.5 * (hz[[i, j]] - hz[[i - 1, j]]);
            }
        }
        for i in prange(0..ex.nrows()) {
            for j in prange(1..ex.ncols()) {
                ex[[i, j]] -= 0.5 * (hz[[i, j]] - hz[[i, j - 1]]);
            }
        }
        for i in prange(0..hz.nrows().saturating_sub(1)) {
            for j in prange(0..hz.ncols().saturating_sub(1)) {
                hz[[i, j]] -= 0.7 * (ex[[i, j + 1]] - ex[[i, j]] + ey[[i + 1, j]] - ey[[i, j]]);
            }
        }
    }
}
