//! The great-circle (arc) distance between point pairs given by their angles.
//!
//! Origin: spcl/npbench, `npbench/benchmarks/pythran/arc_distance/arc_distance_numba_np.py`,
//! commit f2d7f27d87ba4881991e62c18a607aa6ba52b260 (BSD-3-Clause; the program is from the
//! Pythran benchmarks, Serge Guelton, BSD-3-Clause), function `arc_distance`.
//!
//! Hot loop: element-wise (`sin` twice, `cos` twice, two `sqrt`, `atan2`).
//!
//! Port: the two array expressions, which Numba's `parallel=True` fuses into one parallel loop,
//! are one `prange` with the source's operand order; `x**2` is `x.powi(2)`.
//! `distance_matrix`, allocated by the expression, is the output parameter.

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn arc_distance(theta_1: &[f64], phi_1: &[f64], theta_2: &[f64], phi_2: &[f64], distance_matrix: &mut [f64]) {
    for i in prange(0..theta_1.len()) {
        let temp = ((theta_2[i] - theta_1[i]) / 2.0).sin().powi(2)
            + theta_1[i].cos() * theta_2[i].cos() * ((phi_2[i] - phi_1[i]) / 2.0).sin().powi(2);
        distance_matrix[i] = 2.0 * temp.sqrt().atan2((1.0 - temp).sqrt());
    }
}
