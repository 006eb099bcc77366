//! Running error bounds (Wilkinson's running error analysis, made rigorous by taking each
//! derivative's maximum over the whole interval the inputs can lie in), for the tolerances of
//! `tests/real.rs`.
//!
//! A [`B`] is a quantity of a program: `v`, its value as the `serial` variant computes it (the
//! model replays serial's operations in serial's order, so `v` is serial's result bit for bit,
//! which the tests check), and `e`, a bound on how far *every* variant's value of that quantity
//! can be from its exact value (the expression evaluated in real arithmetic on the same, exact,
//! inputs). Two variants' results then differ by at most `2 e` ([`assert_within`]).
//!
//! Each operation adds to the bound what its inputs' errors can do to its result and what it
//! rounds itself, for the arithmetic `serial` does (IEEE, std's math functions) and the
//! arithmetic `fastmath` may do (README, "The `fastmath` variant"): re-association of sums,
//! contraction of `a * b + c` into one FMA, kernelize's math library.
//!
//! - `+ - * /`, `sqrt`: correctly rounded, so `u |r|` with `u = EPSILON / 2` (`r` the result;
//!   a contracted `a * b + c` rounds once where serial rounds twice, so it errs less than the
//!   bound counts for the two). Negation and `abs` are exact. A product by an exact power of
//!   two is exact too, but counted as a rounded product: an over-estimate.
//! - math functions: `k` ulp of the result, `k` the larger of std's bound (glibc's
//!   `libm-test-ulps` for x86-64: 2 for every function here; `powi` square-and-multiply, at most
//!   `(2 log2 n) u` relative for n <= 6) and kernelize's documented bound
//!   (`runtime/src/math/ACCURACY.md`: 2 for `exp`, `ln`; 4 for `sin`, `cos`, `atan2`, `powi`,
//!   `powf`). One ulp is at most `EPSILON |r|` (or the subnormal spacing), so `k (EPSILON |r| +
//!   MIN_SUB)`. See [`ULPS`].
//! - propagation: an input within `e` of its exact value moves a result `f` by at most
//!   `max |f'| e`, the maximum over every point the computed and the exact inputs can be at,
//!   `[v - 2e, v + 2e]` (`v` is within `e` of the exact input, every variant's input too).
//! - a sum of `K` terms in any order ([`sum`]): `sum e_k + gamma_K sum (|t_k| + e_k)` with
//!   `gamma_K = K u / (1 - K u)` (Higham, *Accuracy and Stability of Numerical Algorithms*,
//!   2nd ed., eq. 4.4: every order of the additions, lane partials and chunks included, is a
//!   tree of at most `K` rounded additions).
//!
//! Nothing is first order: the products of two errors are kept (`mul`, `div`), derivative maxima
//! cover the whole interval, and the magnitude a variant's rounding is relative to is bounded by
//! `(|v| + 2 p) (1 + 16 EPSILON)`, `p` the propagated error (the exact result of the operation
//! on that variant's inputs is within `p` of the exact value, which is within `p` plus serial's
//! rounding of `v`).
//! The bound's own floating-point evaluation rounds, per result, about once per operation of the
//! program and once per term of a sum (under 10^5 times here, a relative error under `1e-11`):
//! [`assert_within`] allows `1e-9` relative on the bound for it.

#![allow(dead_code)]

use std::ops::{Add, Div, Mul, Neg, Sub};

const EPS: f64 = f64::EPSILON;
const U: f64 = f64::EPSILON / 2.0;
const MIN_SUB: f64 = f64::from_bits(1);

/// The ulp bounds, in units of `EPSILON |r|`: the larger of std's and kernelize's (see the module
/// docs).
pub struct Ulps;

impl Ulps {
    pub const EXP: f64 = 2.0;
    pub const LN: f64 = 2.0;
    pub const SIN: f64 = 4.0;
    pub const COS: f64 = 4.0;
    pub const ATAN2: f64 = 4.0;
    pub const POWI: f64 = 4.0;
    pub const POWF: f64 = 4.0;
}

/// A value as serial computes it, and a bound on every variant's distance from the exact value.
#[derive(Clone, Copy, Debug)]
pub struct B {
    pub v: f64,
    pub e: f64,
}

