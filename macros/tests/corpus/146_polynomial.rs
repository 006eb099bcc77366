pub fn horner(coeffs: &[f64], x: f64) -> f64 {
    coeffs.iter().rev().fold(0.0, |acc, &c| acc.mul_add(x, c))
}

pub fn derivative(coeffs: &[f64]) -> Vec<f64> {
    coeffs.iter().enumerate().skip(1).map(|(i, &c)| c * i as f64).collect()
}

pub fn newton_root(coeffs: &[f64], mut x: f64, tol: f64) -> Result<f64, &'static str> {
    let d = derivative(coeffs);
    for _ in 0..100 {
        let fx = horner(coeffs, x);
        let dfx = horner(&d, x);
        if dfx.abs() < 1e-14 {
            return Err("zero derivative");
        }
        let step = fx / dfx;
        x -= step;
        if step.abs() < tol {
            return Ok(x);
        }
    }
    Err("did not converge")
}
