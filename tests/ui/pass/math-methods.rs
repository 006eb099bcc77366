// Every math method of the kernel language, in both call styles (`x.sqrt()` and
// `f64::sqrt(x)`); the serial variant must match std bit for bit.
use kernelize::ndarray::{Array2, ArrayViewMut2};
use kernelize::{kernel, prange};

const COLS: usize = 33;

#[kernel(parallel)]
fn methods(a: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = x - 0.5;
        out[[i, 0]] = y.abs();
        out[[i, 1]] = x.sqrt();
        out[[i, 2]] = y.cbrt();
        out[[i, 3]] = x.exp();
        out[[i, 4]] = x.exp2();
        out[[i, 5]] = x.exp_m1();
        out[[i, 6]] = x.ln();
        out[[i, 7]] = x.ln_1p();
        out[[i, 8]] = x.log2();
        out[[i, 9]] = x.log10();
        out[[i, 10]] = x.sin();
        out[[i, 11]] = x.cos();
        out[[i, 12]] = x.tan();
        out[[i, 13]] = y.tanh();
        out[[i, 14]] = y.sinh();
        out[[i, 15]] = y.cosh();
        out[[i, 16]] = y.asin();
        out[[i, 17]] = y.acos();
        out[[i, 18]] = y.atan();
        out[[i, 19]] = y.atan2(x);
        out[[i, 20]] = y.powi(3);
        out[[i, 21]] = x.powf(1.5);
        out[[i, 22]] = x.hypot(y);
        out[[i, 23]] = x.mul_add(y, 0.25);
        out[[i, 24]] = x.min(y + 0.6);
        out[[i, 25]] = x.max(y + 0.6);
        out[[i, 26]] = y.clamp(-0.25, 0.25);
        out[[i, 27]] = (y * 10.0).floor();
        out[[i, 28]] = (y * 10.0).ceil();
        out[[i, 29]] = (y * 10.0).round();
        out[[i, 30]] = (y * 10.0).trunc();
        out[[i, 31]] = y.signum();
        out[[i, 32]] = x.recip();
    }
}

#[kernel(parallel)]
fn paths(a: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let y = x - 0.5;
        out[[i, 0]] = f64::abs(y);
        out[[i, 1]] = f64::sqrt(x);
        out[[i, 2]] = f64::cbrt(y);
        out[[i, 3]] = f64::exp(x);
        out[[i, 4]] = f64::exp2(x);
        out[[i, 5]] = f64::exp_m1(x);
        out[[i, 6]] = f64::ln(x);
        out[[i, 7]] = f64::ln_1p(x);
        out[[i, 8]] = f64::log2(x);
        out[[i, 9]] = f64::log10(x);
        out[[i, 10]] = f64::sin(x);
        out[[i, 11]] = f64::cos(x);
        out[[i, 12]] = f64::tan(x);
        out[[i, 13]] = f64::tanh(y);
        out[[i, 14]] = f64::sinh(y);
        out[[i, 15]] = f64::cosh(y);
        out[[i, 16]] = f64::asin(y);
        out[[i, 17]] = f64::acos(y);
        out[[i, 18]] = f64::atan(y);
        out[[i, 19]] = f64::atan2(y, x);
        out[[i, 20]] = f64::powi(y, 3);
        out[[i, 21]] = f64::powf(x, 1.5);
        out[[i, 22]] = f64::hypot(x, y);
        out[[i, 23]] = f64::mul_add(x, y, 0.25);
        out[[i, 24]] = f64::min(x, y + 0.6);
        out[[i, 25]] = f64::max(x, y + 0.6);
        out[[i, 26]] = f64::clamp(y, -0.25, 0.25);
        out[[i, 27]] = f64::floor(y * 10.0);
        out[[i, 28]] = f64::ceil(y * 10.0);
        out[[i, 29]] = f64::round(y * 10.0);
        out[[i, 30]] = f64::trunc(y * 10.0);
        out[[i, 31]] = f64::signum(y);
        out[[i, 32]] = f64::recip(x);
    }
}

fn expected(x: f64) -> [f64; COLS] {
    let y = x - 0.5;
    [
        y.abs(),
        x.sqrt(),
        y.cbrt(),
        x.exp(),
        x.exp2(),
        x.exp_m1(),
        x.ln(),
        x.ln_1p(),
        x.log2(),
        x.log10(),
        x.sin(),
        x.cos(),
        x.tan(),
        y.tanh(),
        y.sinh(),
        y.cosh(),
        y.asin(),
        y.acos(),
        y.atan(),
        y.atan2(x),
        y.powi(3),
        x.powf(1.5),
        x.hypot(y),
        x.mul_add(y, 0.25),
        x.min(y + 0.6),
        x.max(y + 0.6),
        y.clamp(-0.25, 0.25),
        (y * 10.0).floor(),
        (y * 10.0).ceil(),
        (y * 10.0).round(),
        (y * 10.0).trunc(),
        y.signum(),
        x.recip(),
    ]
}

fn main() {
    let a: Vec<f64> = (1..=9).map(|k| k as f64 / 10.0 + 0.013).collect();
    let mut m = Array2::<f64>::zeros((a.len(), COLS));
    let mut p = Array2::<f64>::zeros((a.len(), COLS));
    methods(&a, m.view_mut());
    paths(&a, p.view_mut());
    for (i, &x) in a.iter().enumerate() {
        let want = expected(x);
        for c in 0..COLS {
            assert_eq!(m[[i, c]].to_bits(), want[c].to_bits(), "method column {c}, x = {x}");
            assert_eq!(p[[i, c]].to_bits(), want[c].to_bits(), "path column {c}, x = {x}");
        }
    }
}