/// An exact input.
pub fn x(v: f64) -> B {
    B { v, e: 0.0 }
}

impl B {
    /// The result `v` of an operation whose inputs' errors move it by at most `prop` and which
    /// itself errs by at most `k` (in units of `EPSILON` relative, plus `k` subnormal spacings).
    fn op(v: f64, prop: f64, k: f64) -> B {
        let mag = (v.abs() + 2.0 * prop) * (1.0 + 16.0 * EPS);
        B { v, e: prop + k * (EPS * mag + MIN_SUB) }
    }

    /// Correctly rounded: half an ulp, `u |r|`.
    fn rounded(v: f64, prop: f64) -> B {
        B::op(v, prop, 0.5)
    }

    pub fn sqrt(self) -> B {
        B::rounded(self.v.sqrt(), sqrt_prop(self))
    }

    /// `x.powf(0.5)`: the square root, with `pow`'s ulps.
    pub fn powf_half(self) -> B {
        B::op(self.v.powf(0.5), sqrt_prop(self), Ulps::POWF)
    }

    pub fn exp(self) -> B {
        B::op(self.v.exp(), self.e * (self.v + 2.0 * self.e).exp(), Ulps::EXP)
    }

    pub fn ln(self) -> B {
        let lo = self.v - 2.0 * self.e;
        assert!(lo > 0.0, "ln of {self:?}: the argument may be 0; the bound is undefined");
        B::op(self.v.ln(), self.e / lo, Ulps::LN)
    }

    pub fn sin(self) -> B {
        B::op(self.v.sin(), self.e, Ulps::SIN)
    }

    pub fn cos(self) -> B {
        B::op(self.v.cos(), self.e, Ulps::COS)
    }

    /// `self.powi(n)`, `n >= 1`.
    pub fn powi(self, n: i32) -> B {
        assert!(n >= 1, "powi({n}): only positive exponents are modeled");
        let hi = self.v.abs() + 2.0 * self.e;
        B::op(self.v.powi(n), f64::from(n) * hi.powi(n - 1) * self.e, Ulps::POWI)
    }

    /// `self.atan2(other)`: the partial derivatives are at most `1 / |(y, x)|`.
    pub fn atan2(self, other: B) -> B {
        let (y, x) = ((self.v.abs() - 2.0 * self.e).max(0.0), (other.v.abs() - 2.0 * other.e).max(0.0));
        let r_min = y.hypot(x) * (1.0 - 4.0 * EPS);
        let prop = if self.e + other.e == 0.0 { 0.0 } else { (self.e + other.e) / r_min };
        assert!(prop.is_finite(), "atan2 of {self:?}, {other:?}: the point may be the origin");
        B::op(self.v.atan2(other.v), prop, Ulps::ATAN2)
    }

    pub fn abs(self) -> B {
        B { v: self.v.abs(), e: self.e }
    }
}

/// How far `sqrt` can move an argument's error: `e / (2 sqrt(lo))` over the interval, or, where
/// it reaches 0, `sqrt(e)` (`|sqrt(a) - sqrt(b)| <= sqrt(|a - b|)`).
fn sqrt_prop(a: B) -> f64 {
    let lo = a.v - 2.0 * a.e;
    if a.e == 0.0 {
        0.0
    } else if lo > 0.0 {
        a.e / (2.0 * lo.sqrt())
    } else {
        a.e.sqrt()
    }
}

impl Add for B {
    type Output = B;
    fn add(self, o: B) -> B {
        B::rounded(self.v + o.v, self.e + o.e)
    }
}

impl Sub for B {
    type Output = B;
    fn sub(self, o: B) -> B {
        B::rounded(self.v - o.v, self.e + o.e)
    }
}

impl Mul for B {
    type Output = B;
    fn mul(self, o: B) -> B {
        // |a' b' - a b| <= |a'| |b' - b| + |b| |a' - a|, with |a'| <= |a.v| + 2 e_a, |b| <= |b.v| + e_b.
        B::rounded(self.v * o.v, self.v.abs() * o.e + o.v.abs() * self.e + 3.0 * self.e * o.e)
    }
}

