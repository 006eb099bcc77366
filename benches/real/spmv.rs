//! Sparse matrix-vector product `y = A x`, `A` in compressed sparse row (CSR) form.
//!
//! Origin: spcl/npbench, `npbench/benchmarks/spmv/spmv_numba_npr.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause), function `spmv`.
//!
//! Hot loop: `prange` over the rows; a serial loop over the row's nonzeros (contiguous values,
//! gathered `x`). Port: `cols = A_col[A_row[i]:A_row[i + 1]]`, `vals = ...` and
//! `y[i] = vals @ x[cols]` (a gather, then a BLAS dot in Numba) are one serial loop;
//! `y = np.empty(A_row.size - 1)` is the output parameter `y`. Indices are `u32`, as npbench
//! makes them (`np.uint32(matrix.indptr)`).

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn spmv(a_row: &[u32], a_col: &[u32], a_val: &[f64], x: &[f64], y: &mut [f64]) {
    for i in prange(0..a_row.len() - 1) {
        let mut s = 0.0;
        for k in a_row[i] as usize..a_row[i + 1] as usize {
            s += a_val[k] * x[a_col[k] as usize];
        }
        y[i] = s;
    }
}

/// A random `n x n` CSR matrix: row `i` has `floor(17 * unit(i, seed))` nonzeros (8 on
/// average), at columns `floor(n * unit(k, seed + 1))` (unsorted, repeats allowed), with values
/// `inputs(nnz, seed + 2, 0, 1)`. Returns `(a_row, a_col, a_val)`; Python builds the same bits.
pub fn csr(n: usize, seed: u64) -> (Vec<u32>, Vec<u32>, Vec<f64>) {
    let mut a_row = vec![0u32; n + 1];
    for i in 0..n {
        a_row[i + 1] = a_row[i] + (17.0 * crate::kernels::unit(i, seed)) as u32;
    }
    let nnz = a_row[n] as usize;
    let a_col = (0..nnz).map(|k| (n as f64 * crate::kernels::unit(k, seed + 1)) as u32).collect();
    (a_row, a_col, crate::kernels::inputs(nnz, seed + 2, 0.0, 1.0))
}
