//! The identity `cos(x)^2 + sin(x)^2`, element by element: the loop example of Numba's
//! performance tips.
//!
//! Origin: numba/numba, `docs/source/user/performance-tips.rst` ("Loops"),
//! commit 06d78b8bba0cd429c61f9165c8c77880d6ab7f5a (BSD-2-Clause), function `ident_loops`
//! (`@njit`).
//!
//! Hot loop: element-wise (`cos`, `sin`, two squares). Port: the source's loop is
//! `range(n)`, each iteration independent: it is the `prange` here (and on the Numba side, so
//! that `parallel=True` has a loop to run in parallel). `r = np.empty_like(x)` is the output
//! parameter, `np.cos(x[i]) ** 2` is `x[i].cos().powi(2)`.

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn ident_loops(x: &[f64], r: &mut [f64]) {
    let n = x.len();
    for i in prange(0..n) {
        r[i] = x[i].cos().powi(2) + x[i].sin().powi(2);
    }
}
