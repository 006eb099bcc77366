//! k-means clustering of 2-D points: `niters` rounds of assignment and centroid update.
//!
//! Origin: IntelPython/dpbench, `dpbench/benchmarks/default/kmeans/kmeans_numba_npr.py`,
//! commit 0b59bd251543e0e3ab6dc53c07f694757d32f3b3 (Apache-2.0): `kmeans`, which calls
//! `_kmeans_impl`, which calls `_groupByCluster`, `_calCentroidsSum` and `_updateCentroids`.
//!
//! Hot loop: `prange` over the points; for each, a serial loop over the centroids (a distance in
//! 2-D and a running argmin). Then a `prange` over the centroids, the serial scatter of the
//! points into their centroid's sums (serial in the source too), and a `prange` dividing.
//!
//! Port: the three helpers and `_kmeans_impl` are inlined into one kernel, in the source's order
//! (a kernel cannot call helper functions inside `prange` under `fastmath`, and the Numba side
//! inlines them the same way so that each option set applies to every loop). `arrayCsum`,
//! allocated by `_kmeans_impl` with `np.zeros_like(arrayC)`, is the output parameter
//! `array_csum` (a kernel cannot allocate an array that a prange loop writes); every element is
//! set before it is read, as in the source. Labels and counts are `i64`, as `types_dict["int"]`.

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn kmeans(
    array_p: ArrayView2<f64>,
    array_pcluster: &mut [i64],
    mut array_c: ArrayViewMut2<f64>,
    mut array_csum: ArrayViewMut2<f64>,
    array_cnumpoint: &mut [i64],
    niters: usize,
) {
    let npoints = array_p.nrows();
    let ncentroids = array_c.nrows();
    for _ in 0..niters {
        // _groupByCluster(arrayP, arrayPcluster, arrayC, npoints, ncentroids)
        for i0 in prange(0..npoints) {
            let mut minor_distance = -1.0;
            for i1 in 0..ncentroids {
                let dx = array_p[[i0, 0]] - array_c[[i1, 0]];
                let dy = array_p[[i0, 1]] - array_c[[i1, 1]];
                let my_distance = (dx * dx + dy * dy).sqrt();
                if minor_distance > my_distance || minor_distance == -1.0 {
                    minor_distance = my_distance;
                    array_pcluster[i0] = i1 as i64;
                }
            }
        }
        // _calCentroidsSum(arrayP, arrayPcluster, arrayCsum, arrayCnumpoint, npoints, ncentroids)
        for i in prange(0..ncentroids) {
            array_csum[[i, 0]] = 0.0;
            array_csum[[i, 1]] = 0.0;
            array_cnumpoint[i] = 0;
        }
        for i in 0..npoints {
            let ci = array_pcluster[i] as usize;
            array_csum[[ci, 0]] += array_p[[i, 0]];
            array_csum[[ci, 1]] += array_p[[i, 1]];
            array_cnumpoint[ci] += 1;
        }
        // _updateCentroids(arrayC, arrayCsum, arrayCnumpoint, ncentroids)
        for i in prange(0..ncentroids) {
            array_c[[i, 0]] = array_csum[[i, 0]] / array_cnumpoint[i] as f64;
            array_c[[i, 1]] = array_csum[[i, 1]] / array_cnumpoint[i] as f64;
        }
    }
}
