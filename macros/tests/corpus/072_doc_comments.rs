//! Module-level docs for the trapezoid integrator.
//!
//! Uses the composite trapezoid rule.

/// Integrates `f` over `[a, b]` with `n` panels.
///
/// # Examples
///
/// ```
/// let v = trapezoid(|x| x * x, 0.0, 1.0, 1000);
/// assert!((v - 1.0 / 3.0).abs() < 1e-6);
/// ```
pub fn trapezoid<F: Fn(f64) -> f64>(f: F, a: f64, b: f64, n: usize) -> f64 {
    /* block comment /* nested */ inside */
    let h = (b - a) / n as f64;
    let mut s = 0.5 * (f(a) + f(b));
    for i in 1..n {
        s += f(a + i as f64 * h); // line comment
    }
    s * h
}

/** Simpson's rule; `n` must be even. */
pub fn simpson<F: Fn(f64) -> f64>(f: F, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(a + i as f64 * h);
    }
    s * h / 3.0
}