impl Div for B {
    type Output = B;
    fn div(self, o: B) -> B {
        // |a'/b' - a/b| <= (e_a + |a / b| e_b) / |b'|, with |b'|, |b| >= lo, |a| <= |a.v| + e_a.
        let lo = o.v.abs() - 2.0 * o.e;
        assert!(lo > 0.0, "{self:?} / {o:?}: the divisor may be 0; the bound is undefined");
        let q = (self.v.abs() + self.e) / lo;
        let prop = if self.e + o.e == 0.0 { 0.0 } else { (self.e + q * o.e) / lo };
        B::rounded(self.v / o.v, prop)
    }
}

impl Neg for B {
    type Output = B;
    fn neg(self) -> B {
        B { v: -self.v, e: self.e }
    }
}

/// `0.0 + t_0 + t_1 + ...` in that order (as `let mut s = 0.0; for .. { s += t }`), with the
/// bound of every order of the same additions.
pub fn sum(terms: impl IntoIterator<Item = B>) -> B {
    sum_from(x(0.0), terms)
}

/// `init + t_0 + t_1 + ...` in that order, with the bound of every order of the same additions.
pub fn sum_from(init: B, terms: impl IntoIterator<Item = B>) -> B {
    // Each variant's terms t' are within e of the exact ones, so |t'| <= |t.v| + 2 e.
    let (mut v, mut prop, mut mags, mut k) = (init.v, init.e, init.v.abs() + 2.0 * init.e, 0.0f64);
    for t in terms {
        v += t.v;
        prop += t.e;
        mags += t.v.abs() + 2.0 * t.e;
        k += 1.0;
    }
    let gamma = k * U / (1.0 - k * U);
    B { v, e: prop + gamma * mags * (1.0 + 16.0 * EPS) + k * MIN_SUB }
}

/// The largest relative rounding the bounds' own evaluation can have made (see the module docs).
const BOUND_SLACK: f64 = 1e-9;

/// `got[k]` within `2 model[k].e` of `model[k].v`: both are within `e` of the exact value.
/// Non-finite values must match exactly (as `common::same_f64`); so must results whose bound is
/// zero.
#[track_caller]
pub fn assert_within(what: &str, got: &[f64], model: &[B]) {
    assert_eq!(got.len(), model.len(), "{what}: lengths differ");
    for (k, (&g, m)) in got.iter().zip(model).enumerate() {
        let ok = if !g.is_finite() || !m.v.is_finite() {
            g.to_bits() == m.v.to_bits() || (g.is_nan() && m.v.is_nan())
        } else {
            (g - m.v).abs() <= 2.0 * m.e * (1.0 + BOUND_SLACK)
        };
        assert!(
            ok,
            "{what}: element {k} of {}: got {g:e} ({:#x}), serial {:e}: differ by {:e}, more than the bound 2 e = {:e}",
            got.len(),
            g.to_bits(),
            m.v,
            (g - m.v).abs(),
            2.0 * m.e
        );
    }
}

/// The model replays serial's arithmetic: its values are serial's results bit for bit (NaN
/// matches NaN). A failure here is a mistake in the test's model, not in the kernel.
#[track_caller]
pub fn assert_model(what: &str, model: &[B], serial: &[f64]) {
    assert_eq!(model.len(), serial.len(), "{what}: the model has {} results, serial {}", model.len(), serial.len());
    for (k, (m, &s)) in model.iter().zip(serial).enumerate() {
        assert!(
            m.v.to_bits() == s.to_bits() || (m.v.is_nan() && s.is_nan()),
            "{what}: the model's element {k} is {:e} ({:#x}), serial's {s:e} ({:#x}): the model does not replay serial",
            m.v,
            m.v.to_bits(),
            s.to_bits()
        );
    }
}

/// The values of `model`.
pub fn values(model: &[B]) -> Vec<f64> {
    model.iter().map(|m| m.v).collect()
}

/// Exact values (bound 0), for results every variant must compute bit for bit.
pub fn exact(values: &[f64]) -> Vec<B> {
    values.iter().map(|&v| x(v)).collect()
}
