//! Naive azimuthal integration: the mean of the pixel values in each of `npt` radial bins.
//!
//! Origin: spcl/npbench, `npbench/benchmarks/azimint_naive/azimint_naive_numba_npr.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause; the program is from pyFAI,
//! Kieffer and Ashiotis, EuroSciPy 2014, CC-BY 3.0), function `azimint_naive`.
//!
//! Hot loop: `prange` over the bins; for each, a serial pass over all pixels (two contiguous
//! 1-D arrays) selecting those in the bin and summing them.
//!
//! Port: line for line, the array expressions as loops. `rmax = radius.max()`, which Numba's
//! `parallel=True` runs as a parallel reduction, is a `prange` max-reduction.
//! `mask_r12 = np.logical_and(r1 <= radius, radius < r2)`, `values_r12 = data[mask_r12]` and
//! `values_r12.mean()` (Numba's mean: a sum in index order over the count) are one serial loop
//! that sums the selected values and counts them; the masked copy is not made. `res =
//! np.zeros(npt)` is the output parameter `res` (every element written).

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn azimint_naive(data: &[f64], radius: &[f64], npt: usize, res: &mut [f64]) {
    let mut rmax = f64::NEG_INFINITY;
    for i in prange(0..radius.len()) {
        rmax = rmax.max(radius[i]);
    }
    for i in prange(0..npt) {
        let r1 = rmax * i as f64 / npt as f64;
        let r2 = rmax * (i + 1) as f64 / npt as f64;
        let mut sum = 0.0;
        let mut count = 0;
        for j in 0..radius.len() {
            if r1 <= radius[j] && radius[j] < r2 {
                sum += data[j];
                count += 1;
            }
        }
        res[i] = sum / count as f64;
    }
}
