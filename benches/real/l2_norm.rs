//! The Euclidean norm of every row of a matrix.
//!
//! Origin: IntelPython/dpbench, `dpbench/benchmarks/default/l2_norm/l2_norm_numba_npr.py`,
//! commit 0b59bd251543e0e3ab6dc53c07f694757d32f3b3 (Apache-2.0), function `l2_norm`.
//!
//! Hot loop: `prange` over rows; a serial loop along the row (contiguous) accumulating into the
//! output element. Port: line for line; `np.square(a[i, k])` is `a[[i, k]].powi(2)`, as a Rust
//! user writes it.

use kernelize::ndarray::ArrayView2;
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn l2_norm(a: ArrayView2<f64>, d: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        d[i] = 0.0;
        for k in 0..a.ncols() {
            d[i] += a[[i, k]].powi(2);
        }
        d[i] = d[i].sqrt();
    }
}
