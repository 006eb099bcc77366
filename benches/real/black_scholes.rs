//! Black-Scholes prices of European call and put options, with the polynomial approximation of
//! the normal distribution function.
//!
//! Origin: numba/numba-examples, `examples/finance/blackscholes/blackscholes_numba.py`,
//! commit c423f5419a459f5ab8874fda6d39bb5ea05d04b2 (BSD-2-Clause): `black_scholes_numba`
//! (`@jit`), which calls `cnd_numba` twice per option.
//!
//! Hot loop: element-wise over the options (`ln`, `sqrt`, two `exp` in the inlined `cnd`, one
//! more `exp`), with a branch per `cnd`.
//!
//! Port: the source's loop is `range(len(S))`, each iteration independent: it is the `prange`
//! here (and on the Numba side, so that `parallel=True` has a loop to run in parallel).
//! `cnd_numba` is inlined by hand for `d1` and for `d2` (a kernel cannot call a helper inside
//! `prange` under `fastmath`); its constants are `let`s, as its locals. The aliases `S`, `X`,
//! `T`, `R`, `V` are the parameters themselves; `callResult = np.empty_like(stockPrice)` and
//! `putResult` are output parameters.

// RSQRT2PI is written with the source's 32 digits.
#![allow(clippy::excessive_precision)]

use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
pub fn black_scholes(
    stock_price: &[f64],
    option_strike: &[f64],
    option_years: &[f64],
    riskfree: f64,
    volatility: f64,
    call_result: &mut [f64],
    put_result: &mut [f64],
) {
    for i in prange(0..stock_price.len()) {
        let sqrt_t = option_years[i].sqrt();
        let d1 = ((stock_price[i] / option_strike[i]).ln()
            + (riskfree + 0.5 * volatility * volatility) * option_years[i])
            / (volatility * sqrt_t);
        let d2 = d1 - volatility * sqrt_t;

        // cnd_numba(d1), inlined
        let a1 = 0.31938153;
        let a2 = -0.356563782;
        let a3 = 1.781477937;
        let a4 = -1.821255978;
        let a5 = 1.330274429;
        let rsqrt2pi = 0.39894228040143267793994605993438;
        let k1 = 1.0 / (1.0 + 0.2316419 * d1.abs());
        let mut cndd1 = rsqrt2pi * (-0.5 * d1 * d1).exp() * (k1 * (a1 + k1 * (a2 + k1 * (a3 + k1 * (a4 + k1 * a5)))));
        if d1 > 0.0 {
            cndd1 = 1.0 - cndd1;
        }

        // cnd_numba(d2), inlined
        let k2 = 1.0 / (1.0 + 0.2316419 * d2.abs());
        let mut cndd2 = rsqrt2pi * (-0.5 * d2 * d2).exp() * (k2 * (a1 + k2 * (a2 + k2 * (a3 + k2 * (a4 + k2 * a5)))));
        if d2 > 0.0 {
            cndd2 = 1.0 - cndd2;
        }

        let exp_rt = ((-1.0 * riskfree) * option_years[i]).exp();
        call_result[i] = stock_price[i] * cndd1 - option_strike[i] * exp_rt * cndd2;
        put_result[i] = option_strike[i] * exp_rt * (1.0 - cndd2) - stock_price[i] * (1.0 - cndd1);
    }
}
