//! A 1-D Gaussian kernel density estimate at `eval_points`, from `samples` with per-sample
//! `bandwidths`.
//!
//! Origin: numba/numba-examples, `examples/density_estimation/kernel/impl.py`,
//! commit c423f5419a459f5ab8874fda6d39bb5ea05d04b2 (BSD-2-Clause): `numba_kde_multithread`
//! (`@numba.jit(nopython=True, parallel=True)`), which calls `gaussian`.
//!
//! Hot loop: `prange` over the evaluation points; a serial loop over the samples (contiguous),
//! each adding `exp(-x^2 / 2) / sqrt(2 pi) / bandwidth` into the output element.
//!
//! Port: line for line, with `gaussian(x) = np.exp(-0.5 * x**2) / np.sqrt(2 * np.pi)`
//! inlined by hand (a kernel cannot call a helper inside `prange` under `fastmath`): `x**2` is
//! `x.powi(2)`. `result = np.zeros_like(eval_points)` is the output parameter `result`, zeroed
//! element by element at the top of the iteration; `zip(samples, bandwidths)` indexes both.

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn kde(eval_points: &[f64], samples: &[f64], bandwidths: &[f64], result: &mut [f64]) {
    for i in prange(0..eval_points.len()) {
        result[i] = 0.0;
        let eval_x = eval_points[i];
        for j in 0..samples.len() {
            let sample = samples[j];
            let bandwidth = bandwidths[j];
            // gaussian((eval_x - sample) / bandwidth), inlined
            let x = (eval_x - sample) / bandwidth;
            result[i] += (-0.5 * x.powi(2)).exp() / (2.0 * f64::consts::PI).sqrt() / bandwidth;
        }
        result[i] /= samples.len() as f64;
    }
}
