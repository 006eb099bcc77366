//! Weighted pair counts of two 3-D point sets in radial bins (astrophysics' two-point
//! correlation), cumulative over the bins.
//!
//! Origin: IntelPython/dpbench, `dpbench/benchmarks/default/gpairs/gpairs_numba_npr.py`,
//! commit 0b59bd251543e0e3ab6dc53c07f694757d32f3b3 (Apache-2.0): `gpairs`, which calls
//! `count_weighted_pairs_3d_diff_ker` and `count_weighted_pairs_3d_diff_agg_ker`.
//!
//! Hot loop: `prange` over the points of the first set; for each, a serial loop over the second
//! set (1-D arrays), and for pairs inside the largest radius a serial search down the bins that
//! `break`s at the first bin the pair's squared distance exceeds. Then a `prange` over the bins
//! adding the per-point rows (down the columns).
//!
//! Port: the two kernels and the host function `gpairs` in one kernel, in the source's order.
//! `results_disjoint`, allocated by `gpairs` with `np.zeros_like(results, shape=(nopt,
//! nbins))`, is an output parameter zeroed by the first loop (a kernel cannot allocate an array
//! that a prange loop writes); `np.copyto(results, results_disjoint[0])` is the last loop.
//! `rbins` holds the squared bin radii, as dpbench's initializer makes it.

use kernelize::ndarray::ArrayViewMut2;
use kernelize::{kernel, prange};

#[allow(clippy::too_many_arguments)]
#[kernel(parallel, fastmath)]
pub fn gpairs(
    nopt: usize,
    nbins: usize,
    x1: &[f64],
    y1: &[f64],
    z1: &[f64],
    w1: &[f64],
    x2: &[f64],
    y2: &[f64],
    z2: &[f64],
    w2: &[f64],
    rbins: &[f64],
    mut results_disjoint: ArrayViewMut2<f64>,
    results: &mut [f64],
) {
    // results_disjoint = np.zeros_like(results, shape=(nopt, rbins.shape[0]))
    for i in prange(0..nopt) {
        for k in 0..rbins.len() {
            results_disjoint[[i, k]] = 0.0;
        }
    }

    // count_weighted_pairs_3d_diff_ker(nopt, nbins, x1, ..., w2, rbins, results_disjoint)
    for i in prange(0..nopt) {
        let px = x1[i];
        let py = y1[i];
        let pz = z1[i];
        let pw = w1[i];
        for j in 0..nopt {
            let qx = x2[j];
            let qy = y2[j];
            let qz = z2[j];
            let qw = w2[j];
            let dx = px - qx;
            let dy = py - qy;
            let dz = pz - qz;
            let wprod = pw * qw;
            let dsq = dx * dx + dy * dy + dz * dz;

            if dsq <= rbins[nbins - 1] {
                for k in (0..nbins).rev() {
                    if dsq > rbins[k] {
                        results_disjoint[[i, k + 1]] += wprod;
                        break;
                    }
                    if k == 0 {
                        results_disjoint[[i, k]] += wprod;
                        break;
                    }
                }
            }
        }

        for j in (0..nbins - 1).rev() {
            for k in j + 1..nbins {
                results_disjoint[[i, k]] += results_disjoint[[i, j]];
            }
        }
    }

    // count_weighted_pairs_3d_diff_agg_ker(nbins, results_disjoint, nopt)
    for col_id in prange(0..nbins) {
        for i in 1..nopt {
            results_disjoint[[0, col_id]] += results_disjoint[[i, col_id]];
        }
    }

    // np.copyto(results, results_disjoint[0])
    for k in prange(0..results.len()) {
        results[k] = results_disjoint[[0, k]];
    }
}
