//! The Lennard-Jones potential energy of a cluster of atoms: the sum over all pairs.
//!
//! Origin: numba/numba-examples, `examples/physics/lennard_jones/numba_scalar_prange_impl.py`,
//! commit c423f5419a459f5ab8874fda6d39bb5ea05d04b2 (BSD-2-Clause):
//! `potential_numba_scalar_prange` (`@numba.njit(parallel=True)`), which calls
//! `distance_numba_scalar_prange` and `lj_numba_scalar_prange`.
//!
//! Hot loop: `prange` over the atoms (a triangular space: iteration `i` has `n - 1 - i` trips);
//! a serial loop over the later atoms reading rows of 3 coordinates, a `+=` reduction.
//!
//! Port: line for line, the two helpers inlined by hand (a kernel cannot call a helper inside
//! `prange` under `fastmath`): `x ** 0.5` is `x.powf(0.5)` and `(1./r)**6` is
//! `(1.0 / r).powi(6)`. `prange(len(cluster) - 1)` is empty for an empty cluster in Python;
//! `nrows().saturating_sub(1)` keeps that (a plain `- 1` would overflow).

use kernelize::ndarray::ArrayView2;
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn lennard_jones(cluster: ArrayView2<f64>) -> f64 {
    let mut energy = 0.0;
    for i in prange(0..cluster.nrows().saturating_sub(1)) {
        for j in i + 1..cluster.nrows() {
            // distance_numba_scalar_prange(cluster[i], cluster[j]), inlined
            let dx = cluster[[j, 0]] - cluster[[i, 0]];
            let dy = cluster[[j, 1]] - cluster[[i, 1]];
            let dz = cluster[[j, 2]] - cluster[[i, 2]];
            let r = (dx * dx + dy * dy + dz * dz).powf(0.5);
            // lj_numba_scalar_prange(r), inlined
            let sr6 = (1.0 / r).powi(6);
            let pot = 4.0 * (sr6 * sr6 - sr6);
            energy += pot;
        }
    }
    energy
}
