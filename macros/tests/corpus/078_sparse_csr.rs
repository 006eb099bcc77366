use kernelize::prange;

/// y = A x for a CSR matrix.
pub fn spmv_csr(row_ptr: &[usize], col_idx: &[usize], vals: &[f64], x: &[f64], y: &mut [f64]) {
    let nrows = row_ptr.len() - 1;
    for r in prange(0..nrows) {
        let mut acc = 0.0;
        for k in row_ptr[r]..row_ptr[r + 1] {
            acc += vals[k] * x[col_idx[k]];
        }
        y[r] = acc;
    }
}

/// Transposed product: scatters into y, which races.
pub fn spmv_csr_t(row_ptr: &[usize], col_idx: &[usize], vals: &[f64], x: &[f64], y: &mut [f64]) {
    for r in prange(0..row_ptr.len() - 1) {
        for k in row_ptr[r]..row_ptr[r + 1] {
            y[col_idx[k]] += vals[k] * x[r];
        }
    }
}
